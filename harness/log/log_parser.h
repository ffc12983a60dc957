/* LTE Link Monitor logs (and slmsim --record output) -> a list of timed
 * events: what the host sent, what the modem answered, the tool's notes.
 * Every line it cannot place is kept as a problem with its line number. */
#ifndef SLMREPLAY_LOG_PARSER_H
#define SLMREPLAY_LOG_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum log_ev_kind {
	EV_SEND,	/* ">>": host -> modem (a whole command, PEM lines joined) */
	EV_RECV,	/* "<<": one line modem -> host */
	EV_NOTE,	/* INFO/ERROR lines of the tool itself */
};

struct log_event {
	enum log_ev_kind kind;
	int64_t t_ms;		/* Unix epoch ms */
	int line;		/* line number of the first line in the file */
	char *text;
	bool elided;		/* SEND: a body line was "..." */
	bool from_error;	/* SEND: recovered from the tool's time-out message */
	/* SEND: the tool that wrote the log says it stopped waiting for an
	 * answer (Link Monitor's "' timed out"): modem lines after it, if any,
	 * came after that wait. */
	bool timed_out;
	bool annotation;	/* RECV: the poster's annotation ("-> OK") taken as the answer */
};

struct log_problem {
	int line;
	char *text;
	const char *why;
};

enum log_format {
	LOG_LINK_MONITOR,	/* LTE Link Monitor, and slmsim --record */
	LOG_PLAIN,		/* a terminal capture: commands and answers, maybe time stamps */
	LOG_BINARY,		/* not text: nothing to replay */
	LOG_SHELL,		/* a Zephyr shell session ("uart:~$ slm AT...") */
	LOG_ARROW,		/* an application's log with direction markers ("TX", "->", ...) */
	LOG_HEXDUMP,		/* hex dumps of the UART's bytes */
	LOG_ATLIB,		/* an AT library's debug dump (TinyGSM DUMP_AT_COMMANDS) */
	LOG_NFORMATS
};

/* What reading the file took: docs/log-formats.md. */
struct log_read {
	unsigned formats;	/* 1 << enum log_format for each shape lines were read in */
	int lines;		/* lines in the file */
	int skipped;		/* non-blank lines that are neither the host's nor the modem's */
	int first_skipped_line;
	char *first_skipped;
	int annotations;	/* the poster's annotations taken as answers */
	int first_annotation_line;
};

struct slm_profile;

struct replay_log {
	char *name;
	enum log_format format;
	/* The SLM generation whose rows told a capture's reader which commands
	 * the host's payload lines follow (data mode). */
	const struct slm_profile *read_as;
	bool timed;		/* the times are the log's; false: made up, only order counts */
	/* The capture shows the session itself (a terminal program's banner or
	 * status lines, local echo), not only lines the host typed. */
	bool session_shown;
	/* Lines the readers set aside name the SLM (its banner, its log
	 * modules) or the SLM shell carries the commands: not modem-only. */
	bool slm_shown;
	struct log_event *ev;
	size_t nev;
	struct log_problem *probs;
	size_t nprobs;
	struct log_read read;
};

/* A log read with the default SLM profile's rows. */
int log_parse_buffer(const char *buf, size_t len, const char *name, struct replay_log *out);
/* The same with profile p's rows (NULL: the default): which commands enter
 * data mode differs between generations (SM's AT#XSEND=<handle>, 3.1's
 * AT#XSEND=""), and a capture's lines after one are the host's payload. */
int log_parse_buffer_as(const char *buf, size_t len, const char *name,
			const struct slm_profile *p, struct replay_log *out);
/* Returns 0, or -1 with err filled when the file cannot be read. */
int log_parse_file(const char *path, struct replay_log *out, char *err, size_t errlen);
int log_parse_file_as(const char *path, const struct slm_profile *p, struct replay_log *out,
		      char *err, size_t errlen);
void log_free(struct replay_log *log);
const char *log_format_name(enum log_format f);
/* "read: ..." for the report: formats, lines skipped (count, first one),
 * annotations taken as answers. */
void log_read_summary(const struct replay_log *log, char *buf, size_t len);
/* A final result code line: OK, ERROR, +CME ERROR: <n> or +CMS ERROR: <n>. */
bool log_is_final(const char *line);
/* Host commands in the log (0: no AT exchange to replay). */
size_t log_sends(const struct replay_log *log);
/* Times from this one on (2000-01-01) are dates; made-up times are not. */
#define LOG_DATED_MS 946684800000LL
/* "2022-02-23T07:48:23.978Z" -> epoch ms; -1 when not a timestamp. */
int64_t log_parse_time(const char *s, size_t *used);

#endif
