/* What every fuzz target shares: process services made once, an offline
 * resolver (no input may open a connection), and a frozen clock. */
#ifndef SLMSIM_FUZZ_ENV_H
#define SLMSIM_FUZZ_ENV_H

#include <ev.h>

#include "modem.h"
#include "resolver.h"
#include "tls_profile.h"
#include "tls_service.h"

static struct sim_ctx *fuzz_ctx(void)
{
	static struct sim_ctx ctx;

	if (!ctx.loop) {
		ctx.loop = ev_loop_new(EVFLAG_AUTO);
		ctx.clock = sim_clock_new_frozen(ctx.loop);
		sim_clock_set_horizon(ctx.clock, INT64_MIN);
		ctx.tls = tls_service_new();
		ctx.resolver = resolver_new();
		resolver_set_offline(ctx.resolver, true);
		ctx.profile = tls_profile_default();
		ctx.log = NULL;
	}
	return &ctx;
}

static void fuzz_discard(void *arg, const char *buf, size_t len)
{
	(void)arg;
	(void)buf;
	(void)len;
}

#endif
