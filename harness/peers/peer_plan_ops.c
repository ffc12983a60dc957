/* The peer plan's building blocks: flows, their answers, and the bytes a
 * log's lines stand for. */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "peer_plan_walk.h"
#include "rsp_table.h"

int plan_new_flow(struct peer_plan *p, const char *host, int port, enum flow_kind kind)
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

int plan_udp_flow(struct peer_plan *p, const char *host, int port)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->flows[i].kind == FLOW_UDP && p->flows[i].port == port &&
		    !strcmp(p->flows[i].host, host))
			return (int)i;
	return plan_new_flow(p, host, port, FLOW_UDP);
}

void plan_add_op(struct peer_flow *f, const char *data, size_t len, bool close, int64_t at)
{
	struct peer_op *op;

	f->ops = realloc(f->ops, (f->n_ops + 1) * sizeof(*op));
	op = &f->ops[f->n_ops++];
	*op = (struct peer_op){ .after = f->sent, .at = at, .len = len, .close = close };
	op->data = malloc(len + 1);
	memcpy(op->data, data, len);
	op->data[len] = '\0';
}

char *plan_rebuild(const char *const *lines, size_t n, size_t count, size_t *len)
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

/* "#XRECV: 6", "#XRECVFROM: 6,\"<ip>\"[,<port>]", the Serial Modem's
 * "#XRECV: <h>,<mode>,<size>". */
bool plan_count_line(const char *t, int64_t *size, bool *hex, char *from, size_t len)
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

/* Either case of hex digits. */
bool plan_unhex(char *data, size_t *len)
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

bool plan_connects(const struct script *sc, size_t i, bool tls)
{
	return !strcmp(script_final_of(sc, i), "OK") || tls;
}

void plan_mutual(struct walk *w, int flow)
{
	const struct script *sc = w->sc;
	struct peer_flow *f = &w->p->flows[flow];

	for (size_t h = 0; h < sc->n_hosts; h++)
		if (sc->hosts[h].port == f->port && !strcmp(sc->hosts[h].host, f->host))
			f->mutual = sc->hosts[h].kind >= BK_MTLS;
}

void plan_add_name(struct peer_plan *p, const char *host, const char *addr)
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

int64_t peer_plan_next_at(const struct peer_plan *p, int64_t after)
{
	int64_t next = INT64_MAX;

	for (size_t i = 0; i < p->n; i++)
		for (size_t k = 0; k < p->flows[i].n_ops; k++)
			if (p->flows[i].ops[k].at > after && p->flows[i].ops[k].at < next)
				next = p->flows[i].ops[k].at;
	return next;
}

int plan_sock_by_handle(const struct walk *w, int64_t h)
{
	for (size_t k = w->n_socks; k-- > 0;)
		if (w->socks[k].handle == h)
			return (int)k;
	return -1;
}

int plan_cur_flow(const struct walk *w)
{
	return w->sel >= 0 ? w->socks[w->sel].flow : -1;
}
