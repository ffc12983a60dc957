#include "sim_ctx.h"

#include <stdlib.h>

#include "clock.h"
#include "resolver.h"
#include "tls_service.h"

struct sim_ctx *sim_ctx_new(struct ev_loop *loop, enum sim_clock_mode mode, struct sim_log *log)
{
	struct sim_ctx *ctx = calloc(1, sizeof(*ctx));

	if (!ctx)
		return NULL;
	ctx->loop = loop;
	ctx->log = log;
	if (mode == SIM_CLOCK_FROZEN) {
		ctx->clock = sim_clock_new_frozen(loop);
		/* Nothing jumps on its own: the owner moves the clock. */
		if (ctx->clock)
			sim_clock_set_horizon(ctx->clock, INT64_MIN);
	} else {
		ctx->clock = sim_clock_new(loop, mode == SIM_CLOCK_VIRTUAL);
	}
	ctx->tls = tls_service_new();
	ctx->resolver = resolver_new();
	if (!ctx->clock || !ctx->tls || !ctx->resolver) {
		sim_ctx_free(ctx);
		return NULL;
	}
	return ctx;
}

void sim_ctx_free(struct sim_ctx *ctx)
{
	if (!ctx)
		return;
	if (ctx->sms)
		ctx->sms_free(ctx->sms);
	sim_clock_free(ctx->clock);
	tls_service_free(ctx->tls);
	resolver_free(ctx->resolver);
	free(ctx);
}
