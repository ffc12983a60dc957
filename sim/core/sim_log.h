/* The emulator's two outputs besides the serial line: the diagnostic log
 * (--log: every byte in and out, and the reason behind each ERROR) and the
 * session record (--record: LTE Link Monitor format, which slmreplay reads). */
#ifndef SLMSIM_SIM_LOG_H
#define SLMSIM_SIM_LOG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum slog_kind {
	SLOG_RX,	/* host -> modem */
	SLOG_TX,	/* modem -> host */
	SLOG_WHY,	/* why the modem answered an error */
	SLOG_INFO,
	SLOG_WARN,
};

struct sim_log {
	FILE *diag;		/* NULL: no diagnostic file */
	FILE *record;		/* NULL: no record */
	FILE *console;		/* WHY/WARN lines also go here (stderr), NULL when quiet */
	/* Hook for the harness: receives WHY lines as they are written. */
	void (*why_hook)(void *arg, const char *modem, const char *text);
	void *why_arg;
};

/* ISO-8601 UTC with milliseconds and a Z, as LTE Link Monitor writes. */
void slog_format_time(int64_t epoch_ms, char *buf, size_t len);

void slog_write(struct sim_log *log, int64_t epoch_ms, const char *modem,
		enum slog_kind kind, const char *text, size_t len);
void slog_printf(struct sim_log *log, int64_t epoch_ms, const char *modem,
		 enum slog_kind kind, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void slog_vprintf(struct sim_log *log, int64_t epoch_ms, const char *modem,
		  enum slog_kind kind, const char *fmt, va_list ap);

/* Record one logical line in Link Monitor format ("DEBUG modem >> AT"). */
void slog_record(struct sim_log *log, int64_t epoch_ms, bool from_host,
		 const char *text, size_t len);
/* A note of the recorder in the same file ("INFO slmsim: ..."), as Link
 * Monitor writes its own: slmreplay keeps it, never judges it. */
void slog_record_note(struct sim_log *log, int64_t epoch_ms, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
