/* Building a log's events, shared by the format readers. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log_priv.h"

/* After the seconds: "Z", "+hh:mm", "-hhmm" or nothing (taken as UTC);
 * the offset east of UTC in minutes, or INT_MIN for no zone shape. */
static int zone(const char *s, int *n)
{
	int h, m = 0, k = 0;

	if (s[*n] == 'Z') {
		(*n)++;
		return 0;
	}
	if ((s[*n] == '+' || s[*n] == '-') &&
	    (sscanf(s + *n + 1, "%2d:%2d%n", &h, &m, &k) == 2 ||
	     sscanf(s + *n + 1, "%2d%2d%n", &h, &m, &k) == 2) && (k == 5 || k == 4)) {
		int east = h * 60 + m;

		east = s[*n] == '-' ? -east : east;
		*n += 1 + k;
		return east;
	}
	return 0;
}

int64_t log_parse_time(const char *s, size_t *used)
{
	struct tm tm = { 0 };
	int y, mo, d, h, mi, sec, ms = 0, n = 0, east;
	char sep;

	if (sscanf(s, "%4d-%2d-%2d%c%2d:%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &sec, &n) != 7 ||
	    n != 19 || (sep != 'T' && sep != ' '))
		return -1;
	if (s[n] == '.' || s[n] == ',') {
		int digits = 0;

		n++;
		while (isdigit((unsigned char)s[n])) {
			if (digits < 3)
				ms = ms * 10 + (s[n] - '0');
			digits++;
			n++;
		}
		while (digits++ < 3)
			ms *= 10;
	}
	east = zone(s, &n);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*used = (size_t)n;
	return ((int64_t)timegm(&tm) - (int64_t)east * 60) * 1000 + ms;
}

void log_add_event(struct replay_log *log, enum log_ev_kind kind, int64_t t, int line,
		      const char *text, size_t len)
{
	struct log_event *ev;

	log->ev = realloc(log->ev, (log->nev + 1) * sizeof(*ev));
	ev = &log->ev[log->nev++];
	memset(ev, 0, sizeof(*ev));
	ev->kind = kind;
	ev->t_ms = t;
	ev->line = line;
	ev->text = strndup(text, len);
}

void log_add_problem(struct replay_log *log, int line, const char *text, size_t len,
			const char *why)
{
	struct log_problem *p;

	log->probs = realloc(log->probs, (log->nprobs + 1) * sizeof(*p));
	p = &log->probs[log->nprobs++];
	p->line = line;
	p->text = strndup(text, len);
	p->why = why;
}

bool log_quote_open(const char *s)
{
	bool open = false;

	for (; *s; s++)
		open ^= *s == '"';
	return open;
}

void log_append_line(struct log_event *ev, const char *text, size_t len)
{
	size_t old = strlen(ev->text);
	char *n = realloc(ev->text, old + 1 + len + 1);

	n[old] = '\n';
	memcpy(n + old + 1, text, len);
	n[old + 1 + len] = '\0';
	ev->text = n;
}

bool log_is_elision(const char *text, size_t len)
{
	while (len && isspace((unsigned char)*text)) {
		text++;
		len--;
	}
	while (len && isspace((unsigned char)text[len - 1]))
		len--;
	return (len == 3 && !memcmp(text, "...", 3)) || (len == 3 && !memcmp(text, "\xe2\x80\xa6", 3));
}

void log_continue_command(struct log_parse *ps, const char *text, size_t len)
{
	struct log_event *oc = &ps->log->ev[ps->open_idx];

	if (log_is_elision(text, len))
		oc->elided = true;
	log_append_line(oc, text, len);
	if (!log_quote_open(oc->text))
		ps->open_idx = -1;
}

size_t log_sends(const struct replay_log *log)
{
	size_t n = 0;

	for (size_t i = 0; i < log->nev; i++)
		n += log->ev[i].kind == EV_SEND;
	return n;
}

bool log_is_final(const char *l)
{
	return !strcmp(l, "OK") || !strcmp(l, "ERROR") || !strncmp(l, "+CME ERROR:", 11) ||
	       !strncmp(l, "+CMS ERROR:", 11);
}

void log_skip(struct replay_log *log, int line, const char *text, size_t len)
{
	size_t k = len < 200 ? len : 200;

	log->slm_shown |= memmem(text, len, "Serial LTE Modem", 16) || memmem(text, len, "slm_", 4) ||
			  memmem(text, len, "> slm:", 6);
	if (!log->read.skipped++) {
		log->read.first_skipped_line = line;
		log->read.first_skipped = strndup(text, k);
	}
}

bool log_is_command(const char *s, size_t n)
{
	return n >= 2 && toupper((unsigned char)s[0]) == 'A' && toupper((unsigned char)s[1]) == 'T';
}

bool log_is_final_n(const char *s, size_t n)
{
	char text[32];

	if (n > 30)
		return false;
	memcpy(text, s, n);
	text[n] = '\0';
	return log_is_final(text);
}
