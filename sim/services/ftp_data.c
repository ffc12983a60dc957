/* The FTP client's data connection (the library's data task): connected
 * to the control connection's address at the port of the last 227 reply,
 * it sends a put's data and closes, or receives until the server closes
 * (or a listen time passes without data), handing the data on in the
 * modem's TCP segments.  poll_data_task_done() waits for 226 meanwhile. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ftp_client_priv.h"

static void task_end(struct ftp_client *c)
{
	if (c->data)
		conn_close(c->data);
	c->data = NULL;
	ftp_fd_give(c, &c->data_fd);
	c->data_task = false;
	sim_timer_stop(&c->data_timer);
	if (c->transfer_done) {
		c->transfer_done = false;
		c->after_transfer(c, c->transfer_ret);
	}
}

/* Received bytes in segments of the modem's MSS; all of them at the end. */
static void hand_on(struct ftp_client *c, bool all)
{
	while (c->seg.len >= FTP_MSS || (all && c->seg.len)) {
		size_t n = c->seg.len < FTP_MSS ? c->seg.len : FTP_MSS;

		c->ops->on_data(c->arg, (const uint8_t *)c->seg.data, (uint16_t)n);
		sb_consume(&c->seg, n);
	}
}

static void on_data(void *arg)
{
	struct ftp_client *c = arg;
	char tmp[4096];
	size_t n;

	while (c->data && (n = conn_recv(c->data, tmp, sizeof(tmp))) > 0)
		sb_append(&c->seg, tmp, n);
	hand_on(c, false);
	sim_timer_start(c->ctx->clock, &c->data_timer, FTP_LISTEN_MS);
}

static void on_closed(void *arg, int err, const char *why)
{
	struct ftp_client *c = arg;

	(void)err;
	(void)why;
	conn_close(c->data);	/* freed once its callback returns */
	c->data = NULL;
	hand_on(c, true);
	task_end(c);
}

static void on_open(void *arg, int err, const char *why)
{
	struct ftp_client *c = arg;

	if (err) {
		conn_close(c->data);
		c->data = NULL;
		snprintf(c->why, sizeof(c->why), "the data connection failed: %.700s", why);
		task_end(c);
		return;
	}
	if (c->data_sending) {
		/* send() of a put's bytes (at most a data-mode buffer): the
		 * loopback socket takes them at once, then close(). */
		if (c->out.len && conn_send(c->data, c->out.data, c->out.len) < 0)
			snprintf(c->why, sizeof(c->why), "sending on the data connection failed: %.700s",
				 conn_why(c->data));
		task_end(c);
		return;
	}
	sim_timer_start(c->ctx->clock, &c->data_timer, FTP_LISTEN_MS);
}

static const struct conn_ops data_ops = { on_open, on_data, on_closed };

/* The receive's poll() time-out. */
static void data_timer(struct sim_timer *t, void *arg)
{
	struct ftp_client *c = arg;

	(void)t;
	hand_on(c, true);
	task_end(c);
}

void ftp_data_start(struct ftp_client *c, bool send)
{
	int port = ftp_pasv_port(c->last);
	struct conn_params p = c->params;
	char why[CONN_WHY_MAX];

	ftp_data_close(c);
	c->data_sending = send;
	sb_clear(&c->seg);
	if (port < 0) {
		snprintf(c->why, sizeof(c->why), "no data port in the server's reply to PASV: no "
			 "data connection");
		return;
	}
	/* A plain socket with a tag list set fails (sec_tag 0). */
	if (c->sec_tag == 0) {
		snprintf(c->why, sizeof(c->why), "sec_tag 0: the library opens the data socket "
			 "without TLS, then fails to set its tag list: no data connection");
		return;
	}
	p.host = c->host;
	p.port = (uint16_t)port;
	if (ftp_fd_take(c, &c->data_fd)) {
		snprintf(c->why, sizeof(c->why), "socket(): every fd of the modem is taken (ENFILE): "
			 "no data connection");
		return;
	}
	c->data_task = true;
	if (conn_open(&c->data, c->ctx, &p, &data_ops, c, why, sizeof(why))) {
		c->data = NULL;
		ftp_fd_give(c, &c->data_fd);
		c->data_task = false;
		snprintf(c->why, sizeof(c->why), "the data connection failed: %.700s", why);
	}
}

void ftp_data_close(struct ftp_client *c)
{
	if (c->data)
		conn_close(c->data);
	c->data = NULL;
	ftp_fd_give(c, &c->data_fd);
	c->data_task = false;
	c->transfer_done = false;
	sim_timer_stop(&c->data_timer);
}

void ftp_data_init(struct ftp_client *c)
{
	sim_timer_init(&c->data_timer, data_timer, c);
}

void ftp_data_fini(struct ftp_client *c)
{
	ftp_data_close(c);
	sb_free(&c->seg);
	sb_free(&c->out);
}
