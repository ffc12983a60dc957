/* AT+CEREG: registration status and its URCs, shaped by the subscription
 * level n (fact sheet 5.3; examples from ec-key.log). */
#include "modem.h"

/* Fields after <stat> for level n: cell identity from n=2, PSM timers from
 * n=4 once registered.  Cause fields (n=3,5) only carry a reject, which this
 * network model never sends, so they stay empty as in the report's URC. */
static void tail(const struct modem *m, int n, struct strbuf *sb)
{
	const struct net_model *net = &m->net;
	const struct net_config *c = &m->cfg.net;

	if (n < 2 || !net->cell_known)
		return;
	sb_appendf(sb, ",\"%s\",\"%s\",%d", c->tac, c->ci, c->act);
	if (n >= 4 && net_registered(net) && c->psm)
		sb_appendf(sb, ",,,\"%s\",\"%s\"", c->active_time, c->periodic_tau);
}

static int cmd_cereg_fn(struct modem *m, const struct at_cmd *cmd)
{
	struct strbuf sb = { 0 };
	int64_t n;

	switch (cmd->mode) {
	case AT_MODE_SET:
		if (cmd->nparams != 1 || at_param_int_range(cmd, 0, 0, 5, &n))
			return at_why(m, AT_ERROR, "expected AT+CEREG=<n> with n 0..5");
		m->cereg_n = (int)n;
		return AT_OK;
	case AT_MODE_READ:
		sb_appendf(&sb, "+CEREG: %d,%d", m->cereg_n, m->net.stat);
		tail(m, m->cereg_n, &sb);
		at_info(m, "%s", sb.data);
		sb_free(&sb);
		return AT_OK;
	case AT_MODE_TEST:
		at_info(m, "+CEREG: (0-5)");
		return AT_OK;
	default:
		return at_why(m, AT_ERROR, "expected AT+CEREG=<n>, AT+CEREG? or AT+CEREG=?");
	}
}

static void cereg_net_changed(struct modem *m)
{
	struct strbuf sb = { 0 };

	if (m->cereg_n == 0)
		return;
	if (m->dm.active) {
		/* SLM drops modem URCs in data mode rather than queue them. */
		modem_log(m, SLOG_INFO, "+CEREG URC dropped: data mode");
		return;
	}
	sb_appendf(&sb, "+CEREG: %d", m->net.stat);
	tail(m, m->cereg_n, &sb);
	modem_urc(m, "%s", sb.data);
	sb_free(&sb);
}

static const struct at_cmd_def rows[] = {
	{ "+CEREG", AT_ORIGIN_MODEM, cmd_cereg_fn },
};

const struct at_cmd_table cmd_cereg = {
	.module = "cereg", .cmds = rows, .count = ARRAY_SIZE(rows),
	.net_changed = cereg_net_changed,
};
