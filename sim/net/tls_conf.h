/* The mbedTLS configuration of the modem's client sessions: the profile's
 * protocol version, suites, curves and fragment length, the peer
 * verification mode, and the sec_tag's credentials as they are at this
 * connect.  Sessions with the same profile, mode and credential contents
 * share one configuration and its parsed root CA, client certificate and
 * key (tls_shared.h): a fleet parses them once, and a credential rewritten
 * with %CMNG has new content, so the next connect parses it afresh. */
#ifndef SLMSIM_TLS_CONF_H
#define SLMSIM_TLS_CONF_H

#include <mbedtls/ssl.h>
#include <stddef.h>

struct tls_service;
struct tls_session_params;

/* The configuration for p, with one more holder; NULL with why when the
 * credentials cannot make a session.  key_rule gets the client-credential
 * rule they break ("" when none): the handshake fails with it once the
 * server asks for a client certificate. */
const mbedtls_ssl_config *tls_conf_acquire(const struct tls_session_params *p, char *key_rule,
					   size_t krlen, char *why, size_t whylen);
void tls_conf_release(struct tls_service *svc, const mbedtls_ssl_config *conf);
/* Configurations, CAs and client credentials alive, for tests. */
size_t tls_conf_shared_count(const struct tls_service *svc);

#endif
