/* The in-process emulator target: one modem on its own event loop, the
 * clock in virtual mode with the runner deciding how far it may run. */
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "modem.h"
#include "resolver.h"
#include "target.h"
#include "tls_profile.h"
#include "tls_service.h"

struct sim_impl {
	struct ev_loop *loop;
	struct sim_ctx ctx;
	struct sim_log log;
	struct modem *m;
	struct target *t;
};

static int64_t sim_now(struct target *t)
{
	struct sim_impl *im = t->impl;

	return sim_clock_now(im->ctx.clock);
}

static void on_tx(void *arg, const char *buf, size_t len)
{
	struct sim_impl *im = arg;

	target_take_bytes(im->t, buf, len, sim_clock_now(im->ctx.clock));
}

static void on_why(void *arg, const char *modem, const char *text)
{
	struct sim_impl *im = arg;
	struct target *t = im->t;

	(void)modem;
	t->whys = realloc(t->whys, (t->nwhys + 1) * sizeof(*t->whys));
	t->whys[t->nwhys].text = strdup(text);
	t->whys[t->nwhys++].t = sim_clock_now(im->ctx.clock);
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
	struct sim_clock *c = im->ctx.clock;
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

static int sim_drive_net(struct target *t, int stat)
{
	struct sim_impl *im = t->impl;
	struct net_model *n = &im->m->net;

	if (stat == 1 || stat == 5) {
		if (net_registered(n))
			net_reannounce(n);
		else
			net_regain(n);
	} else {
		net_lose(n, (enum net_stat)stat);
	}
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
	sim_clock_free(im->ctx.clock);
	tls_service_free(im->ctx.tls);
	resolver_free(im->ctx.resolver);
	if (im->log.diag)
		fclose(im->log.diag);
	ev_loop_destroy(im->loop);
	free(im);
	target_free_lines(t);
	free(t);
}

int target_sim_resolve(struct target *t, const char *host, int port, int to_port)
{
	struct sim_impl *im = t->impl;
	char spec[300], err[256];

	snprintf(spec, sizeof(spec), "%s:%d=127.0.0.1:%d", host, port, to_port);
	return resolver_add(im->ctx.resolver, spec, err, sizeof(err));
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
	im->loop = ev_loop_new(EVFLAG_AUTO);
	im->ctx.loop = im->loop;
	im->ctx.log = &im->log;
	im->log.why_hook = on_why;
	im->log.why_arg = im;
	if (o->log_path && !(im->log.diag = fopen(o->log_path, "w"))) {
		snprintf(err, errlen, "cannot write %s", o->log_path);
		return NULL;
	}
	im->ctx.clock = sim_clock_new_frozen(im->loop);
	/* The runner moves time; the loop never jumps on its own. */
	sim_clock_set_horizon(im->ctx.clock, INT64_MIN);
	sim_clock_set_epoch(im->ctx.clock, o->epoch_at_zero);
	im->ctx.faults.handshake_stall_ms = o->handshake_stall_ms;
	im->ctx.tls = tls_service_new();
	im->ctx.resolver = resolver_new();
	im->ctx.profile = o->profile ? tls_profile_find(o->profile) : tls_profile_default();
	if (!im->ctx.profile) {
		snprintf(err, errlen, "unknown profile %s", o->profile);
		return NULL;
	}
	im->m = modem_new(&im->ctx, 0, &cfg, err, errlen);
	if (!im->m)
		return NULL;
	modem_set_tx(im->m, on_tx, im);
	t->impl = im;
	snprintf(t->desc, sizeof(t->desc), "slmsim in-process (virtual time, profile %s)",
		 im->ctx.profile->name);
	t->can_drive_net = true;
	t->can_boot = true;
	t->now = sim_now;
	t->send = sim_send;
	t->advance = sim_advance;
	t->drive_net = sim_drive_net;
	t->boot = sim_boot;
	t->close = sim_close;
	return t;
}
