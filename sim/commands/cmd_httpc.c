/* SLM v1.8 HTTP client (slm_at_httpc.c): #XHTTPCCON opens a TCP or TLS
 * connection, #XHTTPCREQ sends one request (its body in data mode) from the
 * SLM's request thread, and #XHTTPCRSP URCs carry the response as the
 * SLM's response callback cuts it from Zephyr's http_client. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_httpc.h"
#include "cmd_pdn.h"
#include "http_client.h"
#include "rsp_table.h"

#define HTTPC_METHOD_LEN 20
#define HTTPC_RES_LEN 256
#define HTTPC_HEADER_LEN 512
#define HTTPC_BUF_LEN 1024
#define HTTPC_FRAG_SIZE 1280	/* NET_IPV4_MTU */
#define SLM_MAX_URL 128
#define INVALID_SEC_TAG (-1LL)
#define ZEPHYR_ECONNRESET 104

enum httpc_phase { HTTPC_INIT, HTTPC_REQ_DONE, HTTPC_RES_HEADER_DONE, HTTPC_COMPLETE };

struct httpc_state {
	struct http_client *client;
	bool connected;		/* the SLM's fd != INVALID_SOCKET */
	int fd;			/* the modem's fd from socket() to close(); -1 none */
	bool connecting;
	bool busy;		/* the request thread runs */
	char host[SLM_MAX_URL + 1];
	int port;
	/* The SLM's static context starts at 0, not INVALID_SEC_TAG: the
	 * read form shows ",0" until a connect sets it. */
	int64_t sec_tag;
	/* Method, resource and headers live in the receive buffer, as the
	 * SLM keeps them, until the response overwrites them. */
	uint8_t data_buf[HTTPC_BUF_LEN];
	const char *method, *resource, *headers;
	size_t pl_len, total_sent;
	enum httpc_phase phase;
	struct sim_timer thread;
};

static void rsp_send(struct modem *m, const void *buf, size_t len)
{
	if (len)
		modem_write(m, buf, len);
}

static void urc(struct modem *m, const char *fmt, int a, int b)
{
	char line[64];
	int n = snprintf(line, sizeof(line), fmt, a, b);

	rsp_send(m, line, (size_t)n);
}

/* close(httpc.fd) */
static void close_socket(struct modem *m)
{
	struct httpc_state *s = m->httpc;

	http_client_close(s->client);
	s->connected = false;
	fd_give(&m->fds, s->fd);
	s->fd = -1;
}

static void disconnect(struct modem *m)
{
	close_socket(m);
	urc(m, "\r\n#XHTTPCCON: %d\r\n", 0, 0);
}

static void header_part(struct modem *m, const struct http_rsp_view *r)
{
	struct httpc_state *s = m->httpc;
	size_t used = strnlen((const char *)s->data_buf, sizeof(s->data_buf));
	const uint8_t *end = memmem(s->data_buf, used, "\r\n\r\n", 4);
	long body;

	if (!end) {
		modem_log(m, SLOG_WARN, "httpc: Invalid HTTP header (no end of the header in the "
			  "first %d bytes); the SLM shows nothing of this part", HTTPC_BUF_LEN);
		return;
	}
	s->phase = HTTPC_RES_HEADER_DONE;
	urc(m, "\r\n#XHTTPCRSP:%d,%d\r\n", (int)(end - s->data_buf + 4), 0);
	rsp_send(m, s->data_buf, (size_t)(end - s->data_buf + 4));
	if (r->body_start < 0)
		return;
	body = (long)r->data_len - r->body_start;
	urc(m, "\r\n#XHTTPCRSP:%d,%d\r\n", (int)body, 0);
	if (body > 0)
		rsp_send(m, r->buf + r->body_start, (size_t)body);
}

/* The SLM's response_cb. */
static void on_response(void *arg, const struct http_rsp_view *r, bool final)
{
	struct modem *m = arg;
	struct httpc_state *s = m->httpc;
	size_t from, n;

	if (final) {
		s->phase = HTTPC_COMPLETE;
		urc(m, "\r\n#XHTTPCRSP:%d,%d\r\n", 0, 1);
		return;
	}
	if (s->phase == HTTPC_REQ_DONE) {
		header_part(m, r);
		return;
	}
	from = r->body_start >= 0 ? (size_t)r->body_start : 0;
	urc(m, "\r\n#XHTTPCRSP:%d,%d\r\n", (int)r->data_len, 0);
	n = r->data_len;
	/* The SLM sends data_len bytes from the body's start, past the
	 * received ones when framing came before it; the emulator stops at
	 * the buffer's end. */
	if (from + n > r->buf_len) {
		modem_log(m, SLOG_WARN, "httpc: the SLM would send %zu bytes past its receive buffer "
			  "here; cut", from + n - r->buf_len);
		n = r->buf_len - from;
	}
	rsp_send(m, r->buf + from, n);
}

/* The end of the request thread (httpc_thread_fn). */
static void thread_end(struct modem *m, int err)
{
	struct httpc_state *s = m->httpc;

	s->busy = false;
	/* exit_datamode(DATAMODE_EXIT_URC) in 1.8, (err) or (0) from 2.1 */
	datamode_service_exit(m, DM_EXIT_URC, err < 0 ? err : 0);
	if (err < 0)
		disconnect(m);
}

static void on_done(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct httpc_state *s = m->httpc;

	if (err < 0) {
		modem_log(m, SLOG_WHY, "httpc: receiving the response failed: %s", why);
		urc(m, "\r\n#XHTTPCREQ: %d\r\n", err, 0);
	} else if (s->phase != HTTPC_COMPLETE) {
		modem_log(m, SLOG_WHY, "httpc: %s", why);
		err = -ZEPHYR_ECONNRESET;
		urc(m, "\r\n#XHTTPCRSP: 0,%d\r\n", err, 0);
	}
	thread_end(m, err);
}

static void on_open(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct httpc_state *s = m->httpc;

	if (!s->connecting)
		return;
	s->connecting = false;
	if (err) {
		close_socket(m);
		at_reply(m, &RSP_XHTTPCCON, "0");
		at_why(m, AT_ERROR, "%s", why);
		modem_complete(m, AT_ERROR);
		return;
	}
	s->connected = true;
	at_reply(m, &RSP_XHTTPCCON, "1");
	modem_complete(m, AT_OK);
}

static const struct http_client_ops client_ops = { on_open, on_response, on_done };

/* The SLM stores host, port and sec_tag as it reads them, before it
 * checks for a connection (the schema calls this for a failing line with
 * the parameters that were good). */
static void keep_params(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	struct httpc_state *s = m->httpc;

	if (good > 1)
		snprintf(s->host, sizeof(s->host), "%s", at_arg_str(cmd, 1, NULL));
	if (good > 2) {
		s->port = (int)at_arg_int(cmd, 2);
		s->sec_tag = INVALID_SEC_TAG;
	}
	if (good > 3 && at_arg_has(cmd, 3))
		s->sec_tag = at_arg_int(cmd, 3);
}

static const struct at_param_def xhttpccon_params[] = {
	AT_INT("op", AT_R_OP, INT64_MIN, INT64_MAX,
	       .why = "<op> must be 0 disconnect, 1 connect (IPv4) or 2 (IPv6)"),
	AT_STR("host", AT_R_HOST, SLM_MAX_URL - 1),
	AT_INT("port", AT_R_PORT, 0, 65535,
	       .why = "expected AT#XHTTPCCON=1,\"<host>\",<port>[,<sec_tag>]: <port> 0..65535"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL, .opt = AT_OPT_END,
	       .why = "<sec_tag> must be an unsigned integer"),
};

const struct at_schema xhttpccon_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xhttpccon_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xhttpccon_params, .n = 4, .keep = keep_params },
	}, .n_forms = 2,
	.test = "#XHTTPCCON: (0,1,2),<host>,<port>,<sec_tag>",
};

/* Op 2 resolves the server's IPv6 address (util_resolve_host with AF_INET6). */
static int do_connect(struct modem *m, int64_t op)
{
	struct httpc_state *s = m->httpc;
	char why[CONN_WHY_MAX];
	struct conn_params p = {
		.host = s->host, .family = op == 2 ? AF_INET6 : AF_INET, .port = (uint16_t)s->port, .tls = s->sec_tag != INVALID_SEC_TAG,
		.sec_tag = (uint32_t)(s->sec_tag != INVALID_SEC_TAG ? s->sec_tag : 0),
		.verify = CONN_VERIFY_REQUIRED, .hostname = s->host, .creds = m->creds,
		.tls_count = &m->tls_sessions, .prof = m->tls, .owner = m->name, .stats = &m->radio.stats,
	};

	if (s->connected)
		return at_why(m, AT_ERROR, "already connected to an HTTP server (EINVAL); "
			      "AT#XHTTPCCON=0 first");
	if ((s->fd = fd_take(&m->fds, "HTTP client")) < 0) {
		s->fd = -1;	/* socket() fails: no line */
		return at_why(m, AT_ERROR, "socket(): every fd of the modem is taken (ENFILE)");
	}
	if (!net_registered(&m->net)) {
		close_socket(m);
		at_reply(m, &RSP_XHTTPCCON, "0");
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to "
			      "a network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", s->host);
	}
	if (!pdn_routes(m, p.family, 0, why, sizeof(why)) ||
	    http_client_connect(s->client, &p, why, sizeof(why))) {
		close_socket(m);
		at_reply(m, &RSP_XHTTPCCON, "0");
		return at_why(m, AT_ERROR, "%s", why);
	}
	s->connecting = true;
	return AT_PENDING;
}

int xhttpccon_set(struct modem *m, const struct at_cmd *cmd)
{
	struct httpc_state *s = m->httpc;

	switch (at_arg_int(cmd, 0)) {
	case 0:
		if (!s->connected)
			return at_why(m, AT_ERROR, "not connected to an HTTP server (ENOTCONN)");
		if (s->busy) {
			sim_timer_stop(&s->thread);
			s->busy = false;
			if (m->dm.active)
				modem_leave_datamode(m, NULL);
		}
		close_socket(m);
		at_reply(m, &RSP_XHTTPCCON, "0");
		return AT_OK;
	case 1:
	case 2:
		keep_params(m, cmd, 4);
		return do_connect(m, at_arg_int(cmd, 0));
	default:
		return at_why(m, AT_ERROR, "<op> must be 0, 1 or 2");
	}
}

int xhttpccon_read(struct modem *m, const struct at_cmd *cmd)
{
	struct httpc_state *s = m->httpc;

	(void)cmd;
	if (s->sec_tag != INVALID_SEC_TAG)
		at_reply(m, &RSP_XHTTPCCON, "%d,\"%s\",%d,%lld", s->connected, s->host, s->port,
			 (long long)s->sec_tag);
	else
		at_reply(m, &RSP_XHTTPCCON, "%d,\"%s\",%d", s->connected, s->host, s->port);
	return AT_OK;
}

/* http_headers_preprocess(): "\r\n" written out (4 characters) becomes
 * CR LF; the headers must end in exactly one CR LF, the library adding
 * the empty line. */
static int headers_preprocess(struct modem *m, char *h)
{
	char *p;
	size_t len;

	if (!*h)
		return 0;
	while ((p = strstr(h, "\\r\\n"))) {
		p[0] = '\r';
		p[1] = '\n';
		memmove(p + 2, p + 4, strlen(p + 4) + 1);
	}
	len = strlen(h);
	if (len < 2 || strcmp(h + len - 2, "\r\n"))
		return at_why(m, AT_ERROR, "<headers> must end with \\r\\n (Missing <CR><LF> for "
			      "headers)");
	if (len >= 4 && !strcmp(h + len - 4, "\r\n\r\n"))
		return at_why(m, AT_ERROR, "<headers> must end with exactly one \\r\\n: the HTTP "
			      "client adds the empty line (Too many <CR><LF> after headers)");
	return 0;
}

static const char *const methods[] = {
	"DELETE", "GET", "HEAD", "POST", "PUT", "CONNECT", "OPTIONS", "TRACE", "COPY", "LOCK",
	"MKCOL", "MOVE", "PROPFIND", "PROPPATCH", "SEARCH", "UNLOCK", "BIND", "REBIND", "UNBIND",
	"ACL", "REPORT", "MKACTIVITY", "CHECKOUT", "MERGE", "M-SEARCH", "NOTIFY", "SUBSCRIBE",
	"UNSUBSCRIBE", "PATCH", "PURGE", "MKCALENDAR", "LINK", "UNLINK",
};

static bool method_known(const char *method)
{
	for (size_t i = 0; i < ARRAY_SIZE(methods); i++)
		if (!strcmp(method, methods[i]))
			return true;
	return false;
}

/* payload_cb's end: the request is out, the response awaited. */
static void request_done(struct modem *m)
{
	struct httpc_state *s = m->httpc;

	s->phase = HTTPC_REQ_DONE;
	urc(m, "\r\n#XHTTPCREQ: %d\r\n", 0, 0);
	http_client_expect(s->client, s->data_buf, sizeof(s->data_buf),
			   !strcmp(s->method, "HEAD") || !strcmp(s->method, "OPTIONS"));
}

/* httpc_datamode_callback(): each chunk is answered OK; bytes past
 * <payload_length> are dropped and still answered OK. */
static int payload_chunk(struct modem *m, const uint8_t *data, size_t len)
{
	struct httpc_state *s = m->httpc;
	size_t n = len, sent = 0;
	int rc = 0;

	if (s->total_sent + len > s->pl_len)
		n = s->pl_len - s->total_sent;
	while (s->busy && sent < n && !rc) {
		size_t frag = n - sent < HTTPC_FRAG_SIZE ? n - sent : HTTPC_FRAG_SIZE;

		rc = http_client_send(s->client, data + sent, frag);
		sent += frag;
	}
	if (rc) {
		rsp_send(m, "\r\nERROR\r\n", 9);
		modem_log(m, SLOG_WHY, "httpc: sending the payload failed: %s",
			  http_client_why(s->client));
		return rc;
	}
	s->total_sent += n;
	rsp_send(m, "\r\nOK\r\n", 6);
	if (n && s->busy && s->total_sent == s->pl_len)
		request_done(m);
	return 0;
}

/* The request thread: the library sends the request line, Host and the
 * headers, then the empty line; the body follows in data mode. */
static void request_thread(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct httpc_state *s = m->httpc;
	struct strbuf req = { 0 };
	int rc;

	(void)t;
	if (!method_known(s->method)) {
		modem_log(m, SLOG_WHY, "httpc: \"%s\" is not a request method Zephyr's HTTP client "
			  "knows (they are upper case): the SLM disconnects", s->method);
		thread_end(m, -EINVAL);
		return;
	}
	sb_appendf(&req, "%s %s HTTP/1.1\r\nHost: %s\r\n%s\r\n", s->method, s->resource, s->host,
		   s->headers);
	rc = http_client_send(s->client, req.data, req.len);
	sb_free(&req);
	if (rc) {
		modem_log(m, SLOG_WHY, "httpc: sending the request failed: %s",
			  http_client_why(s->client));
		urc(m, "\r\n#XHTTPCREQ: %d\r\n", rc, 0);
		thread_end(m, rc);
		return;
	}
	if (s->pl_len > 0) {
		modem_enter_datamode(m, payload_chunk);
		urc(m, "\r\n#XHTTPCREQ: %d\r\n", 1, 0);
		return;
	}
	request_done(m);
}

int xhttpcreq_guard(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (!m->httpc->connected)
		return at_why(m, AT_ERROR, "not connected to an HTTP server: AT#XHTTPCCON=1,"
			      "\"<host>\",<port>[,<sec_tag>] first");
	return AT_OK;
}

static const struct at_param_def xhttpcreq_params[] = {
	AT_STR("method", AT_R_NONE, HTTPC_METHOD_LEN - 1),
	AT_STR("resource", AT_R_NONE, HTTPC_RES_LEN - 1),
	AT_STR("headers", AT_R_NONE, HTTPC_HEADER_LEN - 1),
	AT_INT("payload_length", AT_R_PAYLOAD_LEN, 0, 4294967295LL, .opt = AT_OPT_END,
	       .why = "<payload_length> must be an unsigned integer"),
};

const struct at_schema xhttpcreq_schema = {
	.forms = (const struct at_form[]){
		{ .p = xhttpcreq_params, .n = 4, .guard = xhttpcreq_guard,
		  .usage = "expected AT#XHTTPCREQ=\"<method>\",\"<resource>\",\"<headers>\""
			   "[,<payload_length>]" },
	}, .n_forms = 1,
};

int xhttpcreq_set(struct modem *m, const struct at_cmd *cmd)
{
	struct httpc_state *s = m->httpc;
	char *p = (char *)s->data_buf;
	int rc;

	if (s->busy)
		return at_why(m, AT_ERROR, "a request is still running (its response has not "
			      "ended); the SLM would start a second request thread over it");
	memset(s->data_buf, 0, sizeof(s->data_buf));
	s->method = p;
	p += snprintf(p, HTTPC_METHOD_LEN, "%s", at_str(cmd, "method")) + 1;
	s->resource = p;
	p += snprintf(p, HTTPC_RES_LEN, "%s", at_str(cmd, "resource")) + 1;
	s->headers = p;
	snprintf(p, HTTPC_HEADER_LEN, "%s", at_str(cmd, "headers"));
	if ((rc = headers_preprocess(m, p)))
		return rc;
	s->pl_len = at_arg_has(cmd, 3) ? (size_t)at_arg_int(cmd, 3) : 0;
	s->total_sent = 0;
	s->phase = HTTPC_INIT;
	s->busy = true;
	/* The thread runs at the lowest priority: OK comes first. */
	sim_timer_start(m->ctx->clock, &s->thread, 0);
	return AT_OK;
}

int httpc_init(struct modem *m, char *err, size_t errlen)
{
	m->httpc = calloc(1, sizeof(*m->httpc));
	if (m->httpc)
		m->httpc->client = http_client_new(m->ctx, &client_ops, m);
	if (!m->httpc || !m->httpc->client) {
		free(m->httpc);
		m->httpc = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sim_timer_init(&m->httpc->thread, request_thread, m);
	m->httpc->fd = -1;
	return 0;
}

void httpc_fini(struct modem *m)
{
	if (!m->httpc)
		return;
	sim_timer_stop(&m->httpc->thread);
	http_client_free(m->httpc->client);
	free(m->httpc);
	m->httpc = NULL;
}
