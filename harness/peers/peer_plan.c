#include "peer_plan.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "fill.h"
#include "rsp_table.h"

const char *flow_kind_name(enum flow_kind k)
{
	return k == FLOW_TLS ? "TLS" : k == FLOW_UDP ? "UDP" : k == FLOW_DTLS ? "DTLS" : "TCP";
}

/* What the walk through the script remembers: the socket the host opened
 * last and the flow it talks to. */
struct walk {
	struct peer_plan *p;
	const struct script *sc;
	struct world *wd;	/* the set-up it needs (a test PSK) and its notes */
	int sock_type;		/* 1 stream, 2 datagram */
	bool tls;
	uint32_t tag;		/* the secure socket's sec_tag */
	int cur;		/* flow index, -1 none */
};

static int new_flow(struct peer_plan *p, const char *host, int port, enum flow_kind kind)
{
	struct peer_flow *f;

	p->flows = realloc(p->flows, (p->n + 1) * sizeof(*f));
	f = &p->flows[p->n];
	memset(f, 0, sizeof(*f));
	snprintf(f->host, sizeof(f->host), "%s", host);
	f->port = port;
	f->kind = kind;
	return (int)p->n++;
}

/* Datagrams to one destination are one flow, whatever sent them. */
static int udp_flow(struct peer_plan *p, const char *host, int port)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->flows[i].kind == FLOW_UDP && p->flows[i].port == port &&
		    !strcmp(p->flows[i].host, host))
			return (int)i;
	return new_flow(p, host, port, FLOW_UDP);
}

static void add_op(struct peer_flow *f, const char *data, size_t len, bool close)
{
	struct peer_op *op;

	f->ops = realloc(f->ops, (f->n_ops + 1) * sizeof(*op));
	op = &f->ops[f->n_ops++];
	op->after = f->sent;
	op->len = len;
	op->close = close;
	op->data = malloc(len + 1);
	memcpy(op->data, data, len);
	op->data[len] = '\0';
}

static void add_name(struct peer_plan *p, const char *host, const char *addr)
{
	struct in_addr a;

	if (inet_pton(AF_INET, host, &a) == 1 || peer_plan_shown(p, host) ||
	    inet_pton(AF_INET, addr, &a) != 1)
		return;		/* a literal is its own address; the first one wins */
	p->names = realloc(p->names, (p->n_names + 1) * sizeof(*p->names));
	snprintf(p->names[p->n_names].host, sizeof(p->names[0].host), "%s", host);
	snprintf(p->names[p->n_names].addr, sizeof(p->names[0].addr), "%s", addr);
	p->n_names++;
}

const char *peer_plan_shown(const struct peer_plan *p, const char *host)
{
	for (size_t i = 0; i < p->n_names; i++)
		if (!strcasecmp(p->names[i].host, host))
			return p->names[i].addr;
	return NULL;
}

static bool sock_peer_known(const struct peer_plan *p, const char *host, int port)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->flows[i].port == port && !strcmp(p->flows[i].host, host))
			return true;
	return false;
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

/* The log shows data as lines; the count line says how many bytes they
 * were, which tells the line ends that were lost. */
static char *rebuild(const char *const *lines, size_t n, size_t count, size_t *len)
{
	static const char *const seps[] = { "\r\n", "\n" };
	size_t text = 0;
	char *out;

	for (size_t i = 0; i < n; i++)
		text += strlen(lines[i]);
	out = malloc(text + 2 * n + 3);
	for (int choice = 0; choice < 5; choice++) {
		const char *sep = seps[choice % 4 / 2];
		bool trailing = choice % 2;

		out[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			strcat(out, lines[i]);
			if (i + 1 < n || trailing)
				strcat(out, sep);
		}
		*len = strlen(out);
		if (*len == count || choice == 4)
			break;
	}
	return out;
}

/* A receive's count line ("#XRECV: 6", "#XRECVFROM: 6,\"<ip>\"[,<port>]",
 * the Serial Modem's "#XRECV: <h>,<mode>,<size>"): its size, whether the
 * bytes are shown in hex (<mode> 1), and the sender's address into from. */
static bool count_line(const char *t, int64_t *size, bool *hex, char *from, size_t len)
{
	int64_t mode = 0;

	const struct at_rsp *r = at_rsp_classify(t, at_rsp_is(&RSP_XRECV, t) ? "#XRECV" : "#XRECVFROM");

	if (!r || (!at_rsp_is(&RSP_XRECV, t) && !at_rsp_is(&RSP_XRECVFROM, t)) ||
	    !at_rsp_int(r, t, "size", size))
		return false;
	if (at_rsp_is(&RSP_XRECVFROM, t))
		at_rsp_field(r, t, "ip_addr", from, len);
	*hex = at_rsp_int(r, t, "mode", &mode) && mode == 1;
	return true;
}

/* The bytes a hex-mode receive shows as digits (either case); false when
 * the text is not whole hex pairs. */
static bool unhex(char *data, size_t *len)
{
	size_t n = 0;

	if (*len % 2)
		return false;
	for (size_t i = 0; i < *len; i += 2) {
		unsigned v;

		if (!isxdigit((unsigned char)data[i]) || !isxdigit((unsigned char)data[i + 1]) ||
		    sscanf(data + i, "%2x", &v) != 1)
			return false;
		data[n++] = (char)v;
	}
	*len = n;
	return true;
}

/* What a receiving command's logged response shows: the data and a count
 * line, the data first up to NCS 1.9, after it from 2.0 (whichever the log
 * shows first); an OK alone is the peer's orderly close. */
static void received(struct walk *w, size_t i, const char *host)
{
	const struct script *sc = w->sc;
	struct peer_flow *f = &w->p->flows[w->cur];
	const char *lines[64];
	size_t n = 0, count = 0, len;
	char from[64] = "";
	bool counted = false, hex = false;
	int64_t size;

	for (size_t j = i + 1; j < sc->n && sc->steps[j].role != ROLE_SEND; j++) {
		const char *t = sc->steps[j].ev->text;

		if (sc->steps[j].cause != (int)i || sc->steps[j].role == ROLE_URC)
			continue;
		if (sc->steps[j].role == ROLE_FINAL) {
			if (!counted && !n && !strcmp(t, "OK") && f->kind != FLOW_UDP &&
			    f->kind != FLOW_DTLS)
				add_op(f, "", 0, true);
			break;
		}
		if (!counted && count_line(t, &size, &hex, from, sizeof(from))) {
			count = (size_t)size;
			counted = true;
			if (n)
				break;	/* the data came first */
			continue;
		}
		if (n < 64)
			lines[n++] = t;
	}
	if (!counted)
		return;
	char *data = rebuild(lines, n, hex ? 2 * count : count, &len);

	if (hex && !unhex(data, &len))
		world_note(w->wd, "log line %d: the bytes of a hex-mode receive are not hex digits: "
			    "the peer sends what is shown", sc->steps[i].ev->line);
	if (len != count)
		world_note(w->wd, "log line %d: %zu bytes shown for a count of %zu: the peer sends "
			    "what is shown", sc->steps[i].ev->line, len, count);
	add_op(f, data, len, false);
	free(data);
	if (from[0] && host)
		add_name(w->p, host, from);
}

/* Bytes that came unasked after the host's command i (the Serial Modem's
 * automatic reception, AT#XRECVCFG): a count line among its URCs, the data
 * lines after it; the peer sends them once it has what the modem sent. */
static void received_unasked(struct walk *w, size_t i)
{
	const struct script *sc = w->sc;
	const char *lines[64];
	size_t n = 0, len;
	int64_t size = -1, next;
	bool hex = false, next_hex = false;
	char from[64] = "";

	for (size_t j = i + 1; j <= sc->n; j++) {
		bool end = j == sc->n || sc->steps[j].role == ROLE_SEND;
		const char *t = end ? "" : sc->steps[j].ev->text;
		bool urc = !end && sc->steps[j].cause == (int)i && sc->steps[j].role == ROLE_URC;
		bool counts = urc && count_line(t, &next, &next_hex, from, sizeof(from));

		if (size >= 0 && (end || counts || !urc)) {
			char *data = rebuild(lines, n, (size_t)size * (hex ? 2 : 1), &len);

			if (hex)
				unhex(data, &len);

			add_op(&w->p->flows[w->cur], data, len, false);
			free(data);
			size = -1;
			n = 0;
		}
		if (end)
			break;
		if (counts)
			size = next, hex = next_hex;
		else if (urc && size >= 0 && n < 64)
			lines[n++] = t;
	}
}

static void getaddrinfo_shown(struct walk *w, size_t i, const char *host)
{
	char addr[64];

	for (size_t j = i + 1; j < w->sc->n && w->sc->steps[j].role != ROLE_SEND; j++) {
		const char *t = w->sc->steps[j].ev->text;

		if (w->sc->steps[j].cause == (int)i && at_rsp_is(&RSP_XGETADDRINFO, t) &&
		    at_rsp_field(&RSP_XGETADDRINFO, t, "ip_addr", addr, sizeof(addr)) && addr[0])
			add_name(w->p, host, addr);
	}
}

/* The PSK and identity the log writes for the DTLS socket's sec_tag: the
 * peer must share them. */
static void dtls_psk(struct walk *w, struct peer_flow *flow)
{
	for (size_t i = 0; i < w->sc->n; i++) {
		const struct step *st = &w->sc->steps[i];
		const struct at_cmd_facts *f = st->facts;
		const char *v;

		if (st->role != ROLE_SEND || !f || !f->cred_write ||
		    f->sec_tag != w->tag || (f->cred_type != 3 && f->cred_type != 4) || !st->cmd)
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
		if (w->wd->unwritten_tags[i] == w->tag) {
			w->wd->unwritten_types[i] = 1u << 3 | 1u << 4;
			snprintf(flow->psk, sizeof(flow->psk), "%s", FILL_PSK_HEX);
			snprintf(flow->psk_identity, sizeof(flow->psk_identity), "%s", FILL_PSK_IDENTITY);
			world_note(w->wd, "sec_tag %u (DTLS) is never written in the log: a test PSK "
				    "and identity are written first, and the local peer shares them",
				    w->tag);
			return;
		}
	world_note(w->wd, "%s:%d: the log writes no PSK and identity for sec_tag %u: the DTLS "
		    "peer has none to share", flow->host, flow->port, w->tag);
}

/* A command that reaches a socket's peer: a connect, or a datagram. */
static void to_peer(struct walk *w, size_t i, const struct at_cmd_facts *f)
{
	const struct script *sc = w->sc;

	/* A TCP connect the log shows failing takes no peer; a (D)TLS one
	 * meets one, so the handshake shows why it fails (the modem's rules). */
	if (strcmp(script_final_of(sc, i), "OK") && !at_cmd_role(f->def, AT_R_PAYLOAD) && !w->tls) {
		w->cur = -1;
		if (!sock_peer_known(w->p, f->host, f->port))
			world_note(w->wd, "log line %d: the connect to %s:%d fails in the log: it goes to a "
				    "local port that refuses it, never to the real address",
				    sc->steps[i].ev->line, f->host, f->port);
		return;
	}
	if (w->tls && w->sock_type == 2) {
		w->cur = new_flow(w->p, f->host, f->port, FLOW_DTLS);
		dtls_psk(w, &w->p->flows[w->cur]);
	} else if (at_cmd_role(f->def, AT_R_PAYLOAD) || w->sock_type == 2) {
		w->cur = udp_flow(w->p, f->host, f->port);
	} else {
		w->cur = new_flow(w->p, f->host, f->port, w->tls ? FLOW_TLS : FLOW_TCP);
	}
	/* The script judged the sec_tag when it mapped the host. */
	for (size_t h = 0; h < sc->n_hosts; h++)
		if (sc->hosts[h].port == f->port && !strcmp(sc->hosts[h].host, f->host))
			w->p->flows[w->cur].mutual = sc->hosts[h].kind >= BK_MTLS;
	if (at_cmd_role(f->def, AT_R_PAYLOAD))
		w->p->flows[w->cur].sent += 1;
}

static void walk_send(struct walk *w, size_t i)
{
	const struct at_cmd_facts *f = w->sc->steps[i].facts;
	struct peer_flow *flow;

	if (!f || !f->def)
		return;
	if ((f->def->flags & AT_F_OPENS_SOCKET) && f->set) {
		w->sock_type = f->closes_socket ? 0 : f->sock_type;
		w->tls = at_cmd_role(f->def, AT_R_SEC_TAG);
		w->tag = f->sec_tag;
		w->cur = -1;
	} else if (f->peer == AT_PEER_SOCKET && f->set && f->host && f->port > 0) {
		to_peer(w, i, f);
	} else if (at_cmd_role(f->def, AT_R_PAYLOAD) && f->peer == AT_PEER_SOCKET && w->cur >= 0) {
		flow = &w->p->flows[w->cur];
		flow->sent += flow->kind == FLOW_UDP ? 1 : f->has_data ? f->data_len :
			      datamode_len(w->sc, i);
	} else if (f->receives && f->set && w->cur >= 0) {
		received(w, i, w->p->flows[w->cur].host);
	} else if (at_cmd_role(f->def, AT_R_HOST) && f->peer == AT_PEER_NONE && f->set && f->host) {
		getaddrinfo_shown(w, i, f->host);
	}
	if (w->cur >= 0 && !f->receives)
		received_unasked(w, i);
}

void peer_plan_build(struct peer_plan *p, const struct script *sc, struct world *wd)
{
	struct walk w = { .p = p, .sc = sc, .wd = wd, .cur = -1 };

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
