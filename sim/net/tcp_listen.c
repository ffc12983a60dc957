#include "tcp_listen.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "peer_hold.h"
#include "sim_ctx.h"

struct tcp_listen {
	struct sim_ctx *ctx;
	int fd;
	uint16_t port;
	char addr[NET_ADDR_STRLEN];	/* the loopback it is bound to, for the log */
	bool started;
	ev_io rio;
	struct peer_hold hold;
	tcp_listen_fn on_ready;
	void *arg;
};

static void ready_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct tcp_listen *l = w->data;

	(void)loop;
	(void)revents;
	/* The client stays in the backlog until the owner accepts it. */
	ev_io_stop(l->ctx->loop, &l->rio);
	peer_hold_set(&l->hold, false);
	if (l->on_ready)
		l->on_ready(l->arg);
}

struct tcp_listen *tcp_listen_open(struct sim_ctx *ctx, int family, uint16_t port, char *why,
				   size_t whylen)
{
	struct tcp_listen *l = calloc(1, sizeof(*l));
	union net_addr sa;
	int one = 1;

	if (!l) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	net_addr_loopback(&sa, family, port);
	net_addr_str(&sa, l->addr, sizeof(l->addr));
	l->fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (l->fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		free(l);
		return NULL;
	}
	/* A server restarted at once rebinds, as the modem's own stack lets it. */
	setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l->fd, &sa.sa, net_addr_len(&sa))) {
		snprintf(why, whylen, "bind to %s port %u on the host failed: %s", l->addr, port,
			 strerror(errno));
		close(l->fd);
		free(l);
		return NULL;
	}
	l->ctx = ctx;
	l->port = port;
	peer_hold_init(&l->hold, ctx);
	ev_io_init(&l->rio, ready_cb, l->fd, EV_READ);
	l->rio.data = l;
	return l;
}

void tcp_listen_close(struct tcp_listen *l)
{
	if (!l)
		return;
	ev_io_stop(l->ctx->loop, &l->rio);
	peer_hold_set(&l->hold, false);
	close(l->fd);
	free(l);
}

int tcp_listen_start(struct tcp_listen *l, int backlog, char *why, size_t whylen)
{
	if (listen(l->fd, backlog)) {
		int e = errno;

		snprintf(why, whylen, "listen on %s port %u: %s", l->addr, l->port, strerror(e));
		return -e;
	}
	l->started = true;
	return 0;
}

bool tcp_listen_started(const struct tcp_listen *l) { return l && l->started; }

int tcp_listen_accept(struct tcp_listen *l, union net_addr *from, char *why, size_t whylen)
{
	socklen_t len = sizeof(*from);
	int fd = accept4(l->fd, &from->sa, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd < 0) {
		int e = errno == EWOULDBLOCK ? EAGAIN : errno;

		snprintf(why, whylen, "accept on %s port %u: %s", l->addr, l->port, strerror(e));
		return -e;
	}
	return fd;
}

void tcp_listen_await(struct tcp_listen *l, bool waiting, tcp_listen_fn on_ready, void *arg,
		      bool hold)
{
	l->on_ready = on_ready;
	l->arg = arg;
	if (waiting)
		ev_io_start(l->ctx->loop, &l->rio);
	else
		ev_io_stop(l->ctx->loop, &l->rio);
	peer_hold_set(&l->hold, waiting && hold);
}
