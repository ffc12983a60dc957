#include "udp_sock.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ev.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "peer_hold.h"
#include "resolver.h"
#include "sim_ctx.h"

struct udp_sock {
	struct sim_ctx *ctx;
	int family;
	int fd;
	ev_io rio;
	struct peer_hold hold;
	udp_data_fn on_data;
	void *arg;
};

static void read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct udp_sock *u = w->data;

	(void)loop;
	(void)revents;
	/* The datagram stays in the kernel until the owner takes it. */
	ev_io_stop(u->ctx->loop, &u->rio);
	peer_hold_set(&u->hold, false);
	if (u->on_data)
		u->on_data(u->arg);
}

struct udp_sock *udp_sock_open(struct sim_ctx *ctx, int family, char *why, size_t whylen)
{
	struct udp_sock *u = calloc(1, sizeof(*u));

	if (!u) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	u->family = family;
	u->fd = socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (u->fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		free(u);
		return NULL;
	}
	u->ctx = ctx;
	peer_hold_init(&u->hold, ctx);
	ev_io_init(&u->rio, read_cb, u->fd, EV_READ);
	u->rio.data = u;
	return u;
}

void udp_sock_close(struct udp_sock *u)
{
	if (!u)
		return;
	ev_io_stop(u->ctx->loop, &u->rio);
	peer_hold_set(&u->hold, false);
	close(u->fd);
	free(u);
}

int udp_sock_bind(struct udp_sock *u, uint16_t port, char *why, size_t whylen)
{
	union net_addr sa;
	char addr[NET_ADDR_STRLEN];

	net_addr_loopback(&sa, u->family, port);
	if (bind(u->fd, &sa.sa, net_addr_len(&sa))) {
		int e = errno;

		snprintf(why, whylen, "bind to %s port %u on the host failed: %s",
			 net_addr_str(&sa, addr, sizeof(addr)), port, strerror(e));
		return -e;
	}
	return 0;
}

int udp_sock_resolve(struct udp_sock *u, const char *host, uint16_t port, union net_addr *to,
		     char *why, size_t whylen)
{
	if (resolver_lookup(u->ctx->resolver, host, port, u->family, to) == 0)
		return 0;
	snprintf(why, whylen, "DNS: no %saddress for '%s' (give one with --resolve %s:%u=%s:PORT)",
		 u->family == AF_INET6 ? "IPv6 " : "", host, host, port,
		 u->family == AF_INET6 ? "[::1]" : "IP");
	return -EAGAIN;
}

int udp_sock_sendto(struct udp_sock *u, const union net_addr *to, const void *buf, size_t len,
		    char *why, size_t whylen)
{
	ssize_t n = sendto(u->fd, buf, len, 0, &to->sa, net_addr_len(to));

	if (n < 0) {
		int e = errno;

		snprintf(why, whylen, "sendto: %s", strerror(e));
		return -e;
	}
	return (int)n;
}

size_t udp_sock_recv(struct udp_sock *u, void *buf, size_t len, union net_addr *from)
{
	socklen_t flen = sizeof(*from);
	ssize_t n;

	memset(from, 0, sizeof(*from));
	n = recvfrom(u->fd, buf, len, MSG_TRUNC, &from->sa, &flen);

	if (n < 0)
		return 0;
	return (size_t)n < len ? (size_t)n : len;
}

bool udp_sock_pending(const struct udp_sock *u)
{
	char c;

	return recv(u->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) >= 0;
}

void udp_sock_await(struct udp_sock *u, bool waiting, udp_data_fn on_data, void *arg)
{
	u->on_data = on_data;
	u->arg = arg;
	if (waiting)
		ev_io_start(u->ctx->loop, &u->rio);
	else
		ev_io_stop(u->ctx->loop, &u->rio);
	peer_hold_set(&u->hold, waiting);
}

void udp_sock_watch(struct udp_sock *u, udp_data_fn on_data, void *arg)
{
	u->on_data = on_data;
	u->arg = arg;
	ev_io_start(u->ctx->loop, &u->rio);
}
