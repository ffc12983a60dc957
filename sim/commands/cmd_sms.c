/* The modem's SMS in PDU mode.  A message the host or the SLM submits goes
 * to the fleet's SMS centre (services/sms_center.c); one that arrives is a
 * +CMT URC when an SMS client registered with +CNMI=3,2 (the host, or the
 * SLM's sms library for #XSMS, which reads it and acknowledges it itself).
 * Formats: 3GPP TS 27.005 3.4.1, 3.5.1, 3.3.3; the values nRF91 accepts are
 * those NCS 1.8's sms library sends (UNCONFIRMED beyond them). */
#include "cmd_sms.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "at_cmd.h"
#include "at_schema.h"
#include "cmd_time.h"
#include "rsp_table.h"
#include "sms_center.h"

static bool valid_number(const char *n)
{
	const char *d = n + (n[0] == '+');
	size_t len = strlen(d);

	return len >= 1 && len <= 15 && strspn(d, "0123456789") == len;
}

static void arrive(void *arg, const char *from, const struct sms_ud *ud);

int sms_init(struct modem *m, char *err, size_t errlen)
{
	struct sms_center *c = sms_center_of(m->ctx);

	if (!valid_number(m->cfg.msisdn) || !valid_number(m->cfg.net.smsc)) {
		snprintf(err, errlen, "modem.msisdn and network.smsc are '+' and 1..15 digits");
		return -1;
	}
	m->sms = calloc(1, sizeof(*m->sms));
	if (!m->sms || !c || sms_center_join(c, m->cfg.msisdn, arrive, m)) {
		free(m->sms);
		m->sms = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void sms_fini(struct modem *m)
{
	if (!m->sms)
		return;
	sms_center_leave(sms_center_of(m->ctx), m);
	free(m->sms);
	m->sms = NULL;
}

/* The values NCS's sms library uses: mode 0/3, mt 0/2, bm 0, ds 0/1, bfr 0/1. */
#define CNMI_VALUE(name, pos, set) \
	AT_INT(name, AT_R_NONE, INT64_MIN, INT64_MAX, .opt = AT_OPT, .only = (set), \
	       .why = "+CNMI=<mode 0|3>,<mt 0|2>,<bm 0>,<ds 0|1>,<bfr 0|1>: parameter " #pos \
		      " is out of range")

static const struct at_param_def cnmi_params[] = {
	CNMI_VALUE("mode", 1, AT_BIT(0) | AT_BIT(3)),
	CNMI_VALUE("mt", 2, AT_BIT(0) | AT_BIT(2)),
	CNMI_VALUE("bm", 3, AT_BIT(0)),
	CNMI_VALUE("ds", 4, AT_BIT(0) | AT_BIT(1)),
	CNMI_VALUE("bfr", 5, AT_BIT(0) | AT_BIT(1)),
};

const struct at_schema cnmi_schema = {
	.forms = (const struct at_form[]){ { .p = cnmi_params, .n = 5, .max_count = 5,
		.count_why = "+CNMI takes at most 5 values: <mode>,<mt>,<bm>,<ds>,<bfr>" } },
	.n_forms = 1,
	.test = "+CNMI: (0,3),(0,2),(0),(0,1),(0,1)",
};

int cnmi_set(struct modem *m, const struct at_cmd *cmd)
{
	/* Left out or empty reads as 0. */
	for (size_t i = 0; i < 5; i++)
		m->sms->cnmi[i] = (int)at_int(cmd, cnmi_params[i].name);
	return AT_OK;
}

int cnmi_read(struct modem *m, const struct at_cmd *cmd)
{
	const int *v = m->sms->cnmi;

	(void)cmd;
	at_reply(m, &RSP_CNMI, "%d,%d,%d,%d,%d", v[0], v[1], v[2], v[3], v[4]);
	return AT_OK;
}

int sms_modem_submit(struct modem *m, const char *hex, int tpdu_len, int *mr)
{
	struct sms_submit s;
	int rc;

	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "no SMS without registration (+CEREG: 1 or 5)");
	if (sms_submit_parse(hex, tpdu_len, &s))
		return at_why(m, AT_ERROR, "the PDU is no SMS-SUBMIT of %d octets after its SMSC "
			      "address (3GPP TS 23.040 9.2.2.2)", tpdu_len);
	rc = sms_center_submit(sms_center_of(m->ctx), m->cfg.msisdn, s.da, &s.ud,
			       m->cfg.net.sms_delay_ms);
	if (rc < 0)
		return at_why(m, AT_ERROR, "out of memory");
	if (rc == 0)
		modem_log(m, SLOG_INFO, "SMS to %s: no modem of this slmsim has that number; the "
			  "network accepts it and it goes nowhere", s.da);
	m->radio.sms_tx++;
	*mr = ++m->sms->mr;
	return AT_OK;
}

#define CMGS_USAGE "expected AT+CMGS=<length>, a CR, the PDU in hex and Ctrl-Z (PDU mode)"

/* AT+CMGS=<length>\r<pdu><Ctrl-Z>, in one line: the SLM hands the modem a
 * line at a time, so the PDU travels in the same one (the CR inside it
 * ends nothing under CR LF termination).  A number alone is a <length>
 * whose PDU never came. */
static const struct at_param_def cmgs_params[] = {
	{ .name = "length_pdu", .type = AT_P_TEXT,
	  .why = "no PDU after AT+CMGS=<length>: send it in the same line after a CR (the modem "
		 "gives no '>' prompt through the SLM; use modem.terminator=crlf so the CR does "
		 "not end the line)" },
};

const struct at_schema cmgs_schema = {
	.forms = (const struct at_form[]){
		{ .p = cmgs_params, .n = 1, .min_count = 1, .max_count = 1, .usage = CMGS_USAGE },
	}, .n_forms = 1,
};

int cmgs_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *p = at_str(cmd, "length_pdu"), *cr = strchr(p, '\r');
	char hex[SMS_HEX_MAX];
	size_t n;
	int mr, rc;

	if (!isdigit((unsigned char)p[0]) || strspn(p, "0123456789") > 3 || !cr)
		return at_why(m, AT_ERROR, CMGS_USAGE);
	n = strlen(cr + 1);
	if (n > 0 && cr[n] == 0x1A)
		n--;	/* Ctrl-Z ends the PDU */
	if (n >= sizeof(hex))
		return at_why(m, AT_ERROR, "the PDU is longer than an SMS");
	memcpy(hex, cr + 1, n);
	hex[n] = '\0';
	rc = sms_modem_submit(m, hex, (int)strtol(p, NULL, 10) % 1000, &mr);
	if (rc == AT_OK)
		at_reply(m, &RSP_CMGS, "%d", mr);
	return rc;
}

/* AT+CNMA[=<n>[,<length><CR><pdu><Ctrl-Z>]] (n 0, 1 RP-ACK, 2 RP-ERROR):
 * the host's answer to a +CMT; the optional PDU goes nowhere. */
#define CNMA_USAGE "expected AT+CNMA or AT+CNMA=<0|1|2>[,<length>...]"

/* <n> 0..2 when given (27.005 3.4.4); the <length> of a PDU ack is not read. */
static const struct at_param_def cnma_params[] = {
	AT_INT("n", AT_R_NONE, 0, 2, .opt = AT_OPT_END, .why = CNMA_USAGE),
	AT_LATE("length", AT_R_NONE),
};

const struct at_schema cnma_schema = {
	.forms = (const struct at_form[]){ { .p = cnma_params, .n = 2, .max_count = 2,
		.count_why = CNMA_USAGE } },
	.n_forms = 1,
};

int cnma_run(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (m->sms->cnmi[1] != 2 || m->sms->slm_started)
		return at_why(m, AT_CMS(302), "only the SMS client the host registered with "
			      "AT+CNMI=3,2 acknowledges (not allowed)");
	if (!m->sms->ack_pending)
		return at_why(m, AT_CMS(302), "no +CMT waits for an acknowledgement (not allowed)");
	m->sms->ack_pending = false;
	return AT_OK;
}

static void network_time(struct modem *m, struct sms_time *t)
{
	struct tm tm;

	time_local(m, &tm);
	*t = (struct sms_time){ tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
				tm.tm_min, tm.tm_sec, m->cfg.net.tz_quarters };
}

static void deliver(struct modem *m, const char *from, const struct sms_ud *ud)
{
	char hex[SMS_HEX_MAX];
	struct sms_time t;
	int len;

	network_time(m, &t);
	len = sms_deliver_hex(m->cfg.net.smsc, from, &t, ud, hex, sizeof(hex));
	if (len < 0) {
		modem_log(m, SLOG_WARN, "SMS from %s: cannot make its PDU", from);
		return;
	}
	m->radio.sms_rx++;
	/* The SLM's AT monitor forwards every modem notification; whether the
	 * modem also gives the library's +CMT to it is UNCONFIRMED. */
	if (!m->sms->slm_started || m->cfg.xsms_shows_cmt)
		at_reply(m, &RSP_CMT, "\"%s\",%d\r\n%s", from, len, hex);
	if (m->sms->client)
		m->sms->client(m, hex);	/* the library reads it and sends AT+CNMA=1 */
	else
		m->sms->ack_pending = true;
}

/* Why a message for m would reach nobody now; NULL: it would arrive. */
static const char *unreachable(struct modem *m)
{
	if (!m->sms)
		return "the modem is off";
	if (!net_registered(&m->net))
		return "the modem is not registered (+CEREG: 1 or 5), so the network keeps no SMS "
		       "for it here";
	if (m->sms->cnmi[1] != 2)
		return "nobody subscribed: the host sent no AT+CNMI=3,2 and the SLM's SMS is not "
		       "started (AT#XSMS=1)";
	return NULL;
}

static void arrive(void *arg, const char *from, const struct sms_ud *ud)
{
	struct modem *m = arg;
	const char *why = unreachable(m);

	if (why) {
		modem_log(m, SLOG_INFO, "SMS from %s dropped: %s", from, why);
		return;
	}
	deliver(m, from, ud);
}

int sms_inject(struct modem *m, const char *from, const char *text, char *err, size_t errlen)
{
	const char *why = unreachable(m);
	bool ucs2 = !sms_gsm7_fits(text, strlen(text));
	int parts = sms_text_parts(text, ucs2);
	uint8_t ref = sms_center_ref(sms_center_of(m->ctx));
	struct sms_ud ud;

	if (why) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	for (int i = 1; i <= parts; i++) {
		if (sms_text_ud(text, ucs2, i, parts, ref, &ud)) {
			snprintf(err, errlen, "TEXT is not UTF-8 of the BMP (UCS-2)");
			return -1;
		}
	}
	for (int i = 1; i <= parts; i++) {
		sms_text_ud(text, ucs2, i, parts, ref, &ud);
		deliver(m, from, &ud);
	}
	return 0;
}
