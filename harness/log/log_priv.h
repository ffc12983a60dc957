/* Shared by the log format readers (log_parser.c: Link Monitor and
 * --record; log_detect.c: which shapes a capture has, line by line;
 * log_plain.c: terminal captures and the events every other reader's lines
 * become; log_shell.c, log_arrow.c, log_hexdump.c, log_atlib.c,
 * log_annot.c: one shape each). docs/log-formats.md. */
#ifndef SLMREPLAY_LOG_PRIV_H
#define SLMREPLAY_LOG_PRIV_H

#include "log_parser.h"

struct log_parse {
	struct replay_log *log;
	long open_idx;		/* SEND whose quoted argument is still open */
	bool after_recv;	/* the last line was the modem's: bare lines continue it */
	int lineno;
};

/* Which way a line went, as its format says; ANY: judged by its text. */
enum log_dir { DIR_ANY, DIR_HOST, DIR_MODEM };

/* One line as a reader unwrapped it. */
struct log_line {
	const char *s;
	size_t n;
	enum log_dir dir;
	int64_t t;		/* ms (a date, or since boot); -1: the line has none */
	enum log_format fmt;
	bool annotation;	/* the poster's, taken as the modem's answer */
};

/* Bytes of a hex dump not yet ended by CR or LF. */
struct log_hexbuf {
	char b[4096];
	size_t n;
	int line;
	int64_t t;
};

/* Reading a capture (everything but Link Monitor's own logs). */
struct log_lines {
	struct log_parse ps;
	int64_t last_t;
	bool all_stamped;
	bool modem_since_send;	/* a modem line came after the last command */
	/* In data mode: the next line is the host's payload (as echoed), the
	 * lines after it the modem's (a message it publishes may come back)
	 * until the host's "+++". */
	bool datamode, payload_seen;
	bool entry_answered;	/* the first line after entering was looked at */
	unsigned shapes;	/* what log_detect found in the file: 1 << LOG_x | SHAPE_RTT */
	int per_format[LOG_NFORMATS];
	/* the readers' own state */
	enum log_dir arrow_last;	/* the last marked line's way: bare lines go on it */
	bool arrow_host_is_right;	/* "->", ">>", ">" are the host's */
	bool shell_other;		/* inside a shell command other than AT's output */
	struct log_hexbuf hex;
	int64_t stamp_t;	/* the last time stamp seen (a header's), -1: none */
};

#define SHAPE_RTT (1u << 30)	/* SEGGER RTT Viewer's "00> " before every line */

void log_add_event(struct replay_log *log, enum log_ev_kind kind, int64_t t, int line,
		   const char *text, size_t len);
void log_add_problem(struct replay_log *log, int line, const char *text, size_t len,
		     const char *why);
/* A non-blank line that is neither the host's nor the modem's. */
void log_skip(struct replay_log *log, int line, const char *text, size_t len);
/* An odd number of quotes leaves a quoted argument open. */
bool log_quote_open(const char *s);
void log_append_line(struct log_event *ev, const char *text, size_t len);
/* "..." (or the ellipsis character) alone: an elided body line. */
bool log_is_elision(const char *text, size_t len);
/* A body line of the open command. */
void log_continue_command(struct log_parse *ps, const char *text, size_t len);
/* A terminal program's own line ("picocom v3.1", "Terminal ready"). */
bool log_is_chatter(const char *s, size_t n);
/* Starts "AT" (any case): a command line. */
bool log_is_command(const char *s, size_t n);
bool log_is_final_n(const char *s, size_t n);

/* A plain terminal capture: picocom, minicom, tio, screen, a pasted window,
 * and every other capture shape: log_detect.c reads it line by line. */
void log_parse_plain(const char *buf, size_t len, struct replay_log *log);
/* The shapes a capture shows (L->shapes: 1 << LOG_x, SHAPE_RTT) and which
 * way its arrows point. */
void log_detect(struct log_lines *L, const char *buf, size_t len);
/* A line the readers did not take, as a terminal capture's (its time
 * stamp read here, or t already read). */
void log_plain_line(struct log_lines *L, const char *line, size_t n);
void log_plain_put(struct log_lines *L, const char *line, size_t n, int64_t t);
/* A reader's line becomes a command, an answer line, or is dropped as echo. */
void log_put(struct log_lines *L, const struct log_line *ll);
/* After the readers: made-up times when the capture had none. */
void log_lines_finish(struct log_lines *L);

/* Time stamps: a terminal program's ("[12:00:01.123]", ISO, a date) and
 * Zephyr's log ("[00:00:02.547,424]", since boot); -1 when none. */
int64_t log_plain_stamp(const char *s, size_t n, size_t *used);
int64_t log_zephyr_stamp(const char *s, size_t n, size_t *used);
/* After a stamp: Zephyr's "<inf> module: ", the nRF5 SDK's "<info> app: ",
 * a defmt/env_logger level word; its length, 0 when none. */
size_t log_level_prefix(const char *s, size_t n);

/* The readers: true when the line was theirs (put, skipped or kept). */
bool log_hexdump_line(struct log_lines *L, const char *s, size_t n, int64_t t);
/* A hex dump's bytes no CR or LF has ended yet, as a line. */
void log_flush_bytes(struct log_lines *L);
/* A hex dump row's bytes into out (NULL: only whether it is one); -1: not a row. */
int log_hexdump_row(const char *s, size_t n, char *out, size_t cap);
bool log_shell_line(struct log_lines *L, const char *s, size_t n, int64_t t, bool leveled);
bool log_arrow_line(struct log_lines *L, const char *s, size_t n, int64_t t);
/* A direction marker at s: its length and way; 0 when none. */
size_t log_arrow_marker(const char *s, size_t n, bool host_is_right, enum log_dir *dir);
bool log_atlib_line(struct log_lines *L, const char *s, size_t n, int64_t t);
bool log_annot_line(struct log_lines *L, const char *s, size_t n, int64_t t);

#endif
