#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_table.h"
#include "profile_list.h"
#include "resolver.h"
#include "tls_profile.h"

static const char usage_text[] =
"Usage: slmsim [OPTION]...\n"
"Emulate an nRF91 modem running the Serial LTE Modem application (by default\n"
"NCS 1.8 SLM on an nRF9160 with modem firmware 1.3.1) on a pseudo-terminal, for\n"
"host software and for replaying bug reports without a board, SIM, network or\n"
"cloud broker.\n"
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
"                         flight (network search, keep-alives, time-outs): for\n"
"                         scripted input; a host that waits in real time sees\n"
"                         every skipped keep-alive at once\n"
"      --time-scale N     run the clock N times faster than real time\n"
"\n"
"Modem:\n"
"      --slm VERSION      the SLM generation: a release (1.8, 2.0, 2.3, 2.6, 3.1,\n"
"                         sm-0.2, sm-1.0, sm-2.0, ...) or a profile name\n"
"                         (ncs-2.1, sm-0.3); a release inside a profile's range\n"
"                         selects it (default ncs-1.8; see --list-profiles)\n"
"      --mfw VERSION      modem firmware release: 1.3.0..1.3.x on the nRF9160,\n"
"                         2.0.0..2.0.x on the nRF9151/9161 (e.g. 1.3.1, 2.0.4,\n"
"                         mfw-2.0.4); decides +CGMM/+CGMR/%HWVERSION, the TLS\n"
"                         profile and the commands' firmware facts (default\n"
"                         1.3.1, or the --slm profile's; setting modem.mfw)\n"
"      --profile NAME     TLS profile alone, overriding the firmware's (e.g.\n"
"                         mfw-1.3.1, mfw-2.0.x, generic-mbedtls)\n"
"      --state DIR        keep credentials across restarts in DIR, like the\n"
"                         modem's flash (default: nothing persists)\n"
"      --resolve HOST[:PORT]=IP[:PORT][,SHOWN]\n"
"                         emulated DNS: connect to IP:PORT when the modem asks\n"
"                         for HOST:PORT (repeatable); other names fail as DNS\n"
"                         failures do on the modem.  An IPv6 IP in brackets\n"
"                         ([::1]:PORT) is HOST's answer for IPv6 sockets.  SHOWN\n"
"                         is the address the modem reports for HOST\n"
"                         (#XGETADDRINFO, #XRECVFROM)\n"
"      --config FILE      INI file with [modem], [network] and [mqtt] settings\n"
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
"      --fault init-error the SLM's init fails: INIT ERROR instead of Ready\n"
"                         (NCS 3.1+ and SM; --set modem.init_error=yes)\n"
"\n"
"Control:\n"
"      --control PATH     serve the control channel on the Unix socket PATH:\n"
"                         slmctl (or any client, one line in, one line out)\n"
"                         cuts the network, fades the signal, kicks the MQTT\n"
"                         client, resets the modem... while the host runs\n"
"                         (see slmctl --help, docs/control.md)\n"
"\n"
"Output:\n"
"      --log FILE         diagnostic log: every byte in and out with timestamps,\n"
"                         and the reason behind each ERROR\n"
"      --record FILE      the session in LTE Link Monitor format, for slmreplay;\n"
"                         its first line names the SLM profile\n"
"  -q, --quiet            do not print error explanations on stderr\n"
"      --list-commands[=STYLE]\n"
"                         list the emulated AT commands and exit; STYLE is text,\n"
"                         markdown (docs/commands.md) or fidelity (docs/fidelity.md),\n"
"                         of the generation --slm selects; generations: what\n"
"                         each later generation changes (docs/generations.md)\n"
"      --list-profiles    list the SLM, modem firmware and TLS profiles with the\n"
"                         releases they cover, and exit\n"
"      --list-settings    list the --set/--config settings and exit\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"SIGUSR1 wakes modems put to sleep with AT#XSLEEP (the interface GPIO).\n"
"\n"
"Exit status: 0 after SIGINT/SIGTERM or the end of --stdio input, 1 on a\n"
"start-up failure, 2 on a usage error.\n";

enum {
	OPT_PTY = 256, OPT_LINK, OPT_STDIO, OPT_LINGER, OPT_VIRTUAL, OPT_CONFIG, OPT_SET,
	OPT_LOG, OPT_RECORD, OPT_TIME_SCALE, OPT_FAULT, OPT_MODEMS, OPT_PROFILE, OPT_STATE,
	OPT_RESOLVE, OPT_LIST_PROFILES, OPT_LIST_COMMANDS, OPT_LIST_SETTINGS, OPT_CONTROL,
	OPT_SLM,
	OPT_MFW,
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
	{ "control", required_argument, NULL, OPT_CONTROL },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "slm", required_argument, NULL, OPT_SLM },
	{ "mfw", required_argument, NULL, OPT_MFW },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "resolve", required_argument, NULL, OPT_RESOLVE },
	{ "list-profiles", no_argument, NULL, OPT_LIST_PROFILES },
	{ "list-commands", optional_argument, NULL, OPT_LIST_COMMANDS },
	{ "list-settings", no_argument, NULL, OPT_LIST_SETTINGS },
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

static int parse_fault(struct sim_options *o, const char *spec)
{
	double a, b;
	int stat = 2, n = 0;

	if (!strcmp(spec, "init-error"))
		return config_set(&o->cfg, "modem", "init_error", "yes", NULL, 0);
	if (sscanf(spec, "handshake-stall=%lf%n", &a, &n) == 1 && !spec[n] && a >= 0) {
		o->faults.handshake_stall_ms = (int64_t)(a * 1000);
		return 0;
	}
	n = 0;
	if ((sscanf(spec, "net-loss=%lf:%lf:%d%n", &a, &b, &stat, &n) == 3 ||
	     sscanf(spec, "net-loss=%lf:%lf%n", &a, &b, &n) == 2) && !spec[n] && a >= 0 && b >= 0 &&
	    (stat == 0 || stat == 2 || stat == 3 || stat == 4)) {
		o->loss.at_ms = (int64_t)(a * 1000);
		o->loss.for_ms = (int64_t)(b * 1000);
		o->loss.stat = stat;
		return 0;
	}
	return -1;
}

static bool parse_number(const char *s, double lo, double hi, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	return !errno && end != s && !*end && *out >= lo && *out <= hi;
}

/* Options that take a number or a name; -1 when accepted, else exit status. */
static int value_option(struct sim_options *o, int opt, const char *arg)
{
	char err[512];
	double v;

	switch (opt) {
	case OPT_LINGER:
		if (!parse_number(arg, 0, 1e15, &v) || v != (int64_t)v)
			return bad_usage("--linger takes milliseconds, not '%s'", arg);
		o->linger_ms = (int64_t)v;
		return -1;
	case OPT_TIME_SCALE:
		if (!parse_number(arg, 0.001, 1e6, &o->time_scale))
			return bad_usage("--time-scale takes a factor 0.001..1000000, not '%s'", arg);
		return -1;
	case OPT_MODEMS:
		if (!parse_number(arg, 1, MAX_MODEMS, &v) || v != (int)v)
			return bad_usage("--modems takes 1..4096, not '%s'", arg);
		o->nmodems = (int)v;
		return -1;
	case OPT_CONFIG:
		return config_load_ini(&o->cfg, arg, err, sizeof(err)) ? bad_usage("%s", err) : -1;
	case OPT_SET:
		return config_set_arg(&o->cfg, arg, err, sizeof(err)) ? bad_usage("%s", err) : -1;
	case OPT_FAULT:
		return parse_fault(o, arg) ? bad_usage("bad --fault '%s' (handshake-stall=SECONDS, "
						       "net-loss=AT:FOR[:STAT] or init-error)", arg) : -1;
	case OPT_SLM:
		if (strlen(arg) >= sizeof(o->cfg.slm_spec) || !slm_profile_find(arg))
			return bad_usage("no SLM profile for '%s' (--list-profiles lists them)", arg);
		return config_set(&o->cfg, "modem", "slm_profile", arg, err, sizeof(err))
			? bad_usage("%s", err) : -1;
	case OPT_PROFILE:
		o->profile = tls_profile_find(arg);
		return o->profile ? -1 : bad_usage("unknown profile '%s' (--list-profiles shows "
						   "them)", arg);
	case OPT_MFW:
		if (!*arg || config_set(&o->cfg, "modem", "mfw", arg, err, sizeof(err)))
			return bad_usage("no modem firmware profile covers '%s' (--list-profiles shows "
					 "them)", arg);
		return -1;
	case OPT_STATE:
		if (strlen(arg) >= sizeof(o->cfg.state_dir))
			return bad_usage("--state path too long: %s", arg);
		snprintf(o->cfg.state_dir, sizeof(o->cfg.state_dir), "%s", arg);
		return -1;
	case OPT_RESOLVE:
		/* Checked now, added once the context exists. */
		if (o->nresolve == MAX_RESOLVE)
			return bad_usage("%s", "too many --resolve options");
		if (resolver_check(arg, err, sizeof(err)))
			return bad_usage("%s", err);
		o->resolve[o->nresolve++] = arg;
		return -1;
	}
	return 2;
}

/* One option; -1 when parsing goes on, else the exit status. */
static int one_option(struct sim_options *o, int opt, const char *arg)
{
	switch (opt) {
	case OPT_PTY: o->stdio = false; return -1;
	case OPT_STDIO: o->stdio = true; return -1;
	case OPT_LINK: o->link = arg; return -1;
	case OPT_VIRTUAL: o->virtual_time = true; return -1;
	case OPT_LOG: o->log_path = arg; return -1;
	case OPT_RECORD: o->record_path = arg; return -1;
	case OPT_CONTROL: o->control_path = arg; return -1;
	case 'q': o->quiet = true; return -1;
	case 'h': fputs(usage_text, stdout); return 0;
	case 'V': printf("slmsim %s\n", SLMSIM_VERSION); return 0;
	case OPT_LIST_PROFILES: profile_list(stdout); return 0;
	case OPT_LIST_SETTINGS: config_describe(stdout); return 0;
	case OPT_LIST_COMMANDS:
		/* After the other options: --slm may come later. */
		o->list_style = AT_LIST_TEXT;
		if (arg && !at_cmd_list_style(arg, &o->list_style))
			return bad_usage("--list-commands takes text, markdown, fidelity or generations, "
					 "not '%s'", arg);
		o->list_commands = true;
		return -1;
	case '?':
		fputs("Try 'slmsim --help' for more information.\n", stderr);
		return 2;
	default:
		return value_option(o, opt, arg);
	}
}

/* The command list of the generation the options select. */
static int list_commands(struct sim_options *o)
{
	char err[160];

	if (slm_profile_apply(&o->cfg, err, sizeof(err)))
		return bad_usage("%s", err);
	at_cmd_list(slm_profile_of(&o->cfg), stdout, o->list_style);
	return 0;
}

static int check_combination(const struct sim_options *o)
{
	if (o->cfg.slm_spec[0] && !slm_profile_find(o->cfg.slm_spec))
		return bad_usage("no SLM profile for modem.slm_profile '%s' (--list-profiles lists "
				 "them)", o->cfg.slm_spec);
	if (o->stdio && o->nmodems > 1)
		return bad_usage("%s", "--stdio serves one modem; --modems needs ptys");
	if (o->link && o->nmodems > 1 && !strstr(o->link, "%d"))
		return bad_usage("--link for a fleet needs %%d in it (e.g. /tmp/slm%%d), not '%s'",
				 o->link);
	if (o->stdio && o->link)
		return bad_usage("%s", "--link needs a pty; it cannot be used with --stdio");
	return -1;
}

int options_parse(int argc, char **argv, struct sim_options *o)
{
	int opt, rc;

	memset(o, 0, sizeof(*o));
	config_defaults(&o->cfg);
	o->nmodems = 1;
	o->time_scale = 1.0;
	while ((opt = getopt_long(argc, argv, "qhV", long_opts, NULL)) != -1)
		if ((rc = one_option(o, opt, optarg)) >= 0)
			return rc;
	if (optind < argc)
		return bad_usage("unexpected argument '%s'", argv[optind]);
	if ((rc = check_combination(o)) >= 0)
		return rc;
	return o->list_commands ? list_commands(o) : -1;
}
