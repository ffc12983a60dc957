/* Plain terminal captures, as picocom, minicom, tio or screen users paste
 * them: a line starting with AT is a command (a quoted argument runs to its
 * closing quote), the same command line twice in a row is local echo, the
 * terminal program's own banner and status lines are notes, and every
 * other line is the modem's.  Time stamps some programs add ("[12:00:01.123]",
 * "[2023-05-10 12:00:01]", ISO) are used when every line has one;
 * otherwise the times are made up and only the order is judged. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cmd_table.h"
#include "log_priv.h"

#define MADE_UP_STEP_MS 10
/* Made-up time before each command of a capture without time stamps: a
 * person types it after reading the answers, and the modem meanwhile does
 * what takes time (a registration takes 3.6 s by default).  Events whose
 * time matters (keep-alive pings) are tolerated in such logs. */
#define MADE_UP_TYPING_MS 5000

/* What terminal programs print about themselves. */
static const char *const chatter[] = {
	"picocom v", "port is", "flowcontrol", "baudrate is", "parity is", "databits are",
	"stopbits are", "escape is", "local echo is", "noinit is", "noreset is", "hangup is",
	"nolock is", "send_cmd is", "receive_cmd is", "imap is", "omap is", "emap is",
	"logfile is", "initstring", "exit_after is", "exit is", "Type [C-a]", "Terminal ready",
	"Terminating...", "Thanks for using picocom", "Skipping tty reset", "[tio ", "Welcome to minicom",
	"OPTIONS:", "Compiled on", "Port /dev", "Press CTRL-A", "Press Meta-Z", "[screen is terminating]",
	"--- Miniterm", "--- Quit:", "--- exit ---",
};

static bool is_chatter(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(chatter) / sizeof(chatter[0]); i++) {
		size_t k = strlen(chatter[i]);

		if (n >= k && !memcmp(s, chatter[i], k))
			return true;
	}
	return false;
}

/* A leading time stamp in one of the shapes terminal programs print; its
 * ms since midnight (or the epoch when it has a date), -1 when none. */
static int64_t plain_stamp(const char *s, size_t n, size_t *used)
{
	char buf[48];
	int y, mo, d, h, mi, sec, ms = 0, k = 0, k2 = 0;
	size_t isoused;
	int64_t t;

	snprintf(buf, sizeof(buf), "%.*s", (int)(n < 47 ? n : 47), s);
	if ((t = log_parse_time(buf, &isoused)) >= 0) {
		*used = isoused;
		return t;
	}
	if (sscanf(buf, "[%4d-%2d-%2d %2d:%2d:%2d%n.%3d%n", &y, &mo, &d, &h, &mi, &sec, &k, &ms, &k2) >= 6 ||
	    sscanf(buf, "%4d-%2d-%2d %2d:%2d:%2d%n.%3d%n", &y, &mo, &d, &h, &mi, &sec, &k, &ms, &k2) >= 6) {
		struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
				 .tm_min = mi, .tm_sec = sec };

		t = (int64_t)timegm(&tm) * 1000 + (k2 ? ms : 0);
	} else if (sscanf(buf, "[%2d:%2d:%2d%n.%3d%n", &h, &mi, &sec, &k, &ms, &k2) >= 3) {
		t = ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + (k2 ? ms : 0);
	} else {
		return -1;
	}
	k = k2 ? k2 : k;
	if (buf[0] == '[') {
		if (buf[k] != ']')
			return -1;
		k++;
	}
	while (buf[k] == ' ')
		k++;
	*used = (size_t)k;
	return t;
}

struct plain {
	struct log_parse ps;
	int64_t last_t;
	bool all_stamped;
	bool modem_since_send;	/* a modem line came after the last command */
	/* In data mode: the next line is the host's payload (as echoed), the
	 * lines after it the modem's (a message it publishes may come back)
	 * until the host's "+++". */
	bool datamode, payload_seen;
};

static bool is_command(const char *s, size_t n)
{
	return n >= 2 && toupper((unsigned char)s[0]) == 'A' && toupper((unsigned char)s[1]) == 'T';
}

/* The command table knows which commands take their payload raw next. */
static bool enters_datamode(const char *command)
{
	struct at_cmd_facts f;

	return at_cmd_facts(command, &f) && f.enters_datamode;
}

static void plain_line(struct plain *pl, const char *s, size_t n, int64_t t)
{
	struct replay_log *log = pl->ps.log;
	struct log_event *prev = log->nev ? &log->ev[log->nev - 1] : NULL;
	bool command = is_command(s, n);

	if (pl->ps.open_idx >= 0) {
		log_continue_command(&pl->ps, s, n);
		return;
	}
	if (pl->datamode) {
		bool end = n == strlen(DATAMODE_TERMINATOR) && !memcmp(s, DATAMODE_TERMINATOR, n);
		bool host = end || !pl->payload_seen;

		log_add_event(log, host ? EV_SEND : EV_RECV, t, pl->ps.lineno, s, n);
		pl->payload_seen = true;
		pl->datamode = !end;
		pl->modem_since_send = !host;
		return;
	}
	if (is_chatter(s, n) || (!command && !log_sends(log) && strncmp(s, "Ready", n))) {
		log->session_shown |= is_chatter(s, n);
		log_add_event(log, EV_NOTE, t, pl->ps.lineno, s, n);
		return;
	}
	/* Local echo: the command line again, before any answer. */
	if (command && prev && prev->kind == EV_SEND && !pl->modem_since_send &&
	    strlen(prev->text) == n && !memcmp(prev->text, s, n)) {
		log->session_shown = true;
		return;
	}
	log_add_event(log, command ? EV_SEND : EV_RECV, t, pl->ps.lineno, s, n);
	pl->modem_since_send = !command;
	if (command && log_quote_open(log->ev[log->nev - 1].text))
		pl->ps.open_idx = (long)log->nev - 1;
	else if (command)
		pl->datamode = enters_datamode(log->ev[log->nev - 1].text);
	pl->payload_seen = false;
}

void log_parse_plain(const char *buf, size_t len, struct replay_log *log)
{
	struct plain pl = { .ps = { .log = log, .open_idx = -1 }, .all_stamped = true };
	const char *p = buf, *end = buf + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p), used = 0;
		const char *line = p;
		int64_t t;

		p = nl ? nl + 1 : end;
		pl.ps.lineno++;
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		t = plain_stamp(line, n, &used);
		line += used;
		n -= used;
		if (!n && pl.ps.open_idx < 0)
			continue;
		if (t < 0 && pl.ps.open_idx < 0 && is_chatter(line, n)) {
			log->session_shown = true;
			log_add_event(log, EV_NOTE, pl.last_t, pl.ps.lineno, line, n);
			continue;
		}
		if (t < 0) {
			pl.all_stamped = false;
			t = pl.last_t + MADE_UP_STEP_MS;
		}
		pl.last_t = t;
		plain_line(&pl, line, n, t);
	}
	if (pl.ps.open_idx >= 0)
		log_add_problem(log, log->ev[pl.ps.open_idx].line, log->ev[pl.ps.open_idx].text,
				strlen(log->ev[pl.ps.open_idx].text), "the log ends inside a quoted argument");
	log->timed = pl.all_stamped && log->nev;
	/* Made-up times: the order is all a capture tells. */
	for (size_t i = 0; !log->timed && i < log->nev; i++)
		log->ev[i].t_ms = i == 0 ? 0 : log->ev[i - 1].t_ms +
			(log->ev[i].kind == EV_SEND ? MADE_UP_TYPING_MS : MADE_UP_STEP_MS);
}
