/* slmreplay: replay LTE Link Monitor logs against slmsim or a serial
 * device, and judge them. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <unistd.h>

#include "broker_pool.h"
#include "sock_peer.h"
#include "clock.h"
#include "corpus.h"
#include "log_parser.h"
#include "options.h"
#include "report.h"
#include "replay_prepare.h"
#include "report_html.h"
#include "runner.h"
#include "scenario.h"
#include "target.h"

#ifndef SLMSIM_CERTS_DIR
#define SLMSIM_CERTS_DIR "build/fixtures/certs"
#endif
#ifndef SLMSIM_INSTALLED_CERTS
#define SLMSIM_INSTALLED_CERTS "/usr/local/share/slmsim/certs"
#endif

static void usage(FILE *f)
{
	fputs(
"Usage: slmreplay [OPTION]... LOG|SCENARIO|DIR...\n"
"Replay logs of an nRF9160 running the Serial LTE Modem against an emulated\n"
"one (or a serial device), and judge each: pass (the target behaves as the\n"
"log shows; for a bug report: reproduced), differs, error (could not run) or\n"
"inconclusive (nothing to judge: no command, or the host's commands alone with\n"
"nothing of the modem; a recorded link that never answered is a dead link:\n"
"differs).  A command the log shows no answer to is not judged; a log of modem\n"
"commands only is judged against the modem without the SLM layer.  A log is an\n"
"LTE Link Monitor log, slmsim --record output, a terminal capture, a Zephyr\n"
"shell session, a TX/RX or arrow log, a UART hex dump or AT-library dump. A DIR\n"
"means every *.log below it, sorted.  The network, the modem's identity, the\n"
"brokers' names and log-ins are taken from what the log shows.\n"
"\n"
"A LOG may come with a scenario (LOG minus its extension + .scenario, or given\n"
"with --scenario / as the argument) saying which fixtures fill elided\n"
"credentials and how strictly to judge; without one everything is inferred\n"
"and matching is strict (docs/scenarios.md).\n"
"\n"
"Target:\n"
"      (default)          an in-process slmsim in virtual time, with a local\n"
"                         mosquitto when the log connects to a broker\n"
"      --tty PATH         drive a serial device instead: another slmsim's pty or\n"
"                         a real nRF9160 board (it must map the log's hosts)\n"
"      --time MODE        virtual (default for slmsim), real (default for --tty),\n"
"                         or a factor: 60 replays a minute of log per second\n"
"      --max-wait SEC     longest real wait a --tty replay may need (default 600)\n"
"      --profile NAME     slmsim TLS profile (default: the modem firmware's)\n"
"      --slm SPEC         the SLM generation to judge on, a profile name or a\n"
"                         release (ncs-2.1, 2.3.0, sm-1.0.1), instead of the one\n"
"                         the log shows: its version answer (#XSLMVER, #XSMVER),\n"
"                         else the shapes only some generations produce; without\n"
"                         either, ncs-1.8.  The note 'profile ...' says which\n"
"                         line decided and where the evidence conflicts\n"
"      --mfw VERSION      the modem firmware to judge on (1.3.1, 2.0.4, ...)\n"
"                         instead of the one the log shows (a +CGMR or\n"
"                         %SHORTSWVER answer, a slmsim record's note); without\n"
"                         either, the SLM profile's\n"
"      --certs DIR        fixture PKI (default: $SLMSIM_CERTS, else the build\n"
"                         tree's, else the installed one)\n"
"      --scenario FILE    scenario for a single LOG\n"
"\n"
"Corpus:\n"
"  -j, --jobs N           judge N logs at a time (worker processes)\n"
"      --shard K/N        only the K-th of N parts of the sorted corpus (CI matrix)\n"
"\n"
"Output:\n"
"      --junit FILE       JUnit XML, one testcase per log\n"
"      --tap              TAP on stdout instead of the transcript\n"
"      --sim-log FILE     the emulator's diagnostic log (in-process target)\n"
"      --world FILE       write the modem and network the log implies as an INI\n"
"                         for 'slmsim --config FILE' (the last log's, with several)\n"
"      --html FILE        a picture of the replay as one self-contained HTML page:\n"
"                         the log and the target side by side on one time line,\n"
"                         the world and notes at the top, the first difference\n"
"                         marked; with a DIR or several logs FILE is an index, one\n"
"                         row per log, and each log's page is written beside it\n"
"                         (FILE without .html, '-', the log's name, .html)\n"
"  -q, --quiet            verdicts only\n"
"  -h, --help, -V, --version\n"
"\n"
"With more than one log a summary line goes to stderr.  Exit status: 0 when\n"
"every log passes, 1 when any differs or errs (or none was found), else 3\n"
"when any is inconclusive (with the others passing), 2 on a usage error.\n", f);
}

static double wall_now(void)
{
	return (double)clock_mono_ms() / 1000.0;
}

/* The local broker, kept from one log to the next where they allow it. */
static struct broker_pool shared_broker;

/* Everything one replay holds, freed together. */
struct replay {
	const struct opts *o;
	const char *certs;
	struct scenario scen;
	struct replay_log log;
	struct prepared prep;		/* the steps, the world, the peers' plan */
	struct target *t;
	struct broker_proc *broker;	/* the shared one, or NULL */
	struct sock_peer peer;
	struct run_opts ro;
	char logpath[1024];
	char *scen_path;
};

/* The scenario (named, or beside the log) and the log it replays; 1 when
 * the log holds nothing to judge (err says why). */
static int load_inputs(struct replay *rp, const char *arg, struct result *r, char *err,
		       size_t errlen)
{
	const struct opts *o = rp->o;

	memcpy(rp->logpath, arg, strnlen(arg, sizeof(rp->logpath) - 1));
	if (scenario_is_file(arg))
		rp->scen_path = strdup(arg);
	else if (o->scenario)
		rp->scen_path = strdup(o->scenario);
	else
		rp->scen_path = scenario_beside(arg);
	if (rp->scen_path) {
		if (scenario_load(&rp->scen, rp->scen_path, err, errlen))
			return -1;
		if (scenario_is_file(arg)) {
			if (!rp->scen.log) {
				snprintf(err, errlen, "%s names no [replay] log", arg);
				return -1;
			}
			snprintf(rp->logpath, sizeof(rp->logpath), "%s/%s", rp->scen.dir, rp->scen.log);
		}
	}
	rp->scen.slm_override = o->slm;
	if (o->mfw && scenario_set(&rp->scen, "modem", "mfw", o->mfw, err, errlen))
		return -1;
	if (replay_read_file(rp->logpath, &rp->scen, &rp->log, err, errlen))
		return -1;
	if (rp->log.format == LOG_BINARY) {
		snprintf(err, errlen, "%.900s: no AT exchange to replay (not a text file)", rp->logpath);
		return -1;
	}
	report_read(r, &rp->log);
	return replay_prepare(&rp->log, &rp->scen, rp->certs, &rp->prep, &r->transcript, err,
			      errlen);
}

/* A serial device in real or scaled time: refused when a wait in the log
 * would take longer than --max-wait. */
static int open_tty(struct replay *rp, struct result *r, char *err, size_t errlen)
{
	const struct opts *o = rp->o;
	const struct script *sc = rp->prep.sc;
	double factor = o->time_set && o->factor > 0 ? o->factor : 1.0;

	if (o->time_set && o->factor == 0) {
		snprintf(err, errlen, "--time virtual needs the in-process slmsim; a --tty target runs "
			 "in real or scaled time");
		return -1;
	}
	for (size_t i = 1; i < sc->n; i++) {
		int64_t gap = sc->steps[i].ev->t_ms - sc->steps[i - 1].ev->t_ms;

		if (sc->steps[i].role == ROLE_SEND && gap / 1000.0 / factor > o->max_wait_s) {
			snprintf(err, errlen, "log line %d waits %lld s before its command; at --time %g "
				 "that is more than --max-wait %g s (use a larger --time factor, or the "
				 "in-process slmsim)", sc->steps[i].ev->line, (long long)(gap / 1000),
				 factor, o->max_wait_s);
			return -1;
		}
	}
	rp->t = target_tty_new(o->tty, factor, err, errlen);
	for (size_t i = 0; rp->t && i < sc->n_hosts; i++)
		sb_appendf(&r->transcript, "  note: the target must reach %s:%d itself (e.g. slmsim "
			   "--resolve)\n", sc->hosts[i].host, sc->hosts[i].port);
	return rp->t ? 0 : -1;
}

/* The sockets' peers, with the certificate the broker got for the log's
 * hosts. */
static int start_peer(struct replay *rp, char *err, size_t errlen)
{
	char cert[1100], key[1100], ca[1100];
	struct sock_peer_tls tls = { cert, key, ca };

	snprintf(cert, sizeof(cert), "%s/server.crt", rp->broker ? rp->broker->dir : rp->certs);
	snprintf(key, sizeof(key), "%s/server.key", rp->certs);
	snprintf(ca, sizeof(ca), "%s/ca.crt", rp->certs);
	if (sock_peer_start(&rp->peer, &rp->prep.plan, &tls, rp->scen.cfg.listen_port_offset, err,
			    errlen))
		return -1;
	rp->ro.peer = &rp->peer;
	rp->ro.plan = &rp->prep.plan;
	/* A client of the modem's TCP server shows as the address the log
	 * shows for it, not as the loopback it comes from. */
	for (size_t i = 0; i < rp->prep.plan.n; i++) {
		const struct peer_flow *f = &rp->prep.plan.flows[i];
		int from = sock_peer_client_port(&rp->peer, i);

		if (f->connects && f->host[0] && from)
			target_sim_resolve(rp->t, f->host, from, from, f->host);
	}
	return 0;
}

/* The modem's servers (#XTCPSVR, #XUDPSVR) listen on 127.0.0.1 at their
 * port plus modem.listen_port_offset: unless the scenario sets it, an
 * offset that puts the first one on a port free now. */
static void server_offset(struct replay *rp)
{
	const struct peer_plan *p = &rp->prep.plan;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	char v[16], err[160];
	int fd;

	for (size_t i = 0; i < p->n && !scenario_sets(&rp->scen, "modem.listen_port_offset"); i++) {
		if (!p->flows[i].connects)
			continue;
		fd = socket(AF_INET, p->flows[i].kind == FLOW_UDP ? SOCK_DGRAM : SOCK_STREAM, 0);
		if (fd >= 0 && !bind(fd, (struct sockaddr *)&sa, sizeof(sa)) &&
		    !getsockname(fd, (struct sockaddr *)&sa, &len)) {
			snprintf(v, sizeof(v), "%d", ntohs(sa.sin_port) - p->flows[i].port);
			scenario_set(&rp->scen, "modem", "listen_port_offset", v, err, sizeof(err));
		}
		if (fd >= 0)
			close(fd);
		return;
	}
}

/* The in-process emulator in virtual time, with a local broker for the
 * hosts the log talks to and peers for its sockets. */
static int open_sim(struct replay *rp, char *err, size_t errlen)
{
	const struct opts *o = rp->o;
	const struct script *sc = rp->prep.sc;
	struct sim_target_opts so = {
		.profile = o->profile ? o->profile : rp->scen.profile, .cfg = &rp->scen.cfg,
		.log_path = o->sim_log, .epoch_at_zero = sc->t0 - 600000,
		.handshake_stall_ms = rp->scen.handshake_stall_ms,
	};

	if (o->time_set && o->factor != 0) {
		snprintf(err, errlen, "the in-process slmsim runs in virtual time; use --tty for real "
			 "or scaled time");
		return -1;
	}
	server_offset(rp);
	rp->t = target_sim_new(&so, err, errlen);
	if (!rp->t)
		return -1;
	/* Names the log shows an address for (#XGETADDRINFO) resolve, to it;
	 * other names it looks up or pings with success resolve too. */
	for (size_t i = 0; i < rp->prep.plan.n_names; i++)
		target_sim_resolve(rp->t, rp->prep.plan.names[i].host, 0, 0,
				   rp->prep.plan.names[i].addr);
	for (size_t i = 0; i < sc->n_resolved; i++)
		if (!peer_plan_shown(&rp->prep.plan, sc->resolved[i]))
			target_sim_resolve(rp->t, sc->resolved[i], 0, 0, NULL);
	if (!sc->n_hosts)
		return rp->prep.plan.n ? start_peer(rp, err, errlen) : 0;
	const char *hosts[16];
	struct broker_spec spec = { .hosts = hosts, .n_hosts = sc->n_hosts, .logins = sc->logins };

	for (size_t i = 0; i < sc->n_hosts; i++)
		hosts[i] = sc->hosts[i].host;
	if (broker_pool_get(&shared_broker, rp->certs, &spec, err, errlen))
		return -1;
	rp->broker = &shared_broker.b;
	rp->ro.broker_port = rp->broker->port[BK_PLAIN];
	if (start_peer(rp, err, errlen))
		return -1;
	for (size_t i = 0; i < sc->n_hosts; i++) {
		const struct host_map *h = &sc->hosts[i];
		int to = h->socket || h->fails ? sock_peer_port(&rp->peer, h->host, h->port)
				   : rp->broker->port[h->kind];

		if (to && !h->unresolved)
			target_sim_resolve(rp->t, h->host, h->port, to,
					   peer_plan_shown(&rp->prep.plan, h->host));
	}
	return 0;
}

static void replay_free(struct replay *rp)
{
	if (rp->t)
		rp->t->close(rp->t);
	sock_peer_stop(&rp->peer);
	if (rp->broker)
		broker_pool_put(&shared_broker, rp->prep.sc->retains);
	prepared_free(&rp->prep);
	log_free(&rp->log);
	scenario_free(&rp->scen);
	free(rp->scen_path);
}

/* --certs, $SLMSIM_CERTS, the build tree's PKI, or the installed one. */
static const char *certs_dir(const struct opts *o)
{
	if (o->certs)
		return o->certs;
	if (getenv("SLMSIM_CERTS"))
		return getenv("SLMSIM_CERTS");
	if (access(SLMSIM_CERTS_DIR "/ca.crt", R_OK) == 0)
		return SLMSIM_CERTS_DIR;
	return SLMSIM_INSTALLED_CERTS;
}

/* The picture of the replay (--html). */
static void write_page(const struct replay *rp, const char *arg, const struct result *r)
{
	struct html_replay h = { r, &rp->log, rp->prep.sc, &rp->scen };
	char err[1200];

	if (report_html_write_page(options_html_page(rp->o, arg), &h, err, sizeof(err)))
		fprintf(stderr, "slmreplay: %s\n", err);
}

static void replay_one(const struct opts *o, const char *arg, struct result *r)
{
	double w0 = wall_now();
	struct replay rp = { .o = o };
	char err[1024];
	int rc;

	rp.certs = certs_dir(o);
	rp.ro = (struct run_opts){ .certs_dir = rp.certs, .quiet = o->quiet };
	memset(r, 0, sizeof(*r));
	scenario_defaults(&rp.scen);
	r->path = strdup(arg);
	r->name = strdup(strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg);
	r->verdict = VERDICT_ERROR;
	rc = load_inputs(&rp, arg, r, err, sizeof(err));
	if (rc > 0)
		r->verdict = VERDICT_INCONCLUSIVE;
	if (!rc && o->world)
		rc = scenario_write_world(&rp.scen, r->name, o->world, err, sizeof(err));
	if (!rc)
		rc = o->tty ? open_tty(&rp, r, err, sizeof(err)) : open_sim(&rp, err, sizeof(err));
	if (!rc)
		run_script(rp.t, rp.prep.sc, &rp.prep.world, &rp.scen, &rp.ro, r);
	else
		snprintf(r->summary, sizeof(r->summary), "%s", err);
	r->wall_s = wall_now() - w0;	/* broker start-up included */
	snprintf(r->target, sizeof(r->target), "%s", rp.t ? rp.t->desc : rc > 0 ?
		 "nothing (the log holds nothing to judge)" : "nothing (could not start)");
	if (o->html)
		write_page(&rp, arg, r);
	replay_free(&rp);
}

static void replay_cb(const char *path, struct result *r, void *arg)
{
	if (!path) {
		broker_pool_close(&shared_broker);	/* this process judged its last log */
		return;
	}
	replay_one(arg, path, r);
}

static void print_cb(struct result *r, void *arg)
{
	const struct opts *o = arg;

	if (!o->tap)
		report_terminal(stdout, r, r->target, o->quiet);
	fflush(stdout);
}

static void summary(const struct result *rs, size_t n, double wall)
{
	size_t v[4] = { 0 };

	for (size_t i = 0; i < n; i++)
		v[rs[i].verdict]++;
	fprintf(stderr, "slmreplay: %zu log%s: %zu pass, %zu differs, %zu error, %zu inconclusive in "
		"%.2f s (%.1f logs/s)\n", n, n == 1 ? "" : "s", v[VERDICT_PASS], v[VERDICT_DIFFERS],
		v[VERDICT_ERROR], v[VERDICT_INCONCLUSIVE], wall, wall > 0 ? (double)n / wall : 0.0);
}

int main(int argc, char **argv)
{
	struct opts o = { .max_wait_s = 600, .jobs = 1 };
	struct corpus c;
	struct result *rs;
	char err[512];
	double w0 = wall_now();
	int failed = 0, rc = options_parse(argc, argv, &o, usage);

	if (rc >= 0)
		return rc;
	if (corpus_expand(&c, argv + optind, argc - optind, o.shard_k, o.shard_n, err, sizeof(err))) {
		fprintf(stderr, "slmreplay: %s\n", err);
		return 2;
	}
	if (o.tty && o.jobs > 1) {
		fputs("slmreplay: one serial device cannot take -j: give it one log at a time\n", stderr);
		corpus_free(&c);
		return 2;
	}
	if (!c.n) {
		fputs("slmreplay: no *.log file in the directories given\n", stderr);
		corpus_free(&c);
		return 1;
	}
	options_html_corpus(&o, argv + optind, argc - optind, c.paths, c.n);
	rs = calloc(c.n, sizeof(*rs));
	corpus_run(&c, o.jobs, replay_cb, print_cb, &o, rs);
	/* Any differs or error: 1; else any inconclusive: 3; else 0. */
	for (size_t i = 0; i < c.n; i++)
		failed = rs[i].verdict == VERDICT_DIFFERS || rs[i].verdict == VERDICT_ERROR ? 1 :
			 rs[i].verdict == VERDICT_INCONCLUSIVE && failed != 1 ? 3 : failed;
	if (o.tap)
		report_tap(stdout, rs, c.n);
	if (o.junit && report_junit(o.junit, rs, c.n))
		fprintf(stderr, "slmreplay: cannot write %s: %s\n", o.junit, strerror(errno));
	if (o.html_pages && report_html_write_index(o.html, rs, o.html_pages, c.n, err, sizeof(err)))
		fprintf(stderr, "slmreplay: %s\n", err);
	report_html_names_free(o.html_pages);
	if (c.n > 1)
		summary(rs, c.n, wall_now() - w0);
	for (size_t i = 0; i < c.n; i++)
		result_free(&rs[i]);
	free(rs);
	corpus_free(&c);
	return failed;
}
