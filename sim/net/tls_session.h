/* One client TLS session of the modem on mbedTLS, over a connected
 * non-blocking socket: configured from the firmware profile and the
 * sec_tag's credentials, stepped by its owner (net_conn.c), with every
 * failure explained in one line. */
#ifndef SLMSIM_TLS_SESSION_H
#define SLMSIM_TLS_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cred_store;
struct tls_profile;
struct tls_service;
struct tls_session;

struct tls_session_params {
	const struct tls_profile *prof;
	struct tls_service *svc;	/* randomness */
	const struct cred_store *creds;
	uint32_t sec_tag;
	int verify;			/* 0 none, 1 optional, 2 required */
	const char *hostname;		/* SNI and name check; NULL: none */
	const char *peer;		/* the host connected to, for messages */
	bool dtls;			/* DTLS 1.2 over a connected UDP socket */
};

enum tls_step {
	TLS_STEP_DONE,		/* handshake over, or data moved */
	TLS_STEP_WANT_READ,
	TLS_STEP_WANT_WRITE,
	TLS_STEP_FAILED,	/* why says so */
	TLS_STEP_CLOSED,	/* the peer closed */
};

/* NULL with why set when the credentials cannot make a session. */
struct tls_session *tls_session_new(const struct tls_session_params *p, char *why, size_t whylen);
void tls_session_free(struct tls_session *s);
void tls_session_set_fd(struct tls_session *s, int fd);
enum tls_step tls_session_handshake(struct tls_session *s, char *why, size_t whylen);
/* *n bytes read (DONE), or another step. */
enum tls_step tls_session_read(struct tls_session *s, void *buf, size_t len, size_t *n,
			       char *why, size_t whylen);
enum tls_step tls_session_write(struct tls_session *s, const void *buf, size_t len, size_t *n,
				char *why, size_t whylen);
void tls_session_close_notify(struct tls_session *s);
const char *tls_session_cipher(const struct tls_session *s);
/* The peer reset the connection (the last failure was ECONNRESET). */
bool tls_session_reset(const struct tls_session *s);

#endif
