#include "sim_log.h"

#include <string.h>
#include <time.h>

void slog_format_time(int64_t epoch_ms, char *buf, size_t len)
{
	time_t sec = (time_t)(epoch_ms / 1000);
	struct tm tm;

	gmtime_r(&sec, &tm);
	snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (int)(epoch_ms % 1000));
}

static const char *kind_name(enum slog_kind kind)
{
	switch (kind) {
	case SLOG_RX: return "rx";
	case SLOG_TX: return "tx";
	case SLOG_WHY: return "why";
	case SLOG_INFO: return "info";
	case SLOG_WARN: return "warn";
	}
	return "?";
}

/* Bytes are written C-escaped so CR/LF framing and binary stay visible. */
static void put_escaped(FILE *f, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c == '\r')
			fputs("\\r", f);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\\')
			fputs("\\\\", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
}

void slog_write(struct sim_log *log, int64_t epoch_ms, const char *modem,
		enum slog_kind kind, const char *text, size_t len)
{
	char ts[32];

	if (!log)
		return;
	slog_format_time(epoch_ms, ts, sizeof(ts));
	if (log->diag) {
		fprintf(log->diag, "%s %s %-4s ", ts, modem, kind_name(kind));
		put_escaped(log->diag, text, len);
		fputc('\n', log->diag);
		fflush(log->diag);
	}
	if (log->console && (kind == SLOG_WHY || kind == SLOG_WARN)) {
		fprintf(log->console, "slmsim: %s %s: %.*s\n", modem,
			kind == SLOG_WHY ? "error because" : "warning", (int)len, text);
		fflush(log->console);
	}
	if (kind == SLOG_WHY && log->why_hook) {
		char buf[1024];

		snprintf(buf, sizeof(buf), "%.*s", (int)len, text);
		log->why_hook(log->why_arg, modem, buf);
	}
}

void slog_vprintf(struct sim_log *log, int64_t epoch_ms, const char *modem,
		  enum slog_kind kind, const char *fmt, va_list ap)
{
	char buf[2048];
	int n;

	if (!log)
		return;
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (n < 0)
		return;
	slog_write(log, epoch_ms, modem, kind, buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

void slog_printf(struct sim_log *log, int64_t epoch_ms, const char *modem,
		 enum slog_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	slog_vprintf(log, epoch_ms, modem, kind, fmt, ap);
	va_end(ap);
}

void slog_record(struct sim_log *log, int64_t epoch_ms, bool from_host,
		 const char *text, size_t len)
{
	char ts[32];

	if (!log || !log->record)
		return;
	slog_format_time(epoch_ms, ts, sizeof(ts));
	fprintf(log->record, "%s DEBUG modem %s %.*s\n", ts, from_host ? ">>" : "<<", (int)len, text);
	fflush(log->record);
}

void slog_record_note(struct sim_log *log, int64_t epoch_ms, const char *fmt, ...)
{
	char ts[32];
	va_list ap;

	if (!log || !log->record)
		return;
	slog_format_time(epoch_ms, ts, sizeof(ts));
	fprintf(log->record, "%s INFO ", ts);
	va_start(ap, fmt);
	vfprintf(log->record, fmt, ap);
	va_end(ap);
	fputc('\n', log->record);
	fflush(log->record);
}
