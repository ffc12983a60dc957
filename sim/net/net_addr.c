#include "net_addr.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

socklen_t net_addr_len(const union net_addr *a)
{
	return a->sa.sa_family == AF_INET6 ? sizeof(a->in6) : sizeof(a->in);
}

uint16_t net_addr_port(const union net_addr *a)
{
	return ntohs(a->sa.sa_family == AF_INET6 ? a->in6.sin6_port : a->in.sin_port);
}

void net_addr_set_port(union net_addr *a, uint16_t port)
{
	if (a->sa.sa_family == AF_INET6)
		a->in6.sin6_port = htons(port);
	else
		a->in.sin_port = htons(port);
}

const char *net_addr_str(const union net_addr *a, char *buf, size_t len)
{
	const void *raw = a->sa.sa_family == AF_INET6 ? (const void *)&a->in6.sin6_addr :
			  (const void *)&a->in.sin_addr;

	if ((a->sa.sa_family != AF_INET && a->sa.sa_family != AF_INET6) ||
	    !inet_ntop(a->sa.sa_family, raw, buf, (socklen_t)len))
		snprintf(buf, len, "%s", "");
	return buf;
}

int net_addr_parse(const char *text, uint16_t port, union net_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, text, &out->in.sin_addr) == 1) {
		out->in.sin_family = AF_INET;
	} else if (inet_pton(AF_INET6, text, &out->in6.sin6_addr) == 1) {
		out->in6.sin6_family = AF_INET6;
	} else {
		return -1;
	}
	net_addr_set_port(out, port);
	return 0;
}

void net_addr_loopback(union net_addr *out, int family, uint16_t port)
{
	memset(out, 0, sizeof(*out));
	if (family == AF_INET6) {
		out->in6.sin6_family = AF_INET6;
		out->in6.sin6_addr = in6addr_loopback;
	} else {
		out->in.sin_family = AF_INET;
		out->in.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	}
	net_addr_set_port(out, port);
}

bool net_addr_same_host(const union net_addr *a, const union net_addr *b)
{
	if (a->sa.sa_family != b->sa.sa_family)
		return false;
	if (a->sa.sa_family == AF_INET6)
		return !memcmp(&a->in6.sin6_addr, &b->in6.sin6_addr, sizeof(a->in6.sin6_addr));
	return a->in.sin_addr.s_addr == b->in.sin_addr.s_addr;
}

bool net_addr_same(const union net_addr *a, const union net_addr *b)
{
	return net_addr_same_host(a, b) && net_addr_port(a) == net_addr_port(b);
}
