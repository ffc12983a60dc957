#include "log_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slm_profiles.h"

/* The time stamp at the start of a line, or -1; *used is its length. */
static int64_t line_stamp(const char *line, size_t n, size_t *used)
{
	/* The buffer has no NUL at the line end: parse a bounded copy. */
	char stamp[40];
	size_t sl = n < sizeof(stamp) - 1 ? n : sizeof(stamp) - 1;

	if (n < 20)
		return -1;
	memcpy(stamp, line, sl);
	stamp[sl] = '\0';
	return log_parse_time(stamp, used);
}


/* A bare line that goes on a multi-line answer logged as one entry: the
 * entry has no final result yet, and the line looks like modem output (a
 * result code, a +/%/# line, or one token) rather than the reporter's prose. */
static bool answer_goes_on(const struct log_parse *ps, const char *line, size_t n)
{
	char text[32];

	if (!ps->after_recv || log_is_final(ps->log->ev[ps->log->nev - 1].text))
		return false;
	snprintf(text, sizeof(text), "%.*s", (int)(n < 31 ? n : 31), line);
	return log_is_final(text) || strchr("+%#", line[0]) || !memchr(line, ' ', n);
}

/* Link Monitor's time-out message ends on the line after the command it
 * quotes (the command's own line end): "' timed out". */
static bool timed_out_tail(struct log_parse *ps, const char *line, size_t n)
{
	struct replay_log *log = ps->log;
	struct log_event *last = log->nev ? &log->ev[log->nev - 1] : NULL;

	if (!last || last->kind != EV_SEND || !last->from_error || n < 10 || line[0] != '\'' ||
	    !memmem(line, n, "timed out", 9))
		return false;
	last->timed_out = true;
	return true;
}

static void untimed_line(struct log_parse *ps, const char *line, size_t n)
{
	bool blank = true;

	if (ps->open_idx >= 0) {
		log_continue_command(ps, line, n);
		return;
	}
	if (timed_out_tail(ps, line, n))
		return;
	for (size_t i = 0; i < n; i++)
		blank = blank && isspace((unsigned char)line[i]);
	/* A multi-line answer logged as one entry: its later lines come bare. */
	if (!blank && answer_goes_on(ps, line, n))
		log_add_event(ps->log, EV_RECV, ps->log->ev[ps->log->nev - 1].t_ms, ps->lineno, line, n);
	else if (!blank) {
		log_add_problem(ps->log, ps->lineno, line, n, "no time stamp and not inside a command");
		log_skip(ps->log, ps->lineno, line, n);
	}
}

/* "DEBUG modem >> text" or "<< text". */
static void modem_line(struct log_parse *ps, int64_t t, const char *line, size_t n, const char *msg,
		       size_t mlen)
{
	struct replay_log *log = ps->log;
	bool send = msg[6] == '>';
	const char *text = msg + 8;
	size_t tlen = mlen - 8;

	if (tlen && *text == ' ') {
		text++;
		tlen--;
	}
	if (send && ps->open_idx >= 0) {
		log_continue_command(ps, text, tlen);
		return;
	}
	if (ps->open_idx >= 0) {
		log_add_problem(log, ps->lineno, line, n, "modem output while a quoted argument was "
			    "still open; the command is taken as ended");
		ps->open_idx = -1;
	}
	log_add_event(log, send ? EV_SEND : EV_RECV, t, ps->lineno, text, tlen);
	ps->after_recv = !send;
	if (send && log_quote_open(log->ev[log->nev - 1].text))
		ps->open_idx = (long)log->nev - 1;
}

static void timed_line(struct log_parse *ps, int64_t t, const char *line, size_t n, size_t used)
{
	const char *rest = line + used, *sp, *msg, *q;
	size_t rlen = n - used, lvl_len, mlen;

	while (rlen && *rest == ' ') {
		rest++;
		rlen--;
	}
	sp = memchr(rest, ' ', rlen);
	lvl_len = sp ? (size_t)(sp - rest) : rlen;
	msg = sp ? sp + 1 : rest + rlen;
	mlen = (size_t)(rest + rlen - msg);
	/* Link Monitor logs the serial line at DEBUG; other versions and
	 * tools use another level word. */
	if (mlen >= 8 && (!memcmp(msg, "modem >>", 8) || !memcmp(msg, "modem <<", 8))) {
		modem_line(ps, t, line, n, msg, mlen);
		return;
	}
	/* Link Monitor logs a command whose answer it stopped waiting for
	 * inside its error message, without the closing quote: it was sent. */
	q = memmem(msg, mlen, "Error: 'AT", 10);
	ps->open_idx = -1;
	ps->after_recv = false;
	if (lvl_len == 5 && !memcmp(rest, "ERROR", 5) && q) {
		const char *cmd = q + 8;
		size_t clen = (size_t)(msg + mlen - cmd);

		if (clen && cmd[clen - 1] == '\'')
			clen--;
		log_add_event(ps->log, EV_SEND, t, ps->lineno, cmd, clen);
		ps->log->ev[ps->log->nev - 1].from_error = true;
		return;
	}
	log_add_event(ps->log, EV_NOTE, t, ps->lineno, rest, rlen);
}

/* Control bytes other than tab, CR and LF: more than 1 in 100 is no text log. */
static bool binary(const char *buf, size_t len)
{
	size_t ctl = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		ctl += (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != 0x1b) || c == 0x7f;
	}
	return ctl * 100 > len;
}

/* Link Monitor's own shape: "<ISO time> DEBUG modem >> " on some line. */
static bool link_monitor(const char *buf, size_t len)
{
	for (const char *p = buf; p && p < buf + len;) {
		const char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(buf + len - p), used;
		char head[64];

		snprintf(head, sizeof(head), "%.*s", (int)(n < 63 ? n : 63), p);
		if (log_parse_time(head, &used) >= 0 && (strstr(head, " modem >>") || strstr(head, " modem <<")))
			return true;
		p = nl ? nl + 1 : NULL;
	}
	return false;
}

const char *log_format_name(enum log_format f)
{
	static const char *const names[LOG_NFORMATS] = {
		[LOG_LINK_MONITOR] = "LTE Link Monitor", [LOG_PLAIN] = "terminal capture",
		[LOG_BINARY] = "binary", [LOG_SHELL] = "Zephyr shell session",
		[LOG_ARROW] = "log with direction markers", [LOG_HEXDUMP] = "UART hex dump",
		[LOG_ATLIB] = "AT library debug dump",
	};

	return (unsigned)f < LOG_NFORMATS ? names[f] : "unknown";
}


static int parse_text(const char *buf, size_t len, const char *name,
		      const struct slm_profile *prof, struct replay_log *log);

/* A UTF-16 file (what Windows PowerShell's ">" writes), as 8-bit text:
 * characters beyond ASCII become '?'.  NULL when buf is not UTF-16. */
static char *from_utf16(const char *buf, size_t len, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)buf;
	bool le = len >= 2 && u[0] == 0xff && u[1] == 0xfe, be = len >= 2 && u[0] == 0xfe && u[1] == 0xff;
	char *out;

	if (!le && !be)
		return NULL;
	out = malloc(len / 2 + 1);
	*out_len = 0;
	for (size_t i = 2; i + 1 < len; i += 2) {
		unsigned lo = le ? u[i] : u[i + 1], hi = le ? u[i + 1] : u[i];

		out[(*out_len)++] = hi || lo > 0x7f ? '?' : (char)lo;
	}
	out[*out_len] = '\0';
	return out;
}

/* A copy with every CR that no LF follows made a line end (terminal
 * programs that save what they received write the modem's CR alone, and a
 * CR-only file has no LF at all); NULL when there is none. */
static char *lone_cr_to_lf(const char *buf, size_t len)
{
	char *out;
	const char *cr = memchr(buf, '\r', len);

	while (cr && cr + 1 < buf + len && cr[1] == '\n')
		cr = memchr(cr + 1, '\r', (size_t)(buf + len - cr - 1));
	if (!cr || !(out = malloc(len + 1)))
		return NULL;
	for (size_t i = 0; i < len; i++)
		out[i] = buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n') ? '\n' : buf[i];
	out[len] = '\0';
	return out;
}

int log_parse_buffer(const char *buf, size_t len, const char *name, struct replay_log *log)
{
	return log_parse_buffer_as(buf, len, name, NULL, log);
}

int log_parse_buffer_as(const char *buf, size_t len, const char *name,
			const struct slm_profile *prof, struct replay_log *log)
{
	size_t wide_len;
	char *wide = from_utf16(buf, len, &wide_len), *lf;
	int rc;

	if (wide) {
		rc = log_parse_buffer_as(wide, wide_len, name, prof, log);
		/* Events keep copies of their text, not pointers into the buffer. */
		free(wide);
		return rc;
	}
	if ((lf = lone_cr_to_lf(buf, len))) {
		rc = parse_text(lf, len, name, prof, log);
		free(lf);
		return rc;
	}
	return parse_text(buf, len, name, prof, log);
}

static int parse_text(const char *buf, size_t len, const char *name,
		      const struct slm_profile *prof, struct replay_log *log)
{
	const char *p, *end;
	struct log_parse ps = { .log = log, .open_idx = -1 };

	memset(log, 0, sizeof(*log));
	log->name = strdup(name);
	log->read_as = prof ? prof : slm_profile_default();
	/* Windows editors start a UTF-8 file with a byte order mark. */
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3)) {
		buf += 3;
		len -= 3;
	}
	p = buf;
	end = buf + len;
	if (binary(buf, len)) {
		log->format = LOG_BINARY;
		log->read.formats = 1u << LOG_BINARY;
		return 0;
	}
	if (!link_monitor(buf, len)) {
		log_parse_plain(buf, len, log);
		return 0;
	}
	log->timed = true;
	log->read.formats = 1u << LOG_LINK_MONITOR;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;
		size_t used = 0;
		int64_t t;

		p = nl ? nl + 1 : end;
		ps.lineno++;
		if (n && line[n - 1] == '\r')
			n--;
		t = line_stamp(line, n, &used);
		if (t < 0)
			untimed_line(&ps, line, n);
		else
			timed_line(&ps, t, line, n, used);
	}
	if (ps.open_idx >= 0)
		log_add_problem(log, log->ev[ps.open_idx].line, log->ev[ps.open_idx].text,
			    strlen(log->ev[ps.open_idx].text), "the log ends inside a quoted argument");
	log->read.lines = ps.lineno;
	return 0;
}

int log_parse_file(const char *path, struct replay_log *out, char *err, size_t errlen)
{
	return log_parse_file_as(path, NULL, out, err, errlen);
}

int log_parse_file_as(const char *path, const struct slm_profile *prof, struct replay_log *out,
		      char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	const char *base;

	if (!f) {
		snprintf(err, errlen, "cannot read %s: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 131072;
			buf = realloc(buf, cap);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	base = strrchr(path, '/');
	log_parse_buffer_as(buf, len, base ? base + 1 : path, prof, out);
	free(buf);
	return 0;
}

void log_free(struct replay_log *log)
{
	for (size_t i = 0; i < log->nev; i++)
		free(log->ev[i].text);
	for (size_t i = 0; i < log->nprobs; i++)
		free(log->probs[i].text);
	free(log->ev);
	free(log->probs);
	free(log->read.first_skipped);
	free(log->name);
	memset(log, 0, sizeof(*log));
}
