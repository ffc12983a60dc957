#include "control.h"

#include <errno.h>
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "control_exec.h"
#include "control_proto.h"
#include "sim_ctx.h"
#include "strbuf.h"

struct client {
	struct control *ctl;
	int fd;
	ev_io rio, wio;
	struct strbuf in, out;
	bool waiting;		/* a request's answer comes later: read no further */
	bool closing;		/* close once out is written */
	struct client *next;
};

struct control {
	struct ev_loop *loop;
	struct ctl_exec *exec;
	int fd;
	ev_io accept_io;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct client *clients;
};

static void client_free(struct client *cl)
{
	struct control *ctl = cl->ctl;

	for (struct client **pp = &ctl->clients; *pp; pp = &(*pp)->next)
		if (*pp == cl) {
			*pp = cl->next;
			break;
		}
	if (cl->waiting)
		ctl_exec_forget(ctl->exec, cl);
	ev_io_stop(ctl->loop, &cl->rio);
	ev_io_stop(ctl->loop, &cl->wio);
	close(cl->fd);
	sb_free(&cl->in);
	sb_free(&cl->out);
	free(cl);
}

/* Writes what it can; false when the client is gone. */
static bool flush_out(struct client *cl)
{
	while (cl->out.len) {
		ssize_t n = send(cl->fd, cl->out.data, cl->out.len, MSG_NOSIGNAL);

		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		if (n <= 0) {
			client_free(cl);
			return false;
		}
		sb_consume(&cl->out, (size_t)n);
	}
	if (cl->out.len) {
		ev_io_start(cl->ctl->loop, &cl->wio);
		return true;
	}
	ev_io_stop(cl->ctl->loop, &cl->wio);
	if (cl->closing) {
		client_free(cl);
		return false;
	}
	return true;
}

/* One answer line: whatever the models said, never more than one line. */
static void put_line(struct client *cl, const char *line, size_t len)
{
	size_t start = cl->out.len;

	sb_append(&cl->out, line, len);
	for (size_t i = start; i < cl->out.len; i++)
		if (cl->out.data[i] == '\n' || cl->out.data[i] == '\r')
			cl->out.data[i] = ' ';
	sb_append(&cl->out, "\n", 1);
}

static bool serve_lines(struct client *cl);

static void answer_later(void *arg, const char *line)
{
	struct client *cl = arg;

	cl->waiting = false;
	put_line(cl, line, strlen(line));
	if (flush_out(cl) && serve_lines(cl))
		ev_io_start(cl->ctl->loop, &cl->rio);
}

/* Runs the complete lines received, one at a time; false when the client
 * is gone. */
static bool serve_lines(struct client *cl)
{
	char *nl;

	while (!cl->waiting && !cl->closing && cl->in.len &&
	       (nl = memchr(cl->in.data, '\n', cl->in.len))) {
		size_t len = (size_t)(nl - cl->in.data), used = len + 1;
		struct strbuf ans = { 0 };

		if (len && cl->in.data[len - 1] == '\r')
			len--;
		if (!ctl_exec_line(cl->ctl->exec, cl->in.data, len, &ans, answer_later, cl))
			cl->waiting = true;
		else
			put_line(cl, ans.data ? ans.data : "", ans.len);
		sb_free(&ans);
		sb_consume(&cl->in, used);
	}
	if (!cl->waiting && cl->in.len > CTL_MAX_LINE + 1 && !memchr(cl->in.data, '\n', cl->in.len)) {
		static const char too_long[] = "error the request is longer than 4096 bytes";

		put_line(cl, too_long, sizeof(too_long) - 1);
		cl->closing = true;
	}
	return flush_out(cl);
}

static void client_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct client *cl = w->data;
	char buf[4096];
	ssize_t n;

	(void)loop;
	if (revents & EV_WRITE) {
		if (!flush_out(cl))
			return;
	}
	if (!(revents & EV_READ))
		return;
	n = recv(cl->fd, buf, sizeof(buf), 0);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		client_free(cl);	/* gone: what it still waits for finishes unheard */
		return;
	}
	sb_append(&cl->in, buf, (size_t)n);
	if (serve_lines(cl) && cl->waiting)
		ev_io_stop(cl->ctl->loop, &cl->rio);
}

static void accept_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct control *ctl = w->data;
	struct client *cl;
	int fd = accept4(ctl->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	(void)revents;
	if (fd < 0)
		return;
	if (!(cl = calloc(1, sizeof(*cl)))) {
		close(fd);
		return;
	}
	cl->ctl = ctl;
	cl->fd = fd;
	ev_io_init(&cl->rio, client_io, fd, EV_READ);
	ev_io_init(&cl->wio, client_io, fd, EV_WRITE);
	cl->rio.data = cl->wio.data = cl;
	cl->next = ctl->clients;
	ctl->clients = cl;
	ev_io_start(loop, &cl->rio);
}

/* bind(), replacing a socket nobody listens on any more. */
static int bind_path(int fd, const struct sockaddr_un *sa, char *err, size_t errlen)
{
	struct stat st;
	int probe;

	if (!bind(fd, (const struct sockaddr *)sa, sizeof(*sa)))
		return 0;
	if (errno != EADDRINUSE || lstat(sa->sun_path, &st) || !S_ISSOCK(st.st_mode)) {
		snprintf(err, errlen, "cannot listen on %s: %s", sa->sun_path,
			 errno == EADDRINUSE ? "a file of that name is in the way" : strerror(errno));
		return -1;
	}
	probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (probe >= 0 && !connect(probe, (const struct sockaddr *)sa, sizeof(*sa))) {
		close(probe);
		snprintf(err, errlen, "%s is in use: another slmsim serves it", sa->sun_path);
		return -1;
	}
	if (probe >= 0)
		close(probe);
	unlink(sa->sun_path);
	if (!bind(fd, (const struct sockaddr *)sa, sizeof(*sa)))
		return 0;
	snprintf(err, errlen, "cannot listen on %s: %s", sa->sun_path, strerror(errno));
	return -1;
}

struct control *control_open(struct sim_ctx *ctx, struct modem *const *modems, int n,
			     const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct control *ctl;

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "--control path is longer than %zu bytes: %s",
			 sizeof(sa.sun_path) - 1, path);
		return NULL;
	}
	memcpy(sa.sun_path, path, strlen(path) + 1);
	err[0] = '\0';
	if (!(ctl = calloc(1, sizeof(*ctl))) || !(ctl->exec = ctl_exec_new(ctx, modems, n))) {
		free(ctl);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	ctl->loop = ctx->loop;
	ctl->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ctl->fd < 0 || bind_path(ctl->fd, &sa, err, errlen) || chmod(path, 0600) ||
	    listen(ctl->fd, 16)) {
		if (!err[0])
			snprintf(err, errlen, "cannot listen on %s: %s", path, strerror(errno));
		if (ctl->fd >= 0)
			close(ctl->fd);
		ctl_exec_free(ctl->exec);
		free(ctl);
		return NULL;
	}
	memcpy(ctl->path, path, strlen(path) + 1);
	ev_io_init(&ctl->accept_io, accept_cb, ctl->fd, EV_READ);
	ctl->accept_io.data = ctl;
	ev_io_start(ctl->loop, &ctl->accept_io);
	return ctl;
}

void control_close(struct control *ctl)
{
	if (!ctl)
		return;
	while (ctl->clients)
		client_free(ctl->clients);
	ev_io_stop(ctl->loop, &ctl->accept_io);
	close(ctl->fd);
	unlink(ctl->path);
	ctl_exec_free(ctl->exec);
	free(ctl);
}
