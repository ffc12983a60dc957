/* The UICC and the modem's identity and settings: AT+CPIN, AT+CIMI,
 * AT%XICCID, AT%XMODEMUUID, AT%XBANDLOCK, AT%XCONNSTAT
 * (modem-commands.md 3, 12, 13, 15). */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_events.h"
#include "cmd_sim.h"
#include "radio.h"

static int need_uicc(struct modem *m)
{
	if (radio_uicc_on(m) && events_uicc_ready(m))
		return AT_OK;
	if (radio_uicc_on(m))
		return at_why(m, AT_ERROR, "the UICC is still initialising (modem.uicc_init_ms after "
			      "it was powered; %%XSIM: 1 says when it is ready)");
	return at_why(m, AT_ERROR, "the UICC is off: AT+CFUN=1, 21 or 41 powers it");
}

int cpin_read(struct modem *m, const struct at_cmd *cmd)
{
	int rc = need_uicc(m);

	(void)cmd;
	if (rc == AT_OK)
		at_reply(m, &RSP_CPIN, "READY");
	return rc;
}

/* The PIN as a string or its digits unquoted. */
static const struct at_param_def cpin_params[] = {
	{ .name = "pin", .type = AT_P_ANY },
	{ .name = "newpin", .type = AT_P_ANY, .opt = AT_OPT },
};

const struct at_schema cpin_schema = {
	.forms = (const struct at_form[]){
		{ .p = cpin_params, .n = 2, .usage = "expected AT+CPIN=\"<pin>\"[,\"<newpin>\"]" },
	}, .n_forms = 1,
};

int cpin_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return at_why(m, AT_ERROR, "the SIM needs no PIN");
}

#define XBANDLOCK_USAGE "expected AT%XBANDLOCK=0, or =<1|2>,\"<band bits, LSB = band 1, " \
	"at most 88>\""

static const struct at_param_def xbandlock_params[] = {
	AT_INT("operation", AT_R_OP, 0, 2, .why = XBANDLOCK_USAGE),
	AT_BITS("band_mask", AT_R_NONE, 88, .bits_max = true, .why = XBANDLOCK_USAGE),
};

/* 0 removes both locks (a mask after it is not read); 1 sets the permanent
 * one, 2 the runtime one. */
const struct at_schema xbandlock_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xbandlock_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xbandlock_params, .n = 2 },
	}, .n_forms = 2,
};

int cimi_action(struct modem *m, const struct at_cmd *cmd)
{
	int rc = need_uicc(m);

	(void)cmd;
	if (rc == AT_OK)
		at_info(m, "%s", m->cfg.imsi);
	return rc;
}

int xiccid_action(struct modem *m, const struct at_cmd *cmd)
{
	int rc = need_uicc(m);

	(void)cmd;
	if (rc == AT_OK)
		at_reply(m, &RSP_XICCID, "%s", m->cfg.iccid);
	return rc;
}

int xmodemuuid_action(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XMODEMUUID, "%s", m->cfg.fw_uuid);
	return AT_OK;
}

int xbandlock_set(struct modem *m, const struct at_cmd *cmd)
{
	struct radio_state *r = &m->radio;
	int64_t op = at_int(cmd, "operation");
	int rc;

	if ((rc = at_cfun_check(m, "changing the band lock")))
		return rc;
	if (op == 0) {
		r->bandlock[0][0] = r->bandlock[1][0] = '\0';
	} else {
		snprintf(r->bandlock[op - 1], sizeof(r->bandlock[0]), "%s", at_str(cmd, "band_mask"));
	}
	radio_update_access(m);
	return AT_OK;
}

int xbandlock_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XBANDLOCK, "\"%s\",\"%s\"", m->radio.bandlock[0], m->radio.bandlock[1]);
	return AT_OK;
}

static const struct at_param_def xconnstat_params[] = { AT_INT("n", AT_R_NONE, 0, 1) };

const struct at_schema xconnstat_schema = {
	.forms = (const struct at_form[]){
		{ .p = xconnstat_params, .n = 1, .usage = "expected AT%XCONNSTAT=<0|1>" },
	}, .n_forms = 1,
};

int xconnstat_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t on = at_int(cmd, "n");

	if (on && !m->radio.connstat_on) {
		memset(&m->radio.stats, 0, sizeof(m->radio.stats));
		m->radio.sms_tx = m->radio.sms_rx = 0;
	}
	m->radio.connstat_on = on;
	return AT_OK;
}

/* SMS counts, then kilobytes each way, the largest and the mean packet. */
int xconnstat_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct link_stats *s = &m->radio.stats;

	(void)cmd;
	if (!m->radio.connstat_on)
		return at_why(m, AT_ERROR, "statistics are not running: AT%%XCONNSTAT=1 starts them");
	at_reply(m, &RSP_XCONNSTAT, "%u,%u,%llu,%llu,%llu,%llu", m->radio.sms_tx, m->radio.sms_rx,
		(unsigned long long)(s->tx / 1024),
		(unsigned long long)(s->rx / 1024), (unsigned long long)s->max_packet,
		(unsigned long long)(s->packets ? s->tx / s->packets : 0));
	return AT_OK;
}
