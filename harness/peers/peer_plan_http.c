/* The HTTP client's server (#XHTTPCCON, #XHTTPCREQ): a TCP or TLS peer
 * that answers each request with the status line, headers and body the
 * log's #XHTTPCRSP parts show, each part at its log time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"
#include "peer_plan_walk.h"
#include "rsp_table.h"
#include "strbuf.h"

#define MAX_LINES 128

void plan_http_connect(struct walk *w, size_t i, const struct at_cmd_facts *f)
{
	bool tls = f->has_sec_tag;

	w->http = -1;
	if (!plan_connects(w->sc, i, tls)) {
		world_note(w->wd, "log line %d: the HTTP connect to %s:%d fails in the log: it goes "
			    "to a local port that refuses it, never to the real address",
			    w->sc->steps[i].ev->line, f->host, f->port);
		return;
	}
	w->http = plan_new_flow(w->p, f->host, f->port, tls ? FLOW_TLS : FLOW_TCP);
	plan_mutual(w, w->http);
}

/* One #XHTTPCRSP part: its byte count, its lines, its log time. */
struct part {
	int64_t count, at;
	const char *lines[MAX_LINES];
	size_t n;
};

struct response {
	struct part parts[16];
	size_t n;
	bool ended;		/* "#XHTTPCRSP:0,1" shows */
};

/* The parts of the response the URCs of request i show. */
static bool read_parts(const struct script *sc, size_t i, struct response *r)
{
	int64_t count, state;

	memset(r, 0, sizeof(*r));
	for (size_t j = i + 1; j < sc->n && sc->steps[j].role != ROLE_SEND && !r->ended; j++) {
		const struct step *st = &sc->steps[j];
		const char *t = st->ev->text;

		if (st->cause != (int)i || st->role == ROLE_FINAL)
			continue;
		if (at_rsp_int(&RSP_XHTTPCRSP, t, "byte_count", &count) &&
		    at_rsp_int(&RSP_XHTTPCRSP, t, "state", &state)) {
			r->ended = state == 1;
			if (r->ended || r->n == 16)
				continue;
			r->parts[r->n++] = (struct part){ .count = count, .at = st->ev->t_ms };
		} else if (r->n && r->parts[r->n - 1].n < MAX_LINES) {
			struct part *p = &r->parts[r->n - 1];

			p->lines[p->n++] = t;
		}
	}
	return r->n > 0 || r->ended;
}

/* The header part: its lines with CR LF each and the empty line. */
static char *header_bytes(struct walk *w, size_t i, const struct part *p, size_t *len)
{
	struct strbuf b = { 0 };

	for (size_t k = 0; k < p->n; k++)
		sb_appendf(&b, "%s\r\n", p->lines[k]);
	sb_appendf(&b, "\r\n");
	*len = b.len;
	if ((int64_t)b.len != p->count)
		world_note(w->wd, "log line %d: the response header shows %zu bytes for a count of "
			    "%lld: the HTTP peer sends what is shown", w->sc->steps[i].ev->line,
			    b.len, (long long)p->count);
	return b.data;
}

static bool header_has(const struct part *p, const char *name)
{
	for (size_t k = 0; k < p->n; k++)
		if (!strncasecmp(p->lines[k], name, strlen(name)))
			return true;
	return false;
}

/* The header goes with the first body part (the SLM shows both from the
 * same receive); each later part at its own log time. */
bool plan_http_response(struct walk *w, size_t i)
{
	struct response r;
	struct peer_flow *f;
	char *data, *body;
	size_t len, blen;

	if (!read_parts(w->sc, i, &r))
		return false;
	if (w->http < 0 || !r.n)
		return true;
	f = &w->p->flows[w->http];
	f->sent += 1;	/* the request */
	data = header_bytes(w, i, &r.parts[0], &len);
	for (size_t k = 1; k < r.n; k++) {
		body = plan_rebuild(r.parts[k].lines, r.parts[k].n, (size_t)r.parts[k].count, &blen);
		if (k == 1) {
			data = realloc(data, len + blen + 1);
			memcpy(data + len, body, blen);
			plan_add_op(f, data, len + blen, false, r.parts[0].at);
		} else {
			plan_add_op(f, body, blen, false, r.parts[k].at);
		}
		free(body);
	}
	if (r.n == 1)
		plan_add_op(f, data, len, false, r.parts[0].at);
	free(data);
	if (header_has(&r.parts[0], "Transfer-Encoding:"))
		world_note(w->wd, "log line %d: a chunked response: the HTTP peer sends the bytes "
			    "the log shows, without the chunks' framing", w->sc->steps[i].ev->line);
	/* A body with no length ends where the server closes (a 204, a 304 or
	 * the answer to HEAD has none and needs no close). */
	if (r.ended && r.n > 1 && !header_has(&r.parts[0], "Content-Length:") &&
	    !header_has(&r.parts[0], "Transfer-Encoding:"))
		plan_add_op(f, "", 0, true, r.parts[r.n - 1].at);
	return true;
}
