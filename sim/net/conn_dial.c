#include "conn_dial.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "clock.h"
#include "resolver.h"
#include "sim_ctx.h"
#include "sim_log.h"

int conn_dial_lookup(const struct resolver *r, const char *host, uint16_t port, int family,
		     union net_addr *sa, char *why, size_t whylen)
{
	if (!resolver_lookup(r, host, port, family, sa))
		return 0;
	if (family == AF_INET6)
		snprintf(why, whylen, "DNS: no IPv6 address for '%s' (an IPv6 socket asks for one; "
			 "slmsim gives IPv6 literals, localhost (::1) and names given with --resolve "
			 "in brackets, e.g. --resolve %s:%u=[::1]:PORT)", host, host, port);
	else
		snprintf(why, whylen, "DNS: no address for '%s' (slmsim resolves only IP literals, "
			 "localhost and names given with --resolve, e.g. --resolve "
			 "%s:%u=127.0.0.1:PORT)", host, host, port);
	return -EHOSTUNREACH;
}

int conn_dial_socket(int family, bool dgram, char *why, size_t whylen)
{
	int fd = socket(family, (dgram ? SOCK_DGRAM : SOCK_STREAM) | SOCK_NONBLOCK | SOCK_CLOEXEC,
			0);

	if (fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		return -ENOMEM;
	}
	return fd;
}

void conn_dial_log(struct sim_ctx *ctx, const char *owner, bool accepted, const char *host,
		   uint16_t port, const union net_addr *sa, const char *tls)
{
	char addr[NET_ADDR_STRLEN];

	slog_printf(ctx->log, sim_clock_epoch_ms(ctx->clock), owner, SLOG_INFO,
		    "%s %s:%u (%s:%u)%s", accepted ? "accepted from" : "connecting to",
		    host, port, net_addr_str(sa, addr, sizeof(addr)), net_addr_port(sa), tls);
}
