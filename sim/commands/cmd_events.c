/* The modem's event reports a host subscribes to, as LTE Link Monitor does
 * on start-up: +CNEC (network error codes), +CGEREP (+CGEV packet domain
 * events), +CIND (service and roaming indicators), %XSIM (UICC state) and
 * +CSCON (RRC connection).  Each URC comes from the state it reports: the
 * registration (net_changed), the UICC (events_radio_changed, after +CFUN)
 * and the traffic of the modem's sockets (the RRC connection is up while
 * data flows and released network.rrc_idle_ms after the last of it).  The
 * RRC state is kept as the time of the last traffic; a timer runs only
 * while the host subscribes to +CSCON, to write the release when it comes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_events.h"
#include "radio.h"

struct events_state {
	int cnec, cgerep, cscon;
	bool cind[3];		/* "service", "roam", "message" reported */
	bool xsim;
	bool registered, roaming, denied;	/* as last reported */
	bool uicc_ready;	/* the UICC initialised: %XSIM: 1 */
	bool rrc;		/* RRC connected, as +CSCON last reported it */
	int64_t last_traffic;	/* clock ms; the connection lasts rrc_idle_ms from here */
	struct sim_timer uicc_timer, rrc_timer;
};

static bool rrc_up(const struct modem *m)
{
	return net_registered(&m->net) && sim_clock_now(m->ctx->clock) - m->events->last_traffic <
	       m->cfg.net.rrc_idle_ms;
}

bool events_rrc_connected(const struct modem *m)
{
	return m->events && rrc_up(m);
}

/* Connected now (traffic, an attach) or released (a detach's end). */
static void set_rrc(struct modem *m, bool up)
{
	struct events_state *e = m->events;

	e->last_traffic = up ? sim_clock_now(m->ctx->clock) : INT64_MIN / 2;
	if (!e->cscon)
		return;
	if (up)
		sim_timer_start(m->ctx->clock, &e->rrc_timer, m->cfg.net.rrc_idle_ms);
	else
		sim_timer_stop(&e->rrc_timer);
	if (e->rrc != up)
		at_reply(m, &RSP_CSCON, "%d", up);
	e->rrc = up;
}

/* Released rrc_idle_ms after the last traffic; traffic only notes its time
 * (it flows per packet), and the timer re-arms for what is left. */
static void rrc_idle(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	int64_t left = m->events->last_traffic + m->cfg.net.rrc_idle_ms -
		       sim_clock_now(m->ctx->clock);

	if (left > 0)
		sim_timer_start(m->ctx->clock, t, left);
	else
		set_rrc(m, false);
}

/* Data moves only over a registered modem's RRC connection. */
static void on_traffic(void *arg)
{
	struct modem *m = arg;

	if (!m->events || !net_registered(&m->net))
		return;
	if (m->events->cscon && !m->events->rrc)
		set_rrc(m, true);
	else
		m->events->last_traffic = sim_clock_now(m->ctx->clock);
}

static void uicc_ready(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;

	(void)t;
	m->events->uicc_ready = true;
	if (m->events->xsim)
		at_reply(m, &RSP_XSIM_URC, "1");
}

int events_init(struct modem *m, char *err, size_t errlen)
{
	struct events_state *e = calloc(1, sizeof(*e));

	if (!e) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->events = e;
	e->last_traffic = INT64_MIN / 2;
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

	if (!e)
		return;
	if (radio_uicc_on(m) && !e->uicc_ready && !sim_timer_active(&e->uicc_timer))
		sim_timer_start(m->ctx->clock, &e->uicc_timer, m->cfg.uicc_init_ms);
	if (!radio_uicc_on(m)) {
		sim_timer_stop(&e->uicc_timer);
		if (e->uicc_ready && e->xsim)
			at_reply(m, &RSP_XSIM_URC, "0");
		e->uicc_ready = false;
	}
}

bool events_uicc_ready(const struct modem *m)
{
	return m->events && m->events->uicc_ready;
}

static void indicator(struct modem *m, int i, const char *name, bool v)
{
	if (m->events->cind[i])
		at_reply(m, &RSP_CIND_URC, "\"%s\",%d", name, v);
}

void events_net_changed(struct modem *m)
{
	struct events_state *e = m->events;
	bool reg = net_registered(&m->net), roam = m->net.stat == NET_STAT_ROAMING;

	/* A reboot frees the module before the radio's reset reports itself. */
	if (!e)
		return;
	if (reg && !e->registered) {
		set_rrc(m, true);	/* the attach runs over a connection */
		/* Reason 0: a dual-stack request got IPv4 only. */
		if (e->cgerep)
			at_reply(m, &RSP_CGEV, "ME PDN ACT 0%s",
				 strcmp(m->radio.pdn[0].type, "IPV4V6") || m->cfg.net.ipv6_addr[0] ?
				 "" : ",0");
		indicator(m, 0, "service", true);
	} else if (!reg && e->registered) {
		/* Switching the radio off detaches, which needs a connection (a
		 * 1.3.x capture: +CSCON: 1, +CEREG: 0, +CSCON: 0 around CFUN=4). */
		if (!radio_lte_on(m))
			set_rrc(m, true);
		if (e->cgerep && !radio_lte_on(m))
			at_reply(m, &RSP_CGEV, "ME DETACH");
		indicator(m, 0, "service", false);
		set_rrc(m, false);
	}
	if (roam != e->roaming && (reg || e->roaming))
		indicator(m, 1, "roam", roam);
	/* +CNEC=8 (or 24) reports EMM causes: a rejected attach's. */
	if (m->net.stat == NET_STAT_DENIED && !e->denied && (e->cnec & 8))
		at_reply(m, &RSP_CNEC_EMM, "%d", m->cfg.net.reject_cause);
	e->denied = m->net.stat == NET_STAT_DENIED;
	e->registered = reg;
	e->roaming = roam && reg;
}

/* One of a few integers: the SLM names the value it refuses. */
#define ONE_OF(n, set, use, use_fmt) \
	AT_INT(n, AT_R_NONE, INT64_MIN, INT64_MAX, .only = (set), .why = "expected " use, \
	       .why_value = "%lld is not a value of " use_fmt, .value_fmt = true)
#define ONE_FORM(params, ...) \
	.forms = (const struct at_form[]){ { .p = (params), .n = 1, __VA_ARGS__ } }, .n_forms = 1

static const struct at_param_def cnec_params[] = {
	ONE_OF("n", AT_BIT(0) | AT_BIT(8) | AT_BIT(16) | AT_BIT(24), "AT+CNEC=<0|8|16|24>",
	       "AT+CNEC=<0|8|16|24>"),
};

const struct at_schema cnec_schema = { ONE_FORM(cnec_params), .test = "+CNEC: (0,8,16,24)" };

int cnec_set(struct modem *m, const struct at_cmd *cmd)
{
	m->events->cnec = (int)at_int(cmd, "n");
	return AT_OK;
}

int cnec_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CNEC, "%d", m->events->cnec);
	return AT_OK;
}

/* The SLM reads <bfr> before <mode>. */
static int cgerep_bfr(struct modem *m, const struct at_cmd *cmd)
{
	int64_t bfr;

	if (cmd->nparams > 1 && (at_param_int(cmd, 1, &bfr) || bfr != 0))
		return at_why(m, AT_ERROR, "AT+CGEREP=<mode>[,<bfr>]: <bfr> can only be 0");
	return 0;
}

static const struct at_param_def cgerep_params[] = {
	ONE_OF("mode", AT_BIT(0) | AT_BIT(1), "AT+CGEREP=<0|1>[,0]", "AT+CGEREP=<0|1>[,0]"),
};

const struct at_schema cgerep_schema = {
	ONE_FORM(cgerep_params, .guard = cgerep_bfr), .test = "+CGEREP: (0,1),(0)",
};

int cgerep_set(struct modem *m, const struct at_cmd *cmd)
{
	m->events->cgerep = (int)at_int(cmd, "mode");
	return AT_OK;
}

int cgerep_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CGEREP, "%d,0", m->events->cgerep);
	return AT_OK;
}

#define CIND_BIT(n) AT_INT(n, AT_R_NONE, 0, 1, .opt = AT_OPT, \
			   .why = "+CIND indicators are 0 or 1")

static const struct at_param_def cind_params[] = {
	CIND_BIT("service"), CIND_BIT("roam"), CIND_BIT("message"),
};

const struct at_schema cind_schema = {
	.forms = (const struct at_form[]){
		{ .p = cind_params, .n = 3, .max_count = 3,
		  .count_why = "expected AT+CIND=[<service>[,<roam>[,<message>]]]" },
	}, .n_forms = 1,
	.test = "+CIND: (\"service\",(0,1)),(\"roam\",(0,1)),(\"message\",(0,1))",
};

int cind_set(struct modem *m, const struct at_cmd *cmd)
{
	for (size_t i = 0; i < 3; i++)
		if (at_arg_has(cmd, i))
			m->events->cind[i] = at_arg_int(cmd, i) == 1;
	return AT_OK;
}

int cind_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CIND_READ, "%d,%d,0", net_registered(&m->net),
		m->net.stat == NET_STAT_ROAMING);
	return AT_OK;
}

static const struct at_param_def xsim_params[] = {
	ONE_OF("n", AT_BIT(0) | AT_BIT(1), "AT%XSIM=<0|1>", "AT%%XSIM=<0|1>"),
};

const struct at_schema xsim_schema = { ONE_FORM(xsim_params) };

int xsim_set(struct modem *m, const struct at_cmd *cmd)
{
	m->events->xsim = (int)at_int(cmd, "n");
	return AT_OK;
}

int xsim_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XSIM_READ, "%d", m->events->uicc_ready);
	return AT_OK;
}

/* From now on the release is written: the timer runs for what is left.
 * The SLM does this after a refused value too (it keeps what it read). */
static void cscon_rearm(struct modem *m)
{
	struct events_state *e = m->events;

	e->rrc = e->cscon && rrc_up(m);
	if (e->rrc)
		sim_timer_start(m->ctx->clock, &e->rrc_timer, e->last_traffic +
				m->cfg.net.rrc_idle_ms - sim_clock_now(m->ctx->clock));
	else
		sim_timer_stop(&e->rrc_timer);
}

static void cscon_keep(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	(void)cmd;
	(void)good;
	cscon_rearm(m);
}

static const struct at_param_def cscon_params[] = {
	ONE_OF("n", AT_BIT(0) | AT_BIT(1) | AT_BIT(2) | AT_BIT(3), "AT+CSCON=<0..3>",
	       "AT+CSCON=<0..3>"),
};

const struct at_schema cscon_schema = {
	ONE_FORM(cscon_params, .keep = cscon_keep), .test = "+CSCON: (0,1,2,3)",
};

int cscon_set(struct modem *m, const struct at_cmd *cmd)
{
	m->events->cscon = (int)at_int(cmd, "n");
	cscon_rearm(m);
	return AT_OK;
}

int cscon_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_CSCON_READ, "%d,%d", m->events->cscon, rrc_up(m));
	return AT_OK;
}
