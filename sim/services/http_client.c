/* Zephyr 2.7's http_client over a net_conn (see http_client.h).  The
 * parser is the one Zephyr carries (nodejs http-parser), from Debian. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <http_parser.h>

#include "http_client.h"
#include "strbuf.h"

struct http_client {
	struct sim_ctx *ctx;
	const struct http_client_ops *ops;
	void *arg;
	struct conn *conn;
	bool eof;		/* the peer closed: the next wait ends at once */
	bool expecting;
	bool no_body;
	bool complete;
	struct strbuf early;	/* bytes that came while nobody waited */
	uint8_t *buf;
	size_t buf_len, offset, data_len;
	long body_start;
	http_parser parser;
	http_parser_settings settings;
	char why[CONN_WHY_MAX];
};

static void report(struct http_client *c, bool final)
{
	struct http_rsp_view v = { c->buf, c->buf_len, c->data_len, c->body_start };

	c->ops->on_response(c->arg, &v, final);
}

static int on_body(http_parser *p, const char *at, size_t length)
{
	struct http_client *c = p->data;

	(void)length;
	if (c->body_start < 0)
		c->body_start = (long)((const uint8_t *)at - c->buf);
	report(c, false);
	/* The library re-uses the buffer from here. */
	c->data_len = 0;
	c->body_start = -1;
	return 0;
}

static int on_headers_complete(http_parser *p)
{
	struct http_client *c = p->data;

	if (c->no_body && p->content_length > 0 && p->content_length != ULLONG_MAX)
		return 1;
	return 0;
}

static int on_message_complete(http_parser *p)
{
	struct http_client *c = p->data;

	c->complete = true;
	report(c, true);
	return 0;
}

static void finish(struct http_client *c, int err, const char *why)
{
	c->expecting = false;
	c->buf = NULL;
	c->ops->on_done(c->arg, err, why);
}

/* One recv() of the library: at most the room left in the buffer. */
static void take(struct http_client *c, const uint8_t *data, size_t n)
{
	memcpy(c->buf + c->offset, data, n);
	c->data_len += n;
	http_parser_execute(&c->parser, &c->settings, (const char *)c->buf + c->offset, n);
	c->offset += n;
	if (c->offset >= c->buf_len)
		c->offset = 0;
}

static void feed(struct http_client *c)
{
	while (c->expecting && c->early.len) {
		size_t n = c->buf_len - c->offset;

		if (n > c->early.len)
			n = c->early.len;
		take(c, (const uint8_t *)c->early.data, n);
		sb_consume(&c->early, n);
		if (c->complete) {
			finish(c, 0, "");
			return;
		}
	}
	if (c->expecting && c->eof)
		finish(c, 0, "the server closed the connection before the response ended");
}

static void on_data(void *arg)
{
	struct http_client *c = arg;
	uint8_t tmp[4096];
	size_t n;

	while (c->conn && (n = conn_recv(c->conn, tmp, sizeof(tmp))) > 0)
		sb_append(&c->early, tmp, n);
	feed(c);
}

static void on_open(void *arg, int err, const char *why)
{
	struct http_client *c = arg;

	if (err)
		c->conn = NULL;
	c->ops->on_open(c->arg, err, why);
}

static void on_closed(void *arg, int err, const char *why)
{
	struct http_client *c = arg;

	snprintf(c->why, sizeof(c->why), "%s", why ? why : "");
	c->conn = NULL;
	c->eof = true;
	if (c->expecting && err != -ENOTCONN)
		finish(c, err, c->why);
	else
		feed(c);
}

static const struct conn_ops http_conn_ops = { on_open, on_data, on_closed };

struct http_client *http_client_new(struct sim_ctx *ctx, const struct http_client_ops *ops,
				    void *arg)
{
	struct http_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->ctx = ctx;
	c->ops = ops;
	c->arg = arg;
	c->settings.on_body = on_body;
	c->settings.on_headers_complete = on_headers_complete;
	c->settings.on_message_complete = on_message_complete;
	return c;
}

void http_client_close(struct http_client *c)
{
	if (c->conn)
		conn_close(c->conn);
	c->conn = NULL;
	c->eof = false;
	c->expecting = false;
	sb_clear(&c->early);
}

void http_client_free(struct http_client *c)
{
	if (!c)
		return;
	http_client_close(c);
	sb_free(&c->early);
	free(c);
}

int http_client_connect(struct http_client *c, const struct conn_params *p, char *why,
			size_t whylen)
{
	http_client_close(c);
	return conn_open(&c->conn, c->ctx, p, &http_conn_ops, c, why, whylen);
}

int http_client_send(struct http_client *c, const void *buf, size_t len)
{
	/* A socket whose peer has closed still takes a send: the reset
	 * shows on the next receive. */
	if (!c->conn)
		return c->eof ? 0 : -ENOTCONN;
	return conn_send(c->conn, buf, len) < 0 ? -ECONNRESET : 0;
}

void http_client_expect(struct http_client *c, uint8_t *buf, size_t buf_len, bool no_body)
{
	http_parser_init(&c->parser, HTTP_RESPONSE);
	c->parser.data = c;
	c->buf = buf;
	c->buf_len = buf_len;
	c->offset = 0;
	c->data_len = 0;
	c->body_start = -1;
	c->no_body = no_body;
	c->complete = false;
	c->expecting = true;
	feed(c);
}

const char *http_client_why(const struct http_client *c)
{
	return c->why;
}
