/* The FTP client's operations (ftp_open() ... ftp_put() of NCS 1.8's
 * ftp_client.c), each a chain of sends and replies: a step's return
 * value decides the next step exactly as the library's code does. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ftp_client_priv.h"

/* poll_data_task_done(): replies until one has 226 (any other is shown
 * and waited past), or a failure.  226 while data still comes ends the
 * operation when the data task has ended. */
static void transfer_reply(struct ftp_client *c, int ret)
{
	if (ret >= 0 && ret != 226) {
		ftp_recv(c, true, 226, transfer_reply);
		return;
	}
	if (ret == 226 && c->data_task) {
		c->transfer_done = true;
		c->transfer_ret = ret;
		return;
	}
	if (ret < 0)
		ftp_data_close(c);
	c->after_transfer(c, ret);
}

void ftp_transfer(struct ftp_client *c, ftp_cont after)
{
	c->after_transfer = after;
	c->transfer_done = false;
	ftp_recv(c, true, 226, transfer_reply);
}

#define ARG(c, dst, s) snprintf((c)->dst, sizeof((c)->dst), "%s", (s) ? (s) : "")

static void open_opts(struct ftp_client *c, int ret)
{
	(void)ret;
	ftp_finish(c, 200);
}

static void open_failed(struct ftp_client *c, int ret)
{
	/* close(cmd_sock): the socket is gone, its number kept. */
	if (c->ctrl)
		conn_close(c->ctrl);
	c->ctrl = NULL;
	ftp_fd_give(c, &c->ctrl_fd);
	c->sock = false;
	ftp_finish(c, ret);
}

static void open_greeting(struct ftp_client *c, int ret)
{
	if (ret != 220) {
		if (ret >= 0)
			ftp_why(c, "the FTP server's greeting is not 220: %s", c->last);
		open_failed(c, ret);
		return;
	}
	ret = ftp_send(c, "OPTS UTF8 ON\r\n");
	if (ret)
		open_failed(c, ret);
	else
		ftp_recv(c, true, 0, open_opts);
}

static void open_connected(struct ftp_client *c, int err)
{
	if (err) {
		ftp_finish(c, err);
		return;
	}
	ftp_recv(c, true, 220, open_greeting);
}

static void start_open(struct ftp_client *c)
{
	int rc;

	if (c->connected) {
		ftp_why(c, "an FTP session is open (AT#XFTP=\"close\" first)");
		ftp_finish(c, -EINVAL);
		return;
	}
	/* A socket left by a failed log-in: the library opens another. */
	if (c->sock)
		ftp_drop(c, 0, 0);
	c->sock = false;
	c->eof = false;
	sb_clear(&c->rx);
	rc = ftp_connect(c, open_connected);
	if (rc)
		ftp_finish(c, rc == -ENOENT || rc == -EHOSTUNREACH ? -EHOSTUNREACH : rc);
}

void ftp_open(struct ftp_client *c, const struct conn_params *p)
{
	c->params = *p;
	ARG(c, host, p->host);
	c->params.host = c->host;
	c->sec_tag = p->tls ? (long long)p->sec_tag : -1;
	ftp_begin(c, start_open);
}

static void login_pass(struct ftp_client *c, int ret)
{
	if (ret == 230)
		ftp_connected(c);
	else if (ret >= 0)
		ftp_why(c, "the FTP server refused the log-in: %s", c->last);
	ftp_finish(c, ret);
}

static void login_user(struct ftp_client *c, int ret)
{
	if (ret != 331) {
		login_pass(c, ret);
		return;
	}
	ret = ftp_send(c, "PASS %s\r\n", c->a2);
	if (ret)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 230, login_pass);
}

static void start_login(struct ftp_client *c)
{
	int ret = ftp_send(c, "USER %s\r\n", c->a1);

	if (ret)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 331, login_user);
}

void ftp_login(struct ftp_client *c, const char *user, const char *password)
{
	ARG(c, a1, user);
	ARG(c, a2, password);
	ftp_begin(c, start_login);
}

static void close_quit(struct ftp_client *c, int ret)
{
	(void)ret;
	ftp_drop(c, 200, 0);
	ftp_finish(c, 221);
}

static void start_close(struct ftp_client *c)
{
	int ret;

	if (!c->connected) {
		close_quit(c, 0);
		return;
	}
	ret = ftp_send(c, "QUIT\r\n");
	if (ret)
		ftp_finish(c, ret);
	else	/* some servers do not answer QUIT */
		ftp_recv(c, true, 221, close_quit);
}

void ftp_close(struct ftp_client *c)
{
	ftp_begin(c, start_close);
}

static void status_more(struct ftp_client *c, int ret)
{
	if (ret == 211 || ret == -ETIMEDOUT)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 211, status_more);
}

static void status_first(struct ftp_client *c, int ret)
{
	if (ret == 211)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 211, status_more);
}

static void status_syst(struct ftp_client *c, int ret)
{
	(void)ret;
	ret = ftp_send(c, "STAT\r\n");
	if (ret)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 211, status_first);
}

static void start_status(struct ftp_client *c)
{
	if (ftp_send(c, "SYST\r\n") == 0)
		ftp_recv(c, true, 215, status_syst);
	else
		status_syst(c, 0);
}

void ftp_status(struct ftp_client *c)
{
	ftp_begin(c, start_status);
}

/* A command with one reply: its line (a1 the format, a2 the argument)
 * and the code that means done. */
static void start_one(struct ftp_client *c)
{
	ftp_simple(c, c->code_ok, c->a1, c->a2);
}

static void one(struct ftp_client *c, const char *fmt, const char *arg, int code)
{
	ARG(c, a1, fmt);
	ARG(c, a2, arg);
	c->code_ok = code;
	ftp_begin(c, start_one);
}

void ftp_type(struct ftp_client *c, bool binary)
{
	one(c, binary ? "TYPE I\r\n" : "TYPE A\r\n", "", 200);
}

void ftp_pwd(struct ftp_client *c)
{
	one(c, "PWD\r\n", "", 257);
}

void ftp_cwd(struct ftp_client *c, const char *folder)
{
	one(c, folder && !strcmp(folder, "..") ? "CDUP\r\n" : "CWD %s\r\n", folder, 250);
}

void ftp_mkd(struct ftp_client *c, const char *folder)
{
	one(c, "MKD %s\r\n", folder, 257);
}

void ftp_rmd(struct ftp_client *c, const char *folder)
{
	one(c, "RMD %s\r\n", folder, 250);
}

void ftp_delete(struct ftp_client *c, const char *file)
{
	one(c, "DELE %s\r\n", file, 250);
}

static void rename_from(struct ftp_client *c, int ret)
{
	if (ret != 350)
		ftp_finish(c, ret);
	else
		ftp_simple(c, 250, "RNTO %s\r\n", c->a2);
}

static void start_rename(struct ftp_client *c)
{
	int ret = ftp_send(c, "RNFR %s\r\n", c->a1);

	if (ret)
		ftp_finish(c, ret);
	else
		ftp_recv(c, true, 350, rename_from);
}

void ftp_rename(struct ftp_client *c, const char *from, const char *to)
{
	ARG(c, a1, from);
	ARG(c, a2, to);
	ftp_begin(c, start_rename);
}

/* PASV first, always: the modem is the data connection's client. */
static void transfer_pasv(struct ftp_client *c, void (*next)(struct ftp_client *c, int ret))
{
	if (ftp_send(c, "PASV\r\n"))
		ftp_finish(c, -EIO);
	else
		ftp_recv(c, true, 227, next);
}

static void list_pasv(struct ftp_client *c, int ret)
{
	if (ret != 227) {
		ftp_finish(c, ret);
		return;
	}
	/* LIST with options and/or a target, NLST with neither. */
	if (c->a1[0] && c->a2[0])
		(void)ftp_send(c, "LIST %s %s\r\n", c->a1, c->a2);
	else if (c->a1[0] || c->a2[0])
		(void)ftp_send(c, "LIST %s\r\n", c->a1[0] ? c->a1 : c->a2);
	else
		(void)ftp_send(c, "NLST\r\n");
	ftp_data_start(c, false);
	ftp_transfer(c, ftp_finish);
}

static void start_list(struct ftp_client *c)
{
	transfer_pasv(c, list_pasv);
}

void ftp_list(struct ftp_client *c, const char *options, const char *target)
{
	ARG(c, a1, options);
	ARG(c, a2, target);
	ftp_begin(c, start_list);
}

/* ftp_get() passes the last reply (the one with 226) on once more. */
static void get_done(struct ftp_client *c, int ret)
{
	if (ret == 226)
		c->ops->on_ctrl(c->arg, c->last, strlen(c->last));
	ftp_finish(c, ret);
}

static void get_pasv(struct ftp_client *c, int ret)
{
	if (ret != 227) {
		ftp_finish(c, ret);
		return;
	}
	if (ftp_send(c, "RETR %s\r\n", c->a1)) {
		ftp_finish(c, -EIO);
		return;
	}
	ftp_data_start(c, false);
	ftp_transfer(c, get_done);
}

static void start_get(struct ftp_client *c)
{
	transfer_pasv(c, get_pasv);
}

void ftp_get(struct ftp_client *c, const char *file)
{
	ARG(c, a1, file);
	ftp_begin(c, start_get);
}

static void put_command(struct ftp_client *c, int ret)
{
	if (c->out.len && ret != 227) {
		ftp_finish(c, ret);
		return;
	}
	if (c->put_type == FTP_PUT_NORMAL)
		ret = ftp_send(c, "STOR %s\r\n", c->a1);
	else if (c->put_type == FTP_PUT_UNIQUE)
		ret = ftp_send(c, "STOU\r\n");
	else
		ret = ftp_send(c, "APPE %s\r\n", c->a1);
	if (ret) {
		ftp_finish(c, ret);
		return;
	}
	/* Without data nothing waits for the server's reply to it. */
	if (!c->out.len) {
		ftp_finish(c, 226);
		return;
	}
	ftp_data_start(c, true);
	ftp_transfer(c, ftp_finish);
}

static void start_put(struct ftp_client *c)
{
	if (c->out.len)
		transfer_pasv(c, put_command);
	else
		put_command(c, 0);
}

void ftp_put(struct ftp_client *c, const char *file, const uint8_t *data, size_t len,
	     enum ftp_put_type type)
{
	sb_clear(&c->out);
	if (data && len)
		sb_append(&c->out, data, len);
	ARG(c, a1, file);
	c->put_type = type;
	ftp_begin(c, start_put);
}
