/* AT%CONEVAL: the cell the network model offers, measured.  The modem's
 * estimates (energy, coverage level, power, repetitions, path loss) are
 * derived from the RSRP alone; their thresholds are UNCONFIRMED, chosen
 * so Nordic's example (RSRP index 8, path loss 130, 23 dBm, 16/32
 * repetitions, energy 5) comes out of its own RSRP. */
#include "cmd_coneval.h"

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_events.h"
#include "radio.h"

enum coneval_result {
	CONEVAL_OK = 0,
	CONEVAL_NO_CELL = 1,
	CONEVAL_NO_UICC = 2,
	CONEVAL_NOT_REGISTERED = 6,
};

/* 5 (bad) .. 9 (excellent), 10 dB a step. */
static int energy_estimate(int dbm)
{
	return dbm >= -95 ? 9 : dbm >= -105 ? 8 : dbm >= -115 ? 7 : dbm >= -125 ? 6 : 5;
}

static int ce_level(int dbm)
{
	return dbm >= -110 ? 0 : dbm >= -120 ? 1 : 2;
}

static enum coneval_result evaluate(const struct modem *m)
{
	const struct net_model *net = &m->net;

	if (!radio_uicc_on(m))
		return CONEVAL_NO_UICC;
	if (m->radio.lte_cfun == 2)	/* receive only: measures without attaching */
		return CONEVAL_OK;
	if (net_registered(net))
		return CONEVAL_OK;
	return net->cell_known && !net->blocked ? CONEVAL_NOT_REGISTERED : CONEVAL_NO_CELL;
}

int coneval_action(struct modem *m, const struct at_cmd *cmd)
{
	static const int reps[3][2] = { { 1, 1 }, { 4, 8 }, { 16, 32 } };
	const struct net_config *c = &m->cfg.net;
	int fun = m->radio.lte_cfun, dbm = c->rsrp - 140, pathloss = -dbm - 2, ce;
	int tx = pathloss - 107 > 23 ? 23 : pathloss - 107 < -40 ? -40 : pathloss - 107;
	enum coneval_result r;

	(void)cmd;
	if (fun != 1 && fun != 2 && fun != 21)
		return at_why(m, AT_ERROR, "%%CONEVAL evaluates in +CFUN 1, 2 and 21 only; the modem "
			      "is in CFUN=%d", m->cfun);
	if ((r = evaluate(m)) != CONEVAL_OK) {
		at_reply(m, &RSP_CONEVAL, "%d", r);
		return AT_OK;
	}
	ce = ce_level(dbm);
	at_reply(m, &RSP_CONEVAL, "0,%d,%d,%d,%d,%d,\"%s\",\"%s\",%d,%d,%d,%d,%d,%d,%d,%d,%d",
		events_rrc_connected(m), energy_estimate(dbm), c->rsrp, c->rsrq, c->snr, c->ci,
		c->plmn, c->pci, c->earfcn, c->band, !net_registered(&m->net), ce, tx, reps[ce][0],
		reps[ce][1], pathloss);
	return AT_OK;
}
