/* What the socket peers of a replay must do, read from the log: for every
 * connection (#XCONNECT) or datagram destination (#XSENDTO), the bytes the
 * modem sends and, after them, the bytes the log shows it received
 * (#XRECV, #XRECVFROM) or the peer's orderly close.  Also the addresses the
 * log shows for names (#XGETADDRINFO, #XRECVFROM senders), which the
 * emulated DNS then reports. */
#ifndef SLMREPLAY_PEER_PLAN_H
#define SLMREPLAY_PEER_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "script.h"
#include "world.h"

enum flow_kind { FLOW_TCP, FLOW_TLS, FLOW_UDP, FLOW_DTLS };

/* After the peer has read `after` bytes (datagrams, for UDP) of the flow,
 * and, for an answer the log shows coming unasked (at > 0), once the
 * replay has reached log time `at` (the runner says so: virtual time), it
 * sends data, or closes. */
struct peer_op {
	size_t after;
	int64_t at;
	char *data;
	size_t len;
	bool close;
	bool connect;		/* a client peer connects to the modem's server now */
};

/* One TCP/TLS connection, or one UDP destination, in log order. */
struct peer_flow {
	char host[129];
	int port;
	enum flow_kind kind;
	bool mutual;		/* TLS: the socket's sec_tag has a client certificate */
	/* DTLS: the PSK (hex) and identity the log writes for the sec_tag. */
	char psk[131], psk_identity[129];
	/* The peer is the client of the modem's server (#XTCPSVR, #XUDPSVR) at
	 * port; host is the client address the log shows ("" none). */
	bool connects;
	struct peer_op *ops;
	size_t n_ops;
	size_t sent;		/* while building: what the modem sent so far */
};

struct shown_name {
	char host[129];
	char addr[16];		/* dotted IPv4 the log shows for it */
};

struct peer_plan {
	struct peer_flow *flows;
	size_t n;
	struct shown_name *names;
	size_t n_names;
};

/* Reads the plan from a built script and its world; the set-up it needs
 * (a test PSK for a DTLS sec_tag the log never writes) and its notes go to
 * the world. */
void peer_plan_build(struct peer_plan *p, const struct script *sc, struct world *wd);
void peer_plan_free(struct peer_plan *p);
const char *flow_kind_name(enum flow_kind k);
/* The first log time after `after` at which an answer is due; INT64_MAX
 * when none. */
int64_t peer_plan_next_at(const struct peer_plan *p, int64_t after);
/* The address the log shows for host, or NULL. */
const char *peer_plan_shown(const struct peer_plan *p, const char *host);

#endif
