/* AT%MDMEV=<0|1> and its URCs.  A search begins when +CFUN switches LTE on
 * unregistered.  Once the network model offers a cell the modem may use,
 * the search is done: SEARCH STATUS 2, before the +CEREG: 2 of the attach.
 * While no usable cell appears (band lock, manual PLMN, +COPS=2), SEARCH
 * STATUS 1 comes network.light_search_ms after the search began and
 * SEARCH STATUS 2 (every frequency scanned) network.full_search_ms after
 * it.  The reference says +CFUN=0 removes the subscription (nWP042). */
#include "cmd_mdmev.h"

#include <stdio.h>
#include <stdlib.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "radio.h"

struct mdmev_state {
	int n;			/* subscribed */
	bool searching;
	bool light_done;	/* SEARCH STATUS 1 is behind */
	struct sim_timer timer;
};

static void report(struct modem *m, int status)
{
	if (m->mdmev->n)
		at_reply(m, &RSP_MDMEV, "SEARCH STATUS %d", status);
}

static void search_end(struct modem *m, bool found)
{
	struct mdmev_state *s = m->mdmev;

	if (!s->searching)
		return;
	sim_timer_stop(&s->timer);
	s->searching = false;
	if (found)
		report(m, 2);
}

static void search_timer(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct mdmev_state *s = m->mdmev;
	int64_t rest = m->cfg.net.full_search_ms - m->cfg.net.light_search_ms;

	if (!s->light_done) {
		s->light_done = true;
		report(m, 1);
		sim_timer_start(m->ctx->clock, t, rest > 0 ? rest : 0);
		return;
	}
	search_end(m, true);	/* everything scanned: limited service */
}

int mdmev_init(struct modem *m, char *err, size_t errlen)
{
	struct mdmev_state *s = calloc(1, sizeof(*s));

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->mdmev = s;
	sim_timer_init(&s->timer, search_timer, m);
	return 0;
}

void mdmev_fini(struct modem *m)
{
	if (!m->mdmev)
		return;
	sim_timer_stop(&m->mdmev->timer);
	free(m->mdmev);
	m->mdmev = NULL;
}

/* A cell the modem can select ends the search. */
void mdmev_net_changed(struct modem *m)
{
	const struct net_model *net = &m->net;

	if (!m->mdmev)
		return;
	if (!net->radio_on)
		search_end(m, false);
	else if (net_registered(net) || net->stat == NET_STAT_DENIED ||
		 (net->stat == NET_STAT_SEARCHING && net->cell_known && !net->blocked))
		search_end(m, true);
}

void mdmev_radio_changed(struct modem *m)
{
	struct mdmev_state *s = m->mdmev;

	if (!s)
		return;
	if (m->radio.lte_cfun == 0)
		s->n = 0;
	if (!m->net.radio_on) {
		search_end(m, false);
	} else if (!s->searching && !net_registered(&m->net) && m->net.stat != NET_STAT_DENIED) {
		s->searching = true;
		s->light_done = false;
		sim_timer_start(m->ctx->clock, &s->timer, m->cfg.net.light_search_ms);
	}
}

static const struct at_param_def mdmev_params[] = { AT_INT("n", AT_R_NONE, 0, 1) };

const struct at_schema mdmev_schema = {
	.forms = (const struct at_form[]){
		{ .p = mdmev_params, .n = 1, .min_count = 1, .max_count = 1,
		  .usage = "expected AT%MDMEV=<0|1> (mfw 1.3.x has no level 2)" },
	}, .n_forms = 1,
};

int mdmev_set(struct modem *m, const struct at_cmd *cmd)
{
	m->mdmev->n = (int)at_int(cmd, "n");
	return AT_OK;
}
