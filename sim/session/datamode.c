/* SLM data mode (fact sheet 1.5 and slm-versions 3.2): raw payload instead
 * of commands, handed to a service's send function.  Entering, leaving,
 * the sends and the answers the host reads; how input is cut and where the
 * escape is found is datamode_input.c.  Every difference between
 * generations is a field of the profile's slm_datamode_rules. */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "at_rsp.h"
#include "datamode_engine.h"

#define UART_RX_MARGIN_MS 10

static const struct slm_datamode_rules *rules(const struct modem *m)
{
	return &m->profile->datamode;
}

int datamode_min_time_limit(const struct modem *m)
{
	return (int)(rules(m)->rx_chunk * (8 + 1 + 1) * 1000 / (size_t)m->cfg.baud) +
	       UART_RX_MARGIN_MS;
}

bool datamode_more_data(const struct modem *m)
{
	return m->dm.more;
}

/* Ends data mode with text to the host (NULL: nothing). */
void modem_leave_datamode(struct modem *m, const char *text)
{
	struct datamode *dm = &m->dm;

	sim_timer_stop(&dm->quit_timer);
	sim_timer_stop(&dm->flush_timer);
	sb_clear(&dm->buf);
	dm->active = false;
	dm->quit_pending = false;
	dm->null_mode = false;
	dm->counted = false;
	dm->data_len = 0;
	dm->match = 0;
	dm->result = 0;
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

/* The host's escape (or the last of <data_len> bytes) ends data mode: the
 * profile's answer. */
void datamode_quit(struct modem *m)
{
	char text[40];
	int result = m->dm.result;

	switch (rules(m)->answer) {
	case SLM_DM_ANSWER_OK:
		modem_leave_datamode(m, "\r\nOK\r\n");
		return;
	case SLM_DM_ANSWER_ZERO:
		result = 0;
		break;
	case SLM_DM_ANSWER_SIGN:
		result = result ? -1 : 0;	/* sm_at_host.c exit_datamode() */
		break;
	case SLM_DM_ANSWER_RESULT:
		break;
	}
	snprintf(text, sizeof(text), "\r\n#XDATAMODE: %d\r\n", result);
	modem_leave_datamode(m, text);
}

/* A failed send, as the profile takes it; false when data mode ended. */
static bool send_failed(struct modem *m, size_t n, int rc)
{
	switch (rules(m)->send_fail) {
	case SLM_DM_FAIL_ERROR:
		modem_log(m, SLOG_WHY, "data mode send of %zu bytes failed (%d); leaving data "
			  "mode with ERROR", n, rc);
		modem_log(m, SLOG_INFO, "data mode ends after a failed send");
		modem_leave_datamode(m, "\r\nERROR\r\n");
		return false;
	case SLM_DM_FAIL_EXIT:
		modem_log(m, SLOG_WHY, "data mode send of %zu bytes failed (%d); %s drops them "
			  "and leaves data mode", n, rc, m->profile->label);
		datamode_quit(m);
		return false;
	case SLM_DM_FAIL_STAY:
		modem_log(m, SLOG_WHY, "data mode send of %zu bytes failed (%d); %s drops them "
			  "and stays in data mode", n, rc, m->profile->label);
		return true;
	}
	return true;
}

/* One send of the buffer's first n bytes; false when data mode ended or
 * the service left it (NULL mode). */
static bool send_one(struct modem *m, size_t n)
{
	struct datamode *dm = &m->dm;
	int rc;

	slog_record(m->ctx->log, modem_now(m), true, dm->buf.data, n);
	rc = dm->send(m, (const uint8_t *)dm->buf.data, n);
	if (!dm->active || dm->null_mode)
		return false;
	sb_consume(&dm->buf, n);
	if (m->cfg.datamode_urc && slm_has(m->profile, SLM_FEAT_DATAMODE_URC) &&
	    !slm_has(m->profile, SLM_FEAT_NO_DATAMODE_URC)) {
		char urc[40];	/* CONFIG_SLM_DATAMODE_URC: what the send took */

		snprintf(urc, sizeof(urc), "\r\n#XDATAMODE: %zu\r\n", n);
		modem_write(m, urc, strlen(urc));
	}
	return rc >= 0 || send_failed(m, n, rc);
}

/* Hands what is buffered to the service, a buffer's worth at a time;
 * more: the buffer was full (SLM_DATAMODE_FLAGS_MORE_DATA). */
void datamode_send_buffered(struct modem *m, bool more)
{
	struct datamode *dm = &m->dm;
	size_t most = rules(m)->buffer;

	while (dm->active && !dm->null_mode && dm->buf.len) {
		size_t n = dm->buf.len < most ? dm->buf.len : most;

		dm->more = more || n < dm->buf.len;
		if (!send_one(m, n))
			break;
	}
	dm->more = false;
}

static void enter(struct modem *m, datamode_send_fn send, size_t data_len)
{
	struct datamode *dm = &m->dm;
	const struct slm_datamode_rules *r = rules(m);

	dm->active = true;
	dm->send = send;
	dm->on_exit = NULL;
	dm->rx_pos = 0;		/* uart_receive() after the command: a fresh buffer */
	dm->quit_pending = false;
	dm->null_mode = false;
	dm->match = 0;
	dm->result = 0;
	dm->counted = data_len > 0;
	dm->data_len = data_len;
	sb_clear(&dm->buf);
	/* enter_datamode(): a time limit of 0 becomes the minimum, and stays. */
	if (r->cut != SLM_DM_CUT_CHUNK && m->cfg.datamode_time_limit_ms == 0)
		m->cfg.datamode_time_limit_ms = datamode_min_time_limit(m);
	if (r->entry_ok)
		at_raw(m, "\r\nOK\r\n");	/* the entering command's answer */
}

void modem_enter_datamode(struct modem *m, datamode_send_fn send)
{
	const struct slm_datamode_rules *r = rules(m);

	enter(m, send, 0);
	/* The silence before "+++" counts from the last data-mode chunk ever,
	 * not from entering (raw_rx_handler's static rx_start).  The line
	 * engine is paused by the AT layer after every line it dispatches. */
	if (r->quit_at == SLM_DM_QUIT_ALONE)
		modem_log(m, SLOG_INFO, "data mode entered: each chunk is sent; '%s' alone, with "
			  "%d ms of silence before and after, ends it", r->quit, r->silence_ms);
	else
		modem_log(m, SLOG_INFO, "data mode entered: sent after %d ms without input%s; '%s' "
			  "%s ends it", m->cfg.datamode_time_limit_ms,
			  r->cut == SLM_DM_CUT_TIME_OR_FULL ? " or when the buffer is full" : "",
			  r->quit, r->quit_at == SLM_DM_QUIT_AT_END ?
			  "at the end of what the time limit gathered" : "anywhere in the input");
}

void modem_enter_datamode_len(struct modem *m, datamode_send_fn send, size_t data_len)
{
	if (!data_len) {
		modem_enter_datamode(m, send);
		return;
	}
	enter(m, send, data_len);
	modem_log(m, SLOG_INFO, "data mode entered for exactly %zu bytes ('%s' is data)", data_len,
		  rules(m)->quit);
}

void modem_datamode_on_exit(struct modem *m, void (*on_exit)(struct modem *m))
{
	m->dm.on_exit = on_exit;
}

/* exit_datamode_handler() of 2.5+: the service is told at once and
 * forgotten; the host's escape ends what is left. */
static void enter_null_mode(struct modem *m, int result)
{
	struct datamode *dm = &m->dm;

	sim_timer_stop(&dm->flush_timer);
	sim_timer_stop(&dm->quit_timer);
	sb_clear(&dm->buf);
	dm->null_mode = true;
	dm->result = result;
	dm->match = 0;
	dm->counted = false;
	dm->data_len = 0;
	if (dm->on_exit)
		dm->on_exit(m);
	dm->on_exit = NULL;
	modem_log(m, SLOG_WHY, "the service left data mode (%d): %s drops the input until the "
		  "host sends '%s', then answers #XDATAMODE", result, m->profile->label,
		  rules(m)->quit);
}

void datamode_service_exit(struct modem *m, enum dm_exit_mode mode, int result)
{
	char text[40];

	if (!m->dm.active || m->dm.null_mode)
		return;
	switch (rules(m)->service_exit) {
	case SLM_DM_SVC_MODES:
		modem_leave_datamode(m, mode == DM_EXIT_OK ? "\r\nOK\r\n" :
				     mode == DM_EXIT_ERROR ? "\r\nERROR\r\n" :
				     "\r\n#XDATAMODE: 0\r\n");
		return;
	case SLM_DM_SVC_RESULT:
		snprintf(text, sizeof(text), "\r\n#XDATAMODE: %d\r\n", result);
		modem_leave_datamode(m, text);
		return;
	case SLM_DM_SVC_NULL_MODE:
		enter_null_mode(m, result);
		return;
	}
}

void datamode_fail(struct modem *m, int result)
{
	const char *quit = rules(m)->quit;

	if (!m->dm.active || m->dm.null_mode)
		return;
	modem_log(m, SLOG_INFO, "'%s' to the host: data mode ends on the modem's side", quit);
	modem_write(m, quit, strlen(quit));
	datamode_service_exit(m, DM_EXIT_URC, result);
}

/* A proxy's send command: its quoted payload argument through send,
 * answered with rsp and the length; without one, data mode into send. */
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
