/* slmsim: command line, process set-up and the event loop. */
#include <errno.h>
#include <ev.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "modem.h"
#include "resolver.h"
#include "sim_log.h"
#include "tls_profile.h"
#include "tls_service.h"
#include "transport.h"

struct net_loss {
	int64_t at_ms, for_ms;
	int stat;
	struct sim_timer timer;
	bool lost;
};

#define MAX_MODEMS 4096

struct app;

/* One emulated modem and its serial line. */
struct slot {
	struct app *app;
	struct modem *modem;
	struct transport tr;
};

struct app {
	struct net_loss loss;
	struct ev_loop *loop;
	struct sim_ctx ctx;
	struct sim_log log;
	struct slot *slots;
	int nmodems;
	bool stdio;
	const char *link;
	int64_t linger_ms;
	struct sim_timer linger;
	bool input_done;
	ev_signal sigint, sigterm;
	int exit_code;
};

static int parse_fault(struct app *app, const char *spec)
{
	double a, b;
	int stat = 2, n = 0;

	if (sscanf(spec, "handshake-stall=%lf%n", &a, &n) == 1 && !spec[n] && a >= 0) {
		app->ctx.faults.handshake_stall_ms = (int64_t)(a * 1000);
		return 0;
	}
	n = 0;
	if ((sscanf(spec, "net-loss=%lf:%lf:%d%n", &a, &b, &stat, &n) == 3 ||
	     sscanf(spec, "net-loss=%lf:%lf%n", &a, &b, &n) == 2) && !spec[n] && a >= 0 && b >= 0 &&
	    (stat == 0 || stat == 2 || stat == 3 || stat == 4)) {
		app->loss.at_ms = (int64_t)(a * 1000);
		app->loss.for_ms = (int64_t)(b * 1000);
		app->loss.stat = stat;
		app->loss.lost = false;
		return 0;
	}
	return -1;
}

/* --fault net-loss: the registration goes, then comes back. */
static void net_loss_cb(struct sim_timer *t, void *arg)
{
	struct app *app = arg;

	for (int i = 0; i < app->nmodems; i++) {
		struct modem *m = app->slots[i].modem;

		if (!app->loss.lost) {
			modem_log(m, SLOG_INFO, "fault net-loss: registration lost (stat %d) for %lld s",
				  app->loss.stat, (long long)(app->loss.for_ms / 1000));
			net_lose(&m->net, (enum net_stat)app->loss.stat);
		} else {
			modem_log(m, SLOG_INFO, "fault net-loss: registration back");
			net_regain(&m->net);
		}
	}
	if (!app->loss.lost) {
		app->loss.lost = true;
		sim_timer_start(app->ctx.clock, t, app->loss.for_ms);
	}
}

static void usage(FILE *f)
{
	fputs(
"Usage: slmsim [OPTION]...\n"
"Emulate an nRF9160 running the Serial LTE Modem application (NCS 1.8 SLM,\n"
"modem firmware 1.3.1) on a pseudo-terminal, for host software and for\n"
"replaying bug reports without a board, SIM, network or cloud broker.\n"
"\n"
"Serial line:\n"
"      --pty              serve on a new pseudo-terminal (default); its path is\n"
"                         announced on stderr as 'slmsim: ready pty=/dev/pts/N'\n"
"      --link PATH        also make PATH a symlink to the pty (removed on exit);\n"
"                         with --modems a pattern such as /tmp/slm%d\n"
"      --modems N         serve N independent modems, one pty each, from one\n"
"                         process (IMEIs counted up from modem.imei, --state\n"
"                         DIR/mI each); each is announced on stderr as\n"
"                         'slmsim: modem I pty=... imei=...', then\n"
"                         'slmsim: ready modems=N'\n"
"      --stdio            serve on stdin/stdout instead of a pty\n"
"      --linger MS        after stdin ends, keep running MS ms of clock time\n"
"                         before exiting (default 0)\n"
"\n"
"Time:\n"
"      --virtual-time     jump to the next due timer whenever nothing is in\n"
"                         flight (network search, keep-alives, time-outs)\n"
"      --time-scale N     run the clock N times faster than real time\n"
"\n"
"Modem:\n"
"      --profile NAME     modem firmware TLS profile (default mfw-1.3.1; see\n"
"                         --list-profiles)\n"
"      --state DIR        keep credentials across restarts in DIR, like the\n"
"                         modem's flash (default: nothing persists)\n"
"      --resolve HOST[:PORT]=IP[:PORT]\n"
"                         emulated DNS: connect to IP:PORT when the modem asks\n"
"                         for HOST:PORT (repeatable); other names fail as DNS\n"
"                         failures do on the modem\n"
"      --config FILE      INI file with [modem] and [network] settings\n"
"      --set S.K=VALUE    one setting, e.g. --set network.status=home,\n"
"                         --set modem.terminator=crlf (see docs/configuration.md)\n"
"\n"
"Faults:\n"
"      --fault handshake-stall=SECONDS\n"
"                         every TLS handshake answers SECONDS late, as the\n"
"                         report's 36-minute connect did (2180)\n"
"      --fault net-loss=AT:FOR[:STAT]\n"
"                         at clock second AT the network drops registration\n"
"                         (+CEREG stat, default 2 searching) for FOR seconds\n"
"\n"
"Output:\n"
"      --log FILE         diagnostic log: every byte in and out with timestamps,\n"
"                         and the reason behind each ERROR\n"
"      --record FILE      the session in LTE Link Monitor format, for slmreplay\n"
"  -q, --quiet            do not print error explanations on stderr\n"
"      --list-profiles    list the TLS profiles and exit\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Exit status: 0 after SIGINT/SIGTERM or the end of --stdio input, 1 on a\n"
"start-up failure, 2 on a usage error.\n", f);
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
		sim_timer_start(app->ctx.clock, t, 10);
		return;
	}
	ev_break(app->loop, EVBREAK_ALL);
}

static void on_hangup(void *arg)
{
	struct slot *sl = arg;
	struct app *app = sl->app;

	if (app->stdio) {
		app->input_done = true;
		sim_timer_start(app->ctx.clock, &app->linger, app->linger_ms);
		return;
	}
	modem_log(sl->modem, SLOG_INFO, "terminal program closed %s; waiting for it to reopen",
		  sl->tr.path);
	modem_host_gone(sl->modem);
}

static void on_attach(void *arg)
{
	struct slot *sl = arg;

	modem_log(sl->modem, SLOG_INFO, "terminal program opened %s", sl->tr.path);
}

/* IMEI i of a fleet: the base's first 14 digits plus i, with a fresh Luhn
 * check digit, so every modem has a valid, distinct IMEI. */
static void fleet_imei(const char *base, int i, char out[16])
{
	long long body = atoll((char[15]){ base[0], base[1], base[2], base[3], base[4], base[5],
					  base[6], base[7], base[8], base[9], base[10], base[11],
					  base[12], base[13], 0 }) + i;
	char digits[24];
	int sum = 0;

	snprintf(digits, sizeof(digits), "%014lld", body % 100000000000000LL);
	memcpy(out, digits, 14);
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

/* Many ptys and sockets: take all the descriptors the hard limit allows. */
static void raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int start_slot(struct app *app, int i, const struct modem_config *base, char *err,
		      size_t errlen)
{
	struct slot *sl = &app->slots[i];
	struct modem_config cfg = *base;
	char link[512], *linkp = NULL;

	sl->app = app;
	if (app->nmodems > 1) {
		fleet_imei(base->imei, i, cfg.imei);
		if (base->state_dir[0] && mkdir(base->state_dir, 0700) && errno != EEXIST) {
			snprintf(err, errlen, "cannot create state directory %.300s: %s", base->state_dir,
				 strerror(errno));
			return -1;
		}
		if (base->state_dir[0])
			snprintf(cfg.state_dir, sizeof(cfg.state_dir), "%.490s/m%d", base->state_dir, i);
	}
	if (app->link) {
		/* --link /tmp/slm%d: a pattern for fleets, a name for one modem. */
		snprintf(link, sizeof(link), app->link, i);
		linkp = link;
	}
	sl->modem = modem_new(&app->ctx, i, &cfg, err, errlen);
	if (!sl->modem)
		return -1;
	if (app->stdio ? transport_stdio_open(&sl->tr, app->loop, err, errlen)
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

static FILE *open_out(const char *path, const char *what)
{
	FILE *f = fopen(path, "w");

	if (!f)
		fprintf(stderr, "slmsim: cannot open %s file %s: %s\n", what, path, strerror(errno));
	return f;
}

enum {
	OPT_PTY = 256, OPT_LINK, OPT_STDIO, OPT_LINGER, OPT_VIRTUAL, OPT_CONFIG, OPT_SET,
	OPT_LOG, OPT_RECORD, OPT_TIME_SCALE, OPT_FAULT, OPT_MODEMS, OPT_PROFILE, OPT_STATE, OPT_RESOLVE, OPT_LIST_PROFILES,
};

static const struct option long_opts[] = {
	{ "pty", no_argument, NULL, OPT_PTY },
	{ "link", required_argument, NULL, OPT_LINK },
	{ "stdio", no_argument, NULL, OPT_STDIO },
	{ "linger", required_argument, NULL, OPT_LINGER },
	{ "virtual-time", no_argument, NULL, OPT_VIRTUAL },
	{ "time-scale", required_argument, NULL, OPT_TIME_SCALE },
	{ "fault", required_argument, NULL, OPT_FAULT },
	{ "modems", required_argument, NULL, OPT_MODEMS },
	{ "config", required_argument, NULL, OPT_CONFIG },
	{ "set", required_argument, NULL, OPT_SET },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "record", required_argument, NULL, OPT_RECORD },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "resolve", required_argument, NULL, OPT_RESOLVE },
	{ "list-profiles", no_argument, NULL, OPT_LIST_PROFILES },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int bad_usage(const char *fmt, const char *arg)
{
	fputs("slmsim: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'slmsim --help' for more information.\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct app app = { .nmodems = 1 };
	struct modem_config cfg;
	bool virtual_time = false, quiet = false;
	double time_scale = 1.0;
	const char *resolve[64];
	size_t nresolve = 0;
	const char *log_path = NULL, *record_path = NULL;
	char err[512];
	int opt;

	config_defaults(&cfg);
	app.ctx.profile = tls_profile_default();
	while ((opt = getopt_long(argc, argv, "qhV", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_PTY: app.stdio = false; break;
		case OPT_STDIO: app.stdio = true; break;
		case OPT_LINK: app.link = optarg; break;
		case OPT_LINGER: {
			char *end;

			errno = 0;
			app.linger_ms = strtoll(optarg, &end, 10);
			if (errno || *end || app.linger_ms < 0)
				return bad_usage("--linger takes milliseconds, not '%s'", optarg);
			break;
		}
		case OPT_VIRTUAL: virtual_time = true; break;
		case OPT_TIME_SCALE: {
			char *end;

			time_scale = strtod(optarg, &end);
			if (*end || !(time_scale >= 0.001 && time_scale <= 1e6))
				return bad_usage("--time-scale takes a factor 0.001..1000000, not '%s'", optarg);
			break;
		}
		case OPT_CONFIG:
			if (config_load_ini(&cfg, optarg, err, sizeof(err)))
				return bad_usage("%s", err);
			break;
		case OPT_SET:
			if (config_set_arg(&cfg, optarg, err, sizeof(err)))
				return bad_usage("%s", err);
			break;
		case OPT_LOG: log_path = optarg; break;
		case OPT_MODEMS: {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end || n < 1 || n > MAX_MODEMS)
				return bad_usage("--modems takes 1..4096, not '%s'", optarg);
			app.nmodems = (int)n;
			break;
		}
		case OPT_FAULT:
			if (parse_fault(&app, optarg))
				return bad_usage("bad --fault '%s' (handshake-stall=SECONDS or "
						 "net-loss=AT:FOR[:STAT])", optarg);
			break;
		case OPT_PROFILE:
			app.ctx.profile = tls_profile_find(optarg);
			if (!app.ctx.profile)
				return bad_usage("unknown profile '%s' (--list-profiles shows them)", optarg);
			break;
		case OPT_STATE:
			if (strlen(optarg) >= sizeof(cfg.state_dir))
				return bad_usage("--state path too long: %s", optarg);
			snprintf(cfg.state_dir, sizeof(cfg.state_dir), "%s", optarg);
			break;
		case OPT_RESOLVE:
			/* Checked now, kept after parsing (nothing to free on a usage error). */
			if (nresolve == sizeof(resolve) / sizeof(resolve[0]))
				return bad_usage("%s", "too many --resolve options");
			if (resolver_check(optarg, err, sizeof(err)))
				return bad_usage("%s", err);
			resolve[nresolve++] = optarg;
			break;
		case OPT_LIST_PROFILES:
			for (const struct tls_profile *const *p = tls_profile_all(); *p; p++)
				printf("%-16s %s%s\n", (*p)->name, (*p)->summary,
				       *p == tls_profile_default() ? " (default)" : "");
			return 0;
		case OPT_RECORD: record_path = optarg; break;
		case 'q': quiet = true; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("slmsim %s\n", SLMSIM_VERSION); return 0;
		default:
			fputs("Try 'slmsim --help' for more information.\n", stderr);
			return 2;
		}
	}
	if (optind < argc)
		return bad_usage("unexpected argument '%s'", argv[optind]);
	if (app.stdio && app.nmodems > 1)
		return bad_usage("%s", "--stdio serves one modem; --modems needs ptys");
	if (app.link && app.nmodems > 1 && !strstr(app.link, "%d"))
		return bad_usage("--link for a fleet needs %%d in it (e.g. /tmp/slm%%d), not '%s'",
				 app.link);
	if (app.stdio && app.link)
		return bad_usage("%s", "--link needs a pty; it cannot be used with --stdio");

	app.ctx.resolver = resolver_new();
	if (!app.ctx.resolver)
		return 1;
	for (size_t i = 0; i < nresolve; i++)
		resolver_add(app.ctx.resolver, resolve[i], err, sizeof(err));
	signal(SIGPIPE, SIG_IGN);
	app.log.console = quiet ? NULL : stderr;
	if (log_path && !(app.log.diag = open_out(log_path, "log")))
		return 1;
	if (record_path && !(app.log.record = open_out(record_path, "record")))
		return 1;
	app.loop = ev_default_loop(0);
	app.ctx.loop = app.loop;
	app.ctx.log = &app.log;
	app.ctx.clock = sim_clock_new(app.loop, virtual_time);
	sim_timer_init(&app.linger, finish_if_idle, &app);
	sim_timer_init(&app.loss.timer, net_loss_cb, &app);
	if (app.ctx.clock)
		sim_clock_set_scale(app.ctx.clock, time_scale);
	app.ctx.tls = tls_service_new();
	if (!app.ctx.clock || !app.ctx.tls) {
		fprintf(stderr, "slmsim: out of memory\n");
		return 1;
	}
	if (app.nmodems > 64)
		raise_fd_limit();
	app.slots = calloc((size_t)app.nmodems, sizeof(*app.slots));
	for (int i = 0; i < app.nmodems; i++) {
		if (start_slot(&app, i, &cfg, err, sizeof(err))) {
			fprintf(stderr, "slmsim: modem %d: %s\n", i, err);
			app.nmodems = i + 1;
			app.exit_code = 1;
			goto out;
		}
	}

	ev_signal_init(&app.sigint, on_signal, SIGINT);
	ev_signal_init(&app.sigterm, on_signal, SIGTERM);
	ev_signal_start(app.loop, &app.sigint);
	ev_signal_start(app.loop, &app.sigterm);

	if (app.loss.for_ms || app.loss.at_ms)
		sim_timer_start(app.ctx.clock, &app.loss.timer, app.loss.at_ms);
	for (int i = 0; i < app.nmodems; i++) {
		struct slot *sl = &app.slots[i];

		modem_start(sl->modem);
		transport_start_read(&sl->tr);
		if (app.nmodems > 1)
			fprintf(stderr, "slmsim: modem %d pty=%s imei=%s%s%s\n", i, sl->tr.path,
				sl->modem->cfg.imei, sl->tr.link[0] ? " link=" : "", sl->tr.link);
	}
	if (!app.stdio) {
		if (app.nmodems > 1)
			fprintf(stderr, "slmsim: ready modems=%d\n", app.nmodems);
		else
			fprintf(stderr, "slmsim: ready pty=%s\n", app.slots[0].tr.path);
		fflush(stderr);
	}
	ev_run(app.loop, 0);

	/* Whatever is still queued for the host goes out before exit. */
	for (int i = 0; i < app.nmodems; i++) {
		struct transport *tr = &app.slots[i].tr;

		if (!transport_pending(tr))
			continue;
		fcntl(tr->wfd, F_SETFL, fcntl(tr->wfd, F_GETFL) & ~O_NONBLOCK);
		while (tr->out.len) {
			ssize_t n = write(tr->wfd, tr->out.data, tr->out.len);

			if (n <= 0)
				break;
			sb_consume(&tr->out, (size_t)n);
		}
	}
out:
	sim_timer_stop(&app.loss.timer);
	sim_timer_stop(&app.linger);
	for (int i = 0; app.slots && i < app.nmodems; i++) {
		modem_free(app.slots[i].modem);
		if (app.slots[i].tr.loop)
			transport_close(&app.slots[i].tr);
	}
	free(app.slots);
	sim_clock_free(app.ctx.clock);
	tls_service_free(app.ctx.tls);
	resolver_free(app.ctx.resolver);
	if (app.log.diag)
		fclose(app.log.diag);
	if (app.log.record)
		fclose(app.log.record);
	return app.exit_code;
}
