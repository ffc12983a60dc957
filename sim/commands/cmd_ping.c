/* AT#XPING (SLM v1.8 slm_at_icmp.c): OK at once, then per echo reply a
 * "#XPING: <s>.<ms> seconds" line, written raw as the SLM's rsp_send does
 * (no leading CRLF), and "#XPING: average ..." when more than one came.  A
 * lost echo prints nothing after its <timeout>; the <interval> follows every
 * echo, the last one too.  Round-trip times come from network.ping_rtt_ms,
 * one per echo the modem sends since boot ("-": lost), its last entry
 * repeating, so a replay gives every reply the time its log shows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_pdn.h"
#include "cmd_ping.h"
#include "resolver.h"
#include "socket_state.h"

enum ping_phase { PING_ECHO, PING_GAP };

struct ping_state {
	bool running, replied;
	bool again;		/* resubmitted while running: the work runs once more */
	enum ping_phase phase;
	int count, index, got, timeout, interval, len, rtt;
	int echoes;		/* sent since boot: the entry of ping_rtt_ms */
	uint32_t sum;
	struct sim_timer timer;
};

/* The echo's round trip in ms, or -1 when it is lost. */
static int rtt_of(const struct modem *m, int index)
{
	const char *p = m->cfg.net.ping_rtt_ms;
	int rtt = -1;

	for (int i = 0; *p && i <= index; i++) {
		rtt = *p == '-' ? -1 : atoi(p);
		if (!strchr(p, ','))
			break;
		p = strchr(p, ',') + 1;
	}
	return rtt;
}

int ping_next_rtt(struct modem *m)
{
	return rtt_of(m, m->ping->echoes++);
}

static void send_echo(struct modem *m)
{
	struct ping_state *p = m->ping;

	p->rtt = ping_next_rtt(m);
	p->replied = p->rtt >= 0 && p->rtt < p->timeout;
	p->phase = PING_ECHO;
	link_stats_add(&m->radio.stats, (size_t)p->len + 8, 0);
	sim_timer_start(m->ctx->clock, &p->timer, p->replied ? p->rtt : p->timeout);
}

static void finish(struct modem *m)
{
	struct ping_state *p = m->ping;
	char line[64];
	int n;

	if (p->got > 1) {
		uint32_t avg = (p->sum + (uint32_t)p->got / 2) / (uint32_t)p->got;

		n = snprintf(line, sizeof(line), "#XPING: average %u.%03u seconds\r\n", avg / 1000,
			     avg % 1000);
		modem_write(m, line, (size_t)n);
	}
	p->running = false;
}

static void start(struct modem *m)
{
	struct ping_state *p = m->ping;

	p->index = p->got = 0;
	p->sum = 0;
	p->again = false;
	p->running = p->count > 0;
	if (p->running)
		send_echo(m);
}

static void tick(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct ping_state *p = m->ping;
	char line[64];
	int n;

	(void)t;
	if (p->phase == PING_GAP) {
		if (++p->index < p->count && net_registered(&m->net))
			send_echo(m);
		else
			finish(m);
		if (!p->running && p->again && net_registered(&m->net))
			start(m);
		return;
	}
	if (p->replied) {
		p->got++;
		p->sum += (uint32_t)p->rtt;
		link_stats_add(&m->radio.stats, 0, (size_t)p->len + 8);
		n = snprintf(line, sizeof(line), "#XPING: %d.%03d seconds\r\n", p->rtt / 1000,
			     p->rtt % 1000);
		modem_write(m, line, (size_t)n);
	}
	p->phase = PING_GAP;
	sim_timer_start(m->ctx->clock, &p->timer, p->interval);
}

/* The SLM reads each as an unsigned short and names it by position. */
#define PING_USHORT(n, i, o) AT_INT(n, AT_R_NONE, 0, 65535, .opt = (o), \
				    .why = "parameter " #i " is not an unsigned short")

static const struct at_param_def xping_params[] = {
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1,
	       .why = "expected AT#XPING=<url>,<length>,<timeout>[,<count>[,<interval>[,<pdn>]]] "
		      "with a quoted url of at most 127 characters"),
	PING_USHORT("length", 2, AT_REQ), PING_USHORT("timeout", 3, AT_REQ),
	PING_USHORT("count", 4, AT_OPT), PING_USHORT("interval", 5, AT_OPT),
	PING_USHORT("pdn", 6, AT_OPT),
};

const struct at_schema xping_schema = {
	.forms = (const struct at_form[]){ { .p = xping_params, .n = 6 } }, .n_forms = 1,
};

static int64_t or_default(const struct at_cmd *cmd, size_t i, int64_t dflt)
{
	return at_arg_has(cmd, i) ? at_arg_int(cmd, i) : dflt;
}

/* The SLM reads a present parameter as an unsigned short: an empty one
 * before the last fails (a trailing one the parser dropped). */
static int empty_optional(struct modem *m, const struct at_cmd *cmd)
{
	for (size_t i = 3; i < cmd->nparams; i++)
		if (!at_arg_has(cmd, i))
			return at_why(m, AT_ERROR, "parameter %zu is empty: the SLM reads an unsigned "
				      "short there (leave trailing ones out instead)", i + 1);
	return AT_OK;
}

/* The SLM resolves the target (getaddrinfo() without hints: an IP literal
 * is itself, a name its first answer), then takes <pdn>'s own address of
 * that family (+CGPADDR): an IPv6 target needs the PDN's IPv6 address. */
static int addresses(struct modem *m, const char *host, int pdn)
{
	union net_addr addr;
	char own[64];
	bool v6;

	if (net_addr_parse(host, 0, &addr) &&
	    (!net_registered(&m->net) || resolver_shown_addr(m->ctx->resolver, host, 0, &addr))) {
		at_raw(m, "\"%s\"\r\n", net_registered(&m->net) ? "EAI_NONAME" : "EAI_AGAIN");
		return at_why(m, AT_ERROR, "no address for '%s'%s", host,
			      net_registered(&m->net) ? "" : ": the modem is not registered");
	}
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "the modem has no address: it is not registered");
	v6 = addr.sa.sa_family == AF_INET6;
	if (!(v6 ? pdn_address6 : pdn_address)(m, pdn, own, sizeof(own)))
		return at_why(m, AT_ERROR, "PDN %d has no %s address (AT+CGPADDR=%d shows none): "
			      "the SLM has no source address to ping from", pdn, v6 ? "IPv6" : "IPv4",
			      pdn);
	return AT_OK;
}

int xping_set(struct modem *m, const struct at_cmd *cmd)
{
	struct ping_state *p = m->ping;
	int rc;

	if ((rc = empty_optional(m, cmd)))
		return rc;
	if ((rc = addresses(m, at_str(cmd, "url"), (int)or_default(cmd, 5, 0))))
		return rc;
	/* One ping_argv: a ping while one runs changes the running one's
	 * remaining echoes, and the work, resubmitted, runs again after it. */
	p->len = (int)at_int(cmd, "length");
	p->timeout = (int)at_int(cmd, "timeout");
	p->count = (int)or_default(cmd, 3, 1);
	p->interval = (int)or_default(cmd, 4, 1000);
	if (p->running)
		p->again = true;
	else
		start(m);
	return AT_OK;
}

int ping_init(struct modem *m, char *err, size_t errlen)
{
	struct ping_state *p = calloc(1, sizeof(*p));

	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sim_timer_init(&p->timer, tick, m);
	m->ping = p;
	return 0;
}

void ping_fini(struct modem *m)
{
	if (!m->ping)
		return;
	sim_timer_stop(&m->ping->timer);
	free(m->ping);
	m->ping = NULL;
}
