/* AT%XFACTORYRESET=<type> (mfw >= 1.3.0, only while the modem is not
 * activated, as lte_lc says): 1 resets what a user configures with AT
 * commands, 0 all the modem's data.  What slmsim counts as user data: the
 * system mode, PSM and eDRX requests, band locks, PDP contexts, operator
 * selection and the settings of cmd_modemcfg.c, in the running modem and
 * in what a reboot reads back (the NVM).  Whether type 0 erases the %CMNG
 * credentials, and whether the modem restarts, are UNCONFIRMED: the
 * credentials go only with modem.factory_reset_creds, and the modem goes
 * on answering without a reboot. */
#include "cmd_factory.h"

#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_modemcfg.h"
#include "cred_store.h"
#include "radio.h"

static void reset_radio_settings(struct modem *m)
{
	struct radio_state *r = &m->radio;
	struct modem_config *c = &m->cfg;
	int *s = r->sysmode;

	snprintf(c->systemmode, sizeof(c->systemmode), "%s", c->factory_systemmode);
	sscanf(c->systemmode, "%d,%d,%d,%d", &s[0], &s[1], &s[2], &s[3]);
	c->psm_requested = r->psm_req = false;
	r->req_tau[0] = r->req_active[0] = '\0';
	memset(r->edrx_mode, 0, sizeof(r->edrx_mode));
	memset(r->edrx_req, 0, sizeof(r->edrx_req));
	r->bandlock[0][0] = r->bandlock[1][0] = '\0';
	c->apn[0] = '\0';
	snprintf(c->pdp_type, sizeof(c->pdp_type), "IP");
	memset(r->pdn, 0, sizeof(r->pdn));
	memset(r->pdn_active, 0, sizeof(r->pdn_active));
	r->pdn[0].defined = c->idle_context;
	snprintf(r->pdn[0].type, sizeof(r->pdn[0].type), "%s", c->pdp_type);
	r->cops_mode = 0;
	r->cops_format = 2;
	radio_update_access(m);
}

static int erase_credentials(struct modem *m)
{
	struct cred_store *st = m->creds;

	while (st->count) {
		const struct cred *c = &st->items[st->count - 1];

		if (cred_store_delete(st, c->sec_tag, c->type))
			return at_why(m, AT_ERROR, "the credential storage could not be erased");
	}
	return AT_OK;
}

static const struct at_param_def xfactoryreset_params[] = {
	AT_INT("restore_type", AT_R_NONE, 0, 1),
};

const struct at_schema xfactoryreset_schema = {
	.forms = (const struct at_form[]){
		{ .p = xfactoryreset_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT%XFACTORYRESET=<0|1> (0 all modem data, "
			   "1 user-configurable data)" },
	}, .n_forms = 1,
};

int xfactoryreset_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t type = at_int(cmd, "restore_type");
	int rc;

	if ((rc = at_cfun_check(m, "a factory reset")))
		return rc;
	if (type == 0 && m->cfg.factory_reset_creds && (rc = erase_credentials(m)))
		return rc;
	reset_radio_settings(m);
	modemcfg_factory(m);
	modem_log(m, SLOG_INFO, "factory reset (%s)%s", type ? "user-configurable data" :
		  "all modem data", type == 0 && m->cfg.factory_reset_creds ?
		  ", credentials erased" : "");
	return AT_OK;
}
