/* A TCP server socket of the emulated modem (#XBIND, #XLISTEN, #XACCEPT):
 * bound on the host's loopback, so a local client reaches the modem's
 * server; non-blocking on the event loop, holding virtual time while its
 * owner waits for a client. */
#ifndef SLMSIM_TCP_LISTEN_H
#define SLMSIM_TCP_LISTEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_addr.h"

struct sim_ctx;
struct tcp_listen;

/* A client is waiting to be accepted. */
typedef void (*tcp_listen_fn)(void *arg);

/* A TCP socket of family bound to the host's loopback (127.0.0.1 or ::1)
 * at port; NULL with why set. */
struct tcp_listen *tcp_listen_open(struct sim_ctx *ctx, int family, uint16_t port, char *why,
				   size_t whylen);
void tcp_listen_close(struct tcp_listen *l);
/* listen(); 0, or -errno with why. */
int tcp_listen_start(struct tcp_listen *l, int backlog, char *why, size_t whylen);
bool tcp_listen_started(const struct tcp_listen *l);
/* One waiting client's connected fd (non-blocking) and address; -EAGAIN
 * when none waits, other -errno with why. */
int tcp_listen_accept(struct tcp_listen *l, union net_addr *from, char *why, size_t whylen);
/* Wait for a client: on_ready(arg) when one is there, virtual time held
 * meanwhile when hold (an owner that answers the host only then); waiting
 * false ends the wait. */
void tcp_listen_await(struct tcp_listen *l, bool waiting, tcp_listen_fn on_ready, void *arg,
		      bool hold);

#endif
