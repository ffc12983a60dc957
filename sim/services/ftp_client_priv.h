/* Inside the FTP client (ftp_client.c, ftp_ops.c, ftp_data.c): the state
 * the library keeps in its static struct ftp_client, and the steps the
 * operations are made of. */
#ifndef SLMSIM_FTP_CLIENT_PRIV_H
#define SLMSIM_FTP_CLIENT_PRIV_H

#include <errno.h>

#include "clock.h"
#include "fd_table.h"
#include "ftp_client.h"
#include "sim_ctx.h"
#include "strbuf.h"

#define FTP_CMD_MAX 300		/* a command line: the SLM's paths are at most 127 */

typedef void (*ftp_cont)(struct ftp_client *c, int ret);

struct ftp_client {
	struct sim_ctx *ctx;
	const struct ftp_client_ops *ops;
	void *arg;
	struct conn_params params;	/* the control connection's; data ones copy it */
	char host[256];
	long long sec_tag;		/* -1: plain */
	struct conn *ctrl;
	struct fd_table *fds;		/* the modem's (ftp_client_fds); NULL none */
	int ctrl_fd, data_fd;		/* cmd_sock's and data_sock's there; -1 none */
	bool sock;			/* cmd_sock is valid */
	bool eof;			/* the server closed it; poll() shows POLLHUP */
	bool connected;			/* logged in */
	bool inactive;			/* ftp_inactivity */
	struct strbuf rx;		/* control bytes not received yet */
	char last[FTP_MSS + 1];		/* ctrl_buf: the last reply received */
	size_t last_len;
	/* the wait for a reply */
	bool waiting, post;
	int code;
	ftp_cont cont, open_cont;
	struct sim_timer listen;
	/* the operation */
	bool busy;
	int ret;
	struct sim_timer finish;
	void (*queued)(struct ftp_client *c);
	struct sim_timer keepalive;
	bool ka_busy;
	char a1[FTP_CMD_MAX], a2[FTP_CMD_MAX];	/* the operation's names */
	int code_ok;			/* a one-reply command's code */
	struct strbuf out;		/* put: the data to send */
	enum ftp_put_type put_type;
	ftp_cont after_transfer;
	/* the data connection (the library's data task) */
	struct conn *data;
	bool data_task;			/* running: connecting, sending or receiving */
	bool data_sending;
	bool transfer_done;		/* 226 came while the data task still runs */
	int transfer_ret;
	struct strbuf seg;		/* received bytes short of a segment */
	struct sim_timer data_timer;
	char why[CONN_WHY_MAX];
};

void ftp_finish(struct ftp_client *c, int ret);
void ftp_why(struct ftp_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ftp_drop(struct ftp_client *c, int code, int err);
void ftp_recv(struct ftp_client *c, bool post, int code, ftp_cont cont);
int ftp_send(struct ftp_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ftp_begin(struct ftp_client *c, void (*start)(struct ftp_client *c));
void ftp_connected(struct ftp_client *c);
int ftp_connect(struct ftp_client *c, ftp_cont cont);
void ftp_simple(struct ftp_client *c, int code, const char *fmt, const char *arg);

/* ftp_data.c: the data task on the last 227 reply; when it ends with
 * transfer_done set, after_transfer(c, transfer_ret) runs. */
void ftp_data_init(struct ftp_client *c);
void ftp_data_fini(struct ftp_client *c);
void ftp_data_start(struct ftp_client *c, bool send);
void ftp_data_close(struct ftp_client *c);
/* socket() of the control or data socket: an fd of the modem's table in
 * *fd (-ENFILE when none is free); close() gives it back. */
static inline int ftp_fd_take(struct ftp_client *c, int *fd)
{
	if (c->fds && (*fd = fd_take(c->fds, fd == &c->ctrl_fd ? "FTP control" : "FTP data")) < 0) {
		*fd = -1;
		return -ENFILE;
	}
	return 0;
}

static inline void ftp_fd_give(struct ftp_client *c, int *fd)
{
	fd_give(c->fds, *fd);
	*fd = -1;
}

#endif
