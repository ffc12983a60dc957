/* Where a client connection goes and the socket that gets there: the
 * emulated DNS's answer with its explanation, the non-blocking socket, the
 * log line that names both.  net_conn.c runs the connection's states. */
#ifndef SLMSIM_CONN_DIAL_H
#define SLMSIM_CONN_DIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_addr.h"

struct resolver;
struct sim_ctx;

/* The address host:port resolves to in family (0: either, IPv4 first):
 * 0, or -EHOSTUNREACH with why. */
int conn_dial_lookup(const struct resolver *r, const char *host, uint16_t port, int family,
		     union net_addr *sa, char *why, size_t whylen);
/* A non-blocking TCP socket (a UDP one for DTLS) of family: the fd, or
 * -ENOMEM with why. */
int conn_dial_socket(int family, bool dgram, char *why, size_t whylen);
/* "connecting to HOST:PORT (ADDR:PORT), TLS" on the owner's log. */
void conn_dial_log(struct sim_ctx *ctx, const char *owner, bool accepted, const char *host,
		   uint16_t port, const union net_addr *sa, const char *tls);

#endif
