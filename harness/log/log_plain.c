/* Plain terminal captures, as picocom, minicom, tio or screen users paste
 * them: a line starting with AT is a command (a quoted argument runs to its
 * closing quote), the same command line twice in a row is local echo, the
 * terminal program's own banner and status lines are notes, and every
 * other line is the modem's.  Time stamps some programs add ("[12:00:01.123]",
 * "[2023-05-10 12:00:01]", ISO) are used when every line has one;
 * otherwise the times are made up and only the order is judged.  The other
 * capture readers hand their lines here too (log_put). */
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

bool log_is_chatter(const char *s, size_t n)
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
int64_t log_plain_stamp(const char *s, size_t n, size_t *used)
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

/* The rows of the SLM generation the log is read as know which commands
 * take their payload raw next. */
static bool enters_datamode(const struct replay_log *log, const char *command)
{
	struct at_cmd_facts f;

	return at_cmd_facts_of(log->read_as, command, &f) && f.enters_datamode;
}

/* The first line after a command that enters data mode, when it is a final
 * result: the modem's.  From NCS 2.1 (the generation's entry_ok) its OK
 * comes before the payload; any other result means no data mode. */
static bool datamode_entry_answer(struct log_lines *L, const char *s, size_t n, int64_t t,
				  enum log_dir dir)
{
	const struct slm_datamode_rules *dm = &L->ps.log->read_as->datamode;

	if (L->payload_seen || dir == DIR_HOST || !log_is_final_n(s, n))
		return false;
	log_add_event(L->ps.log, EV_RECV, t, L->ps.lineno, s, n);
	L->modem_since_send = true;
	L->datamode = dm->entry_ok && n == 2 && !memcmp(s, "OK", 2);
	return true;
}

/* In data mode the host's payload comes first, then the modem's lines until
 * the host's escape ("+++"); a marked line says whose it is. */
static void datamode_line(struct log_lines *L, const char *s, size_t n, int64_t t, enum log_dir dir)
{
	const char *quit = L->ps.log->read_as->datamode.quit;
	bool end = n == strlen(quit) && !memcmp(s, quit, n);
	bool host = dir == DIR_HOST || (dir == DIR_ANY && (end || !L->payload_seen));

	if (!L->entry_answered) {
		L->entry_answered = true;
		if (datamode_entry_answer(L, s, n, t, dir))
			return;
	}

	log_add_event(L->ps.log, host ? EV_SEND : EV_RECV, t, L->ps.lineno, s, n);
	L->payload_seen = true;
	L->datamode = !end;
	L->modem_since_send = !host;
}

/* The previous command again before any answer: local echo, or the
 * modem's (ATE1), or a shell repeating what it sends ("slm AT..."). */
static bool is_echo(const struct log_lines *L, const char *s, size_t n)
{
	const struct replay_log *log = L->ps.log;
	const struct log_event *prev = log->nev ? &log->ev[log->nev - 1] : NULL;

	if (!prev || prev->kind != EV_SEND || L->modem_since_send)
		return false;
	if (n > 4 && !memcmp(s, "slm ", 4)) {
		s += 4;
		n -= 4;
	}
	return strlen(prev->text) == n && !memcmp(prev->text, s, n);
}

static void put_line(struct log_lines *L, const struct log_line *ll, int64_t t)
{
	struct replay_log *log = L->ps.log;
	const char *s = ll->s;
	size_t n = ll->n;
	bool command = ll->dir == DIR_HOST || (ll->dir == DIR_ANY && log_is_command(s, n));

	if (L->ps.open_idx >= 0) {
		log_continue_command(&L->ps, s, n);
		return;
	}
	if (L->datamode) {
		datamode_line(L, s, n, t, ll->dir);
		return;
	}
	/* The terminal program's own lines are its notes; other lines before
	 * the first command are notes too, and counted as skipped. */
	if (ll->dir == DIR_ANY && (log_is_chatter(s, n) || (!command && !log_sends(log) && strncmp(s, "Ready", n)))) {
		log->session_shown |= log_is_chatter(s, n);
		log_add_event(log, EV_NOTE, t, L->ps.lineno, s, n);
		if (!log_is_chatter(s, n))
			log_skip(log, L->ps.lineno, s, n);
		return;
	}
	if ((command || ll->dir == DIR_MODEM) && is_echo(L, s, n)) {
		log->session_shown = true;
		return;
	}
	log_add_event(log, command ? EV_SEND : EV_RECV, t, L->ps.lineno, s, n);
	L->per_format[ll->fmt]++;
	log->ev[log->nev - 1].annotation = ll->annotation;
	log->read.annotations += ll->annotation;
	if (ll->annotation && !log->read.first_annotation_line)
		log->read.first_annotation_line = L->ps.lineno;
	L->modem_since_send = !command;
	if (command && log_quote_open(log->ev[log->nev - 1].text))
		L->ps.open_idx = (long)log->nev - 1;
	else if (command)
		L->datamode = enters_datamode(log, log->ev[log->nev - 1].text);
	L->payload_seen = L->entry_answered = false;
}

/* The bytes of a dump no line end has ended yet: a line of their own. */
void log_flush_bytes(struct log_lines *L)
{
	struct log_hexbuf *h = &L->hex;
	struct log_line ll = { h->b, h->n, DIR_ANY, h->t, LOG_HEXDUMP, false };
	int lineno = L->ps.lineno;

	if (!h->n)
		return;
	L->ps.lineno = h->line;
	log_put(L, &ll);
	L->ps.lineno = lineno;
	h->n = 0;
}

void log_put(struct log_lines *L, const struct log_line *ll)
{
	int64_t t = ll->t;

	if (ll->fmt != LOG_HEXDUMP)
		log_flush_bytes(L);
	if (t < 0) {
		L->all_stamped = false;
		t = L->last_t + MADE_UP_STEP_MS;
	}
	L->last_t = t;
	put_line(L, ll, t);
}

void log_plain_line(struct log_lines *L, const char *line, size_t n)
{
	size_t used = 0;
	int64_t t = log_plain_stamp(line, n, &used);

	log_plain_put(L, line + used, n - used, t);
}

void log_plain_put(struct log_lines *L, const char *line, size_t n, int64_t t)
{
	struct log_line ll = { .dir = DIR_ANY, .fmt = LOG_PLAIN };

	if (!n && L->ps.open_idx < 0)
		return;
	if (t < 0 && L->ps.open_idx < 0 && log_is_chatter(line, n)) {
		log_flush_bytes(L);
		L->ps.log->session_shown = true;
		log_add_event(L->ps.log, EV_NOTE, L->last_t, L->ps.lineno, line, n);
		return;
	}
	ll.s = line;
	ll.n = n;
	ll.t = t;
	log_put(L, &ll);
}

void log_lines_finish(struct log_lines *L)
{
	struct replay_log *log = L->ps.log;

	log_flush_bytes(L);
	if (L->ps.open_idx >= 0)
		log_add_problem(log, log->ev[L->ps.open_idx].line, log->ev[L->ps.open_idx].text,
				strlen(log->ev[L->ps.open_idx].text), "the log ends inside a quoted argument");
	log->timed = L->all_stamped && log->nev;
	/* Made-up times: the order is all a capture tells. */
	for (size_t i = 0; !log->timed && i < log->nev; i++)
		log->ev[i].t_ms = i == 0 ? 0 : log->ev[i - 1].t_ms +
			(log->ev[i].kind == EV_SEND ? MADE_UP_TYPING_MS : MADE_UP_STEP_MS);
}
