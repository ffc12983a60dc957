/* What the host sends in data mode, by the profile's rules (slm-versions
 * 3.2).  1.8 (slm_at_host.c raw_rx_handler): each UART receive event of at
 * most rx_chunk bytes is one send, or a time limit gathers them; the escape
 * is an event of its own framed by silence.  1.9-2.4: the time limit (the
 * minimum when 0) gathers; an escape ending what it gathered ends data
 * mode.  2.5+: the escape is searched byte by byte, across events; the
 * bytes before it are sent, those after it are commands; a full buffer is
 * sent at once; SM's <data_len> takes exactly that many bytes. */
#include <string.h>

#include "at_cmd.h"
#include "datamode_engine.h"

static const struct slm_datamode_rules *rules(const struct modem *m)
{
	return &m->profile->datamode;
}

static void restart_time_limit(struct modem *m)
{
	sim_timer_start(m->ctx->clock, &m->dm.flush_timer, m->cfg.datamode_time_limit_ms);
}

/* 1.8: one receive event. */
static void rx_alone(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	const struct slm_datamode_rules *rule = rules(m);
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
		restart_time_limit(m);
	else
		datamode_send_buffered(m, false);
}

/* 1.9-2.4 (raw_send): an escape at the end of what was gathered is cut
 * off, the rest sent, and data mode ends. */
static void send_at_end(struct modem *m)
{
	struct datamode *dm = &m->dm;
	const char *quit = rules(m)->quit;
	size_t qlen = strlen(quit);
	bool quit_seen = dm->buf.len >= qlen &&
			 !memcmp(dm->buf.data + dm->buf.len - qlen, quit, qlen);

	if (quit_seen)
		dm->buf.len -= qlen;
	datamode_send_buffered(m, false);
	if (quit_seen && dm->active)
		datamode_quit(m);
}

/* 1.9-2.4: one receive event into the buffer; the time limit restarts. */
static void rx_at_end(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;

	sim_timer_stop(&dm->flush_timer);
	sb_append(&dm->buf, buf, len);
	if (rules(m)->buffer - dm->buf.len < rules(m)->rx_chunk) {
		/* The SLM stops the UART here until a send makes room; slmsim
		 * sends at once rather than wait (the host's bytes would wait). */
		modem_log(m, SLOG_INFO, "data mode buffer full (%zu bytes): sent now", dm->buf.len);
		send_at_end(m);
		return;
	}
	restart_time_limit(m);
}

/* 2.5+ (write_data_buf): a full buffer is sent before more goes in. */
static void write_data(struct modem *m, const void *data, size_t n)
{
	struct datamode *dm = &m->dm;
	const char *p = data;

	while (n && dm->active && !dm->null_mode) {
		size_t room = rules(m)->buffer - dm->buf.len;
		size_t k = n < room ? n : room;

		if (!room) {
			datamode_send_buffered(m, true);
			continue;
		}
		sb_append(&dm->buf, p, k);
		p += k;
		n -= k;
	}
}

/* SM's <data_len>: exactly that many bytes, no escape. */
static size_t rx_counted(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	size_t n = len < dm->data_len ? len : dm->data_len;

	dm->data_len -= n;
	write_data(m, buf, n);
	/* The count reached, or the socket gave up on a full buffer (which
	 * zeroes the count too): data mode ends at once. */
	if (dm->active && (dm->data_len == 0 || dm->null_mode)) {
		datamode_send_buffered(m, false);
		if (dm->active)
			datamode_quit(m);
	}
	return n;
}

/* One byte against the escape: whether it completes it.  A byte that
 * does not go on with a part starts the count over (the SLM does not try
 * it as the escape's first byte; with "+++" that makes no difference). */
static bool escape_step(struct datamode *dm, const char *quit, uint8_t c)
{
	if (c == (uint8_t)quit[dm->match])
		return ++dm->match == strlen(quit);
	dm->match = 0;
	return false;
}

/* 2.5+ (raw_rx_handler): the escape, or a part of it at the end, is held
 * back; a part not followed by the rest is data after all. */
static size_t rx_anywhere(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	const char *quit = rules(m)->quit;
	size_t held = dm->match, i;
	bool still_held = held > 0, found = false;

	for (i = 0; i < len && !found; i++) {
		found = escape_step(dm, quit, buf[i]);
		if (!dm->match)
			still_held = false;
	}
	if (!still_held) {
		write_data(m, quit, held);
		write_data(m, buf, i - dm->match);
	}
	if (found) {
		/* Even when the data before it overflowed into NULL mode:
		 * exit_datamode() leaves that too. */
		dm->match = 0;
		datamode_send_buffered(m, false);
		if (dm->active)
			datamode_quit(m);
	}
	return i;
}

/* NULL mode (null_handler): everything is dropped up to the host's escape. */
static size_t rx_null(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	const char *quit = rules(m)->quit;
	bool found = false;
	size_t i;

	for (i = 0; i < len && !found; i++)
		found = escape_step(dm, quit, buf[i]);
	if (found) {
		modem_log(m, SLOG_INFO, "the host's '%s' ends NULL mode", quit);
		datamode_quit(m);
	}
	return i;
}

/* A receive event ends at a burst's end or where the DMA buffer fills:
 * the position carries over from burst to burst (uart_callback's pos), so
 * a "+++" can straddle two buffers and arrive as two events of data. */
static void rx_events(struct modem *m, const uint8_t *buf, size_t len,
		      void (*event)(struct modem *m, const uint8_t *buf, size_t len))
{
	while (len && m->dm.active) {
		size_t chunk = rules(m)->rx_chunk;
		size_t room = chunk - m->dm.rx_pos % chunk;
		size_t n = len < room ? len : room;

		m->dm.rx_pos = (m->dm.rx_pos + n) % chunk;
		event(m, buf, n);
		buf += n;
		len -= n;
	}
}

size_t datamode_input(struct modem *m, const uint8_t *buf, size_t len)
{
	struct datamode *dm = &m->dm;
	size_t used;

	if (dm->null_mode)
		return rx_null(m, buf, len);
	switch (rules(m)->quit_at) {
	case SLM_DM_QUIT_ALONE:
		rx_events(m, buf, len, rx_alone);
		return len;
	case SLM_DM_QUIT_AT_END:
		rx_events(m, buf, len, rx_at_end);
		return len;
	case SLM_DM_QUIT_ANYWHERE:
		break;
	}
	sim_timer_stop(&dm->flush_timer);
	used = dm->counted ? rx_counted(m, buf, len) : rx_anywhere(m, buf, len);
	if (dm->active && !dm->null_mode)
		restart_time_limit(m);	/* slm_at_receive(): from the last input */
	return used;
}

static void quit_cb(struct sim_timer *t, void *arg)
{
	(void)t;
	/* Data still waiting for the time limit is dropped, as the SLM does. */
	datamode_quit(arg);
}

static void flush_cb(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct datamode *dm = &m->dm;

	(void)t;
	switch (rules(m)->quit_at) {
	case SLM_DM_QUIT_AT_END:
		send_at_end(m);
		return;
	case SLM_DM_QUIT_ANYWHERE:
		/* raw_send_scheduled(): a part of the escape is data after all. */
		write_data(m, rules(m)->quit, dm->match);
		dm->match = 0;
		break;
	case SLM_DM_QUIT_ALONE:
		break;
	}
	datamode_send_buffered(m, false);
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
