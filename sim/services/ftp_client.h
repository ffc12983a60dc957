/* The FTP client library under the SLM's #XFTP (NCS 1.8
 * subsys/net/lib/ftp_client), on the event loop: one control connection,
 * a passive-mode data connection per transfer, keep-alive NOOPs.  Each
 * operation ends with the library's return value, an FTP reply code or
 * -errno, through on_done; what the server says comes through on_ctrl as
 * the library receives it (one recv() at a time), transfer data through
 * on_data in the modem's TCP segments. */
#ifndef SLMSIM_FTP_CLIENT_H
#define SLMSIM_FTP_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_conn.h"

#define FTP_MSS 708		  /* FTP_MAX_BUFFER_SIZE: the modem's MSS, one recv() */
#define FTP_LISTEN_MS 10000	  /* CONFIG_FTP_CLIENT_LISTEN_TIME: each wait for a reply */
#define FTP_KEEPALIVE_MS 60000	  /* CONFIG_FTP_CLIENT_KEEPALIVE_TIME */
#define FTP_KEEPALIVE_FIRST_MS 1000

/* Reply codes the library itself makes (ftp_client.h, 9xx). */
#define FTP_DISCONNECTED 901
#define FTP_ABORTED 902
#define FTP_POLL_ERROR 903
#define FTP_POLL_EVENT 904
#define FTP_NET_DOWN 905

enum ftp_put_type { FTP_PUT_NORMAL, FTP_PUT_UNIQUE, FTP_PUT_APPEND };

struct ftp_client;

struct ftp_client_ops {
	/* ctrl_callback: a server reply as one recv() got it, or the
	 * library's own "90x ..." line when it drops the connection. */
	void (*on_ctrl)(void *arg, const char *msg, size_t len);
	/* data_callback: one recv() of the data connection. */
	void (*on_data)(void *arg, const uint8_t *data, size_t len);
	/* The operation's return: a reply code, or -errno (Linux numbering). */
	void (*on_done)(void *arg, int ret);
	/* Whether the network is down (a send fails with ENETDOWN). */
	bool (*net_down)(void *arg);
};

struct ftp_client *ftp_client_new(struct sim_ctx *ctx, const struct ftp_client_ops *ops,
				  void *arg);
void ftp_client_free(struct ftp_client *c);
/* An operation runs (or keep-alive waits for its NOOP's reply). */
bool ftp_client_busy(const struct ftp_client *c);
/* ftp_uninit(): QUIT when logged in (its reply not awaited), everything
 * closed and stopped; whether a control connection was open. */
bool ftp_client_abort(struct ftp_client *c);
/* The last reply received (ctrl_buf), for the log. */
const char *ftp_client_reply(const struct ftp_client *c);
/* The explanation of the last failure, for the log. */
const char *ftp_client_why(const struct ftp_client *c);

/* The operations of ftp_client.h; each ends in on_done, never inside the
 * call.  p: host, port and TLS (sec_tag) of the control connection; the
 * data connections go to the same address. */
void ftp_open(struct ftp_client *c, const struct conn_params *p);
/* The modem's fd table: cmd_sock holds an fd from socket() in the open to
 * the close, data_sock one while a transfer's connection is open. */
struct fd_table;
void ftp_client_fds(struct ftp_client *c, struct fd_table *fds);
void ftp_login(struct ftp_client *c, const char *user, const char *password);
void ftp_close(struct ftp_client *c);
void ftp_status(struct ftp_client *c);
void ftp_type(struct ftp_client *c, bool binary);
void ftp_pwd(struct ftp_client *c);
void ftp_list(struct ftp_client *c, const char *options, const char *target);
void ftp_cwd(struct ftp_client *c, const char *folder);
void ftp_mkd(struct ftp_client *c, const char *folder);
void ftp_rmd(struct ftp_client *c, const char *folder);
void ftp_rename(struct ftp_client *c, const char *from, const char *to);
void ftp_delete(struct ftp_client *c, const char *file);
void ftp_get(struct ftp_client *c, const char *file);
void ftp_put(struct ftp_client *c, const char *file, const uint8_t *data, size_t len,
	     enum ftp_put_type type);

/* Reply parsing (ftp_reply.c). */
/* Length of the first reply in buf (a multi-line one to its last line),
 * at most FTP_MSS; 0 when no reply is complete yet. */
size_t ftp_reply_len(const char *buf, size_t len);
/* parse_return_code(): code when "<code> " is anywhere in msg, else 500;
 * code 0 (any) is returned as is. */
int ftp_reply_code(const char *msg, int code);
/* The data port of a "227 ... (h1,h2,h3,h4,p1,p2)" reply as the library
 * reads it (the last two numbers); -1 when it cannot. */
int ftp_pasv_port(const char *msg);

#endif
