/* What the modem tells of the network: AT+CESQ, AT%CESQ, AT+COPS and
 * AT%XMONITOR, all from the network model and its configuration
 * (modem-commands.md 9-11). */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_netinfo.h"
#include "radio.h"

/* Camped on the cell: its measurements are known. */
static bool camped(const struct modem *m)
{
	return m->net.cell_known;
}

int cesq_action(struct modem *m, const struct at_cmd *cmd)
{
	const struct net_config *c = &m->cfg.net;

	(void)cmd;
	if (camped(m))
		at_reply(m, &RSP_CESQ, "99,99,255,255,%d,%d", c->rsrq, c->rsrp);
	else
		at_reply(m, &RSP_CESQ, "99,99,255,255,255,255");
	return AT_OK;
}

/* %CESQ thresholds (UNCONFIRMED): RSRP in steps of 20, RSRQ of 10. */
static int rsrp_level(int rsrp) { return rsrp / 20 > 4 ? 4 : rsrp / 20; }
static int rsrq_level(int rsrq) { return rsrq / 10 > 3 ? 3 : rsrq / 10; }

static void cesq_urc(struct modem *m)
{
	const struct net_config *c = &m->cfg.net;

	at_reply(m, &RSP_CESQ_URC, "%d,%d,%d,%d", c->rsrp, rsrp_level(c->rsrp), c->rsrq,
		 rsrq_level(c->rsrq));
}

static const struct at_param_def on_off[] = { AT_INT("n", AT_R_NONE, 0, 1) };

const struct at_schema xcesq_schema = {
	.forms = (const struct at_form[]){
		{ .p = on_off, .n = 1, .usage = "expected AT%CESQ=<0|1>" },
	}, .n_forms = 1,
};

int xcesq_set(struct modem *m, const struct at_cmd *cmd)
{
	m->radio.cesq_urc = at_int(cmd, "n");
	return AT_OK;
}

static const char *oper_name(const struct modem *m, int format)
{
	const struct net_config *c = &m->cfg.net;

	return format == 0 ? c->oper_long : format == 1 ? c->oper_short : c->plmn;
}

int cops_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct radio_state *r = &m->radio;

	(void)cmd;
	if (!net_registered(&m->net))
		at_reply(m, &RSP_COPS, "%d", r->cops_mode);
	else
		at_reply(m, &RSP_COPS, "%d,%d,\"%s\",%d", r->cops_mode, r->cops_format,
			oper_name(m, r->cops_format), radio_act(m));
	return AT_OK;
}

int cops_test(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_COPS, "(2,\"\",\"\",\"%s\",%d)", m->cfg.net.plmn, radio_act(m));
	return AT_OK;
}

#define COPS_MODE AT_INT("mode", AT_R_OP, 0, 3, .why = "expected AT+COPS=<0|1|2|3>[,...]")
#define COPS1_USAGE "expected AT+COPS=1,2,\"<MCCMNC>\" (numeric only)"

static const struct at_param_def cops_params[] = { COPS_MODE };

/* Manual selection takes the numeric format only. */
static const struct at_param_def cops1_params[] = {
	COPS_MODE, AT_INT("format", AT_R_NONE, 2, 2, .why = COPS1_USAGE),
	{ .name = "oper", .type = AT_P_TEXT, .max_len = 6, .why = COPS1_USAGE },
};

static const struct at_param_def cops3_params[] = {
	COPS_MODE, AT_INT("format", AT_R_NONE, 0, 2, .why = "expected AT+COPS=3,<format 0|1|2>"),
};

/* Other parameters of modes 0 and 2 are not read. */
const struct at_schema cops_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 1, .op_hi = 1, .p = cops1_params, .n = 3 },
		{ .op_lo = 3, .op_hi = 3, .p = cops3_params, .n = 2 },
		{ .op_lo = 0, .op_hi = 2, .p = cops_params, .n = 1 },
	}, .n_forms = 3,
};

int cops_set(struct modem *m, const struct at_cmd *cmd)
{
	struct radio_state *r = &m->radio;
	int64_t mode = at_int(cmd, "mode");

	if (mode == 3) {
		r->cops_format = (int)at_int(cmd, "format");
		return AT_OK;
	}
	r->cops_mode = (int)mode;
	if (mode == 1)
		snprintf(r->cops_plmn, sizeof(r->cops_plmn), "%s", at_str(cmd, "oper"));
	radio_update_access(m);
	return AT_OK;
}

int xmonitor_action(struct modem *m, const struct at_cmd *cmd)
{
	const struct net_config *c = &m->cfg.net;
	bool psm = radio_psm(m);

	(void)cmd;
	if (!net_registered(&m->net)) {
		at_reply(m, &RSP_XMONITOR, "%d", m->net.stat);
		return AT_OK;
	}
	at_reply(m, &RSP_XMONITOR, "%d,\"%s\",\"%s\",\"%s\",\"%s\",%d,%d,\"%s\",%d,%d,%d,%d,\"%s\","
		"\"%s\",\"%s\",\"%s\"", m->net.stat, c->oper_long, c->oper_short, c->plmn, c->tac,
		radio_act(m), c->band, c->ci, c->pci, c->earfcn, c->rsrp, c->snr,
		radio_edrx(m) ? c->edrx : "", psm ? c->active_time : "11100000",
		psm ? c->periodic_tau : "11100000", c->periodic_tau_legacy);
	return AT_OK;
}

void netinfo_net_changed(struct modem *m)
{
	if (m->radio.cesq_urc && camped(m) && net_registered(&m->net))
		cesq_urc(m);
}

/* %XCBAND: the band of the serving cell ("valid only when activated"; 0
 * when not camped is our choice) and, as its test form, the bands the
 * modem supports (modem.bands). */
int xcband_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XCBAND, "%d", net_registered(&m->net) ? m->cfg.net.band : 0);
	return AT_OK;
}

int xcband_test(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XCBAND, "(%s)", m->cfg.bands);
	return AT_OK;
}

static const struct at_param_def cemode_params[] = {
	AT_INT("mode", AT_R_NONE, INT64_MIN, INT64_MAX, .only = AT_BIT(0) | AT_BIT(2)),
};

const struct at_schema cemode_schema = {
	.forms = (const struct at_form[]){
		{ .p = cemode_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT+CEMODE=<0|2> (PS mode 2, CS/PS mode 2)" },
	}, .n_forms = 1, .test = "+CEMODE: (0,2)",
};

int cemode_set(struct modem *m, const struct at_cmd *cmd)
{
	m->cfg.cemode = (int)at_int(cmd, "mode");
	return AT_OK;
}

int cemode_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CEMODE, "%d", m->cfg.cemode);
	return AT_OK;
}

/* %CESQ reports a signal that crosses a threshold, not every change. */
void netinfo_signal_changed(struct modem *m, int old_rsrp, int old_rsrq)
{
	const struct net_config *c = &m->cfg.net;

	if (m->radio.cesq_urc && camped(m) && net_registered(&m->net) &&
	    (rsrp_level(c->rsrp) != rsrp_level(old_rsrp) || rsrq_level(c->rsrq) != rsrq_level(old_rsrq)))
		cesq_urc(m);
}
