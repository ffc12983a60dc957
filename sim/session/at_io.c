/* The modem's output: bytes to the host, URCs, the diagnostic log and the
 * Link Monitor record.  The bottom of the AT layer: it calls nothing above
 * it, so handlers, the dispatcher and data mode all write through here. */
#include <stdarg.h>

#include "at_cmd.h"

int64_t modem_now(const struct modem *m)
{
	return sim_clock_epoch_ms(m->ctx->clock);
}

void modem_log(struct modem *m, enum slog_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	slog_vprintf(m->ctx->log, modem_now(m), m->name, kind, fmt, ap);
	va_end(ap);
}

/* Host lines go to the record one per line break (CR, LF or CRLF), as
 * Link Monitor logs a PEM body one line at a time; the last piece is a line
 * even when empty. */
void modem_record_command(struct modem *m, const char *line, size_t len)
{
	size_t start = 0;

	if (!m->ctx->log || !m->ctx->log->record)
		return;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && line[i] != '\r' && line[i] != '\n')
			continue;
		if (i > start || i == len)
			slog_record(m->ctx->log, modem_now(m), true, line + start, i - start);
		if (i + 1 < len && line[i] == '\r' && line[i + 1] == '\n')
			i++;
		start = i + 1;
	}
}

static void record_tx(void *arg, const char *line, size_t n)
{
	struct modem *m = arg;

	slog_record(m->ctx->log, modem_now(m), false, line, n);
}

/* The record gets one "<<" line per non-empty output line. */
static void record_output(struct modem *m, const char *buf, size_t len)
{
	if (!m->ctx->log || !m->ctx->log->record)
		return;
	sb_append(&m->rec_line, buf, len);
	sb_take_lines(&m->rec_line, record_tx, m);
}

void modem_write(struct modem *m, const char *buf, size_t len)
{
	if (len == 0)
		return;
	if (m->asleep) {
		size_t keep = 0;

		if (m->sleep_mode == MODEM_SLEEP_UART_OFF && m->asleep_out.len < m->profile->urc.asleep_keep)
			keep = m->profile->urc.asleep_keep - m->asleep_out.len;
		keep = keep < len ? keep : len;
		sb_append(&m->asleep_out, buf, keep);
		if (keep < len)
			modem_log(m, SLOG_INFO, "%zu bytes of output lost: the UART sleeps", len - keep);
		return;
	}
	slog_write(m->ctx->log, modem_now(m), m->name, SLOG_TX, buf, len);
	record_output(m, buf, len);
	if (m->tx)
		m->tx(m->tx_arg, buf, len);
}

/* Whether the profile holds a URC now rather than writing it. */
static bool urc_waits(const struct modem *m, bool modem_urc)
{
	if (m->dm.active && modem_urc)
		return m->profile->urc.in_datamode == SLM_URC_DM_HOLD;
	return (m->answering || m->pending || m->dm.active) &&
	       m->profile->urc.timing == SLM_URC_AFTER_RESPONSE;
}

/* The SLM writes URCs as they happen, even between a command and its
 * result code, from whichever thread raised them; a profile may hold them
 * until the answer (or data mode) is over. */
static void vurc(struct modem *m, bool modem_urc, const char *fmt, va_list ap)
{
	struct strbuf out = { 0 };

	sb_append(&out, "\r\n", 2);
	sb_vappendf(&out, fmt, ap);
	sb_append(&out, "\r\n", 2);
	if (urc_waits(m, modem_urc))
		sb_append(&m->urc_held, out.data, out.len);
	else
		modem_write(m, out.data, out.len);
	sb_free(&out);
}

void modem_urc_flush(struct modem *m)
{
	if (!m->urc_held.len || m->answering || m->pending || m->dm.active)
		return;
	modem_write(m, m->urc_held.data, m->urc_held.len);
	sb_clear(&m->urc_held);
}

void modem_urc_bytes(struct modem *m, const char *buf, size_t len)
{
	if (urc_waits(m, false))
		sb_append(&m->urc_held, buf, len);
	else
		modem_write(m, buf, len);
}

void modem_urc(struct modem *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vurc(m, false, fmt, ap);
	va_end(ap);
}

void modem_urc_modem(struct modem *m, const char *fmt, ...)
{
	va_list ap;

	if (m->dm.active && m->profile->urc.in_datamode == SLM_URC_DM_DROP) {
		/* SLM drops modem URCs in data mode rather than queue them. */
		modem_log(m, SLOG_INFO, "modem URC dropped: data mode");
		return;
	}
	va_start(ap, fmt);
	vurc(m, true, fmt, ap);
	va_end(ap);
}
