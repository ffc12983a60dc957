/* AT#XSMS=<op>[,<number>,<text>] as slm_at_sms.c of SLM v1.8.0 does it over
 * the sms library: 1 registers the library as the modem's SMS client
 * (refused when one is, +CNMI not all 0), 0 unregisters it, 2 sends GSM
 * 7-bit text, split in concatenated parts past 160 septets.  An <op> other
 * than 0..2 answers OK and does nothing, as the code does.  Received
 * messages show as "#XSMS: <time>,<number>,<text>", up to 3 parts joined. */
#include "cmd_xsms.h"

#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_sms.h"
#include "rsp_table.h"

#define NUMBER_MAX 21		/* SMS_MAX_ADDRESS_LEN_CHARS + 1 */
#define TEXT_MAX 480		/* 3 * SMS_MAX_PAYLOAD_LEN_CHARS */
#define CONCAT_MAX 3

static int start(struct modem *m)
{
	struct sms_state *s = m->sms;

	if (s->slm_started)
		return at_why(m, AT_ERROR, "SMS is already started");
	for (int i = 0; i < 4; i++)
		if (s->cnmi[i])
			return at_why(m, AT_ERROR, "another SMS client is registered (AT+CNMI? is not "
				      "0,0,0,0): the sms library refuses to start (-EBUSY)");
	memcpy(s->cnmi, (int[5]){ 3, 2, 0, 1, 0 }, sizeof(s->cnmi));	/* AT+CNMI=3,2,0,1 */
	s->slm_started = true;
	s->client = xsms_notify;
	return AT_OK;
}

static int stop(struct modem *m)
{
	struct sms_state *s = m->sms;

	if (!s->slm_started)
		return at_why(m, AT_ERROR, "SMS is not started (AT#XSMS=1)");
	memset(s->cnmi, 0, sizeof(s->cnmi));	/* AT+CNMI=0,0,0,0 */
	s->slm_started = false;
	s->client = NULL;
	return AT_OK;
}

/* One SUBMIT through the modem, as AT+CMGS=<len>\r<pdu>\x1a. */
static int submit(struct modem *m, const char *number, const struct sms_ud *ud, uint8_t mr)
{
	struct sms_submit sub = { .mr = mr, .ud = *ud };
	char hex[SMS_HEX_MAX];
	int len, given;

	snprintf(sub.da, sizeof(sub.da), "%s", number);
	len = sms_submit_hex(&sub, true, hex, sizeof(hex));
	if (len < 0)
		return at_why(m, AT_ERROR, "the number '%s' is no phone number: the modem refuses "
			      "the PDU", number);
	return sms_modem_submit(m, hex, len, &given);
}

static int send_text(struct modem *m, const char *number, const char *text)
{
	struct sms_state *s = m->sms;
	int parts = sms_text_parts(text, false), rc = AT_OK;
	uint8_t id;
	struct sms_ud ud;

	if (!s->slm_started)
		return at_why(m, AT_ERROR, "SMS is not started (AT#XSMS=1 first)");
	if (!number[0])
		return at_why(m, AT_ERROR, "the number is empty");
	if (parts == 1) {
		sms_text_ud(text, false, 1, 1, 0, &ud);
		return submit(m, number, &ud, 0);
	}
	id = ++s->slm_concat_id;
	for (int i = 1; i <= parts && rc == AT_OK; i++) {
		sms_text_ud(text, false, i, parts, id, &ud);
		rc = submit(m, number, &ud, ++s->slm_mr);
	}
	return rc;
}

#define XSMS_OP AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XSMS=<op>[,<number>,<text>], " \
			 "op 0 stop, 1 start, 2 send")

static const struct at_param_def xsms_params[] = { XSMS_OP };

/* Quoted strings shorter than their buffers, as util_string_get() takes them. */
static const struct at_param_def xsms_send_params[] = {
	XSMS_OP, AT_STR("number", AT_R_NONE, NUMBER_MAX - 1), AT_STR("text", AT_R_NONE, TEXT_MAX - 1),
};

/* Parameters after a stop or start are not read. */
const struct at_schema xsms_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 2, .op_hi = 2, .p = xsms_send_params, .n = 3,
		  .usage = "expected AT#XSMS=2,\"<number>\",\"<text>\"" },
		{ .op_lo = 0, .op_hi = 65535, .p = xsms_params, .n = 1 },
	}, .n_forms = 2, .test = "#XSMS: (0,1,2),<number>,<message>",
};

int xsms_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_int(cmd, "op");

	switch (op) {
	case 0: return stop(m);
	case 1: return start(m);
	case 2: return send_text(m, at_str(cmd, "number"), at_str(cmd, "text"));
	default:
		modem_log(m, SLOG_WARN, "unknown SMS operation %lld: the SLM answers OK and does "
			  "nothing", (long long)op);
		return AT_OK;
	}
}

static void urc_head(char *out, size_t size, const struct sms_deliver *d)
{
	snprintf(out, size, "\"%02d-%02d-%02d %02d:%02d:%02d\",\"%s\",\"%s",
		 d->scts.year, d->scts.month, d->scts.day, d->scts.hour, d->scts.minute,
		 d->scts.second, d->oa, d->text);
}

/* The parts of one concatenated message, joined when all arrived; an odd
 * part (another reference, count or number) drops what was gathered. */
static void concat_part(struct modem *m, const struct sms_deliver *d)
{
	struct xsms_concat *c = &m->sms->cc;
	char line[sizeof(c->first) + sizeof(c->rest) + 4];

	if (c->ref == 0)
		c->ref = d->concat.ref;
	if (c->total == 0)
		c->total = d->concat.total;
	if (c->ref != d->concat.ref || c->total != d->concat.total || c->total > CONCAT_MAX) {
		modem_log(m, SLOG_WARN, "SMS part of %u/%u dropped with those gathered",
			  d->concat.ref, d->concat.total);
		memset(c, 0, sizeof(*c));
		return;
	}
	if (d->concat.seq == 1)
		urc_head(c->first, sizeof(c->first), d);
	else
		snprintf(c->rest[d->concat.seq - 2], sizeof(c->rest[0]), "%s", d->text);
	if (++c->count < c->total)
		return;
	snprintf(line, sizeof(line), "%s%s%s\"", c->first, c->total > 1 ? c->rest[0] : "",
		 c->total > 2 ? c->rest[1] : "");
	at_reply(m, &RSP_XSMS, "%s", line);
	memset(c, 0, sizeof(*c));
}

void xsms_notify(struct modem *m, const char *hex)
{
	struct sms_deliver d;
	char line[SMS_SEPTETS_MAX * 2 + 64];

	if (sms_deliver_parse(hex, &d)) {
		modem_log(m, SLOG_INFO, "the sms library cannot read this SMS (UCS-2 or a bad "
			  "PDU): no #XSMS");
		return;
	}
	if (!d.concat.total) {
		urc_head(line, sizeof(line), &d);
		at_reply(m, &RSP_XSMS, "%s\"", line);
		return;
	}
	concat_part(m, &d);
}
