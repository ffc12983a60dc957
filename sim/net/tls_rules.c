#include "tls_rules.h"

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *find(const char *hay, size_t len, const char *needle)
{
	return memmem(hay, len, needle, strlen(needle));
}

enum key_format tls_key_format(const char *pem, size_t len)
{
	const char *params = find(pem, len, "-----BEGIN EC PARAMETERS-----");

	if (find(pem, len, "-----BEGIN ENCRYPTED PRIVATE KEY-----"))
		return KEY_PKCS8_ENCRYPTED;
	if (find(pem, len, "-----BEGIN PRIVATE KEY-----"))
		return KEY_PKCS8;
	if (find(pem, len, "-----BEGIN RSA PRIVATE KEY-----"))
		return KEY_PKCS1_RSA;
	if (find(pem, len, "-----BEGIN EC PRIVATE KEY-----"))
		return params ? KEY_SEC1_EC_WITH_PARAMS : KEY_SEC1_EC;
	return KEY_UNKNOWN;
}

const char *tls_key_format_name(enum key_format f)
{
	switch (f) {
	case KEY_PKCS1_RSA: return "PKCS#1 RSA (BEGIN RSA PRIVATE KEY)";
	case KEY_SEC1_EC: return "SEC1 EC (BEGIN EC PRIVATE KEY)";
	case KEY_SEC1_EC_WITH_PARAMS: return "EC PARAMETERS block + SEC1 EC key";
	case KEY_PKCS8: return "PKCS#8 (BEGIN PRIVATE KEY)";
	case KEY_PKCS8_ENCRYPTED: return "encrypted PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY)";
	case KEY_UNKNOWN: break;
	}
	return "no PEM private key";
}

int tls_rule_check_key(const struct tls_profile *p, uint32_t sec_tag, const char *pem,
		       size_t len, const char *passwd, char *why, size_t whylen)
{
	enum key_format f = tls_key_format(pem, len);
	mbedtls_pk_context pk;
	unsigned char *buf;
	int rc;

	switch (f) {
	case KEY_UNKNOWN:
		snprintf(why, whylen, "rule key-format: sec_tag %u type 2 (private key) holds no PEM "
			 "private key; write a PKCS#1 RSA or SEC1 EC key", sec_tag);
		return -1;
	case KEY_PKCS8:
	case KEY_PKCS8_ENCRYPTED:
		if (p->pkcs8_keys)
			break;
		snprintf(why, whylen, "rule no-pkcs8: sec_tag %u type 2 (private key) is %s, which "
			 "%s does not support; convert it with 'openssl pkey -in key.pem -traditional "
			 "-out key-trad.pem' (gives BEGIN RSA/EC PRIVATE KEY) and write that",
			 sec_tag, tls_key_format_name(f), p->name);
		return -1;
	case KEY_SEC1_EC_WITH_PARAMS:
		if (p->ec_parameters_block)
			break;
		snprintf(why, whylen, "rule ec-parameters-block: sec_tag %u type 2 (private key) "
			 "starts with an EC PARAMETERS block before the EC PRIVATE KEY (OpenSSL's "
			 "'ecparam -genkey' output); %s cannot use such a key; strip it with "
			 "'openssl ec -in key.pem -out key-sec1.pem' or generate with 'openssl ecparam "
			 "-genkey -noout -name prime256v1', then write the key again", sec_tag, p->name);
		return -1;
	default:
		break;
	}
	/* mbedtls_pk_parse_key wants the NUL inside the length for PEM. */
	buf = malloc(len + 1);
	if (!buf) {
		snprintf(why, whylen, "out of memory");
		return -1;
	}
	memcpy(buf, pem, len);
	buf[len] = '\0';
	mbedtls_pk_init(&pk);
	rc = mbedtls_pk_parse_key(&pk, buf, len + 1, (const unsigned char *)passwd,
				  passwd ? strlen(passwd) : 0);
	free(buf);
	if (rc) {
		snprintf(why, whylen, "rule key-parse: sec_tag %u type 2 (private key) is not a "
			 "valid %s (mbedTLS -0x%04x); check the base64 body was written completely",
			 sec_tag, tls_key_format_name(f), (unsigned)-rc);
		mbedtls_pk_free(&pk);
		return -1;
	}
	if (mbedtls_pk_get_type(&pk) == MBEDTLS_PK_ECKEY) {
		mbedtls_ecp_group_id grp = mbedtls_pk_ec(pk)->grp.id;

		if (!tls_profile_curve_ok(p, grp)) {
			const mbedtls_ecp_curve_info *ci = mbedtls_ecp_curve_info_from_grp_id(grp);

			snprintf(why, whylen, "rule curve: sec_tag %u type 2 (private key) is on curve "
				 "%s, which %s does not offer; use a secp256r1 (prime256v1) or "
				 "secp384r1 key", sec_tag, ci ? ci->name : "unknown", p->name);
			mbedtls_pk_free(&pk);
			return -1;
		}
	}
	mbedtls_pk_free(&pk);
	return 0;
}
