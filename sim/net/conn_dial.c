#include "conn_dial.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "clock.h"
#include "resolver.h"
#include "sim_ctx.h"
#include "sim_log.h"

int conn_dial_lookup(const struct resolver *r, const char *host, uint16_t port,
		     struct sockaddr_in *sa, char *why, size_t whylen)
{
	if (!resolver_lookup(r, host, port, sa))
		return 0;
	snprintf(why, whylen, "DNS: no address for '%s' (slmsim resolves only IP literals, "
		 "localhost and names given with --resolve, e.g. --resolve %s:%u=127.0.0.1:PORT)",
		 host, host, port);
	return -EHOSTUNREACH;
}

int conn_dial_socket(bool dgram, char *why, size_t whylen)
{
	int fd = socket(AF_INET, (dgram ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);

	if (fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		return -ENOMEM;
	}
	return fd;
}

void conn_dial_log(struct sim_ctx *ctx, const char *owner, bool accepted, const char *host,
		   uint16_t port, const struct sockaddr_in *sa, const char *tls)
{
	char addr[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sa->sin_addr, addr, sizeof(addr));
	slog_printf(ctx->log, sim_clock_epoch_ms(ctx->clock), owner, SLOG_INFO,
		    "%s %s:%u (%s:%u)%s", accepted ? "accepted from" : "connecting to",
		    host, port, addr, ntohs(sa->sin_port), tls);
}
