/* Which shapes a pasted capture has, decided once per file from lines that
 * only that shape writes, and then each line handed to the reader of its
 * shape: a file may mix them (a shell session with Zephyr log lines and hex
 * dumps).  Lines no reader takes are read as a terminal capture's. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log_priv.h"

/* SEGGER RTT Viewer's terminal number: "00> ". */
static size_t rtt_prefix(const char *s, size_t n)
{
	return n >= 3 && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) && s[2] == '>' ?
	       (n > 3 && s[3] == ' ' ? 4 : 3) : 0;
}

static bool has(const char *s, size_t n, const char *what)
{
	return memmem(s, n, what, strlen(what)) != NULL;
}

/* A TinyGSM-style dump: its "[1234] ### ..." lines, or a reply glued to the
 * next command ("OKAT+..."), or prose glued to one ("...AT+"). */
static bool atlib_shape(const char *s, size_t n)
{
	size_t i = 1;

	if (n > 3 && s[0] == '[' && isdigit((unsigned char)s[1])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i + 5 < n && !memcmp(s + i, "] ###", 5))
			return true;
	}
	return has(s, n, "OKAT+") || has(s, n, "OKAT#") || has(s, n, "OKAT%") || has(s, n, "...AT+") ||
	       has(s, n, "...AT#");
}

struct votes {
	int right, left;
};

static void detect_line(struct log_lines *L, const char *s, size_t n, struct votes *v)
{
	size_t used = 0, k;
	enum log_dir dir;
	char bytes[256];
	int nb;

	if ((k = rtt_prefix(s, n)) && n > k) {
		L->shapes |= SHAPE_RTT;
		s += k;
		n -= k;
	}
	if (has(s, n, ":~$") || (n > 12 && !memcmp(s, "*** Booting ", 12)))
		L->shapes |= 1u << LOG_SHELL;
	if (log_zephyr_stamp(s, n, &used) >= 0 || log_plain_stamp(s, n, &used) >= 0) {
		while (used < n && s[used] == ' ')
			used++;
		if (log_zephyr_stamp(s, n, &k) >= 0 && log_level_prefix(s + used, n - used))
			L->shapes |= 1u << LOG_SHELL;
		s += used;
		n -= used;
	}
	k = log_level_prefix(s, n);
	s += k;
	n -= k;
	nb = log_hexdump_row(s, n, bytes, sizeof(bytes));
	nb = nb > (int)sizeof(bytes) ? (int)sizeof(bytes) : nb;
	if (nb >= 2 && (has(s, n, "|") || memmem(bytes, (size_t)nb, "AT", 2) || memmem(bytes, (size_t)nb, "OK", 2)))
		L->shapes |= 1u << LOG_HEXDUMP;
	while (n && *s == ' ') {
		s++;
		n--;
	}
	if ((k = log_arrow_marker(s, n, true, &dir)) && log_is_command(s + k, n - k)) {
		L->shapes |= 1u << LOG_ARROW;
		v->right += dir == DIR_HOST;
		v->left += dir == DIR_MODEM;
	}
	if (atlib_shape(s, n))
		L->shapes |= 1u << LOG_ATLIB;
}

void log_detect(struct log_lines *L, const char *buf, size_t len)
{
	struct votes v = { 0, 0 };

	for (const char *p = buf; p < buf + len;) {
		const char *nl = memchr(p, '\n', (size_t)(buf + len - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(buf + len - p);

		detect_line(L, p, n, &v);
		p = nl ? nl + 1 : buf + len;
	}
	/* Whichever way the arrows before commands point is the host's. */
	L->arrow_host_is_right = v.right >= v.left;
}

/* A message logged by an application without a direction: a command or a
 * result is the link's, anything else the application's own. */
static void leveled_line(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	struct log_line ll = { s, n, DIR_ANY, t, LOG_SHELL, false };

	if (log_is_command(s, n) || log_is_final_n(s, n)) {
		log_put(L, &ll);
		return;
	}
	log_skip(L->ps.log, L->ps.lineno, s, n);
}

/* One line of a file with shapes other than a plain capture's. */
static void shaped_line(struct log_lines *L, const char *s, size_t n)
{
	size_t used = 0, lv;
	int64_t t = log_zephyr_stamp(s, n, &used);
	unsigned sh = L->shapes;

	if (t < 0)
		t = log_plain_stamp(s, n, &used);
	while (t >= 0 && used < n && s[used] == ' ')
		used++;
	s += used;
	n -= used;
	if (t >= 0)
		L->stamp_t = t;
	lv = log_level_prefix(s, n);
	s += lv;
	n -= lv;
	if (!n)
		return;
	if (((sh & (1u << LOG_HEXDUMP)) && log_hexdump_line(L, s, n, t)) ||
	    ((sh & (1u << LOG_ARROW)) && log_arrow_line(L, s, n, t)) ||
	    ((sh & (1u << LOG_SHELL)) && log_shell_line(L, s, n, t, lv > 0)) ||
	    ((sh & (1u << LOG_ATLIB)) && log_atlib_line(L, s, n, t)) || log_annot_line(L, s, n, t))
		return;
	if (lv)
		leveled_line(L, s, n, t);
	else
		log_plain_put(L, s, n, t);
}

/* The first skipped line as the file has it, stamp and all. */
static void shaped_line_raw(struct log_lines *L, const char *s, size_t n)
{
	struct log_read *r = &L->ps.log->read;
	int before = r->skipped;

	shaped_line(L, s, n);
	if (!before && r->skipped) {
		free(r->first_skipped);
		r->first_skipped = strndup(s, n < 200 ? n : 200);
	}
}

static void read_line(struct log_lines *L, const char *s, size_t n)
{
	size_t k = L->shapes & SHAPE_RTT ? rtt_prefix(s, n) : 0;
	size_t used = 0;
	int64_t t;

	s += k;
	n -= k;
	if (L->ps.open_idx >= 0) {
		log_plain_line(L, s, n);
		return;
	}
	if (L->shapes & ~(1u << LOG_PLAIN)) {
		shaped_line_raw(L, s, n);
		return;
	}
	t = log_plain_stamp(s, n, &used);
	if (n > used && log_annot_line(L, s + used, n - used, t))
		return;
	log_plain_put(L, s + used, n - used, t);
}

/* Terminal escape sequences (colours, cursor moves) out of a line. */
static size_t strip_escapes(char *s, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '[') {
			i += 2;
			while (i < n && !isalpha((unsigned char)s[i]))
				i++;
			continue;
		}
		s[o++] = s[i];
	}
	return o;
}

static void main_format(struct log_lines *L)
{
	struct replay_log *log = L->ps.log;
	int best = 0;

	log->format = LOG_PLAIN;
	for (int f = 0; f < LOG_NFORMATS; f++) {
		if (L->per_format[f])
			log->read.formats |= 1u << f;
		if (f != LOG_PLAIN && L->per_format[f] > best) {
			best = L->per_format[f];
			log->format = (enum log_format)f;
		}
	}
	/* The answers in a shell session, a marked log or a library's dump come
	 * bare: they are that shape's.  Text lines beside a hex dump are not. */
	if (log->format != LOG_PLAIN && log->format != LOG_HEXDUMP)
		log->read.formats &= ~(1u << LOG_PLAIN);
	if (!log->read.formats)
		log->read.formats = 1u << log->format;
}

void log_parse_plain(const char *buf, size_t len, struct replay_log *log)
{
	struct log_lines L = { .ps = { .log = log, .open_idx = -1 }, .all_stamped = true, .stamp_t = -1 };
	const char *p = buf, *end = buf + len;

	log_detect(&L, buf, len);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		const char *line = p;
		char *copy = NULL;

		p = nl ? nl + 1 : end;
		L.ps.lineno++;
		while (n && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
			n--;
		if (memchr(line, 0x1b, n)) {
			/* Not strndup: a NUL in the line would cut the copy short. */
			copy = malloc(n + 1);
			memcpy(copy, line, n);
			n = strip_escapes(copy, n);
			line = copy;
		}
		read_line(&L, line, n);
		free(copy);
	}
	log->read.lines = L.ps.lineno;
	log_lines_finish(&L);
	main_format(&L);
}
