#include "modem.h"

#include "redact.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void on_line(void *arg, const char *line, size_t len, enum at_line_status st)
{
	at_dispatch_line(arg, line, len, st);
}

static void on_net_changed(void *arg)
{
	struct modem *m = arg;

	for (size_t i = 0; at_tables[i]; i++)
		if (at_tables[i]->net_changed)
			at_tables[i]->net_changed(m);
}

struct modem *modem_new(struct sim_ctx *ctx, int index, const struct modem_config *cfg,
			char *err, size_t errlen)
{
	struct modem *m = calloc(1, sizeof(*m));

	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->ctx = ctx;
	m->index = index;
	snprintf(m->name, sizeof(m->name), "m%d", index);
	m->cfg = *cfg;
	at_engine_init(&m->engine, m->cfg.term, on_line, m);
	net_init(&m->net, ctx->clock, &m->cfg.net, on_net_changed, m);
	datamode_init(m);
	for (size_t i = 0; at_tables[i]; i++) {
		if (at_tables[i]->init && at_tables[i]->init(m, err, errlen)) {
			modem_free(m);
			return NULL;
		}
	}
	return m;
}

void modem_free(struct modem *m)
{
	size_t n = 0;

	if (!m)
		return;
	while (at_tables[n])
		n++;
	while (n-- > 0)
		if (at_tables[n]->fini)
			at_tables[n]->fini(m);
	net_fini(&m->net);
	datamode_fini(m);
	sb_free(&m->held);
	sb_free(&m->resp);
	sb_free(&m->urcq);
	sb_free(&m->rec_line);
	free(m);
}

void modem_set_tx(struct modem *m, modem_tx_fn tx, void *arg)
{
	m->tx = tx;
	m->tx_arg = arg;
}

int64_t modem_now(const struct modem *m)
{
	return sim_clock_epoch_ms(m->ctx->clock);
}

void modem_log(struct modem *m, enum slog_kind kind, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	int n;

	if (!m->ctx->log)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	slog_write(m->ctx->log, modem_now(m), m->name, kind, buf,
		   (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
}

/* The record gets one "<<" line per non-empty output line. */
static void record_output(struct modem *m, const char *buf, size_t len)
{
	size_t start = 0;

	sb_append(&m->rec_line, buf, len);
	for (size_t i = 0; i < m->rec_line.len; i++) {
		if (m->rec_line.data[i] != '\n')
			continue;
		size_t end = i;

		while (end > start && m->rec_line.data[end - 1] == '\r')
			end--;
		if (end > start)
			slog_record(m->ctx->log, modem_now(m), false, m->rec_line.data + start, end - start);
		start = i + 1;
	}
	sb_consume(&m->rec_line, start);
}

void modem_write(struct modem *m, const char *buf, size_t len)
{
	if (len == 0)
		return;
	slog_write(m->ctx->log, modem_now(m), m->name, SLOG_TX, buf, len);
	record_output(m, buf, len);
	if (m->tx)
		m->tx(m->tx_arg, buf, len);
}

void modem_urc(struct modem *m, const char *fmt, ...)
{
	struct strbuf *out = m->in_handler ? &m->urcq : NULL;
	struct strbuf tmp = { 0 };
	va_list ap;

	if (!out)
		out = &tmp;
	sb_append(out, "\r\n", 2);
	va_start(ap, fmt);
	sb_vappendf(out, fmt, ap);
	va_end(ap);
	sb_append(out, "\r\n", 2);
	if (out == &tmp) {
		modem_write(m, tmp.data, tmp.len);
		sb_free(&tmp);
	}
}

void modem_start(struct modem *m)
{
	modem_log(m, SLOG_INFO, "%s %s, SLM %s, IMEI %s", m->cfg.model, m->cfg.revision,
		  m->cfg.slm_version, m->cfg.imei);
	modem_write(m, "Ready\r\n", 7);
}

bool modem_busy(const struct modem *m)
{
	return m->pending;
}

static void feed(struct modem *m, const uint8_t *buf, size_t len)
{
	size_t used;

	if (m->dm.active) {
		used = at_engine_skip_lf(&m->engine, buf, len);
		if (used < len)
			datamode_input(m, buf + used, len - used);
		return;
	}
	used = at_engine_feed(&m->engine, buf, len);
	if (used < len && m->dm.active) {
		/* The command entered data mode: the rest of this chunk is payload. */
		used += at_engine_skip_lf(&m->engine, buf + used, len - used);
		if (used < len)
			datamode_input(m, buf + used, len - used);
		return;
	}
	if (used < len) {
		bool only_eol = true;

		for (size_t i = used; i < len && only_eol; i++)
			only_eol = buf[i] == '\r' || buf[i] == '\n';
		/* The LF of a CRLF is no command; the warning is for real input. */
		if (!m->warned_held && !only_eol) {
			modem_log(m, SLOG_WARN,
				  "host sent data while AT%s was still running; the real SLM "
				  "disables UART RX during a command and may lose it, slmsim "
				  "keeps it and runs it afterwards", m->cur_name);
			m->warned_held = true;
		}
		sb_append(&m->held, buf + used, len - used);
	}
}

void modem_input(struct modem *m, const uint8_t *buf, size_t len)
{
	if (m->ctx->log && m->ctx->log->diag) {
		struct strbuf shown = { 0 };

		redact_keys((const char *)buf, len, &m->rx_in_key, &shown);
		slog_write(m->ctx->log, modem_now(m), m->name, SLOG_RX, shown.data ? shown.data : "",
			   shown.len);
		sb_free(&shown);
	}
	if (m->held.len && !m->dm.active) {
		sb_append(&m->held, buf, len);
		return;
	}
	feed(m, buf, len);
}

void modem_host_gone(struct modem *m)
{
	if (at_engine_partial(&m->engine))
		modem_log(m, SLOG_WARN, "terminal closed with %zu bytes of an unfinished command; dropped",
			  at_engine_partial(&m->engine));
	at_engine_reset(&m->engine);
	if (!m->pending)
		sb_clear(&m->held);
}

/* Runs input that arrived while a command was running. */
void modem_resume_input(struct modem *m)
{
	m->warned_held = false;
	at_engine_resume(&m->engine);
	while (m->held.len && !m->engine.paused) {
		struct strbuf chunk = m->held;

		m->held = (struct strbuf){ 0 };
		feed(m, (const uint8_t *)chunk.data, chunk.len);
		sb_free(&chunk);
	}
}
