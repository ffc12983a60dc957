/* SLM data mode (fact sheet 1.5): raw payload instead of commands, one
 * service send per chunk the host writes, left with "+++" sent as a chunk
 * of its own with a second of silence before and after it. */
#include <string.h>

#include "at_cmd.h"

static void leave_datamode(struct modem *m)
{
	struct datamode *dm = &m->dm;

	sim_timer_stop(&dm->quit_timer);
	dm->active = false;
	dm->quit_pending = false;
	modem_log(m, SLOG_INFO, "data mode left%s", dm->failed ? " after a failed send" : "");
	modem_write(m, dm->failed ? "\r\nERROR\r\n" : "\r\nOK\r\n", dm->failed ? 9 : 6);
	dm->failed = 0;
	if (m->on_idle)
		m->on_idle(m);
}

static void quit_cb(struct sim_timer *t, void *arg)
{
	(void)t;
	leave_datamode(arg);
}

void datamode_init(struct modem *m)
{
	sim_timer_init(&m->dm.quit_timer, quit_cb, m);
}

void datamode_fini(struct modem *m)
{
	sim_timer_stop(&m->dm.quit_timer);
}

void modem_enter_datamode(struct modem *m, datamode_send_fn send)
{
	struct datamode *dm = &m->dm;

	dm->active = true;
	dm->send = send;
	dm->failed = 0;
	dm->quit_pending = false;
	dm->last_rx = sim_clock_now(m->ctx->clock);
	at_engine_pause(&m->engine);
	modem_log(m, SLOG_INFO, "data mode entered: each chunk is sent; '+++' alone, with %d ms "
		  "of silence before and after, ends it", DATAMODE_SILENCE_MS);
}

static void send_chunk(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	int rc;

	slog_record(m->ctx->log, modem_now(m), true, (const char *)buf, len);
	rc = dm->send(m, buf, len);
	if (rc < 0 && dm->active) {
		dm->failed = rc;
		modem_log(m, SLOG_WHY, "data mode send of %zu bytes failed (%d); leaving data mode",
			  len, rc);
		leave_datamode(m);
	}
}

void datamode_input(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	int64_t now = sim_clock_now(m->ctx->clock);
	size_t tlen = strlen(DATAMODE_TERMINATOR);

	if (dm->quit_pending) {
		/* Data during the trailing silence: the "+++" was payload. */
		sim_timer_stop(&dm->quit_timer);
		dm->quit_pending = false;
		send_chunk(m, (const uint8_t *)DATAMODE_TERMINATOR, tlen);
		if (!dm->active)
			return;
	}
	if (len == tlen && !memcmp(buf, DATAMODE_TERMINATOR, tlen) &&
	    now - dm->last_rx >= DATAMODE_SILENCE_MS) {
		dm->quit_pending = true;
		dm->last_rx = now;
		sim_timer_start(m->ctx->clock, &dm->quit_timer, DATAMODE_SILENCE_MS);
		return;
	}
	dm->last_rx = now;
	send_chunk(m, buf, len);
}
