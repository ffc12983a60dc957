/* The in-process emulator target: one modem on its own event loop, the
 * clock in virtual mode with the runner deciding how far it may run. */
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "config.h"
#include "modem.h"
#include "resolver.h"
#include "sim_log.h"
#include "target.h"
#include "tls_profile.h"

struct sim_impl {
	struct ev_loop *loop;
	struct sim_ctx *ctx;
	struct sim_log log;
	struct modem *m;
	struct target *t;
};

static int64_t sim_now(struct target *t)
{
	struct sim_impl *im = t->impl;

	return sim_clock_now(im->ctx->clock);
}

static void on_tx(void *arg, const char *buf, size_t len)
{
	struct sim_impl *im = arg;

	target_take_bytes(im->t, buf, len, sim_clock_now(im->ctx->clock));
}

static void on_why(void *arg, const char *modem, const char *text)
{
	struct sim_impl *im = arg;
	struct target *t = im->t;

	(void)modem;
	t->whys = realloc(t->whys, (t->nwhys + 1) * sizeof(*t->whys));
	t->whys[t->nwhys].text = strdup(text);
	t->whys[t->nwhys++].t = sim_clock_now(im->ctx->clock);
}

static int sim_send(struct target *t, const char *buf, size_t len)
{
	struct sim_impl *im = t->impl;

	modem_input(im->m, (const uint8_t *)buf, len);
	return 0;
}

/* Time moves only here.  While a service waits on the real broker (the
 * clock is held) the loop waits for its I/O; otherwise the clock jumps
 * from timer to timer up to until. */
static void sim_advance(struct target *t, int64_t until)
{
	struct sim_impl *im = t->impl;
	struct sim_clock *c = im->ctx->clock;
	size_t before = t->nlines;

	ev_run(im->loop, EVRUN_NOWAIT);
	while (t->nlines == before && sim_clock_now(c) < until) {
		if (sim_clock_holds(c) == 0) {
			int64_t next = sim_clock_next_due(c);

			sim_clock_advance_to(c, next < until ? next : until);
			ev_run(im->loop, EVRUN_NOWAIT);
		} else {
			ev_run(im->loop, EVRUN_ONCE);
		}
	}
}

static void sim_set_wall(struct target *t, int64_t epoch_ms)
{
	struct sim_impl *im = t->impl;

	sim_clock_set_epoch(im->ctx->clock, epoch_ms - sim_clock_now(im->ctx->clock));
}

static void sim_settle(struct target *t, int real_ms)
{
	struct sim_impl *im = t->impl;
	size_t before = t->nlines;
	int64_t end = clock_mono_ms() + real_ms;

	while (t->nlines == before && clock_mono_ms() < end) {
		struct timespec nap = { 0, 1000000 };

		ev_run(im->loop, EVRUN_NOWAIT);
		nanosleep(&nap, NULL);
	}
}

static int sim_drive_net(struct target *t, int stat)
{
	struct sim_impl *im = t->impl;

	modem_net_drive(im->m, stat);
	return 0;
}

static void sim_boot(struct target *t)
{
	struct sim_impl *im = t->impl;

	modem_start(im->m);
}

static void sim_close(struct target *t)
{
	struct sim_impl *im = t->impl;

	modem_free(im->m);
	sim_ctx_free(im->ctx);
	if (im->log.diag)
		fclose(im->log.diag);
	ev_loop_destroy(im->loop);
	free(im);
	target_free_lines(t);
	free(t);
}

int target_sim_resolve(struct target *t, const char *host, int port, int to_port,
		       const char *shown)
{
	struct sim_impl *im = t->impl;
	char spec[320], err[256];
	int n;

	if (port)
		n = snprintf(spec, sizeof(spec), "%s:%d=127.0.0.1:%d", host, port, to_port);
	else
		n = snprintf(spec, sizeof(spec), "%s=127.0.0.1", host);
	if (shown)
		snprintf(spec + n, sizeof(spec) - (size_t)n, ",%s", shown);
	return resolver_add(im->ctx->resolver, spec, err, sizeof(err));
}

struct target *target_sim_new(const struct sim_target_opts *o, char *err, size_t errlen)
{
	struct target *t = calloc(1, sizeof(*t));
	struct sim_impl *im = calloc(1, sizeof(*im));
	struct modem_config cfg;

	if (o->cfg)
		cfg = *(const struct modem_config *)o->cfg;
	else
		config_defaults(&cfg);
	im->t = t;
	t->impl = im;
	im->loop = ev_loop_new(EVFLAG_AUTO);
	im->log.why_hook = on_why;
	im->log.why_arg = im;
	if (o->log_path && !(im->log.diag = fopen(o->log_path, "w"))) {
		snprintf(err, errlen, "cannot write %s", o->log_path);
		sim_close(t);
		return NULL;
	}
	/* The runner moves time; the loop never jumps on its own. */
	im->ctx = sim_ctx_new(im->loop, SIM_CLOCK_FROZEN, &im->log);
	if (!im->ctx) {
		snprintf(err, errlen, "out of memory");
		sim_close(t);
		return NULL;
	}
	sim_clock_set_epoch(im->ctx->clock, o->epoch_at_zero);
	im->ctx->faults.handshake_stall_ms = o->handshake_stall_ms;
	/* None asked: the modem's firmware's. */
	if (o->profile && !(im->ctx->profile = tls_profile_find(o->profile))) {
		snprintf(err, errlen, "unknown profile %s", o->profile);
		sim_close(t);
		return NULL;
	}
	im->m = modem_new(im->ctx, 0, &cfg, err, errlen);
	if (!im->m)
		return NULL;
	modem_set_tx(im->m, on_tx, im);
	t->impl = im;
	snprintf(t->desc, sizeof(t->desc), "slmsim in-process (virtual time, profile %s)",
		 modem_tls_name(im->m));
	t->can_drive_net = true;
	t->can_boot = true;
	t->now = sim_now;
	t->send = sim_send;
	t->advance = sim_advance;
	t->drive_net = sim_drive_net;
	t->boot = sim_boot;
	t->settle = sim_settle;
	t->set_wall = sim_set_wall;
	t->close = sim_close;
	return t;
}
