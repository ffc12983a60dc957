/* The modem's event reports a host subscribes to, as LTE Link Monitor does
 * on start-up: +CNEC (network error codes), +CGEREP (+CGEV packet domain
 * events), +CIND (service and roaming indicators), %XSIM (UICC state) and
 * +CSCON (RRC connection).  Each URC comes from the state it reports: the
 * registration (net_changed), the UICC (events_radio_changed, after +CFUN)
 * and the traffic of the modem's sockets (the RRC connection is up while
 * data flows and released network.rrc_idle_ms after the last of it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "radio.h"

struct events_state {
	int cnec, cgerep, cscon;
	bool cind[3];		/* "service", "roam", "message" reported */
	bool xsim;
	bool registered, roaming;	/* as last reported */
	bool uicc_ready;	/* the UICC initialised: %XSIM: 1 */
	bool rrc;		/* RRC connected */
	struct sim_timer uicc_timer, rrc_timer;
};

static void set_rrc(struct modem *m, bool up)
{
	struct events_state *e = m->events;

	if (up)
		sim_timer_start(m->ctx->clock, &e->rrc_timer, m->cfg.net.rrc_idle_ms);
	else
		sim_timer_stop(&e->rrc_timer);
	if (e->rrc == up)
		return;
	e->rrc = up;
	if (e->cscon)
		modem_urc_modem(m, "+CSCON: %d", up);
}

static void rrc_idle(struct sim_timer *t, void *arg)
{
	(void)t;
	set_rrc(arg, false);
}

/* Data moves only over a registered modem's RRC connection. */
static void on_traffic(void *arg)
{
	struct modem *m = arg;

	if (net_registered(&m->net))
		set_rrc(m, true);
}

static void uicc_ready(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;

	(void)t;
	m->events->uicc_ready = true;
	if (m->events->xsim)
		modem_urc_modem(m, "%%XSIM: 1");
}

int events_init(struct modem *m, char *err, size_t errlen)
{
	struct events_state *e = calloc(1, sizeof(*e));

	if (!e) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->events = e;
	sim_timer_init(&e->uicc_timer, uicc_ready, m);
	sim_timer_init(&e->rrc_timer, rrc_idle, m);
	m->radio.stats.on_traffic = on_traffic;
	m->radio.stats.arg = m;
	return 0;
}

void events_fini(struct modem *m)
{
	if (!m->events)
		return;
	sim_timer_stop(&m->events->uicc_timer);
	sim_timer_stop(&m->events->rrc_timer);
	free(m->events);
	m->events = NULL;
}

void events_radio_changed(struct modem *m)
{
	struct events_state *e = m->events;

	if (radio_uicc_on(m) && !e->uicc_ready && !sim_timer_active(&e->uicc_timer))
		sim_timer_start(m->ctx->clock, &e->uicc_timer, m->cfg.uicc_init_ms);
	if (!radio_uicc_on(m)) {
		sim_timer_stop(&e->uicc_timer);
		if (e->uicc_ready && e->xsim)
			modem_urc_modem(m, "%%XSIM: 0");
		e->uicc_ready = false;
	}
}

static void indicator(struct modem *m, int i, const char *name, bool v)
{
	if (m->events->cind[i])
		modem_urc_modem(m, "+CIND: \"%s\",%d", name, v);
}

void events_net_changed(struct modem *m)
{
	struct events_state *e = m->events;
	bool reg = net_registered(&m->net), roam = m->net.stat == NET_STAT_ROAMING;

	if (reg && !e->registered) {
		set_rrc(m, true);	/* the attach runs over a connection */
		if (e->cgerep)
			modem_urc_modem(m, "+CGEV: ME PDN ACT 0%s",
					strcmp(m->radio.pdn[0].type, "IPV4V6") ? "" : ",0");
		indicator(m, 0, "service", true);
	} else if (!reg && e->registered) {
		/* Switching the radio off detaches, which needs a connection (a
		 * 1.3.x capture: +CSCON: 1, +CEREG: 0, +CSCON: 0 around CFUN=4). */
		if (!radio_lte_on(m))
			set_rrc(m, true);
		if (e->cgerep && !radio_lte_on(m))
			modem_urc_modem(m, "+CGEV: ME DETACH");
		indicator(m, 0, "service", false);
		set_rrc(m, false);
	}
	if (roam != e->roaming && (reg || e->roaming))
		indicator(m, 1, "roam", roam);
	e->registered = reg;
	e->roaming = roam && reg;
}

static int set_int(struct modem *m, const struct at_cmd *cmd, int *out, const int *allowed,
		   size_t n, const char *usage)
{
	int64_t v;

	if (cmd->nparams < 1 || at_param_int(cmd, 0, &v))
		return at_why(m, AT_ERROR, "expected %s", usage);
	for (size_t i = 0; i < n; i++)
		if (v == allowed[i]) {
			*out = (int)v;
			return AT_OK;
		}
	return at_why(m, AT_ERROR, "%lld is not a value of %s", (long long)v, usage);
}

int cnec_set(struct modem *m, const struct at_cmd *cmd)
{
	static const int ok[] = { 0, 8, 16, 24 };

	return set_int(m, cmd, &m->events->cnec, ok, 4, "AT+CNEC=<0|8|16|24>");
}

int cnec_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "+CNEC: %d", m->events->cnec);
	return AT_OK;
}

int cgerep_set(struct modem *m, const struct at_cmd *cmd)
{
	static const int ok[] = { 0, 1 };
	int64_t bfr;

	if (cmd->nparams > 1 && (at_param_int(cmd, 1, &bfr) || bfr != 0))
		return at_why(m, AT_ERROR, "AT+CGEREP=<mode>[,<bfr>]: <bfr> can only be 0");
	return set_int(m, cmd, &m->events->cgerep, ok, 2, "AT+CGEREP=<0|1>[,0]");
}

int cgerep_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "+CGEREP: %d,0", m->events->cgerep);
	return AT_OK;
}

int cind_set(struct modem *m, const struct at_cmd *cmd)
{
	bool v[3];
	int64_t x;

	if (cmd->nparams > 3)
		return at_why(m, AT_ERROR, "expected AT+CIND=[<service>[,<roam>[,<message>]]]");
	for (size_t i = 0; i < 3; i++) {
		v[i] = m->events->cind[i];
		if (!at_param_present(cmd, i))
			continue;
		if (at_param_int(cmd, i, &x) || x < 0 || x > 1)
			return at_why(m, AT_ERROR, "+CIND indicators are 0 or 1");
		v[i] = x == 1;
	}
	memcpy(m->events->cind, v, sizeof(v));
	return AT_OK;
}

int cind_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "+CIND: %d,%d,0", net_registered(&m->net),
		m->net.stat == NET_STAT_ROAMING);
	return AT_OK;
}

int xsim_set(struct modem *m, const struct at_cmd *cmd)
{
	static const int ok[] = { 0, 1 };
	int v = 0;
	int rc = set_int(m, cmd, &v, ok, 2, "AT%XSIM=<0|1>");

	if (rc == AT_OK)
		m->events->xsim = v;
	return rc;
}

int xsim_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "%%XSIM: %d", m->events->uicc_ready);
	return AT_OK;
}

int cscon_set(struct modem *m, const struct at_cmd *cmd)
{
	static const int ok[] = { 0, 1, 2, 3 };

	return set_int(m, cmd, &m->events->cscon, ok, 4, "AT+CSCON=<0..3>");
}

int cscon_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "+CSCON: %d,%d", m->events->cscon, m->events->rrc);
	return AT_OK;
}
