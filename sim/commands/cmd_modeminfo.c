/* What the modem tells of itself and its SIM, each from the one value it
 * derives from: the model and firmware of +CGMM/+CGMR, the ICCID of
 * %XICCID, the network model's last rejection, the command table. */
#include "cmd_modeminfo.h"

#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_table.h"
#include "radio.h"

/* 27.007 keeps +CSQ for GSM/UMTS: an LTE modem reports "not known". */
int csq_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CSQ, "99,99");
	return AT_OK;
}

int xvbat_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XVBAT, "%d", m->cfg.vbat_mv);
	return AT_OK;
}

/* "nRF9160-SICA" (+CGMM) and the revision: "nRF9160 SICA B1A". */
int hwversion_action(struct modem *m, const struct at_cmd *cmd)
{
	char model[sizeof(m->cfg.model)];
	char *dash;

	(void)cmd;
	snprintf(model, sizeof(model), "%s", m->cfg.model);
	if ((dash = strchr(model, '-')))
		*dash = ' ';
	at_reply(m, &RSP_HWVERSION, "%s %s", model, m->cfg.hw_revision);
	return AT_OK;
}

/* +CGMR's "mfw_nrf9160_1.3.1" without the "mfw_": "nrf9160_1.3.1". */
int shortswver_action(struct modem *m, const struct at_cmd *cmd)
{
	const char *v = m->cfg.revision;

	(void)cmd;
	if (!strncmp(v, "mfw_", 4))
		v += 4;
	at_reply(m, &RSP_SHORTSWVER, "%s", v);
	return AT_OK;
}

/* The EMM causes a network gives most (24.301 annex A). */
static const char *emm_cause_name(int cause)
{
	switch (cause) {
	case 3: return "Illegal UE";
	case 6: return "Illegal ME";
	case 7: return "EPS services not allowed";
	case 11: return "PLMN not allowed";
	case 12: return "Tracking area not allowed";
	case 13: return "Roaming not allowed in this tracking area";
	case 14: return "EPS services not allowed in this PLMN";
	case 15: return "No suitable cells in tracking area";
	case 22: return "Congestion";
	default: return "";
	}
}

/* The report's text is UNCONFIRMED: the last attach rejection's EMM cause. */
int ceer_action(struct modem *m, const struct at_cmd *cmd)
{
	int cause = m->cfg.net.reject_cause;

	(void)cmd;
	if (m->net.stat != NET_STAT_DENIED || !cause)
		at_reply(m, &RSP_CEER, "\"No cause information available\"");
	else
		at_reply(m, &RSP_CEER, "\"EMM cause %d%s%s\"", cause, *emm_cause_name(cause) ? ": " : "",
			emm_cause_name(cause));
	return AT_OK;
}

#define CRSM_READ_BINARY 176
#define EF_ICCID 0x2FE2

/* EF_ICCID holds the ICCID as BCD, two digits a byte, low digit first:
 * "8988...7F" is stored as "9888...F7". */
static void iccid_ef(const char *iccid, char out[21])
{
	char digits[21];

	snprintf(digits, sizeof(digits), "%-20s", iccid);
	for (int i = 0; i < 20; i++)
		if (digits[i] == ' ')
			digits[i] = 'F';
	for (int i = 0; i < 20; i += 2) {
		out[i] = digits[i + 1];
		out[i + 1] = digits[i];
	}
	out[20] = '\0';
}

/* 27.007 8.18: the rest ([,<data>[,<pathid>]]) is not read. */
static const struct at_param_def crsm_params[] = {
	AT_INT("command", AT_R_OP, 0, 255), AT_INT("fileid", AT_R_NONE, 0, 65535),
	AT_INT("P1", AT_R_NONE, 0, 255), AT_INT("P2", AT_R_NONE, 0, 255),
	AT_INT("P3", AT_R_NONE, 0, 255),
};

const struct at_schema crsm_schema = {
	.forms = (const struct at_form[]){
		{ .p = crsm_params, .n = 5,
		  .usage = "expected AT+CRSM=<command>,<fileid>,<P1>,<P2>,<P3>[,...]" },
	}, .n_forms = 1,
};

/* Only what modem_info reads: READ BINARY of EF_ICCID (AT+CRSM=176,12258,0,0,10). */
int crsm_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_int(cmd, "command"), file = at_int(cmd, "fileid");
	int64_t p1 = at_int(cmd, "P1"), p2 = at_int(cmd, "P2"), p3 = at_int(cmd, "P3");
	char ef[21];

	if (!radio_uicc_on(m))
		return at_why(m, AT_ERROR, "the UICC is off: AT+CFUN=1, 21 or 41 powers it");
	if (op != CRSM_READ_BINARY || file != EF_ICCID)
		return at_why(m, AT_ERROR, "AT+CRSM=%lld,%lld: only READ BINARY (176) of EF_ICCID "
			      "(12258) is emulated", (long long)op, (long long)file);
	if (p1 || p2 + p3 > 10 || p3 == 0)
		return at_why(m, AT_ERROR, "EF_ICCID has 10 bytes: offset P1,P2 and length P3 "
			      "must stay inside them");
	iccid_ef(m->cfg.iccid, ef);
	at_reply(m, &RSP_CRSM, "144,0,\"%.*s\"", (int)(2 * p3), ef + 2 * p2);
	return AT_OK;
}

/* The modem's own commands, as its table has them (SLM's are #XCLAC's). */
int clac_action(struct modem *m, const struct at_cmd *cmd)
{
	const struct at_cmd_def *d;
	size_t i = 0;

	(void)cmd;
	while ((d = slm_profile_next(m->profile, &i)))
		if (d->origin == AT_ORIGIN_MODEM)
			at_info(m, "AT%s", d->name);
	return AT_OK;
}

/* <sel_code> names one code, or ends in '*' to match several. */
#define CPINR_USAGE "expected AT+CPINR=\"<code>\" (SIM PIN, SIM PIN2, SIM PUK, " \
	"SIM PUK2; a trailing * matches several)"

static const struct at_param_def cpinr_params[] = {
	{ .name = "sel_code", .type = AT_P_TEXT, .nonempty = true, .why = CPINR_USAGE },
};

const struct at_schema cpinr_schema = {
	.forms = (const struct at_form[]){
		{ .p = cpinr_params, .n = 1, .min_count = 1, .max_count = 1,
		  .count_why = CPINR_USAGE },
	}, .n_forms = 1,
};

int cpinr_set(struct modem *m, const struct at_cmd *cmd)
{
	static const char *const codes[] = { "SIM PIN", "SIM PIN2", "SIM PUK", "SIM PUK2" };
	unsigned tries[4] = { 0 };
	size_t len, n = 0;
	const char *sel = at_arg_str(cmd, 0, &len);

	if (!radio_uicc_on(m))
		return at_why(m, AT_ERROR, "the UICC is off: AT+CFUN=1, 21 or 41 powers it");
	sscanf(m->cfg.pin_retries, "%u,%u,%u,%u", &tries[0], &tries[1], &tries[2], &tries[3]);
	for (size_t i = 0; i < 4; i++) {
		bool wild = sel[len - 1] == '*';

		if (wild ? !strncmp(codes[i], sel, len - 1) : strlen(codes[i]) == len &&
		    !strncmp(codes[i], sel, len)) {
			at_reply(m, &RSP_CPINR, "\"%s\",%u", codes[i], tries[i]);
			n++;
		}
	}
	return n ? AT_OK : at_why(m, AT_ERROR, "no PIN code is named %.*s", (int)len, sel);
}
