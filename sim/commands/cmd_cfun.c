/* AT+CFUN (functional modes) and AT%XSYSTEMMODE: they decide which radio
 * parts run, and with them registration (modem-commands.md 4, 5). */
#include <stdio.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_cfun.h"
#include "cmd_events.h"
#include "cmd_gps.h"
#include "cmd_mdmev.h"
#include "radio.h"

int cfun_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CFUN, "%d", m->cfun);
	return AT_OK;
}

static const struct at_param_def cfun_params[] = {
	AT_INT("fun", AT_R_NONE, INT64_MIN, INT64_MAX),
};

/* Which modes exist is the radio's answer (radio_set_cfun). */
const struct at_schema cfun_schema = {
	.forms = (const struct at_form[]){
		{ .p = cfun_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected one integer: AT+CFUN=<fun>" },
	}, .n_forms = 1, .test = "+CFUN: (0,1,2,4,20,21,30,31,40,41,44)",
};

int cfun_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t fun = at_int(cmd, "fun");

	if (fun < 0 || fun > 44 || radio_set_cfun(m, (int)fun))
		return at_why(m, AT_ERROR, "AT+CFUN=%lld: %s", (long long)fun, fun == 41 ?
			      "the UICC needs LTE-M or NB-IoT enabled in %XSYSTEMMODE" : fun == 31 ?
			      "GNSS is off in %XSYSTEMMODE (its third value): enable it with "
			      "AT%XSYSTEMMODE=<LTE-M>,<NB-IoT>,1,<preference> in CFUN 0 or 4 "
			      "(modem.cfun31_needs_gnss)" :
			      "no such functional mode (mfw 1.3.x: 0,1,2,4,20,21,30,31,40,41,44)");
	events_radio_changed(m);
	mdmev_radio_changed(m);
	gps_radio_changed(m);
	return AT_OK;
}

static const struct at_param_def xsystemmode_params[] = {
	AT_INT("lte_m", AT_R_NONE, 0, 1), AT_INT("nb_iot", AT_R_NONE, 0, 1),
	AT_INT("gnss", AT_R_NONE, 0, 1), AT_INT("preference", AT_R_NONE, 0, 4),
};

/* More than four parameters fail after these, with the preference rule. */
const struct at_schema xsystemmode_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsystemmode_params, .n = 4,
		  .usage = "expected AT%XSYSTEMMODE=<LTE-M>,<NB-IoT>,<GNSS>,<preference> "
			   "(0/1 each, preference 0..4)" },
	}, .n_forms = 1,
};

int xsystemmode_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t v[4];
	int rc;

	for (int i = 0; i < 4; i++)
		v[i] = at_arg_int(cmd, (size_t)i);
	if (cmd->nparams != 4 || (v[3] && !v[0] && !v[1]))
		return at_why(m, AT_ERROR, "a preference needs LTE-M or NB-IoT enabled");
	if ((rc = at_cfun_check(m, "changing the system mode")))
		return rc;
	for (int i = 0; i < 4; i++)
		m->radio.sysmode[i] = (int)v[i];
	return AT_OK;
}

int xsystemmode_read(struct modem *m, const struct at_cmd *cmd)
{
	const int *s = m->radio.sysmode;

	(void)cmd;
	at_reply(m, &RSP_XSYSTEMMODE, "%d,%d,%d,%d", s[0], s[1], s[2], s[3]);
	return AT_OK;
}
