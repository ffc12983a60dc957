/* Runs one command line: grammar check, table lookup, handler, framing of
 * the final result, then the URCs that were held back meanwhile. */
#include "modem.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

extern const struct at_cmd_table cmd_generic;
extern const struct at_cmd_table cmd_cfun;
extern const struct at_cmd_table cmd_cereg;
extern const struct at_cmd_table cmd_cmng;
extern const struct at_cmd_table cmd_socket;
extern const struct at_cmd_table cmd_mqtt;

const struct at_cmd_table *const at_tables[] = {
	&cmd_generic,
	&cmd_cfun,
	&cmd_cereg,
	&cmd_cmng,
	&cmd_socket,
	&cmd_mqtt,
	NULL,
};

const struct at_cmd_def *at_lookup(const char *name)
{
	for (size_t t = 0; at_tables[t]; t++)
		for (size_t i = 0; i < at_tables[t]->count; i++)
			if (!strcasecmp(at_tables[t]->cmds[i].name, name))
				return &at_tables[t]->cmds[i];
	return NULL;
}

void at_info(struct modem *m, const char *fmt, ...)
{
	va_list ap;

	if (m->cur_origin == AT_ORIGIN_SLM)
		sb_append(&m->resp, "\r\n", 2);
	va_start(ap, fmt);
	sb_vappendf(&m->resp, fmt, ap);
	va_end(ap);
	sb_append(&m->resp, "\r\n", 2);
}

void at_raw(struct modem *m, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vappendf(&m->resp, fmt, ap);
	va_end(ap);
}

int at_why(struct modem *m, int rc, const char *fmt, ...)
{
	char buf[1536];
	va_list ap;

	if (!m->ctx->log)
		return rc;	/* nobody to tell */
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (m->cur_name[0])
		modem_log(m, SLOG_WHY, "AT%s: %s", m->cur_name, buf);
	else
		modem_log(m, SLOG_WHY, "%s", buf);
	return rc;
}

static void finish(struct modem *m, int rc)
{
	bool slm = m->cur_origin == AT_ORIGIN_SLM;
	struct strbuf out = { 0 };

	if (rc == AT_SILENT) {
		modem_write(m, m->resp.data, m->resp.len);
	} else {
		if (!slm)
			sb_append(&out, "\r\n", 2);
		sb_append(&out, m->resp.data, m->resp.len);
		if (slm)
			sb_append(&out, "\r\n", 2);
		if (rc == AT_OK)
			sb_append(&out, "OK\r\n", 4);
		else if (AT_IS_CME(rc) && m->cmee)
			sb_appendf(&out, "+CME ERROR: %d\r\n", AT_CME_CODE(rc));
		else
			sb_append(&out, "ERROR\r\n", 7);
		modem_write(m, out.data, out.len);
		sb_free(&out);
	}
	sb_clear(&m->resp);
	if (m->urcq.len) {
		struct strbuf q = m->urcq;

		m->urcq = (struct strbuf){ 0 };
		modem_write(m, q.data, q.len);
		sb_free(&q);
	}
}

/* Host lines go to the record one per line break, as Link Monitor logs a
 * PEM body one line at a time. */
static void record_command(struct modem *m, const char *line, size_t len)
{
	size_t start = 0;

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

static int run(struct modem *m, const char *line, size_t len, enum at_line_status st)
{
	const struct at_cmd_def *def;
	struct at_cmd cmd;
	int err, rc;

	m->cur_origin = AT_ORIGIN_MODEM;
	snprintf(m->cur_name, sizeof(m->cur_name), "%s", "");
	if (st == AT_LINE_OVERFLOW)
		return at_why(m, AT_ERROR, "command longer than %d bytes (SLM AT_MAX_CMD_LEN); "
			      "input dropped up to the next line end", AT_MAX_CMD_LEN - 1);
	/* Line noise before the command (a terminal program's power-on
	 * bytes) is skipped, as SLM does; printable text is not. */
	while (len && (isspace((unsigned char)*line) || (unsigned char)*line < 0x20)) {
		line++;
		len--;
	}
	if (len == 0)
		return AT_SILENT;
	err = at_cmd_parse(&cmd, line, len);
	if (err) {
		char shown[64];
		size_t n = 0;

		for (size_t i = 0; i < len && n + 5 < sizeof(shown); i++) {
			unsigned char c = (unsigned char)line[i];

			n += (size_t)snprintf(shown + n, sizeof(shown) - n,
					      c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
		}
		return at_why(m, AT_ERROR, "malformed command \"%s%s\": %s", shown,
			      n + 5 >= sizeof(shown) ? "..." : "", at_parse_strerror(err));
	}
	snprintf(m->cur_name, sizeof(m->cur_name), "%s", cmd.name);
	if (cmd.name[0] == '\0') {
		at_cmd_free(&cmd);
		return AT_OK;
	}
	def = at_lookup(cmd.name);
	if (!def) {
		at_cmd_free(&cmd);
		if (cmd.name[0] == '#')
			return at_why(m, AT_ERROR, "not an SLM v1.8 command, or one slmsim does not "
				      "emulate (AT#XCLAC lists the SLM's commands)");
		return at_why(m, AT_ERROR, "command not known to the emulated modem (slmsim "
			      "emulates a subset of mfw 1.3.1: see README)");
	}
	m->cur_origin = def->origin;
	rc = def->fn(m, &cmd);
	at_cmd_free(&cmd);
	return rc;
}

void at_dispatch_line(struct modem *m, const char *line, size_t len, enum at_line_status st)
{
	int rc;

	record_command(m, line, len);
	m->in_handler = true;
	rc = run(m, line, len, st);
	m->in_handler = false;
	if (rc == AT_PENDING) {
		m->pending = true;
		at_engine_pause(&m->engine);
		/* Output written by the handler before it went pending stays
		 * ahead of the result. */
		return;
	}
	finish(m, rc);
}

void modem_complete(struct modem *m, int rc)
{
	if (!m->pending)
		return;
	m->pending = false;
	finish(m, rc == AT_PENDING ? AT_ERROR : rc);
	modem_resume_input(m);
}
