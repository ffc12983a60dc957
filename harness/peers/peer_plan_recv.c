/* What the log shows a socket's or a proxy's peer sending: the bytes a
 * receiving command answers with, those that come unasked (the Serial
 * Modem's automatic reception, the proxies' #XTCPDATA/#XUDPDATA), and the
 * addresses the log shows for names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peer_plan_walk.h"
#include "rsp_table.h"

#define MAX_LINES 64

static void note_count(struct walk *w, size_t i, size_t len, size_t count)
{
	if (len != count)
		world_note(w->wd, "log line %d: %zu bytes shown for a count of %zu: the peer sends "
			    "what is shown", w->sc->steps[i].ev->line, len, count);
}

/* What a receiving command's logged response shows: the data and a count
 * line, the data first up to NCS 1.9, after it from 2.0 (whichever the log
 * shows first); an OK alone is the peer's orderly close. */
void plan_received(struct walk *w, size_t i, int flow, const char *host)
{
	const struct script *sc = w->sc;
	struct peer_flow *f = &w->p->flows[flow];
	const char *lines[MAX_LINES];
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
				plan_add_op(f, "", 0, true, 0);
			break;
		}
		if (!counted && plan_count_line(t, &size, &hex, from, sizeof(from))) {
			count = (size_t)size;
			counted = true;
			if (n)
				break;	/* the data came first */
			continue;
		}
		if (n < MAX_LINES)
			lines[n++] = t;
	}
	if (!counted)
		return;
	char *data = plan_rebuild(lines, n, hex ? 2 * count : count, &len);

	if (hex && !plan_unhex(data, &len))
		world_note(w->wd, "log line %d: the bytes of a hex-mode receive are not hex digits: "
			    "the peer sends what is shown", sc->steps[i].ev->line);
	note_count(w, i, len, count);
	plan_add_op(f, data, len, false, 0);
	free(data);
	if (from[0] && host)
		plan_add_name(w->p, host, from);
}

/* The flow an unasked count line is for: its socket's by the handle it
 * names (the Serial Modem's), else the socket in use. */
static int unasked_flow(const struct walk *w, const char *t)
{
	int64_t h;
	const struct at_rsp *r = at_rsp_is(&RSP_XRECV, t) ? &RSP_XRECV_SM_URC : &RSP_XRECVFROM_SM_URC;
	int k = at_rsp_int(r, t, "handle", &h) ? plan_sock_by_handle(w, h) : -1;

	return k >= 0 && w->socks[k].flow >= 0 ? w->socks[k].flow : plan_cur_flow(w);
}

/* Bytes that came unasked after the host's command i (the Serial Modem's
 * automatic reception, AT#XRECVCFG): a count line among its URCs, the data
 * lines after it; the peer sends them once it has what the modem sent and
 * the replay has reached the count line's time. */
void plan_received_unasked(struct walk *w, size_t i)
{
	const struct script *sc = w->sc;
	const char *lines[MAX_LINES];
	size_t n = 0, len;
	int64_t size = -1, next, at = 0;
	bool hex = false, next_hex = false;
	char from[64] = "";
	int flow = -1;

	for (size_t j = i + 1; j <= sc->n; j++) {
		bool end = j == sc->n || sc->steps[j].role == ROLE_SEND;
		const char *t = end ? "" : sc->steps[j].ev->text;
		bool urc = !end && sc->steps[j].cause == (int)i && sc->steps[j].role == ROLE_URC;
		bool counts = urc && plan_count_line(t, &next, &next_hex, from, sizeof(from));

		if (size >= 0 && (end || counts || !urc)) {
			char *data = plan_rebuild(lines, n, (size_t)size * (hex ? 2 : 1), &len);

			if (hex)
				plan_unhex(data, &len);
			if (flow >= 0)
				plan_add_op(&w->p->flows[flow], data, len, false, at);
			free(data);
			size = -1;
			n = 0;
		}
		if (end)
			break;
		if (counts) {
			size = next, hex = next_hex;
			at = sc->steps[j].ev->t_ms;
			flow = unasked_flow(w, t);
		} else if (urc && size >= 0 && n < MAX_LINES) {
			lines[n++] = t;
		}
	}
}

/* Lines of a proxy's data: URCs of command i no shape claims. */
static bool bare(const struct step *st, size_t i)
{
	return st->cause == (int)i && st->role == ROLE_URC && !at_rsp_classify(st->ev->text, NULL);
}

static void proxy_op(struct walk *w, size_t i, const char *const *lines, size_t n, int64_t size,
		     int64_t at)
{
	size_t len;
	char *data;

	if (w->proxy < 0)
		return;
	data = plan_rebuild(lines, n, (size_t)size, &len);

	note_count(w, i, len, (size_t)size);
	plan_add_op(&w->p->flows[w->proxy], data, len, false, at);
	free(data);
}

/* The TCP server's client: one connecting where the log shows it (its
 * address what the log shows), leaving where the log shows it leave. */
static void server_client(struct walk *w, const struct step *st)
{
	char status[32], addr[64];
	struct peer_flow *f;

	if (!at_rsp_field(&RSP_XTCPSVR_URC, st->ev->text, "status", status, sizeof(status)) ||
	    !at_rsp_field(&RSP_XTCPSVR_URC, st->ev->text, "handle", addr, sizeof(addr)))
		return;
	if (!strcmp(status, "connected") && w->server_port > 0) {
		w->proxy = plan_new_flow(w->p, addr, w->server_port, FLOW_TCP);
		f = &w->p->flows[w->proxy];
		f->connects = true;
		plan_add_op(f, "", 0, false, st->ev->t_ms);
		f->ops[f->n_ops - 1].connect = true;
	} else if (!strcmp(status, "disconnected") && w->proxy >= 0 &&
		   w->p->flows[w->proxy].connects) {
		plan_add_op(&w->p->flows[w->proxy], "", 0, true, st->ev->t_ms);
		w->proxy = -1;
	}
}

/* What the proxy's peer sent after command i: "#XTCPDATA: <n>" or
 * "#XUDPDATA: <n>" with the bytes before it (SLM v1.8 writes them first),
 * or after it when none came before; due at the first line's time. */
void plan_proxy_data(struct walk *w, size_t i)
{
	const struct script *sc = w->sc;
	const char *lines[MAX_LINES];
	size_t n = 0;
	int64_t size = -1, at = 0, v;

	for (size_t j = i + 1; (w->proxy >= 0 || w->server_port > 0) && j < sc->n &&
	     sc->steps[j].role != ROLE_SEND; j++) {
		const struct step *st = &sc->steps[j];
		const char *t = st->ev->text;

		if (bare(st, i)) {
			if (!n)
				at = size >= 0 ? at : st->ev->t_ms;
			if (n < MAX_LINES)
				lines[n++] = t;
			continue;
		}
		if (size >= 0 && n) {	/* the bytes came after their count */
			proxy_op(w, i, lines, n, size, at);
			size = -1, n = 0;
		}
		if (st->cause == (int)i && st->role == ROLE_URC && at_rsp_is(&RSP_XTCPSVR_URC, t)) {
			server_client(w, st);
			continue;
		}
		if (st->cause != (int)i || (!at_rsp_int(&RSP_XTCPDATA, t, "size", &v) &&
					     !at_rsp_int(&RSP_XUDPDATA, t, "size", &v)))
			continue;
		if (n) {
			proxy_op(w, i, lines, n, v, at);
			n = 0;
		} else {
			size = v;
			at = st->ev->t_ms;
		}
	}
	if (size >= 0 && n)
		proxy_op(w, i, lines, n, size, at);
}

/* In the proxy's data mode the peer's bytes come raw, with no count: each
 * line the log shows after the host's payload i is sent at its log time
 * (with a CR LF that made it a line, over TCP; a datagram as shown). */
void plan_proxy_raw(struct walk *w, size_t i)
{
	const struct script *sc = w->sc;
	struct peer_flow *f;
	char *line;

	for (size_t j = i + 1; w->proxy >= 0 && j < sc->n && sc->steps[j].role != ROLE_SEND; j++) {
		const struct step *st = &sc->steps[j];

		/* The script takes a line after a payload for its answer. */
		if (st->cause != (int)i || st->role == ROLE_FINAL ||
		    at_rsp_classify(st->ev->text, NULL))
			continue;
		f = &w->p->flows[w->proxy];
		line = malloc(strlen(sc->steps[j].ev->text) + 3);
		sprintf(line, "%s%s", sc->steps[j].ev->text, f->kind == FLOW_UDP ? "" : "\r\n");
		plan_add_op(f, line, strlen(line), false, sc->steps[j].ev->t_ms);
		free(line);
	}
}

void plan_getaddrinfo_shown(struct walk *w, size_t i, const char *host)
{
	char addr[64];

	for (size_t j = i + 1; j < w->sc->n && w->sc->steps[j].role != ROLE_SEND; j++) {
		const char *t = w->sc->steps[j].ev->text;

		if (w->sc->steps[j].cause == (int)i && at_rsp_is(&RSP_XGETADDRINFO, t) &&
		    at_rsp_field(&RSP_XGETADDRINFO, t, "ip_addr", addr, sizeof(addr)) && addr[0])
			plan_add_name(w->p, host, addr);
	}
}
