/* The HTTP client library under the SLM's #XHTTPC commands, as Zephyr 2.7's
 * http_client (NCS 1.8) drives it over one connection: the request bytes go
 * out as the caller gives them; the response is received into the caller's
 * buffer (wrapping when full) and parsed by the same http_parser, which
 * reports each body piece (HTTP_DATA_MORE) and the message end
 * (HTTP_DATA_FINAL) with the library's data_len and body_start. */
#ifndef SLMSIM_HTTP_CLIENT_H
#define SLMSIM_HTTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_conn.h"

struct http_client;

/* struct http_response as the callback sees it. */
struct http_rsp_view {
	const uint8_t *buf;	/* the receive buffer */
	size_t buf_len;
	size_t data_len;	/* bytes received since the last callback */
	long body_start;	/* offset of this piece's body in buf; -1: none */
};

struct http_client_ops {
	void (*on_open)(void *arg, int err, const char *why);
	void (*on_response)(void *arg, const struct http_rsp_view *r, bool final);
	/* The wait for the response ended: 0 (complete, or the peer closed
	 * first), or -errno with why. */
	void (*on_done)(void *arg, int err, const char *why);
};

struct http_client *http_client_new(struct sim_ctx *ctx, const struct http_client_ops *ops,
				    void *arg);
void http_client_free(struct http_client *c);
/* 0: connecting, on_open follows; -errno: failed at once (why). */
int http_client_connect(struct http_client *c, const struct conn_params *p, char *why,
			size_t whylen);
int http_client_send(struct http_client *c, const void *buf, size_t len);
/* Waits for the response into buf; no_body: a HEAD or OPTIONS request,
 * whose response's Content-Length announces no body. */
void http_client_expect(struct http_client *c, uint8_t *buf, size_t buf_len, bool no_body);
void http_client_close(struct http_client *c);
const char *http_client_why(const struct http_client *c);

#endif
