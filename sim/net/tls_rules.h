/* The modem's credential rules, explicit because mbedTLS itself is more
 * lenient: it parses PKCS#8 and skips a leading EC PARAMETERS block. */
#ifndef SLMSIM_TLS_RULES_H
#define SLMSIM_TLS_RULES_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "tls_profile.h"

struct cred;

enum key_format {
	KEY_UNKNOWN,
	KEY_PKCS1_RSA,		/* BEGIN RSA PRIVATE KEY */
	KEY_SEC1_EC,		/* BEGIN EC PRIVATE KEY */
	KEY_SEC1_EC_WITH_PARAMS,	/* BEGIN EC PARAMETERS, then EC PRIVATE KEY */
	KEY_PKCS8,		/* BEGIN PRIVATE KEY */
	KEY_PKCS8_ENCRYPTED,	/* BEGIN ENCRYPTED PRIVATE KEY */
};

enum key_format tls_key_format(const char *pem, size_t len);
const char *tls_key_format_name(enum key_format f);

/* Checks a private key (credential type 2) against the profile: format,
 * parse, curve.  Returns 0, or -1 with one line in why naming the rule, the
 * sec_tag and the fix. */
int tls_rule_check_key(const struct tls_profile *p, uint32_t sec_tag, const char *pem,
		       size_t len, const char *passwd, char *why, size_t whylen);

/* The client certificate (type 1) and key (type 2) of a sec_tag, parsed
 * into own and key when the profile can use them (the key rules above, the
 * certificate parses, the key belongs to it).  Returns 0, or -1 with the
 * broken rule in why: the handshake fails with it once the server asks
 * for a client certificate. */
int tls_rule_client_creds(const struct tls_profile *p, uint32_t sec_tag, const struct cred *crt,
			  const struct cred *key, mbedtls_x509_crt *own, mbedtls_pk_context *pk,
			  char *why, size_t whylen);

/* The server's certificate chain, chain_bytes of DER, against the profile's
 * limit: 0, or -1 with the rule in why. */
int tls_rule_check_chain(const struct tls_profile *p, size_t chain_bytes, char *why,
			 size_t whylen);

/* TLS records seen on the wire, for the secure socket buffer: application
 * records larger than the buffer break it. */
struct tls_record_watch {
	unsigned char hdr[5];
	size_t hdr_len, left;
};

/* Feeds received bytes; 0, or -1 with the rule in why once a record is too
 * large for the profile's buffer. */
int tls_rule_watch_records(const struct tls_profile *p, struct tls_record_watch *w,
			   const unsigned char *buf, size_t len, char *why, size_t whylen);

#endif
