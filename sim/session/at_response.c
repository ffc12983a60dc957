/* The response of the running command: information lines and the framing
 * of the final result code (fact sheet 1.3).  Handlers write through here; it calls only the output below. */
#include <stdarg.h>
#include <stdio.h>

#include "at_cmd.h"

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

int at_cfun_check(struct modem *m, const char *what)
{
	int fun = m->radio.lte_cfun;

	/* The mode in force for LTE decides (1, 2 and 21 activate it). */
	if (!m->cur_def || fun < 0 || fun > 63 || !(m->cur_def->cfun_refused & AT_CFUN(fun)))
		return AT_OK;
	return at_why(m, AT_CME(518), "%s needs the modem offline: send AT+CFUN=4 (or 0) "
		      "first, the modem is in CFUN=%d", what, fun);
}

void at_finish(struct modem *m, int rc)
{
	bool slm = m->cur_origin == AT_ORIGIN_SLM;
	struct strbuf out = { 0 };

	if (rc == AT_SILENT) {
		modem_write(m, m->resp.data, m->resp.len);
	} else {
		if (!slm)
			sb_append(&out, "\r\n", 2);
		sb_append(&out, m->resp.data, m->resp.len);
		if (!slm && m->resp.len && m->profile->framing.blank_before_modem_final)
			sb_append(&out, "\r\n", 2);
		if (slm)
			sb_append(&out, "\r\n", 2);
		if (rc == AT_OK)
			sb_append(&out, "OK\r\n", 4);
		else if (slm && !slm_has(m->profile, SLM_FEAT_CME_FROM_SLM))
			sb_append(&out, "ERROR\r\n", 7);	/* any error of an SLM command */
		else if (AT_IS_CMS(rc))
			sb_appendf(&out, "+CMS ERROR: %d\r\n", AT_CMS_CODE(rc));
		else if (AT_IS_CME(rc) && m->cmee)
			sb_appendf(&out, "+CME ERROR: %d\r\n", AT_CME_CODE(rc));
		else
			sb_append(&out, "ERROR\r\n", 7);
		modem_write(m, out.data, out.len);
		sb_free(&out);
	}
	sb_clear(&m->resp);
	m->answering = false;
	modem_urc_flush(m);
}

void modem_complete(struct modem *m, int rc)
{
	if (!m->pending)
		return;
	m->pending = false;
	at_finish(m, rc == AT_PENDING ? AT_ERROR : rc);
	if (m->on_idle)
		m->on_idle(m);
}
