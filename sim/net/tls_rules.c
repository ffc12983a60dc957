#include "tls_rules.h"

#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cred_store.h"

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

int tls_rule_client_creds(const struct tls_profile *p, uint32_t sec_tag, const struct cred *crt,
			  const struct cred *key, mbedtls_x509_crt *own, mbedtls_pk_context *pk,
			  char *why, size_t whylen)
{
	int rc;

	if (!crt || !key) {
		if (crt || key)
			snprintf(why, whylen, "sec_tag %u has a %s but no %s; the modem needs both for "
				 "client authentication", sec_tag,
				 crt ? "client certificate (type 1)" : "private key (type 2)",
				 crt ? "private key (type 2)" : "client certificate (type 1)");
		else
			snprintf(why, whylen, "sec_tag %u has no client certificate (type 1) and "
				 "private key (type 2), but the server asked for them", sec_tag);
		return -1;
	}
	/* mbedTLS parses PEM with its NUL. */
	rc = mbedtls_x509_crt_parse(own, (const unsigned char *)crt->data, crt->len + 1);
	if (rc) {
		snprintf(why, whylen, "rule cert-parse: sec_tag %u type 1 (client certificate) is not "
			 "a valid certificate (mbedTLS -0x%04x)", sec_tag, (unsigned)-rc);
		return -1;
	}
	if (tls_rule_check_key(p, sec_tag, key->data, key->len, key->passwd, why, whylen))
		return -1;
	if (mbedtls_pk_parse_key(pk, (const unsigned char *)key->data, key->len + 1,
				 (const unsigned char *)key->passwd,
				 key->passwd ? strlen(key->passwd) : 0))
		return -1;
	if (mbedtls_pk_check_pair(&own->pk, pk)) {
		snprintf(why, whylen, "rule key-pair: the private key (type 2) in sec_tag %u does not "
			 "belong to the client certificate (type 1); write the key the certificate "
			 "was issued for", sec_tag);
		return -1;
	}
	return 0;
}

int tls_rule_check_chain(const struct tls_profile *p, size_t chain_bytes, char *why,
			 size_t whylen)
{
	if (!p->max_server_chain || chain_bytes <= p->max_server_chain)
		return 0;
	snprintf(why, whylen, "rule server-chain-size: the server sent a certificate chain of %zu "
		 "bytes; %s accepts at most %zu; serve a shorter chain (leaf and one intermediate, "
		 "ECDSA certificates are smaller)", chain_bytes, p->name, p->max_server_chain);
	return -1;
}

int tls_rule_watch_records(const struct tls_profile *p, struct tls_record_watch *w,
			   const unsigned char *buf, size_t len, char *why, size_t whylen)
{
	size_t limit = p->record_buffer + 256;	/* room for IV, MAC, padding */

	if (p->record_buffer >= 16384)
		return 0;
	while (len) {
		if (w->left) {
			size_t n = len < w->left ? len : w->left;

			w->left -= n;
			buf += n;
			len -= n;
			continue;
		}
		w->hdr[w->hdr_len++] = *buf++;
		len--;
		if (w->hdr_len < 5)
			continue;
		w->hdr_len = 0;
		w->left = ((size_t)w->hdr[3] << 8) | w->hdr[4];
		if (w->hdr[0] == MBEDTLS_SSL_MSG_APPLICATION_DATA && w->left > limit) {
			snprintf(why, whylen, "rule record-buffer: the server sent a %zu-byte TLS "
				 "application record; the modem's secure socket buffer is %zu bytes "
				 "(profile %s); send smaller messages or have the server limit its TLS "
				 "records (e.g. OpenSSL max_send_fragment)", w->left, p->record_buffer,
				 p->name);
			return -1;
		}
	}
	return 0;
}
