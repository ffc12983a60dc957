#include "fault_stall.h"

#include "sim_ctx.h"
#include "sim_log.h"

static void stall_cb(struct sim_timer *t, void *arg)
{
	struct fault_stall *f = arg;

	(void)t;
	f->deliver(f->arg, f->err);
}

void fault_stall_init(struct fault_stall *f, void (*deliver)(void *arg, int err), void *arg)
{
	sim_timer_init(&f->timer, stall_cb, f);
	f->used = false;
	f->deliver = deliver;
	f->arg = arg;
}

bool fault_stall_hold(struct fault_stall *f, struct sim_ctx *ctx, const char *owner, int err)
{
	int64_t ms = ctx->faults.handshake_stall_ms;

	if (ms <= 0 || f->used)
		return false;
	f->used = true;
	f->err = err;
	slog_printf(ctx->log, sim_clock_epoch_ms(ctx->clock), owner, SLOG_INFO,
		    "fault handshake-stall: the handshake %s; answering in %lld ms",
		    err ? "failed" : "succeeded", (long long)ms);
	sim_timer_start(ctx->clock, &f->timer, ms);
	return true;
}

void fault_stall_stop(struct fault_stall *f)
{
	sim_timer_stop(&f->timer);
}
