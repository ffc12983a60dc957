/* NCS 1.8's ftp_client over net_conn (see ftp_client.h): the control
 * connection, its replies and the operations; the data connection is
 * ftp_data.c.  The library blocks in poll() for each reply; here each wait
 * is a continuation run when a reply (or the listen time-out) comes. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ftp_client_priv.h"

static void finish_now(struct sim_timer *t, void *arg)
{
	struct ftp_client *c = arg;

	(void)t;
	c->busy = false;
	c->ops->on_done(c->arg, c->ret);
}

/* The operation returns ret: on_done from the loop, never inside a call. */
void ftp_finish(struct ftp_client *c, int ret)
{
	c->ret = ret;
	sim_timer_start(c->ctx->clock, &c->finish, 0);
}

static void cont_finish(struct ftp_client *c, int ret)
{
	ftp_finish(c, ret);
}

void ftp_why(struct ftp_client *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
}

static void stop_wait(struct ftp_client *c)
{
	c->waiting = false;
	sim_timer_stop(&c->listen);
	if (c->ctrl)
		conn_await(c->ctrl, false);
}

/* close_connection(): the library's own reply line for a fatal error,
 * then both sockets closed. */
void ftp_drop(struct ftp_client *c, int code, int err)
{
	static const char *const what[] = {
		"Disconnected", "Connection aborted", "Poll error", "Unexpected poll event",
		"Network down ",
	};

	if (code > 900 && code < 1000) {
		if (code <= FTP_NET_DOWN)
			c->last_len = (size_t)snprintf(c->last, sizeof(c->last), "%d %s(%d).\r\n", code,
						       what[code - FTP_DISCONNECTED], err);
		else
			c->last_len = (size_t)snprintf(c->last, sizeof(c->last),
						       "900 Unknown error(%d).\r\n", -ENOEXEC);
		c->ops->on_ctrl(c->arg, c->last, c->last_len);
	}
	ftp_data_close(c);
	ftp_fd_give(c, &c->ctrl_fd);
	if (c->sock) {
		stop_wait(c);
		conn_close(c->ctrl);
		c->ctrl = NULL;
		c->sock = false;
		c->eof = false;
		c->connected = false;
		c->sec_tag = -1;
		sb_clear(&c->rx);
	}
}

/* One recv(): a reply (or what the time-out leaves) to the waiter. */
static void deliver(struct ftp_client *c, size_t n)
{
	ftp_cont cont = c->cont;

	stop_wait(c);
	memcpy(c->last, c->rx.data, n);
	c->last[n] = '\0';
	c->last_len = n;
	sb_consume(&c->rx, n);
	c->inactive = false;
	if (c->post)
		c->ops->on_ctrl(c->arg, c->last, n);
	cont(c, ftp_reply_code(c->last, c->code));
}

static void try_recv(struct ftp_client *c)
{
	size_t n;

	if (!c->waiting || !c->sock)
		return;		/* no socket: poll() sees nothing until the time-out */
	n = ftp_reply_len(c->rx.data, c->rx.len);
	if (n) {
		deliver(c, n);
	} else if (c->eof && c->rx.len) {
		deliver(c, c->rx.len);
	} else if (c->eof) {
		ftp_cont cont = c->cont;

		/* POLLHUP: the server closed the connection. */
		stop_wait(c);
		ftp_why(c, "the FTP server closed the control connection");
		ftp_drop(c, FTP_DISCONNECTED, -ECONNRESET);
		cont(c, -ECONNRESET);
	}
}

static void listen_timeout(struct sim_timer *t, void *arg)
{
	struct ftp_client *c = arg;
	ftp_cont cont = c->cont;

	(void)t;
	if (c->sock && c->rx.len) {
		deliver(c, c->rx.len < FTP_MSS ? c->rx.len : FTP_MSS);
		return;
	}
	stop_wait(c);
	ftp_why(c, "no reply from the FTP server within %d s", FTP_LISTEN_MS / 1000);
	cont(c, -ETIMEDOUT);
}

/* do_ftp_recv_ctrl(post_result, success_code), then cont with its return. */
void ftp_recv(struct ftp_client *c, bool post, int code, ftp_cont cont)
{
	c->post = post;
	c->code = code;
	c->cont = cont;
	c->waiting = true;
	sim_timer_start(c->ctx->clock, &c->listen, FTP_LISTEN_MS);
	if (c->ctrl)
		conn_await(c->ctrl, true);
	try_recv(c);
}

/* do_ftp_send_ctrl(): 0 or -errno. */
int ftp_send(struct ftp_client *c, const char *fmt, ...)
{
	char line[FTP_CMD_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	c->inactive = false;
	if (!c->sock) {
		ftp_why(c, "no FTP control connection (AT#XFTP=\"open\" first)");
		return -EBADF;
	}
	if (c->ops->net_down && c->ops->net_down(c->arg)) {
		ftp_why(c, "the network is down");
		ftp_drop(c, FTP_NET_DOWN, -ENETDOWN);
		return -ENETDOWN;
	}
	/* A socket whose peer has closed still takes a send: the end shows
	 * on the next receive. */
	if (c->ctrl && conn_send(c->ctrl, line, (size_t)(n < (int)sizeof(line) ? n :
							    (int)sizeof(line) - 1)) < 0) {
		ftp_why(c, "sending to the FTP server failed: %s", conn_why(c->ctrl));
		return -ECONNRESET;
	}
	return 0;
}

static void on_data(void *arg)
{
	struct ftp_client *c = arg;
	char tmp[4096];
	size_t n;

	while (c->ctrl && (n = conn_recv(c->ctrl, tmp, sizeof(tmp))) > 0)
		sb_append(&c->rx, tmp, n);
	try_recv(c);
}

static void on_closed(void *arg, int err, const char *why)
{
	struct ftp_client *c = arg;

	(void)err;
	ftp_why(c, "%s", why && *why ? why : "the FTP server closed the control connection");
	conn_close(c->ctrl);	/* freed once its callback returns */
	c->ctrl = NULL;
	c->eof = true;
	try_recv(c);
}

static void on_open(void *arg, int err, const char *why)
{
	struct ftp_client *c = arg;

	if (err) {
		conn_close(c->ctrl);
		c->ctrl = NULL;
		ftp_fd_give(c, &c->ctrl_fd);
		ftp_why(c, "%s", why);
		c->open_cont(c, err);
		return;
	}
	c->sock = true;
	c->open_cont(c, 0);
}

static const struct conn_ops ctrl_ops = { on_open, on_data, on_closed };

static void keepalive_reply(struct ftp_client *c, int ret)
{
	(void)ret;
	c->ka_busy = false;
	if (c->queued) {
		void (*start)(struct ftp_client *c) = c->queued;

		c->queued = NULL;
		start(c);
	}
}

/* keepalive_handler(): a NOOP when nothing went over the control
 * connection for a whole period, its reply read and not shown. */
static void keepalive_tick(struct sim_timer *t, void *arg)
{
	struct ftp_client *c = arg;

	(void)t;
	if (!c->sock)
		return;
	sim_timer_start(c->ctx->clock, &c->keepalive, FTP_KEEPALIVE_MS);
	if (c->busy || c->ka_busy)
		return;
	if (!c->inactive) {
		c->inactive = true;
		return;
	}
	if (ftp_send(c, "NOOP\r\n") == 0) {
		c->ka_busy = true;
		ftp_recv(c, false, 200, keepalive_reply);
	}
}

/* Every operation starts here: after a keep-alive's reply, if one waits. */
void ftp_begin(struct ftp_client *c, void (*start)(struct ftp_client *c))
{
	c->busy = true;
	if (c->ka_busy)
		c->queued = start;
	else
		start(c);
}

void ftp_connected(struct ftp_client *c)
{
	c->connected = true;
	sim_timer_start(c->ctx->clock, &c->keepalive, FTP_KEEPALIVE_FIRST_MS);
}

int ftp_connect(struct ftp_client *c, ftp_cont cont)
{
	struct conn_params p = c->params;
	char why[CONN_WHY_MAX];
	int rc;

	p.host = c->host;
	c->open_cont = cont;
	if (ftp_fd_take(c, &c->ctrl_fd)) {
		ftp_why(c, "socket(): every fd of the modem is taken (ENFILE)");
		return -ENFILE;
	}
	rc = conn_open(&c->ctrl, c->ctx, &p, &ctrl_ops, c, why, sizeof(why));
	if (rc) {
		ftp_fd_give(c, &c->ctrl_fd);
		ftp_why(c, "%s", why);
	}
	return rc;
}

/* A command with one reply: send, then wait for code. */
void ftp_simple(struct ftp_client *c, int code, const char *fmt, const char *arg)
{
	int rc = ftp_send(c, fmt, arg);

	if (rc)
		ftp_finish(c, rc);
	else
		ftp_recv(c, true, code, cont_finish);
}

void ftp_client_fds(struct ftp_client *c, struct fd_table *fds) { c->fds = fds; }

struct ftp_client *ftp_client_new(struct sim_ctx *ctx, const struct ftp_client_ops *ops,
				  void *arg)
{
	struct ftp_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->ctx = ctx;
	c->ops = ops;
	c->arg = arg;
	c->sec_tag = -1;
	c->ctrl_fd = c->data_fd = -1;
	sim_timer_init(&c->finish, finish_now, c);
	sim_timer_init(&c->listen, listen_timeout, c);
	sim_timer_init(&c->keepalive, keepalive_tick, c);
	ftp_data_init(c);
	return c;
}

void ftp_client_free(struct ftp_client *c)
{
	if (!c)
		return;
	ftp_drop(c, 0, 0);
	sim_timer_stop(&c->finish);
	sim_timer_stop(&c->listen);
	sim_timer_stop(&c->keepalive);
	sb_free(&c->rx);
	ftp_data_fini(c);
	free(c);
}

bool ftp_client_abort(struct ftp_client *c)
{
	bool was = c->sock;

	if (c->connected && c->ctrl)
		(void)conn_send(c->ctrl, "QUIT\r\n", 6);
	ftp_drop(c, 0, 0);
	sim_timer_stop(&c->finish);
	sim_timer_stop(&c->keepalive);
	c->busy = false;
	c->ka_busy = false;
	c->queued = NULL;
	return was;
}

bool ftp_client_busy(const struct ftp_client *c)
{
	return c->busy || c->ka_busy;
}

const char *ftp_client_reply(const struct ftp_client *c)
{
	return c->last;
}

const char *ftp_client_why(const struct ftp_client *c)
{
	return c->why;
}
