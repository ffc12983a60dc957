/* slmsim: process set-up, the serial lines of one or many modems, the
 * faults driven on the clock, and the event loop. */
#include <errno.h>
#include <ev.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "clock.h"
#include "control.h"
#include "modem.h"
#include "options.h"
#include "resolver.h"
#include "sim_log.h"
#include "mfw_profile.h"
#include "slm_profiles.h"
#include "transport.h"

struct app;

/* One emulated modem and its serial line. */
struct slot {
	struct app *app;
	struct modem *modem;
	struct transport tr;
};

struct app {
	struct sim_options opt;
	struct ev_loop *loop;
	struct sim_ctx *ctx;
	struct sim_log log;
	struct slot *slots;
	struct modem **modems;	/* the slots' modems, for the control channel */
	struct control *control;
	int nmodems;
	struct sim_timer linger, loss_timer;
	bool lost;
	ev_signal sigint, sigterm, sigusr1;
	int exit_code;
};

/* --fault net-loss: the registration goes, then comes back. */
static void net_loss_cb(struct sim_timer *t, void *arg)
{
	struct app *app = arg;
	const struct net_loss_spec *l = &app->opt.loss;

	for (int i = 0; i < app->nmodems; i++) {
		struct modem *m = app->slots[i].modem;

		if (!app->lost) {
			slog_printf(&app->log, sim_clock_epoch_ms(app->ctx->clock), "", SLOG_INFO,
				    "fault net-loss: registration lost (stat %d) for %lld s", l->stat,
				    (long long)(l->for_ms / 1000));
			modem_net_lose(m, l->stat);
		} else {
			slog_printf(&app->log, sim_clock_epoch_ms(app->ctx->clock), "", SLOG_INFO,
				    "fault net-loss: registration back");
			modem_net_regain(m);
		}
	}
	if (!app->lost) {
		app->lost = true;
		sim_timer_start(app->ctx->clock, t, l->for_ms);
	}
}

static void on_modem_tx(void *arg, const char *buf, size_t len)
{
	struct slot *sl = arg;

	transport_write(&sl->tr, buf, len);
}

static void on_input(void *arg, const uint8_t *buf, size_t len)
{
	struct slot *sl = arg;

	modem_input(sl->modem, buf, len);
}

static void finish_if_idle(struct sim_timer *t, void *arg)
{
	struct app *app = arg;

	/* A command still running (a connect) finishes first. */
	if (modem_busy(app->slots[0].modem)) {
		sim_timer_start(app->ctx->clock, t, 10);
		return;
	}
	ev_break(app->loop, EVBREAK_ALL);
}

static void on_hangup(void *arg)
{
	struct slot *sl = arg;
	struct app *app = sl->app;

	if (app->opt.stdio) {
		sim_timer_start(app->ctx->clock, &app->linger, app->opt.linger_ms);
		return;
	}
	slog_printf(&app->log, sim_clock_epoch_ms(app->ctx->clock), "", SLOG_INFO,
		    "terminal program closed %s; waiting for it to reopen", sl->tr.path);
	modem_host_gone(sl->modem);
}

static void on_attach(void *arg)
{
	struct slot *sl = arg;

	slog_printf(&sl->app->log, sim_clock_epoch_ms(sl->app->ctx->clock), "", SLOG_INFO,
		    "terminal program opened %s", sl->tr.path);
}

/* IMEI i of a fleet: the base's first 14 digits plus i, with a fresh Luhn
 * check digit, so every modem has a valid, distinct IMEI. */
static void fleet_imei(const char *base, int i, char out[16])
{
	long long body = 0;
	int sum = 0;

	for (int k = 0; k < 14; k++)
		body = body * 10 + (base[k] - '0');
	snprintf(out, 16, "%014lld", (body + i) % 100000000000000LL);
	for (int k = 0; k < 14; k++) {
		int d = out[k] - '0';

		if (k % 2) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	out[14] = (char)('0' + (10 - sum % 10) % 10);
	out[15] = '\0';
}

/* Number i of a fleet: the base number plus i, same width, so each modem
 * has its own and SMS between them go by number. */
static void fleet_msisdn(const char *base, int i, char *out, size_t size)
{
	size_t plus = base[0] == '+', n = strlen(base + plus);
	unsigned long long v = strtoull(base + plus, NULL, 10) + (unsigned long long)i;

	snprintf(out, size, "%s%0*llu", plus ? "+" : "", (int)n, v);
}

/* Many ptys and sockets: take all the descriptors the hard limit allows. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* Modem i's configuration: in a fleet its own IMEI and state directory. */
static int slot_config(struct app *app, int i, struct modem_config *cfg, char *err, size_t errlen)
{
	const struct modem_config *base = &app->opt.cfg;

	*cfg = *base;
	/* A pipe is no UART and scripts give their input up front; on a pty
	 * the generation decides (modem_new): lost to 2.4, queued from 2.5. */
	if (cfg->busy_input == BUSY_INPUT_UNSET && app->opt.stdio)
		cfg->busy_input = BUSY_INPUT_KEEP;
	if (app->nmodems == 1)
		return 0;
	fleet_imei(base->imei, i, cfg->imei);
	fleet_msisdn(base->msisdn, i, cfg->msisdn, sizeof(cfg->msisdn));
	if (!base->state_dir[0])
		return 0;
	if (mkdir(base->state_dir, 0700) && errno != EEXIST) {
		snprintf(err, errlen, "cannot create state directory %.300s: %s", base->state_dir,
			 strerror(errno));
		return -1;
	}
	snprintf(cfg->state_dir, sizeof(cfg->state_dir), "%.490s/m%d", base->state_dir, i);
	return 0;
}

static int start_slot(struct app *app, int i, char *err, size_t errlen)
{
	struct slot *sl = &app->slots[i];
	struct modem_config cfg;
	char link[512], *linkp = NULL;

	sl->app = app;
	if (slot_config(app, i, &cfg, err, errlen))
		return -1;
	if (app->opt.link) {
		/* --link /tmp/slm%d: a pattern for fleets, a name for one modem. */
		snprintf(link, sizeof(link), app->opt.link, i);
		linkp = link;
	}
	sl->modem = modem_new(app->ctx, i, &cfg, err, errlen);
	if (!sl->modem)
		return -1;
	if (app->opt.stdio ? transport_stdio_open(&sl->tr, app->loop, err, errlen)
			   : transport_pty_open(&sl->tr, app->loop, linkp, err, errlen))
		return -1;
	sl->tr.on_input = on_input;
	sl->tr.on_hangup = on_hangup;
	sl->tr.on_attach = on_attach;
	sl->tr.arg = sl;
	modem_set_tx(sl->modem, on_modem_tx, sl);
	return 0;
}

static void on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)revents;
	(void)w;
	ev_break(loop, EVBREAK_ALL);
}

/* SIGUSR1 is the interface GPIO: it wakes modems put to sleep (#XSLEEP). */
static void on_wake(struct ev_loop *loop, ev_signal *w, int revents)
{
	struct app *app = w->data;

	(void)loop;
	(void)revents;
	for (int i = 0; i < app->nmodems; i++)
		modem_wake(app->slots[i].modem);
}

static FILE *open_out(const char *path, const char *what)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "slmsim: cannot open %s file %s: %s\n", what, path, strerror(errno));
	return f;
}

/* ... and which modem firmware (slmreplay takes it as modem.mfw). */
static void record_firmware(struct app *app, const struct slm_profile *p)
{
	struct modem_config cfg = app->opt.cfg;
	struct mfw_release r = mfw_configure(&cfg, p->default_mfw);
	char v[24];

	mfw_version_str(&r.v, v, sizeof(v));
	slog_record_note(&app->log, sim_clock_epoch_ms(app->ctx->clock),
			 "slmsim: modem firmware %s (%s)", v, r.p->name);
}

/* The record says which SLM generation answered, so slmreplay judges it
 * on that one (its profile detection reads this line first). */
static void record_header(struct app *app)
{
	const struct modem_config *cfg = &app->opt.cfg;
	struct slm_version at;
	const struct slm_profile *p = cfg->slm_spec[0] ? slm_profile_find_at(cfg->slm_spec, &at) : NULL;
	char release[24];

	if (!p) {
		p = slm_profile_default();
		at = p->range.from;
	}
	slm_version_format(p->range.line, &at, release, sizeof(release));
	slog_record_note(&app->log, sim_clock_epoch_ms(app->ctx->clock),
			 "slmsim: SLM profile %s (%s)", release, p->name);
	record_firmware(app, p);
}

/* Logs, the context and its clock; 0, or the exit status. */
static int setup(struct app *app)
{
	const struct sim_options *o = &app->opt;
	char err[512];

	app->log.console = o->quiet ? NULL : stderr;
	if (o->log_path && !(app->log.diag = open_out(o->log_path, "log")))
		return 1;
	if (o->record_path && !(app->log.record = open_out(o->record_path, "record")))
		return 1;
	app->loop = ev_default_loop(0);
	app->ctx = sim_ctx_new(app->loop, o->virtual_time ? SIM_CLOCK_VIRTUAL : SIM_CLOCK_REAL,
			       &app->log);
	if (!app->ctx) {
		fprintf(stderr, "slmsim: out of memory\n");
		return 1;
	}
	app->ctx->profile = o->profile;
	app->ctx->faults = o->faults;
	record_header(app);
	sim_clock_set_scale(app->ctx->clock, o->time_scale);
	for (int i = 0; i < o->nresolve; i++)
		resolver_add(app->ctx->resolver, o->resolve[i], err, sizeof(err));
	sim_timer_init(&app->linger, finish_if_idle, app);
	sim_timer_init(&app->loss_timer, net_loss_cb, app);
	return 0;
}

static int start_slots(struct app *app)
{
	char err[512];

	if (app->opt.nmodems > 64)
		raise_fd_limit();
	app->slots = calloc((size_t)app->opt.nmodems, sizeof(*app->slots));
	if (!app->slots)
		return 1;
	for (int i = 0; i < app->opt.nmodems; i++) {
		app->nmodems = i + 1;
		if (start_slot(app, i, err, sizeof(err))) {
			fprintf(stderr, "slmsim: modem %d: %s\n", i, err);
			return 1;
		}
	}
	if (!app->opt.control_path)
		return 0;
	if (!(app->modems = calloc((size_t)app->nmodems, sizeof(*app->modems))))
		return 1;
	for (int i = 0; i < app->nmodems; i++)
		app->modems[i] = app->slots[i].modem;
	app->control = control_open(app->ctx, app->modems, app->nmodems, app->opt.control_path, err,
				    sizeof(err));
	if (!app->control) {
		fprintf(stderr, "slmsim: %s\n", err);
		return 1;
	}
	return 0;
}

static void announce(struct app *app)
{
	for (int i = 0; i < app->nmodems; i++) {
		struct slot *sl = &app->slots[i];

		modem_start(sl->modem);
		transport_start_read(&sl->tr);
		if (app->nmodems > 1)
			fprintf(stderr, "slmsim: modem %d pty=%s imei=%s%s%s\n", i, sl->tr.path,
				modem_config_of(sl->modem)->imei, sl->tr.link[0] ? " link=" : "",
				sl->tr.link);
	}
	if (app->opt.stdio)
		return;
	if (app->nmodems > 1)
		fprintf(stderr, "slmsim: ready modems=%d\n", app->nmodems);
	else
		fprintf(stderr, "slmsim: ready pty=%s\n", app->slots[0].tr.path);
	fflush(stderr);
}

static void run(struct app *app)
{
	ev_signal_init(&app->sigint, on_signal, SIGINT);
	ev_signal_init(&app->sigterm, on_signal, SIGTERM);
	ev_signal_start(app->loop, &app->sigint);
	ev_signal_start(app->loop, &app->sigterm);
	ev_signal_init(&app->sigusr1, on_wake, SIGUSR1);
	app->sigusr1.data = app;
	ev_signal_start(app->loop, &app->sigusr1);
	if (app->opt.loss.for_ms || app->opt.loss.at_ms)
		sim_timer_start(app->ctx->clock, &app->loss_timer, app->opt.loss.at_ms);
	announce(app);
	ev_run(app->loop, 0);
	/* Whatever is still queued for the host goes out before exit. */
	for (int i = 0; i < app->nmodems; i++)
		transport_drain(&app->slots[i].tr);
}

static void teardown(struct app *app)
{
	control_close(app->control);
	free(app->modems);
	if (app->ctx) {
		sim_timer_stop(&app->loss_timer);
		sim_timer_stop(&app->linger);
	}
	for (int i = 0; app->slots && i < app->nmodems; i++) {
		modem_free(app->slots[i].modem);
		if (app->slots[i].tr.loop)
			transport_close(&app->slots[i].tr);
	}
	free(app->slots);
	sim_ctx_free(app->ctx);
	if (app->log.diag)
		fclose(app->log.diag);
	if (app->log.record)
		fclose(app->log.record);
}

int main(int argc, char **argv)
{
	struct app app = { 0 };
	int rc = options_parse(argc, argv, &app.opt);

	if (rc >= 0)
		return rc;
	signal(SIGPIPE, SIG_IGN);
	rc = setup(&app);
	if (!rc)
		rc = start_slots(&app);
	if (!rc)
		run(&app);
	teardown(&app);
	return rc;
}
