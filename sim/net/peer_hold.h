/* Holding virtual time while the modem waits on a real peer (a TCP
 * connect, a handshake, an answer it is owed), so a skipped time-out never
 * overtakes the peer.  A peer silent for HOLD_GRACE_S of real time lets the
 * clock go, so a dead peer's time-out can still come. */
#ifndef SLMSIM_PEER_HOLD_H
#define SLMSIM_PEER_HOLD_H

#include <ev.h>
#include <stdbool.h>

#define HOLD_GRACE_S 2.0

struct sim_ctx;

struct peer_hold {
	struct sim_ctx *ctx;
	ev_timer grace;
	bool held;
};

void peer_hold_init(struct peer_hold *h, struct sim_ctx *ctx);
/* Hold (or release) the clock for this peer. */
void peer_hold_set(struct peer_hold *h, bool on);
/* The peer said something: its grace starts again. */
void peer_hold_progress(struct peer_hold *h);
bool peer_hold_active(const struct peer_hold *h);

#endif
