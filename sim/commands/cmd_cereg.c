/* AT+CEREG: registration status and its URCs, shaped by the subscription
 * level n (fact sheet 5.3). */
#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_cereg.h"
#include "radio.h"

/* Fields after <stat> for level n: cell identity from n=2, PSM timers from
 * n=4 once registered, "11100000" (deactivated) each without PSM in force
 * (lte_lc's tests at v1.8.0 show that shape).  Cause fields (n=3,5) carry
 * a reject (network.reject_cause) and are empty otherwise. */
static void tail(const struct modem *m, int n, struct strbuf *sb)
{
	const struct net_model *net = &m->net;
	const struct net_config *c = &m->cfg.net;

	if (n < 2 || !net->cell_known)
		return;
	sb_appendf(sb, ",\"%s\",\"%s\",%d", c->tac, c->ci, radio_act(m));
	/* A rejected attach: <cause_type> 0 (EMM) and the cause, from n=3. */
	if ((n == 3 || n == 5) && net->stat == NET_STAT_DENIED)
		sb_appendf(sb, ",0,%d", c->reject_cause);
	if (n >= 4 && net_registered(net))
		sb_appendf(sb, ",,,\"%s\",\"%s\"", radio_psm(m) ? c->active_time : "11100000",
			   radio_psm(m) ? c->periodic_tau : "11100000");
}

static const struct at_param_def cereg_params[] = { AT_INT("n", AT_R_NONE, 0, 5) };

const struct at_schema cereg_schema = {
	.forms = (const struct at_form[]){
		{ .p = cereg_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT+CEREG=<n> with n 0..5" },
	}, .n_forms = 1, .test = "+CEREG: (0-5)",
};

int cereg_set(struct modem *m, const struct at_cmd *cmd)
{
	m->cereg_n = (int)at_int(cmd, "n");
	return AT_OK;
}

int cereg_read(struct modem *m, const struct at_cmd *cmd)
{
	struct strbuf sb = { 0 };

	(void)cmd;
	sb_appendf(&sb, "%d,%d", m->cereg_n, m->net.stat);
	tail(m, m->cereg_n, &sb);
	at_reply(m, &RSP_CEREG_READ, "%s", sb.data);
	sb_free(&sb);
	return AT_OK;
}

void cereg_net_changed(struct modem *m)
{
	struct strbuf sb = { 0 };

	if (m->cereg_n == 0)
		return;
	sb_appendf(&sb, "%d", m->net.stat);
	tail(m, m->cereg_n, &sb);
	at_reply(m, &RSP_CEREG, "%s", sb.data);
	sb_free(&sb);
}
