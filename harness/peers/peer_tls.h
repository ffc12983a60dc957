/* The server side of a socket peer's TLS, on mbedTLS: the replay's server
 * certificate, blocking I/O on an accepted socket (the peer process serves
 * one connection at a time). */
#ifndef SLMREPLAY_PEER_TLS_H
#define SLMREPLAY_PEER_TLS_H

#include <stdbool.h>
#include <stddef.h>

struct peer_tls_server;
struct peer_tls_conn;

/* NULL when a file does not load. */
struct peer_tls_server *peer_tls_server_new(const char *cert, const char *key, const char *ca);
void peer_tls_server_free(struct peer_tls_server *s);
/* Runs the handshake on fd, asking for a client certificate when mutual;
 * NULL when it fails (the modem says why). */
struct peer_tls_conn *peer_tls_accept(struct peer_tls_server *s, int fd, bool mutual);
/* DTLS 1.2 with a PSK (hex) and identity on fd, a UDP socket connected to
 * the client; NULL when the handshake fails. */
struct peer_tls_conn *peer_tls_accept_dtls(struct peer_tls_server *s, int fd, const char *psk_hex,
					   const char *identity);
/* Bytes read, 0 at the modem's close, -1 on an error. */
int peer_tls_read(struct peer_tls_conn *c, void *buf, size_t len);
/* Decrypted bytes already buffered. */
size_t peer_tls_pending(const struct peer_tls_conn *c);
int peer_tls_write(struct peer_tls_conn *c, const void *buf, size_t len);
/* Sends close_notify and frees; the caller closes fd. */
void peer_tls_close(struct peer_tls_conn *c);

#endif
