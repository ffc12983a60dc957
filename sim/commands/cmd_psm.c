/* Power saving: AT+CPSMS and eDRX (AT+CEDRXS, AT+CEDRXRDP), with the
 * timers the network grants shown in +CEREG n=4/5 (modem-commands.md 7, 8). */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_psm.h"
#include "radio.h"

/* A changed request is negotiated again: the network repeats the
 * registration with what it grants now. */
static void renegotiate(struct modem *m)
{
	if (net_registered(&m->net))
		net_reannounce(&m->net);
}

#define CPSMS_TIMER(n) AT_BITS(n, AT_R_NONE, 8, .opt = AT_OPT, \
	.why = "timers are 8-bit strings: AT+CPSMS=1,,,\"<TAU>\",\"<Active-Time>\"")

static const struct at_param_def cpsms_params[] = {
	AT_INT("mode", AT_R_NONE, 0, 1, .opt = AT_OPT, .why = "<mode> must be 0 or 1"),
	AT_LATE("Requested_periodic_RAU", AT_R_NONE),
	AT_LATE("Requested_GPRS_READY_timer", AT_R_NONE),
	CPSMS_TIMER("Requested_periodic_TAU"), CPSMS_TIMER("Requested_Active_Time"),
};

const struct at_schema cpsms_schema = {
	.forms = (const struct at_form[]){ { .p = cpsms_params, .n = 5 } }, .n_forms = 1,
	.test = "+CPSMS: (0,1),,,(\"00000000\"-\"11111111\"),(\"00000000\"-\"11111111\")",
};

int cpsms_set(struct modem *m, const struct at_cmd *cmd)
{
	struct radio_state *r = &m->radio;
	const char *tau = "00000011", *act = "00100001";	/* lte_lc's defaults */

	if (at_arg_has(cmd, 3))
		tau = at_arg_str(cmd, 3, NULL);
	if (at_arg_has(cmd, 4))
		act = at_arg_str(cmd, 4, NULL);
	r->psm_req = at_int(cmd, "mode") == 1;
	snprintf(r->req_tau, sizeof(r->req_tau), "%s", tau);
	snprintf(r->req_active, sizeof(r->req_active), "%s", act);
	renegotiate(m);
	return AT_OK;
}

int cpsms_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct radio_state *r = &m->radio;

	(void)cmd;
	if (!r->psm_req)
		at_reply(m, &RSP_CPSMS, "0");
	else
		at_reply(m, &RSP_CPSMS, "1,,,\"%s\",\"%s\"", r->req_tau[0] ? r->req_tau : "00000011",
			r->req_active[0] ? r->req_active : "00100001");
	return AT_OK;
}

#define CEDRXS_USAGE "expected AT+CEDRXS=<0..3>[,<4|5>[,\"<4 bits>\"]]"

static const struct at_param_def cedrxs_params[] = {
	AT_INT("mode", AT_R_NONE, 0, 3, .opt = AT_OPT, .why = CEDRXS_USAGE),
	AT_INT("AcT-type", AT_R_NONE, 4, 5, .opt = AT_OPT, .why = CEDRXS_USAGE),
	AT_BITS("Requested_eDRX_value", AT_R_NONE, 4, .opt = AT_OPT, .why = CEDRXS_USAGE),
};

const struct at_schema cedrxs_schema = {
	.forms = (const struct at_form[]){ { .p = cedrxs_params, .n = 3 } }, .n_forms = 1,
	.test = "+CEDRXS: (0-3),(4-5),(\"0000\"-\"1111\")",
};

int cedrxs_set(struct modem *m, const struct at_cmd *cmd)
{
	struct radio_state *r = &m->radio;
	int64_t mode = at_int(cmd, "mode");
	int64_t act = at_arg_has(cmd, 1) ? at_arg_int(cmd, 1) : 4;
	const char *v = at_arg_str(cmd, 2, NULL);

	if (!at_arg_has(cmd, 1) && mode >= 1 && mode <= 2)
		return at_why(m, AT_ERROR, "enabling eDRX needs the AcT type (4 LTE-M, 5 NB-IoT)");
	for (int i = 0; i < 2; i++) {
		if (at_param_present(cmd, 1) && i != act - 4)
			continue;
		r->edrx_mode[i] = mode == 1 || mode == 2 ? (int)mode : 0;
		snprintf(r->edrx_req[i], sizeof(r->edrx_req[i]), "%s", mode == 3 ? "" : v);
	}
	renegotiate(m);
	return AT_OK;
}

int cedrxs_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct radio_state *r = &m->radio;

	(void)cmd;
	for (int i = 0; i < 2; i++)
		if (r->edrx_mode[i])
			at_reply(m, &RSP_CEDRXS, "%d,\"%s\"", 4 + i, r->edrx_req[i]);
	return AT_OK;
}

/* +CEDRXP (URC) and +CEDRXRDP (answer) have the same fields. */
static void edrx_line(struct modem *m, const struct at_rsp *r)
{
	int i = radio_act(m) == 9;
	const struct net_config *c = &m->cfg.net;

	at_reply(m, r, "%d,\"%s\",\"%s\",\"%s\"", 4 + i, m->radio.edrx_req[i], c->edrx, c->ptw);
}

int cedrxrdp_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (net_registered(&m->net) && radio_edrx(m))
		edrx_line(m, &RSP_CEDRXRDP);
	else
		at_reply(m, &RSP_CEDRXRDP, "0");
	return AT_OK;
}

/* +CEDRXP at registration for an AcT subscribed with mode 2. */
void psm_net_changed(struct modem *m)
{
	if (net_registered(&m->net) && radio_edrx(m) && m->radio.edrx_mode[radio_act(m) == 9] == 2)
		edrx_line(m, &RSP_CEDRXP);
}
