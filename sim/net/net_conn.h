/* A client connection of the emulated modem: TCP, optionally with TLS run
 * by mbedTLS under the firmware profile's rules.  Everything is
 * non-blocking on the event loop; results come back through callbacks and
 * every failure carries a one-line explanation (conn_why). */
#ifndef SLMSIM_NET_CONN_H
#define SLMSIM_NET_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_addr.h"

struct sim_ctx;
struct cred_store;
struct tls_profile;
struct conn;

#define CONN_WHY_MAX 768	/* one explanation line */

enum conn_verify { CONN_VERIFY_NONE = 0, CONN_VERIFY_OPTIONAL = 1, CONN_VERIFY_REQUIRED = 2 };

/* Traffic of the modem's sockets (%XCONNSTAT): payload bytes each way and
 * the packets sent.  on_traffic, when set, hears of every transfer (the
 * radio's connection state follows it). */
struct link_stats {
	uint64_t tx, rx, packets, max_packet;
	void (*on_traffic)(void *arg);
	void *arg;
};

static inline void link_stats_add(struct link_stats *s, size_t tx, size_t rx)
{
	if (!s)
		return;
	if ((tx || rx) && s->on_traffic)
		s->on_traffic(s->arg);
	s->tx += tx;
	s->rx += rx;
	if (tx) {
		s->packets++;
		if (tx > s->max_packet)
			s->max_packet = tx;
	}
}

struct conn_params {
	const char *host;		/* name to resolve */
	int family;			/* its answer's: AF_INET6, AF_INET, or 0 either */
	uint16_t port;
	bool tls;
	bool dtls;			/* with tls: DTLS over UDP instead of TLS over TCP */
	uint32_t sec_tag;
	enum conn_verify verify;
	const char *hostname;		/* TLS SNI and name check; NULL: none */
	const struct cred_store *creds;
	const struct tls_profile *prof;	/* the modem's; NULL: the context's, else the default */
	int *tls_count;			/* the modem's open TLS sessions */
	const char *owner;		/* modem name, for the log */
	struct link_stats *stats;	/* NULL: not counted */
	bool outside;			/* another client, not the modem: no modem faults */
	int accepted_fd;		/* > 0: a connection accept() gave (plain TCP); no
					 * connect, on_open follows from the loop */
};

struct conn_ops {
	/* why: the failure in one line, valid during the call */
	void (*on_open)(void *arg, int err, const char *why);	/* 0, or -errno */
	void (*on_data)(void *arg);		/* bytes ready for conn_recv() */
	void (*on_closed)(void *arg, int err, const char *why);	/* peer closed (-ENOTCONN) or failed */
};

/* 0: connecting, on_open follows.  -errno: failed at once (DNS, limits),
 * why says so and no callback follows. */
int conn_open(struct conn **out, struct sim_ctx *ctx, const struct conn_params *p,
	      const struct conn_ops *ops, void *arg, char *why, size_t whylen);
int conn_send(struct conn *c, const void *buf, size_t len);
size_t conn_recv(struct conn *c, void *buf, size_t len);
size_t conn_rx_pending(const struct conn *c);
/* Holds the clock while the owner waits for the peer's answer (MQTT
 * CONNACK, PINGRESP), so virtual time does not skip past it. */
void conn_await(struct conn *c, bool waiting);
const char *conn_why(const struct conn *c);
/* The peer's address and port: the one connected to, or the accepted client's. */
void conn_peer_addr(const struct conn *c, union net_addr *out);
const char *conn_cipher(const struct conn *c);
/* The far side closes (slmctl peer-close, broker-disconnect): the owner
 * reads what was in flight, then the end of file (on_closed -ENOTCONN),
 * as a peer's FIN shows; the socket is then closed, so the real peer sees
 * the end too.  -ENOTCONN when not open. */
int conn_peer_close(struct conn *c);
/* Closes without further callbacks. */
void conn_close(struct conn *c);

#endif
