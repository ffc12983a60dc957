#include "peer_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "fill.h"
#include "peer_plan_walk.h"
#include "rsp_table.h"

const char *flow_kind_name(enum flow_kind k)
{
	return k == FLOW_TLS ? "TLS" : k == FLOW_UDP ? "UDP" : k == FLOW_DTLS ? "DTLS" : "TCP";
}

/* The PSK and identity the log writes for the DTLS socket's sec_tag: the
 * peer must share them. */
static void dtls_psk(struct walk *w, struct peer_flow *flow, uint32_t tag)
{
	for (size_t i = 0; i < w->sc->n; i++) {
		const struct step *st = &w->sc->steps[i];
		const struct at_cmd_facts *f = st->facts;
		const char *v;

		if (st->role != ROLE_SEND || !f || !f->cred_write ||
		    f->sec_tag != tag || (f->cred_type != 3 && f->cred_type != 4) || !st->cmd)
			continue;
		/* <op>,<sec_tag>,<type>,<content> */
		if (!at_param_str(st->cmd, 3, &v, NULL))
			snprintf(f->cred_type == 3 ? flow->psk : flow->psk_identity,
				 f->cred_type == 3 ? sizeof(flow->psk) : sizeof(flow->psk_identity), "%s", v);
	}
	if (flow->psk[0] && flow->psk_identity[0])
		return;
	/* Provisioned before the log: the set-up writes a test PSK instead of
	 * the working certificate set, and the peer shares it. */
	for (size_t i = 0; i < w->wd->n_unwritten; i++)
		if (w->wd->unwritten_tags[i] == tag) {
			w->wd->unwritten_types[i] = 1u << 3 | 1u << 4;
			snprintf(flow->psk, sizeof(flow->psk), "%s", FILL_PSK_HEX);
			snprintf(flow->psk_identity, sizeof(flow->psk_identity), "%s", FILL_PSK_IDENTITY);
			world_note(w->wd, "sec_tag %u (DTLS) is never written in the log: a test PSK "
				    "and identity are written first, and the local peer shares them",
				    tag);
			return;
		}
	world_note(w->wd, "%s:%d: the log writes no PSK and identity for sec_tag %u: the DTLS "
		    "peer has none to share", flow->host, flow->port, tag);
}

/* A payload sent in data mode: what the host sends before "+++". */
static size_t datamode_len(const struct script *sc, size_t i)
{
	size_t len = 0;

	for (size_t j = i + 1; j < sc->n; j++)
		if (sc->steps[j].role == ROLE_SEND) {
			if (!sc->steps[j].raw || sc->steps[j].ends_datamode)
				break;
			len += strlen(sc->steps[j].send);
		}
	return len;
}

static bool known_flow(const struct peer_plan *p, const char *host, int port)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->flows[i].port == port && !strcmp(p->flows[i].host, host))
			return true;
	return false;
}

/* A command that reaches a socket's peer: a connect, or a datagram. */
static void to_peer(struct walk *w, size_t i, const struct at_cmd_facts *f)
{
	static struct walk_sock none = { .handle = -1, .flow = -1 };
	struct walk_sock *s = w->sel >= 0 ? &w->socks[w->sel] : &none;
	bool datagram = at_cmd_role(f->def, AT_R_PAYLOAD) || s->type == 2;

	/* A TCP connect the log shows failing takes no peer; a (D)TLS one
	 * meets one, so the handshake shows why it fails (the modem's rules). */
	if (!at_cmd_role(f->def, AT_R_PAYLOAD) && !plan_connects(w->sc, i, s->tls)) {
		s->flow = -1;
		if (!known_flow(w->p, f->host, f->port))
			world_note(w->wd, "log line %d: the connect to %s:%d fails in the log: it goes to a "
				    "local port that refuses it, never to the real address",
				    w->sc->steps[i].ev->line, f->host, f->port);
		return;
	}
	if (s->tls && s->type == 2) {
		s->flow = plan_new_flow(w->p, f->host, f->port, FLOW_DTLS);
		dtls_psk(w, &w->p->flows[s->flow], s->tag);
	} else if (datagram) {
		s->flow = plan_udp_flow(w->p, f->host, f->port);
	} else {
		s->flow = plan_new_flow(w->p, f->host, f->port, s->tls ? FLOW_TLS : FLOW_TCP);
	}
	plan_mutual(w, s->flow);
	if (at_cmd_role(f->def, AT_R_PAYLOAD))
		w->p->flows[s->flow].sent += 1;
}

/* The handle the log's answer to an opener at step i shows; -1 none. */
static int opened_handle(const struct script *sc, size_t i)
{
	const char *name = sc->steps[i].facts->def->name;
	int64_t h;

	for (size_t j = i + 1; j < sc->n && sc->steps[j].role != ROLE_SEND; j++) {
		const char *t = sc->steps[j].ev->text;
		const struct at_rsp *r = at_rsp_classify(t, name);

		if (sc->steps[j].cause == (int)i && sc->steps[j].role == ROLE_RESPONSE && r &&
		    at_rsp_int(r, t, "handle", &h))
			return (int)h;
	}
	return -1;
}

static void opener(struct walk *w, size_t i, const struct at_cmd_facts *f)
{
	struct walk_sock *s;

	if (f->closes_socket) {
		if (w->sel >= 0)
			w->socks[w->sel].type = 0, w->socks[w->sel].flow = -1;
		w->sel = -1;
		return;
	}
	if (w->n_socks == WALK_SOCKETS)	/* the oldest make room */
		memmove(w->socks, w->socks + 1, --w->n_socks * sizeof(*s));
	s = &w->socks[w->n_socks];
	*s = (struct walk_sock){ .handle = opened_handle(w->sc, i), .type = f->sock_type,
				 .tls = at_cmd_role(f->def, AT_R_SEC_TAG), .tag = f->sec_tag,
				 .flow = -1 };
	w->sel = (int)w->n_socks++;
}

/* A command that names a socket by its handle (AT#XSOCKETSELECT, every
 * Serial Modem socket command) uses that one from now on. */
static void select_handle(struct walk *w, const struct step *st)
{
	const struct at_schema *schema = st->facts->def->schema;
	const struct at_form *form = st->cmd && schema ? at_schema_form(schema, st->cmd) : NULL;
	int64_t h;
	int k;

	for (size_t p = 0; form && p < form->n; p++)
		if (!strcmp(form->p[p].name, "handle") && !at_param_int(st->cmd, p, &h) &&
		    (k = plan_sock_by_handle(w, h)) >= 0)
			w->sel = k;
}

/* The TCP/UDP proxies: a client's connect, its sends. */
static void proxy_send(struct walk *w, size_t i, const struct at_cmd_facts *f)
{
	bool udp = f->def->flags & AT_F_DATAGRAM;
	struct peer_flow *flow;

	if (!f->host && f->port > 0) {
		/* A server: a UDP one's client is one flow; a TCP one's clients
		 * each get theirs when the log shows them connecting. */
		w->proxy = -1;
		if (udp && plan_connects(w->sc, i, false)) {
			w->proxy = plan_new_flow(w->p, "", f->port, FLOW_UDP);
			w->p->flows[w->proxy].connects = true;
		}
		w->server_port = f->port;
	} else if (f->host && f->port > 0) {
		w->proxy = -1;
		if (!plan_connects(w->sc, i, false))
			return;
		w->proxy = udp ? plan_udp_flow(w->p, f->host, f->port) :
			   plan_new_flow(w->p, f->host, f->port, f->has_sec_tag ? FLOW_TLS : FLOW_TCP);
		plan_mutual(w, w->proxy);
	} else if (at_cmd_role(f->def, AT_R_PAYLOAD) && w->proxy >= 0) {
		w->proxy_dm = f->enters_datamode;
		flow = &w->p->flows[w->proxy];
		flow->sent += flow->kind == FLOW_UDP ? 1 : f->has_data ? f->data_len :
			      datamode_len(w->sc, i);
	}
}

static void walk_send(struct walk *w, size_t i)
{
	const struct step *st = &w->sc->steps[i];
	const struct at_cmd_facts *f = st->facts;
	int flow;

	/* A request's body went in data mode: the response follows it. */
	if (st->raw && w->http >= 0)
		plan_http_response(w, i);
	if (st->raw && w->proxy_dm)
		plan_proxy_raw(w, i);
	if (st->raw)
		w->proxy_dm &= !st->ends_datamode;
	if (!f || !f->def)
		return;
	if (f->set && !(f->def->flags & AT_F_OPENS_SOCKET))
		select_handle(w, st);
	flow = plan_cur_flow(w);
	if ((f->def->flags & AT_F_OPENS_SOCKET) && f->set) {
		opener(w, i, f);
	} else if (f->peer == AT_PEER_HTTP && f->set && f->host && f->port > 0) {
		plan_http_connect(w, i, f);
	} else if (f->peer == AT_PEER_HTTP && f->set) {
		plan_http_response(w, i);
	} else if (f->peer == AT_PEER_PROXY && (f->set || f->enters_datamode)) {
		proxy_send(w, i, f);
	} else if (f->peer == AT_PEER_SOCKET && f->set && f->host && f->port > 0) {
		to_peer(w, i, f);
	} else if (at_cmd_role(f->def, AT_R_PAYLOAD) && f->peer == AT_PEER_SOCKET && flow >= 0) {
		w->p->flows[flow].sent += w->p->flows[flow].kind == FLOW_UDP ? 1 : f->has_data ?
					  f->data_len : datamode_len(w->sc, i);
	} else if (f->receives && f->set && flow >= 0) {
		plan_received(w, i, flow, w->p->flows[flow].host);
	} else if (at_cmd_role(f->def, AT_R_HOST) && f->peer == AT_PEER_NONE && f->set && f->host) {
		plan_getaddrinfo_shown(w, i, f->host);
	}
	if (!f->receives)
		plan_received_unasked(w, i);
	plan_proxy_data(w, i);
}

void peer_plan_build(struct peer_plan *p, const struct script *sc, struct world *wd)
{
	struct walk w = { .p = p, .sc = sc, .wd = wd, .sel = -1, .http = -1, .proxy = -1 };

	memset(p, 0, sizeof(*p));
	for (size_t i = 0; i < sc->n; i++)
		if (sc->steps[i].role == ROLE_SEND)
			walk_send(&w, i);
	for (size_t i = 0; i < p->n; i++)
		world_note(wd, "%s:%d: a local %s peer that answers as the log shows (%zu "
			    "answer%s)", p->flows[i].host, p->flows[i].port,
			    flow_kind_name(p->flows[i].kind), p->flows[i].n_ops,
			    p->flows[i].n_ops == 1 ? "" : "s");
	for (size_t i = 0; i < p->n_names; i++)
		world_note(wd, "%s shows as %s in the log: the emulated DNS reports that address",
			    p->names[i].host, p->names[i].addr);
}

void peer_plan_free(struct peer_plan *p)
{
	for (size_t i = 0; i < p->n; i++) {
		for (size_t k = 0; k < p->flows[i].n_ops; k++)
			free(p->flows[i].ops[k].data);
		free(p->flows[i].ops);
	}
	free(p->flows);
	free(p->names);
	memset(p, 0, sizeof(*p));
}
