/* What one modem firmware accepts for TLS and credentials, as data.  The
 * handshake code reads these values and never names a firmware itself. */
#ifndef SLMSIM_TLS_PROFILE_H
#define SLMSIM_TLS_PROFILE_H

#include <mbedtls/ecp.h>
#include <stdbool.h>
#include <stddef.h>

struct tls_profile {
	const char *name;
	const char *summary;
	const int *ciphersuites;	/* IANA ids, 0-terminated */
	const mbedtls_ecp_group_id *curves;	/* MBEDTLS_ECP_DP_NONE-terminated */
	size_t max_server_chain;	/* bytes of DER the server may send; 0 = no limit */
	bool verify_expiry;		/* check notBefore/notAfter of the server chain */
	size_t record_buffer;		/* secure socket buffer: largest application record */
	bool negotiate_mfl;		/* offer max_fragment_length = record_buffer */
	int max_tls_sessions;		/* simultaneous TLS connections per modem */
	int max_credentials;
	size_t credential_storage;	/* bytes of content the store holds */
	bool pkcs8_keys;		/* "BEGIN PRIVATE KEY" usable */
	bool ec_parameters_block;	/* a key PEM may start with "BEGIN EC PARAMETERS" */
	bool dtls_psk_only;		/* DTLS authenticates with a PSK, never certificates */
	int tcp_connect_timeout_ms;
	int handshake_timeout_ms;
};

const struct tls_profile *tls_profile_find(const char *name);
const struct tls_profile *tls_profile_default(void);
/* NULL-terminated list, for --help and errors. */
const struct tls_profile *const *tls_profile_all(void);
/* True when the profile allows this curve (mbedtls_ecp_group_id). */
bool tls_profile_curve_ok(const struct tls_profile *p, mbedtls_ecp_group_id grp);

#endif
