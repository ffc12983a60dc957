/* --fault handshake-stall: the outcome of a TLS handshake held back on the
 * clock, as the report's blocking connect took 36 minutes to say ERROR.
 * The clock is not held meanwhile, so virtual time skips the wait. */
#ifndef SLMSIM_FAULT_STALL_H
#define SLMSIM_FAULT_STALL_H

#include <stdbool.h>

#include "clock.h"

struct sim_ctx;

struct fault_stall {
	struct sim_timer timer;
	bool used;		/* one stall per connection */
	int err;		/* the outcome held: 0 open, -errno failed */
	void (*deliver)(void *arg, int err);
	void *arg;
};

void fault_stall_init(struct fault_stall *f, void (*deliver)(void *arg, int err), void *arg);
/* True when the context asks for a stall: deliver(arg, err) comes that much
 * later instead of now. */
bool fault_stall_hold(struct fault_stall *f, struct sim_ctx *ctx, const char *owner, int err);
void fault_stall_stop(struct fault_stall *f);

#endif
