/* Identification and housekeeping: AT+CMEE, AT+CGMI/CGMM/CGMR/CGSN,
 * AT#XSLMVER, AT#XCLAC. */
#include <stdio.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_generic.h"
#include "cmd_table.h"

static const struct at_param_def cmee_params[] = { AT_INT("n", AT_R_NONE, 0, 1) };

const struct at_schema cmee_schema = {
	.forms = (const struct at_form[]){
		{ .p = cmee_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT+CMEE=<0|1> (mfw 1.3.x has no verbose mode 2)" },
	}, .n_forms = 1, .test = "+CMEE: (0,1)",
};

int cmee_set(struct modem *m, const struct at_cmd *cmd)
{
	m->cmee = (int)at_int(cmd, "n");
	return AT_OK;
}

int cmee_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CMEE, "%d", m->cmee);
	return AT_OK;
}

int cgmi_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "%s", m->cfg.manufacturer);
	return AT_OK;
}

int cgmm_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "%s", m->cfg.model);
	return AT_OK;
}

int cgmr_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "%s", m->cfg.revision);
	return AT_OK;
}

/* AT+CGSN is AT+CGSN=0: the bare IMEI. */
/* <snt>: 0 the IMEI bare, 1 the IMEI, 2 the IMEISV, 3 the SVN. */
static const struct at_param_def cgsn_params[] = { AT_INT("snt", AT_R_NONE, 0, 3) };

const struct at_schema cgsn_schema = {
	.forms = (const struct at_form[]){
		{ .p = cgsn_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT+CGSN=<0..3>" },
	}, .n_forms = 1,
	.test = "+CGSN: (0-3)",
};

int cgsn_run(struct modem *m, const struct at_cmd *cmd)
{
	/* AT+CGSN alone reads as <snt> 0. */
	switch (at_int(cmd, "snt")) {
	case 0:
		at_info(m, "%s", m->cfg.imei);
		break;
	case 1:
		at_reply(m, &RSP_CGSN, "\"%s\"", m->cfg.imei);
		break;
	case 2:
		at_reply(m, &RSP_CGSN, "\"%.14s%s\"", m->cfg.imei, m->cfg.svn);
		break;
	default:
		at_reply(m, &RSP_CGSN, "\"%s\"", m->cfg.svn);
		break;
	}
	return AT_OK;
}

/* ,"<customer>" when the build sets one and the generation prints it. */
static const char *customer(const struct modem *m, char *buf, size_t len)
{
	if (!slm_has(m->profile, SLM_FEAT_VERSION_CUSTOMER) || !m->cfg.slm_customer[0])
		return "";
	snprintf(buf, len, ",\"%s\"", m->cfg.slm_customer);
	return buf;
}

int xslmver_set(struct modem *m, const struct at_cmd *cmd)
{
	char cust[40];

	(void)cmd;
	if (slm_has(m->profile, SLM_FEAT_VERSION_LIBMODEM))
		at_reply(m, &RSP_XSLMVER, "\"%s\",\"%s\"%s", m->cfg.slm_version, m->cfg.slm_version2,
			 customer(m, cust, sizeof(cust)));
	else
		at_reply(m, &RSP_XSLMVER, "\"%s\"", m->cfg.slm_version);
	return AT_OK;
}

int xsmver_set(struct modem *m, const struct at_cmd *cmd)
{
	char cust[40];

	(void)cmd;
	at_reply(m, &RSP_XSMVER, "\"%s\",\"%s\"%s", m->cfg.slm_version, m->cfg.slm_version2,
		 customer(m, cust, sizeof(cust)));
	return AT_OK;
}

int xclac_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *c;
	size_t i = 0;

	(void)cmd;
	/* SLM prints these with "%s\r\n": no leading CRLF, unlike other lines;
	 * from 2.7 one "\r\n" before the list. */
	if (slm_profile_clac_crlf(m->profile))
		at_raw(m, "\r\n");
	while ((c = slm_profile_clac_next(m->profile, &i)))
		at_raw(m, "%s\r\n", c);
	return AT_OK;
}
