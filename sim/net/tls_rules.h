/* The modem's credential rules, explicit because mbedTLS itself is more
 * lenient: it parses PKCS#8 and skips a leading EC PARAMETERS block. */
#ifndef SLMSIM_TLS_RULES_H
#define SLMSIM_TLS_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "tls_profile.h"

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

#endif
