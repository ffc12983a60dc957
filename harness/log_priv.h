/* Shared by the log format readers (log_parser.c: Link Monitor and
 * --record; log_plain.c: terminal captures). */
#ifndef SLMREPLAY_LOG_PRIV_H
#define SLMREPLAY_LOG_PRIV_H

#include "log_parser.h"

struct log_parse {
	struct replay_log *log;
	long open_idx;		/* SEND whose quoted argument is still open */
	bool after_recv;	/* the last line was the modem's: bare lines continue it */
	int lineno;
};

void log_add_event(struct replay_log *log, enum log_ev_kind kind, int64_t t, int line,
		   const char *text, size_t len);
void log_add_problem(struct replay_log *log, int line, const char *text, size_t len,
		     const char *why);
/* An odd number of quotes leaves a quoted argument open. */
bool log_quote_open(const char *s);
void log_append_line(struct log_event *ev, const char *text, size_t len);
/* "..." (or the ellipsis character) alone: an elided body line. */
bool log_is_elision(const char *text, size_t len);
/* A body line of the open command. */
void log_continue_command(struct log_parse *ps, const char *text, size_t len);
/* A plain terminal capture: picocom, minicom, tio, screen, a pasted window. */
void log_parse_plain(const char *buf, size_t len, struct replay_log *log);

#endif
