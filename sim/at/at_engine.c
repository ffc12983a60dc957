#include "at_engine.h"

#include <stdint.h>
#include <string.h>

void at_engine_init(struct at_engine *e, enum at_term term, at_line_cb cb, void *arg)
{
	memset(e, 0, sizeof(*e));
	e->term = term;
	e->max = AT_MAX_CMD_LEN - 1;
	e->on_line = cb;
	e->arg = arg;
}

void at_engine_set_limit(struct at_engine *e, size_t max)
{
	e->max = max < AT_MAX_CMD_LEN - 1 ? max : AT_MAX_CMD_LEN - 1;
}

void at_engine_set_echo(struct at_engine *e, at_echo_cb cb, size_t max)
{
	e->on_echo = cb;
	e->echo_max = max ? max : SIZE_MAX / 2;	/* 0: no cut */
}

void at_engine_reset(struct at_engine *e)
{
	e->len = 0;
	e->in_quotes = false;
	e->echoed = 0;
}

size_t at_engine_partial(const struct at_engine *e) { return e->len; }

void at_engine_pause(struct at_engine *e) { e->paused = true; }
void at_engine_resume(struct at_engine *e) { e->paused = false; }

static void emit(struct at_engine *e, enum at_line_status st)
{
	size_t len = e->len;

	e->buf[len] = '\0';
	at_engine_reset(e);
	e->on_line(e->arg, e->buf, len, st);
}

static bool is_terminator(struct at_engine *e, uint8_t c)
{
	switch (e->term) {
	case AT_TERM_ANY:
		return c == '\r' || c == '\n';
	case AT_TERM_CR:
		return c == '\r';
	case AT_TERM_LF:
		return c == '\n';
	case AT_TERM_CRLF:
		if (c == '\n' && e->len > 0 && e->buf[e->len - 1] == '\r') {
			e->len--;	/* the CR is no part of the command */
			return true;
		}
		return false;
	}
	return false;
}

size_t at_engine_skip_lf(struct at_engine *e, const uint8_t *data, size_t len)
{
	bool skip = e->after_cr && len > 0 && data[0] == '\n';

	if (len > 0)
		e->after_cr = false;
	return skip ? 1 : 0;
}

void at_engine_run_due(struct at_engine *e)
{
	if (!e->due)
		return;
	e->due = false;
	e->on_line(e->arg, e->buf, strnlen(e->buf, sizeof(e->buf)), AT_LINE_OK);
}

char at_engine_take_lone(struct at_engine *e)
{
	char c = e->lone;

	e->lone = 0;
	return c;
}

/* With CR LF only, a CR not followed by LF and an LF without its CR are data. */
static void note_lone(struct at_engine *e, uint8_t c)
{
	if (e->term != AT_TERM_CRLF || e->in_quotes)
		return;
	if (c == '\n')
		e->lone = '\n';
	else if (e->len > 0 && e->buf[e->len - 1] == '\r')
		e->lone = '\r';
}

/* Bytes read from one chunk, up to a line end (last: the byte that ended
 * it) or the chunk's end.  Past echo_max the rest of the command is not
 * echoed; a cut echo still ends with the line end, room kept for it. */
static void echo(struct at_engine *e, const uint8_t *data, size_t n, int last)
{
	size_t term = e->term == AT_TERM_CRLF ? 2 : 1;
	bool cut = false;

	if (!e->echo || !e->on_echo)
		return;
	if (e->echoed + n + (last >= 0 ? 0 : term) > e->echo_max) {
		cut = true;
		n = e->echo_max > term + e->echoed ? e->echo_max - term - e->echoed : 0;
	}
	if (n)
		e->on_echo(e->arg, data, n);
	e->echoed += n;
	if (last < 0)
		return;
	if (cut && e->term == AT_TERM_CRLF)
		e->on_echo(e->arg, (const uint8_t *)"\r\n", 2);
	else if (cut)
		e->on_echo(e->arg, &(uint8_t){ (uint8_t)last }, 1);
	e->echoed = 0;
}

size_t at_engine_feed(struct at_engine *e, const uint8_t *data, size_t len)
{
	size_t i, from = 0;

	for (i = 0; i < len && !e->paused; i++) {
		uint8_t c = data[i];

		if (e->after_cr) {
			e->after_cr = false;
			if (c == '\n')
				continue;
		}
		if (c == 0x08 || c == 0x7f) {
			if (e->len > 0)
				e->len--;
			continue;
		}
		if (!e->in_quotes && is_terminator(e, c)) {
			e->after_cr = e->term == AT_TERM_ANY && c == '\r';
			echo(e, data + from, i + 1 - from, c);
			from = i + 1;
			if (e->consume) {
				e->buf[e->len] = '\0';	/* the SLM's at_buf[at_cmd_len] */
				e->due = true;
				at_engine_reset(e);
			} else {
				emit(e, AT_LINE_OK);
			}
			continue;
		}
		if (e->len == e->max) {
			/* This byte would leave no room for the NUL. */
			echo(e, data + from, i - from, -1);
			emit(e, AT_LINE_OVERFLOW);
			return len;
		}
		note_lone(e, c);
		e->buf[e->len++] = (char)c;
		if (c == '"')
			e->in_quotes = !e->in_quotes;
	}
	echo(e, data + from, i - from, -1);
	return i;
}
