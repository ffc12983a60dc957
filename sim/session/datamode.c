/* SLM data mode (fact sheet 1.5, slm_at_host.c raw_rx_handler): raw payload
 * instead of commands.  The UART delivers at most the profile's rx_chunk
 * bytes (256) per receive event; each event is one service send, or with
 * #XDATACTRL a time limit gathers them until the line is quiet that long.
 * The profile's escape ("+++") arriving as an event of its own after its
 * silence (a second) without data, and followed by as much silence, ends it. */
#include <string.h>

#include "at_cmd.h"
#include "at_rsp.h"

/* Ends data mode with text to the host (NULL: nothing). */
void modem_leave_datamode(struct modem *m, const char *text)
{
	struct datamode *dm = &m->dm;

	sim_timer_stop(&dm->quit_timer);
	sim_timer_stop(&dm->flush_timer);
	sb_clear(&dm->buf);
	dm->active = false;
	dm->quit_pending = false;
	if (dm->on_exit)
		dm->on_exit(m);
	dm->on_exit = NULL;
	modem_log(m, SLOG_INFO, "data mode left");
	if (text)
		modem_write(m, text, strlen(text));
	modem_urc_flush(m);
	if (m->on_idle)
		m->on_idle(m);
}

static void leave_datamode(struct modem *m, bool failed)
{
	if (failed)
		modem_log(m, SLOG_INFO, "data mode ends after a failed send");
	modem_leave_datamode(m, failed ? "\r\nERROR\r\n" : "\r\nOK\r\n");
}

/* Hands what is buffered to the service; a failure ends data mode. */
static void flush(struct modem *m)
{
	struct datamode *dm = &m->dm;
	size_t most = m->profile->datamode.buffer;

	while (dm->active && dm->buf.len) {
		size_t n = dm->buf.len < most ? dm->buf.len : most;
		int rc;

		slog_record(m->ctx->log, modem_now(m), true, dm->buf.data, n);
		rc = dm->send(m, (const uint8_t *)dm->buf.data, n);
		sb_consume(&dm->buf, n);
		if (rc < 0) {
			modem_log(m, SLOG_WHY, "data mode send of %zu bytes failed (%d); leaving data "
				  "mode with ERROR", n, rc);
			leave_datamode(m, true);
		}
	}
}

static void quit_cb(struct sim_timer *t, void *arg)
{
	(void)t;
	/* Data still waiting for the time limit is dropped, as the SLM does. */
	leave_datamode(arg, false);
}

static void flush_cb(struct sim_timer *t, void *arg)
{
	(void)t;
	flush(arg);
}

void datamode_init(struct modem *m)
{
	sim_timer_init(&m->dm.quit_timer, quit_cb, m);
	sim_timer_init(&m->dm.flush_timer, flush_cb, m);
}

void datamode_fini(struct modem *m)
{
	sim_timer_stop(&m->dm.quit_timer);
	sim_timer_stop(&m->dm.flush_timer);
	sb_free(&m->dm.buf);
}

void modem_enter_datamode(struct modem *m, datamode_send_fn send)
{
	struct datamode *dm = &m->dm;

	dm->active = true;
	dm->send = send;
	dm->on_exit = NULL;
	dm->rx_pos = 0;		/* uart_receive() after the command: a fresh buffer */
	dm->quit_pending = false;
	sb_clear(&dm->buf);
	if (m->profile->datamode.entry_ok)
		at_raw(m, "\r\nOK\r\n");	/* the entering command's answer */
	/* The silence before "+++" counts from the last data-mode chunk ever,
	 * not from entering (raw_rx_handler's static rx_start).  The line
	 * engine is paused by the AT layer after every line it dispatches. */
	modem_log(m, SLOG_INFO, "data mode entered: each chunk is sent; '%s' alone, with %d ms "
		  "of silence before and after, ends it", m->profile->datamode.quit,
		  m->profile->datamode.silence_ms);
}

/* One UART receive event. */
int at_send_or_datamode(struct modem *m, const struct at_cmd *cmd, datamode_send_fn send,
			const struct at_rsp *rsp)
{
	size_t len;
	const char *data;

	if (cmd->nparams == 0) {
		modem_enter_datamode(m, send);
		return AT_SILENT;
	}
	data = at_arg_str(cmd, 0, &len);
	if (send(m, (const uint8_t *)data, len))
		return at_why(m, AT_ERROR, "%s failed (the log says why)", cmd->name);
	at_reply(m, rsp, "%zu", len);
	return AT_OK;
}

static void rx_event(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	const struct slm_datamode_rules *rule = &m->profile->datamode;
	int64_t now = sim_clock_now(m->ctx->clock);
	size_t tlen = strlen(rule->quit);

	if (now - dm->last_rx < rule->silence_ms) {
		if (dm->quit_pending) {
			/* Data during the trailing silence: the "+++" was payload. */
			sim_timer_stop(&dm->quit_timer);
			dm->quit_pending = false;
			sb_append(&dm->buf, rule->quit, tlen);
		}
	} else if (len == tlen && !memcmp(buf, rule->quit, tlen)) {
		dm->quit_pending = true;
		dm->last_rx = now;
		sim_timer_start(m->ctx->clock, &dm->quit_timer, rule->silence_ms);
		return;
	}
	sb_append(&dm->buf, buf, len);
	dm->last_rx = now;
	if (m->cfg.datamode_time_limit_ms > 0)
		sim_timer_start(m->ctx->clock, &dm->flush_timer, m->cfg.datamode_time_limit_ms);
	else
		flush(m);
}

void modem_datamode_on_exit(struct modem *m, void (*on_exit)(struct modem *m))
{
	m->dm.on_exit = on_exit;
}

/* A receive event ends at a burst's end or where the DMA buffer fills:
 * the position carries over from burst to burst (uart_callback's pos), so
 * a "+++" can straddle two buffers and arrive as two events of data. */
void datamode_input(struct modem *m, const uint8_t *buf, size_t len)
{
	while (len && m->dm.active) {
		size_t chunk = m->profile->datamode.rx_chunk;
		size_t room = chunk - m->dm.rx_pos % chunk;
		size_t n = len < room ? len : room;

		m->dm.rx_pos = (m->dm.rx_pos + n) % chunk;
		rx_event(m, buf, n);
		buf += n;
		len -= n;
	}
}
