/* download_client (NCS 1.8, subsys/net/lib/download_client) over a real
 * connection.  The SLM's build has DOWNLOAD_CLIENT_RANGE_REQUESTS (the
 * modem delta target implies it), so every request asks for one fragment
 * and expects 206 with a Content-Range; the file is the URL's path after
 * "GET /", so the SLM's "/path" goes out as "GET //path". */
#include "fota_dl.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fd_table.h"
#include "sim_ctx.h"

#define HOST_MAX 64		/* CONFIG_DOWNLOAD_CLIENT_MAX_HOSTNAME_SIZE */
#define FILE_MAX 192		/* CONFIG_DOWNLOAD_CLIENT_MAX_FILENAME_SIZE */
#define RX_TIMEOUT_MS 30000	/* CONFIG_DOWNLOAD_CLIENT_TCP_SOCK_TIMEO_MS */

enum after_open { OPEN_USER, OPEN_STRICT, OPEN_LOOSE };

struct fota_dl {
	struct sim_ctx *ctx;
	const struct fota_dl_ops *ops;
	void *arg;
	struct fota_dl_cfg cfg;
	char url[300], file[300];
	struct conn *conn;		/* the socket: NULL is fd -1 */
	int fd;				/* its fd in cfg.fds while conn is open */
	bool dead;			/* the peer closed while the thread slept */
	enum after_open after;
	uint8_t buf[FOTA_BUF_SIZE + 1];
	size_t offset, progress, file_size;
	bool has_header, connection_close;
	bool running, held;
	struct sim_timer rx_timer;
	char why[CONN_WHY_MAX];
};

static void send_again(struct fota_dl *d);
static void pump(struct fota_dl *d);

static void stop(struct fota_dl *d)
{
	d->running = false;
	d->held = false;
	sim_timer_stop(&d->rx_timer);
	if (d->conn)
		conn_await(d->conn, false);
}

static void waiting(struct fota_dl *d)
{
	if (!d->running || !d->conn)
		return;
	conn_await(d->conn, true);
	sim_timer_start(d->ctx->clock, &d->rx_timer, RX_TIMEOUT_MS);
}

int fota_dl_disconnect(struct fota_dl *d)
{
	if (!d->conn)
		return -EINVAL;
	sim_timer_stop(&d->rx_timer);	/* no socket, no receive to time out */
	conn_close(d->conn);
	d->conn = NULL;
	fd_give(d->cfg.fds, d->fd);
	d->dead = false;
	return 0;
}

bool fota_dl_connected(const struct fota_dl *d) { return d->conn != NULL; }
size_t fota_dl_file_size(const struct fota_dl *d) { return d->file_size; }
const struct fota_dl_cfg *fota_dl_cfg(const struct fota_dl *d) { return &d->cfg; }
const char *fota_dl_file(const struct fota_dl *d) { return d->file; }

/* url_parse_host(): after "://", up to ':' or '/'. */
static int parse_host(const char *url, char *host, size_t len)
{
	const char *cur = strstr(url, "://") ? strstr(url, "://") + 3 : url;
	const char *end = strchr(cur, ':');
	size_t n;

	if (!end)
		end = strchr(cur, '/');
	n = end ? (size_t)(end - cur) : strlen(cur);
	if (n + 1 > len)
		return -E2BIG;
	memcpy(host, cur, n);
	host[n] = '\0';
	return 0;
}

/* url_parse_port(): the digits after the host's ':'; 0 none. */
static unsigned parse_port(const char *url)
{
	const char *cur = strstr(url, "://") ? strstr(url, "://") + 3 : url;
	const char *colon = strchr(cur, ':');

	return colon ? (unsigned)atoi(colon + 1) & 0xffff : 0;
}

static void on_data(void *arg)
{
	pump(arg);
}

static void closed_path(struct fota_dl *d, int cause, const char *why);

static void on_closed(void *arg, int err, const char *why)
{
	struct fota_dl *d = arg;

	if (!d->running || d->held) {
		d->dead = true;
		return;
	}
	closed_path(d, err == -ETIMEDOUT ? ETIMEDOUT : ECONNRESET, why);
}

static void on_open(void *arg, int err, const char *why)
{
	struct fota_dl *d = arg;
	enum after_open after = d->after;

	if (err) {
		snprintf(d->why, sizeof(d->why), "%s", why);
		fota_dl_disconnect(d);
	}
	if (after == OPEN_USER) {
		d->ops->on_connected(d->arg, err, d->why);
	} else if (err && after == OPEN_STRICT) {
		stop(d);
		d->ops->on_error(d->arg, EHOSTDOWN, d->why);
	} else {
		send_again(d);
	}
}

static const struct conn_ops dl_conn_ops = { on_open, on_data, on_closed };

static int open_conn(struct fota_dl *d, enum after_open after, char *why, size_t whylen)
{
	char host[HOST_MAX + 1];
	const char *url = d->url;
	bool tls = !strncmp(url, "https", 5);
	unsigned port = parse_port(url);
	struct conn_params p = d->cfg.conn;
	int rc;

	if (!tls && strncmp(url, "http", 4))
		tls = d->cfg.sec_tag != -1;	/* no protocol: HTTPS with a sec_tag */
	if (tls && d->cfg.sec_tag == -1) {
		snprintf(why, whylen, "no security tag for TLS");
		return -EINVAL;
	}
	if (parse_host(url, host, sizeof(host))) {
		snprintf(why, whylen, "host name longer than %d characters", HOST_MAX - 1);
		return -E2BIG;
	}
	p.host = host;
	p.port = (uint16_t)(port ? port : tls ? 443 : 80);
	p.tls = tls;
	p.sec_tag = (uint32_t)(tls ? d->cfg.sec_tag : 0);
	p.verify = CONN_VERIFY_REQUIRED;
	p.hostname = tls ? host : NULL;	/* set_tls_hostname: with a sec_tag */
	d->after = after;
	if (d->cfg.fds && (d->fd = fd_take(d->cfg.fds, "FOTA download")) < 0) {
		snprintf(why, whylen, "socket(): every fd of the modem is taken (ENFILE)");
		return -ENFILE;
	}
	rc = conn_open(&d->conn, d->ctx, &p, &dl_conn_ops, d, why, whylen);
	if (rc) {
		d->conn = NULL;
		fd_give(d->cfg.fds, d->fd);
	}
	return rc;
}

int fota_dl_connect(struct fota_dl *d, const struct fota_dl_cfg *cfg, char *why, size_t whylen)
{
	int rc;

	if (d->conn)
		return 0;	/* already connected */
	if (cfg->frag_size > FOTA_BUF_SIZE) {
		snprintf(why, whylen, "fragment size %zu is larger than the buffer", cfg->frag_size);
		return -E2BIG;
	}
	d->cfg = *cfg;
	snprintf(d->url, sizeof(d->url), "%s", cfg->url);
	d->cfg.url = d->url;
	rc = open_conn(d, OPEN_USER, why, whylen);
	return rc ? rc : 1;
}

/* http_get_request_send(): the Range of the next fragment. */
static int request_send(struct fota_dl *d)
{
	char req[FOTA_BUF_SIZE + 1];
	const char *file = d->file;
	size_t frag = d->cfg.frag_size ? d->cfg.frag_size : FOTA_FRAG_DEFAULT;
	size_t off = d->progress + frag - 1;
	char host[HOST_MAX + 1];
	int len;

	if (parse_host(d->url, host, sizeof(host)))
		return -E2BIG;
	/* url_parse_file(): past "://" and the next '/' only in a full URL */
	if (strstr(file, "//")) {
		const char *p = strstr(file, "://");

		if (!p || !strchr(p + 3, '/'))
			return -EINVAL;
		file = strchr(p + 3, '/') + 1;
	}
	if (strlen(file) + 1 > FILE_MAX)
		return -E2BIG;
	if (d->file_size && off > d->file_size - 1)
		off = d->file_size - 1;
	len = snprintf(req, sizeof(req), "GET /%s HTTP/1.1\r\nHost: %s\r\nRange: bytes=%zu-%zu\r\n"
		       "Connection: keep-alive\r\n\r\n", file, host, d->progress, off);
	if (len < 0 || len > FOTA_BUF_SIZE)
		return -ENOMEM;
	if (!d->conn || d->dead)
		return -ENOTCONN;
	return conn_send(d->conn, req, (size_t)len);
}

/* http_header_parse(): 1 waiting, 0 whole, -1 refused (why says). */
static int header_parse(struct fota_dl *d, size_t *hdr_len)
{
	char *b = (char *)d->buf, *p, *q;
	unsigned long status;

	d->buf[d->offset] = '\0';
	p = strstr(b, "\r\n\r\n");
	if (!p)
		return 1;
	*hdr_len = (size_t)(p + 4 - b);
	for (size_t i = 0; i < *hdr_len; i++)
		b[i] = (char)tolower((unsigned char)b[i]);
	p = strstr(b, "http/1.1 ");
	if (!p || p > b + *hdr_len) {
		snprintf(d->why, sizeof(d->why), "Server response missing HTTP/1.1");
		return -1;
	}
	status = strtoul(p + 9, &q, 10);
	if (status != 206) {
		size_t n = strcspn(p + 9, "\r\n");

		snprintf(d->why, sizeof(d->why), "Unexpected HTTP response: %.*s (a Range request "
			 "expects 206 Partial Content)", (int)n, p + 9);
		return -1;
	}
	if (!d->file_size) {
		p = strstr(b, "content-range");
		if (!p || !(p = strchr(p, '/')) || p > b + *hdr_len) {
			snprintf(d->why, sizeof(d->why), "Server did not send \"Content-Range\" "
				 "with the file size in response");
			return -1;
		}
		d->file_size = (size_t)atoi(p + 1);
	}
	p = strstr(b, "connection: close");
	if (p && p < b + *hdr_len)
		d->connection_close = true;
	d->has_header = true;
	return 0;
}

/* http_parse(): 1 more data expected, 0 a whole fragment, -1 error. */
static int http_parse(struct fota_dl *d, size_t len)
{
	size_t frag = d->cfg.frag_size ? d->cfg.frag_size : FOTA_FRAG_DEFAULT;
	size_t hdr_len;

	d->offset += len;
	if (!d->has_header) {
		int rc = header_parse(d, &hdr_len);

		if (rc)
			return rc;
		memmove(d->buf, d->buf + hdr_len, d->offset - hdr_len);
		d->offset -= hdr_len;
	}
	d->progress += d->offset < len ? d->offset : len;
	if (d->progress != d->file_size && d->offset < frag)
		return 1;
	return 0;
}

static void after_fragment(struct fota_dl *d)
{
	if (d->progress == d->file_size) {
		stop(d);
		d->ops->on_done(d->arg);
		return;
	}
	if (d->connection_close) {
		/* The peer closes after each response: reconnect, then ask on. */
		d->connection_close = false;
		fota_dl_disconnect(d);
		if (open_conn(d, OPEN_LOOSE, d->why, sizeof(d->why)))
			send_again(d);
		return;
	}
	send_again(d);
}

/* 0 goes on; 1 the download stopped or is held. */
static int fragment(struct fota_dl *d)
{
	int rc = d->ops->on_fragment(d->arg, d->buf, d->offset);

	if (rc == 1) {
		d->held = true;
		sim_timer_stop(&d->rx_timer);
		if (d->conn)
			conn_await(d->conn, false);	/* the erase's time may be skipped */
		return 1;
	}
	if (rc) {
		stop(d);
		return 1;
	}
	return 0;
}

static void pump(struct fota_dl *d)
{
	while (d->running && !d->held && d->conn && conn_rx_pending(d->conn)) {
		size_t n;
		int rc;

		if (d->offset == FOTA_BUF_SIZE) {
			stop(d);
			d->ops->on_error(d->arg, E2BIG, "the HTTP header does not fit the buffer");
			return;
		}
		n = conn_recv(d->conn, d->buf + d->offset, FOTA_BUF_SIZE - d->offset);
		waiting(d);
		rc = http_parse(d, n);
		if (rc > 0)
			continue;
		if (rc < 0) {
			stop(d);
			d->ops->on_error(d->arg, EBADMSG, d->why);
			return;
		}
		if (fragment(d))
			return;
		after_fragment(d);
	}
}

static void reconnect_strict(struct fota_dl *d)
{
	fota_dl_disconnect(d);
	if (open_conn(d, OPEN_STRICT, d->why, sizeof(d->why))) {
		stop(d);
		d->ops->on_error(d->arg, EHOSTDOWN, d->why);
	}
}

/* send_again: the next fragment's request; a failed send is a reset. */
static void send_again(struct fota_dl *d)
{
	d->offset = 0;
	d->has_header = false;
	if (!request_send(d)) {
		waiting(d);
		return;
	}
	if (d->ops->on_error(d->arg, ECONNRESET, "sending the request failed")) {
		stop(d);
		return;
	}
	reconnect_strict(d);
}

/* recv() returned 0 (the peer closed) or -1 (an error, the time-out). */
static void closed_path(struct fota_dl *d, int cause, const char *why)
{
	snprintf(d->why, sizeof(d->why), "%s", why);
	if (d->offset > 0 && d->has_header && fragment(d))
		return;
	if (d->ops->on_error(d->arg, cause, d->why)) {
		stop(d);
		return;
	}
	reconnect_strict(d);
}

static void rx_timeout(struct sim_timer *t, void *arg)
{
	struct fota_dl *d = arg;

	(void)t;
	if (d->running && !d->held)
		closed_path(d, ETIMEDOUT, "no data from the server for 30 s "
			    "(CONFIG_DOWNLOAD_CLIENT_TCP_SOCK_TIMEO_MS)");
}

int fota_dl_start(struct fota_dl *d, const char *file, size_t from)
{
	int rc;

	if (!d->conn)
		return -ENOTCONN;
	snprintf(d->file, sizeof(d->file), "%s", file);
	d->file_size = 0;
	d->progress = from;
	d->offset = 0;
	d->has_header = false;
	d->connection_close = false;
	rc = request_send(d);
	if (rc)
		return rc;
	d->running = true;
	d->held = false;
	waiting(d);
	return 0;
}

void fota_dl_resume(struct fota_dl *d)
{
	if (!d->held)
		return;
	d->held = false;
	if (!d->running)
		return;
	if (d->dead) {
		closed_path(d, ECONNRESET, "the server closed the connection");
		return;
	}
	after_fragment(d);
}

struct fota_dl *fota_dl_new(struct sim_ctx *ctx, const struct fota_dl_ops *ops, void *arg)
{
	struct fota_dl *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	d->ctx = ctx;
	d->ops = ops;
	d->arg = arg;
	sim_timer_init(&d->rx_timer, rx_timeout, d);
	return d;
}

void fota_dl_free(struct fota_dl *d)
{
	if (!d)
		return;
	stop(d);
	fota_dl_disconnect(d);
	free(d);
}
