#include "peer_hold.h"

#include "clock.h"
#include "sim_ctx.h"

static void grace_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct peer_hold *h = w->data;

	(void)loop;
	(void)revents;
	/* The peer said nothing for a while: let the clock reach the time-out. */
	if (h->held) {
		h->held = false;
		sim_clock_release(h->ctx->clock);
	}
}

void peer_hold_init(struct peer_hold *h, struct sim_ctx *ctx)
{
	h->ctx = ctx;
	h->held = false;
	ev_init(&h->grace, grace_cb);
	h->grace.repeat = HOLD_GRACE_S;
	h->grace.data = h;
}

void peer_hold_set(struct peer_hold *h, bool on)
{
	if (on == h->held) {
		if (!on)
			ev_timer_stop(h->ctx->loop, &h->grace);
		return;
	}
	h->held = on;
	if (on) {
		sim_clock_hold(h->ctx->clock);
		ev_timer_again(h->ctx->loop, &h->grace);
	} else {
		sim_clock_release(h->ctx->clock);
		ev_timer_stop(h->ctx->loop, &h->grace);
	}
}

void peer_hold_progress(struct peer_hold *h)
{
	if (h->held)
		ev_timer_again(h->ctx->loop, &h->grace);
}

bool peer_hold_active(const struct peer_hold *h) { return h->held; }
