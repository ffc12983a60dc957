#include "net_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ev.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "conn_dial.h"
#include "fault_stall.h"
#include "peer_hold.h"
#include "sim_ctx.h"
#include "sim_log.h"
#include "strbuf.h"
#include "tls_profile.h"
#include "tls_session.h"

enum conn_state { ST_CONNECTING, ST_HANDSHAKE, ST_STALLED, ST_OPEN, ST_CLOSED };

struct conn {
	struct sim_ctx *ctx;
	const struct tls_profile *prof;
	struct conn_params p;
	char host[129], hostname[129], owner[16];
	const struct conn_ops *ops;
	void *arg;
	enum conn_state state;
	int fd;
	ev_io rio, wio;
	struct sim_timer timeout;
	struct fault_stall stall;
	struct peer_hold hold;
	bool await;
	int busy;		/* inside an entry point: conn_close defers the free */
	bool closed;		/* the owner closed it */
	bool counted;		/* counts against the modem's TLS sessions */
	struct strbuf rx, tx;
	struct tls_session *tls;	/* NULL: plain TCP */
	union net_addr peer;	/* where it goes (or came from) */
	char why[CONN_WHY_MAX];
};

const char *conn_why(const struct conn *c) { return c->why; }

void conn_peer_addr(const struct conn *c, union net_addr *out) { *out = c->peer; }

const char *conn_cipher(const struct conn *c)
{
	return c->tls && c->state == ST_OPEN ? tls_session_cipher(c->tls) : "none (TCP)";
}

static void update_hold(struct conn *c)
{
	peer_hold_set(&c->hold, c->state == ST_CONNECTING || c->state == ST_HANDSHAKE ||
			       (c->state == ST_OPEN && c->await));
}

static void progress(struct conn *c)
{
	if (peer_hold_active(&c->hold))
		peer_hold_progress(&c->hold);
	else
		update_hold(c);
}

void conn_await(struct conn *c, bool waiting)
{
	c->await = waiting;
	update_hold(c);
}

static void teardown(struct conn *c)
{
	ev_io_stop(c->ctx->loop, &c->rio);
	ev_io_stop(c->ctx->loop, &c->wio);
	sim_timer_stop(&c->timeout);
	fault_stall_stop(&c->stall);
	peer_hold_set(&c->hold, false);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->counted) {
		(*c->p.tls_count)--;
		c->counted = false;
	}
	c->state = ST_CLOSED;
}

static void fail(struct conn *c, int err)
{
	enum conn_state was = c->state;

	teardown(c);
	if (was == ST_OPEN) {
		if (c->ops->on_closed)
			c->ops->on_closed(c->arg, err, c->why);
	} else if (was != ST_CLOSED) {
		c->ops->on_open(c->arg, err, c->why);
	}
}

static void watch(struct conn *c, bool want_write)
{
	ev_io_start(c->ctx->loop, &c->rio);
	if (want_write)
		ev_io_start(c->ctx->loop, &c->wio);
	else
		ev_io_stop(c->ctx->loop, &c->wio);
}

static void opened(struct conn *c)
{
	sim_timer_stop(&c->timeout);
	c->state = ST_OPEN;
	update_hold(c);
	watch(c, c->tx.len > 0);
	c->ops->on_open(c->arg, 0, "");
}

static void leave(struct conn *c);

/* The handshake's outcome, now or (a stall fault) later. */
static void outcome(struct conn *c, int err)
{
	if (!c->p.outside && fault_stall_hold(&c->stall, c->ctx, c->owner, err)) {
		ev_io_stop(c->ctx->loop, &c->rio);
		ev_io_stop(c->ctx->loop, &c->wio);
		sim_timer_stop(&c->timeout);
		c->await = false;
		c->state = ST_STALLED;
		update_hold(c);
		return;
	}
	if (err)
		fail(c, err);
	else
		opened(c);
}

static void stalled_outcome(void *arg, int err)
{
	struct conn *c = arg;

	c->busy++;
	c->state = ST_HANDSHAKE;
	outcome(c, err);
	leave(c);
}

static void handshake(struct conn *c)
{
	switch (tls_session_handshake(c->tls, c->why, sizeof(c->why))) {
	case TLS_STEP_DONE: outcome(c, 0); return;
	case TLS_STEP_WANT_READ: watch(c, false); return;
	case TLS_STEP_WANT_WRITE: watch(c, true); return;
	default: outcome(c, -ECONNABORTED); return;
	}
}

/* One read from the peer: bytes (> 0), 0 when nothing more is there now,
 * or -1 when the connection ended (failed or closed, callbacks done). */
static int read_some(struct conn *c, unsigned char *buf, size_t len, bool got)
{
	enum tls_step st = TLS_STEP_DONE;
	ssize_t n;
	size_t tn;
	int err = -ENOTCONN;

	if (c->tls) {
		st = tls_session_read(c->tls, buf, len, &tn, c->why, sizeof(c->why));
		if (st == TLS_STEP_WANT_READ)
			return 0;
		n = st == TLS_STEP_DONE ? (ssize_t)tn : -1;
		if (st == TLS_STEP_FAILED)
			err = tls_session_reset(c->tls) ? -ECONNRESET : -ECONNABORTED;
	} else {
		n = recv(c->fd, buf, len, 0);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 0;
		if (n < 0) {
			err = -errno;
			snprintf(c->why, sizeof(c->why), "connection failed: %s", strerror(errno));
		} else if (n == 0) {
			snprintf(c->why, sizeof(c->why), "the server closed the connection");
		}
	}
	if (n > 0)
		return (int)n;
	if (got)
		c->ops->on_data(c->arg);
	if (c->state == ST_OPEN)
		fail(c, err);
	return -1;
}

static void read_open(struct conn *c)
{
	unsigned char buf[4096];
	bool got = false;
	int n;

	while ((n = read_some(c, buf, sizeof(buf), got)) > 0) {
		sb_append(&c->rx, buf, (size_t)n);
		link_stats_add(c->p.stats, 0, (size_t)n);
		got = true;
	}
	if (n == 0 && got) {
		progress(c);
		c->ops->on_data(c->arg);
	}
}

static void flush_tx(struct conn *c)
{
	while (c->state == ST_OPEN && c->tx.len) {
		size_t n = 0;

		if (c->tls) {
			enum tls_step st = tls_session_write(c->tls, c->tx.data, c->tx.len, &n, c->why,
							     sizeof(c->why));

			if (st == TLS_STEP_WANT_WRITE)
				break;
			if (st != TLS_STEP_DONE) {
				fail(c, -ECONNRESET);
				return;
			}
		} else {
			ssize_t k = send(c->fd, c->tx.data, c->tx.len, MSG_NOSIGNAL);

			if (k < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (k < 0) {
				int e = errno;

				snprintf(c->why, sizeof(c->why), "send failed: %s", strerror(e));
				fail(c, -e);
				return;
			}
			n = (size_t)k;
		}
		sb_consume(&c->tx, n);
		link_stats_add(c->p.stats, n, 0);
	}
	if (c->state == ST_OPEN)
		watch(c, c->tx.len > 0);
}

static void conn_free(struct conn *c);

/* Every entry point counts itself in and out, so an owner closing the
 * connection from a callback frees it only once we are out. */
static void leave(struct conn *c)
{
	if (--c->busy == 0 && c->closed)
		conn_free(c);
}

static void tcp_connected(struct conn *c)
{
	int err = 0;
	socklen_t len = sizeof(err);

	getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
	if (err) {
		snprintf(c->why, sizeof(c->why), "TCP connect to %s:%u failed: %s", c->host,
			 c->p.port, strerror(err));
		fail(c, -err);
		return;
	}
	progress(c);
	if (!c->tls) {
		opened(c);
		return;
	}
	c->state = ST_HANDSHAKE;
	tls_session_set_fd(c->tls, c->fd);
	sim_timer_start(c->ctx->clock, &c->timeout, c->prof->handshake_timeout_ms);
	handshake(c);
}

static void io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct conn *c = w->data;

	(void)loop;
	(void)revents;
	c->busy++;
	switch (c->state) {
	case ST_CONNECTING:
		tcp_connected(c);
		break;
	case ST_HANDSHAKE:
		progress(c);
		handshake(c);
		break;
	case ST_OPEN:
		if (w == &c->wio)
			flush_tx(c);
		else
			read_open(c);
		break;
	case ST_STALLED:
	case ST_CLOSED:
		break;
	}
	leave(c);
}

static void timeout_cb(struct sim_timer *t, void *arg)
{
	struct conn *c = arg;

	(void)t;
	c->busy++;
	if (c->state == ST_CONNECTING)
		snprintf(c->why, sizeof(c->why), "TCP connect to %s:%u timed out after %d ms "
			 "(profile %s)", c->host, c->p.port, c->prof->tcp_connect_timeout_ms,
			 c->prof->name);
	else
		snprintf(c->why, sizeof(c->why), "TLS handshake with %s:%u timed out after %d ms "
			 "(profile %s)", c->host, c->p.port, c->prof->handshake_timeout_ms,
			 c->prof->name);
	fail(c, -ETIMEDOUT);
	leave(c);
}

static void conn_free(struct conn *c)
{
	peer_hold_set(&c->hold, false);
	tls_session_free(c->tls);
	sb_free(&c->rx);
	sb_free(&c->tx);
	free(c);
}

static struct conn *conn_alloc(struct sim_ctx *ctx, const struct conn_params *p,
			       const struct conn_ops *ops, void *arg)
{
	struct conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->ctx = ctx;
	c->prof = p->prof ? p->prof : ctx->profile ? ctx->profile : tls_profile_default();
	c->p = *p;
	snprintf(c->host, sizeof(c->host), "%s", p->host);
	snprintf(c->owner, sizeof(c->owner), "%s", p->owner ? p->owner : "");
	if (p->hostname) {
		snprintf(c->hostname, sizeof(c->hostname), "%s", p->hostname);
		c->p.hostname = c->hostname;
	}
	c->p.host = c->host;
	c->ops = ops;
	c->arg = arg;
	c->fd = -1;
	sim_timer_init(&c->timeout, timeout_cb, c);
	fault_stall_init(&c->stall, stalled_outcome, c);
	peer_hold_init(&c->hold, ctx);
	return c;
}

/* What is checked before a socket exists: DNS, the session limit, the
 * credentials.  0, or -errno with why. */
static int prepare(struct conn *c, union net_addr *sa, char *why, size_t whylen)
{
	const struct conn_params *p = &c->p;
	struct tls_session_params tp = { c->prof, c->ctx->tls, p->creds, p->sec_tag,
					 (int)p->verify, p->hostname, c->host, p->tls && p->dtls };

	int rc = conn_dial_lookup(c->ctx->resolver, c->host, p->port, p->family, sa, why, whylen);

	if (rc)
		return rc;
	if (!p->tls)
		return 0;
	if (*p->tls_count >= c->prof->max_tls_sessions) {
		snprintf(why, whylen, "rule tls-sessions: %d TLS connections are already open; %s "
			 "allows at most %d at a time; close one first", *p->tls_count,
			 c->prof->name, c->prof->max_tls_sessions);
		return -ENOMEM;
	}
	c->tls = tls_session_new(&tp, why, whylen);
	return c->tls ? 0 : -EACCES;
}

/* The non-blocking TCP connect; 0, or -errno with why. */
static int start_connect(struct conn *c, const union net_addr *sa, char *why, size_t whylen)
{
	int one = 1;

	/* DTLS: a connected UDP socket, writable at once, then the handshake. */
	c->fd = c->p.accepted_fd > 0 ? c->p.accepted_fd :
		conn_dial_socket(sa->sa.sa_family, c->p.dtls, why, whylen);
	if (c->fd < 0)
		return c->fd;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	conn_dial_log(c->ctx, c->owner, c->p.accepted_fd > 0, c->host, c->p.port, sa,
		      c->tls ? (c->p.dtls ? ", DTLS" : ", TLS") : "");
	ev_io_init(&c->rio, io_cb, c->fd, EV_READ);
	ev_io_init(&c->wio, io_cb, c->fd, EV_WRITE);
	c->rio.data = c->wio.data = c;
	if (c->tls) {
		(*c->p.tls_count)++;
		c->counted = true;
	}
	c->state = ST_CONNECTING;
	if (!c->p.accepted_fd && connect(c->fd, &sa->sa, net_addr_len(sa)) &&
	    errno != EINPROGRESS) {
		int e = errno;

		snprintf(why, whylen, "TCP connect to %s:%u failed: %s", c->host, c->p.port,
			 strerror(e));
		teardown(c);
		return -e;
	}
	ev_io_start(c->ctx->loop, &c->wio);
	sim_timer_start(c->ctx->clock, &c->timeout, c->prof->tcp_connect_timeout_ms);
	update_hold(c);
	return 0;
}

int conn_open(struct conn **out, struct sim_ctx *ctx, const struct conn_params *p,
	      const struct conn_ops *ops, void *arg, char *why, size_t whylen)
{
	struct conn *c = conn_alloc(ctx, p, ops, arg);
	union net_addr sa;
	int rc;

	if (!c) {
		snprintf(why, whylen, "out of memory");
		return -ENOMEM;
	}
	rc = prepare(c, &sa, why, whylen);
	c->peer = sa;
	if (!rc)
		rc = start_connect(c, &sa, why, whylen);
	if (rc) {
		conn_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int conn_send(struct conn *c, const void *buf, size_t len)
{
	int rc;

	if (c->state != ST_OPEN)
		return -ENOTCONN;
	if (sb_append(&c->tx, buf, len))
		return -ENOMEM;
	c->busy++;
	flush_tx(c);
	rc = c->state == ST_OPEN ? 0 : -ENOTCONN;
	leave(c);
	return rc;
}

size_t conn_recv(struct conn *c, void *buf, size_t len)
{
	size_t n = len < c->rx.len ? len : c->rx.len;

	if (n == 0)
		return 0; /* rx.data may still be NULL: memcpy from NULL is UB */
	memcpy(buf, c->rx.data, n);
	sb_consume(&c->rx, n);
	return n;
}

size_t conn_rx_pending(const struct conn *c) { return c->rx.len; }

void conn_close(struct conn *c)
{
	if (!c)
		return;
	if (c->tls && c->state == ST_OPEN)
		tls_session_close_notify(c->tls);
	teardown(c);
	if (c->busy)
		c->closed = true;
	else
		conn_free(c);
}

int conn_peer_close(struct conn *c)
{
	/* Writes still go, as after a FIN; the loop reads the end of file. */
	return c && c->state == ST_OPEN && !shutdown(c->fd, SHUT_RD) ? 0 : -ENOTCONN;
}
