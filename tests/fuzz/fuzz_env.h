/* What every fuzz target shares: process services made once, an offline
 * resolver (no input may open a connection), and a frozen clock. */
#ifndef SLMSIM_FUZZ_ENV_H
#define SLMSIM_FUZZ_ENV_H

#include <ev.h>

#include "modem.h"
#include "resolver.h"

static struct sim_ctx *fuzz_ctx(void)
{
	static struct sim_ctx *ctx;

	if (!ctx) {
		ctx = sim_ctx_new(ev_loop_new(EVFLAG_AUTO), SIM_CLOCK_FROZEN, NULL);
		resolver_set_offline(ctx->resolver, true);
	}
	return ctx;
}

static void fuzz_discard(void *arg, const char *buf, size_t len)
{
	(void)arg;
	(void)buf;
	(void)len;
}

#endif
