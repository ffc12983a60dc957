#include "resolver.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct mapping {
	char host[129];
	int port;		/* -1: any port */
	union net_addr addr;	/* its family is the answer's (A or AAAA) */
	int to_port;		/* -1: same port */
	/* What the modem reports as the host's address (#XGETADDRINFO,
	 * #XRECVFROM's sender): the cloud's, not the local stand-in's. */
	bool has_shown;
	union net_addr shown;
};

struct resolver {
	struct mapping *maps;
	size_t count;
	bool offline;
};

void resolver_set_offline(struct resolver *r, bool offline)
{
	r->offline = offline;
}

struct resolver *resolver_new(void)
{
	return calloc(1, sizeof(struct resolver));
}

void resolver_free(struct resolver *r)
{
	if (r)
		free(r->maps);
	free(r);
}

/* "name[:port]", "ipv4[:port]", "[ipv6][:port]" or a bare IPv6 literal:
 * cuts s to the name or address, *port -1 when none is given. */
static int split_port(char *s, int *port)
{
	char *colon, *end;
	long v;

	*port = -1;
	if (*s == '[') {
		char *close = strchr(s, ']');

		if (!close || (close[1] && close[1] != ':'))
			return -1;
		colon = close[1] ? close + 1 : NULL;	/* stays where it is: only text before moves */
		*close = '\0';
		memmove(s, s + 1, strlen(s + 1) + 1);
	} else {
		colon = strrchr(s, ':');
		if (colon && strchr(s, ':') != colon)
			return 0;	/* several colons, no brackets: an IPv6 literal */
	}
	if (!colon)
		return 0;
	*colon = '\0';
	v = strtol(colon + 1, &end, 10);
	if (*end || v < 0 || v > 65535 || end == colon + 1)
		return -1;
	*port = (int)v;
	return 0;
}

int resolver_check(const char *spec, char *err, size_t errlen)
{
	struct resolver *r = resolver_new();
	int rc = r ? resolver_add(r, spec, err, errlen) : -1;

	resolver_free(r);
	return rc;
}

static int parse_shown(char *text, union net_addr *out)
{
	size_t n = strlen(text);

	if (n > 2 && text[0] == '[' && text[n - 1] == ']') {
		text[n - 1] = '\0';
		text++;
	}
	return net_addr_parse(text, 0, out);
}

int resolver_add(struct resolver *r, const char *spec, char *err, size_t errlen)
{
	char buf[300];
	char *eq, *comma;
	struct mapping m = { 0 };
	struct mapping *n;

	snprintf(buf, sizeof(buf), "%s", spec);
	eq = strchr(buf, '=');
	if (!eq || eq == buf || strlen(buf) >= sizeof(buf) - 1)
		goto bad;
	*eq = '\0';
	if ((comma = strchr(eq + 1, ','))) {
		*comma = '\0';
		m.has_shown = parse_shown(comma + 1, &m.shown) == 0;
		if (!m.has_shown)
			goto bad;
	}
	if (split_port(buf, &m.port) || split_port(eq + 1, &m.to_port) || strlen(buf) > 128 ||
	    !*buf || net_addr_parse(eq + 1, 0, &m.addr))
		goto bad;
	if (!m.has_shown)	/* an IP literal is its own address */
		m.has_shown = net_addr_parse(buf, 0, &m.shown) == 0;
	snprintf(m.host, sizeof(m.host), "%s", buf);
	n = realloc(r->maps, (r->count + 1) * sizeof(*n));
	if (!n)
		goto bad;
	r->maps = n;
	r->maps[r->count++] = m;
	return 0;
bad:
	snprintf(err, errlen, "--resolve wants HOST[:PORT]=ADDR[:PORT][,SHOWN], ADDR IPv4 or "
		 "IPv6 in brackets, e.g. mqtt.example.com:8883=127.0.0.1:41883 or "
		 "coap.example.com:5683=[::1]:45683, not '%s'", spec);
	return -1;
}

/* The name's mapping of family for port: most specific first (host with
 * this port, then host with any port); port 0 takes any. */
static const struct mapping *find_mapping(const struct resolver *r, const char *host,
					  uint16_t port, int family)
{
	for (int pass = 0; r && pass < 2; pass++) {
		for (size_t i = 0; i < r->count; i++) {
			const struct mapping *m = &r->maps[i];

			if (strcasecmp(m->host, host) || m->addr.sa.sa_family != family)
				continue;
			if (port && (pass == 0 ? m->port != port : m->port != -1))
				continue;
			return m;
		}
	}
	return NULL;
}

/* An IP literal is itself, localhost the loopback. */
static int lookup_literal(const char *host, uint16_t port, int family, union net_addr *out)
{
	if (!net_addr_parse(host, port, out) && out->sa.sa_family == family)
		return 0;
	if (!strcasecmp(host, "localhost")) {
		net_addr_loopback(out, family, port);
		return 0;
	}
	return -1;
}

static int lookup_family(const struct resolver *r, const char *host, uint16_t port, int family,
			 union net_addr *out)
{
	const struct mapping *m = find_mapping(r, host, port, family);

	if (!m)
		return lookup_literal(host, port, family, out);
	*out = m->addr;
	net_addr_set_port(out, m->to_port >= 0 ? (uint16_t)m->to_port : port);
	return 0;
}

int resolver_lookup(const struct resolver *r, const char *host, uint16_t port, int family,
		    union net_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (r && r->offline)
		return -1;
	if (family)
		return lookup_family(r, host, port, family, out);
	return lookup_family(r, host, port, AF_INET, out) &&
	       lookup_family(r, host, port, AF_INET6, out) ? -1 : 0;
}

/* What a mapping shows: its SHOWN address, else the one it leads to. */
static const union net_addr *shows(const struct mapping *m)
{
	return m->has_shown ? &m->shown : &m->addr;
}

/* The name's mapping that shows an address of family: one that says what
 * to show first, else the first. */
static const struct mapping *find_name(const struct resolver *r, const char *host, int family)
{
	const struct mapping *any = NULL;

	for (size_t i = 0; r && i < r->count; i++) {
		const struct mapping *m = &r->maps[i];

		if (strcasecmp(m->host, host) || shows(m)->sa.sa_family != family)
			continue;
		if (m->has_shown)
			return m;
		any = any ? any : m;
	}
	return any;
}

static int shown_family(const struct resolver *r, const char *host, int family,
			union net_addr *out)
{
	const struct mapping *m = find_name(r, host, family);

	if (m) {
		*out = *shows(m);
		net_addr_set_port(out, 0);
		return 0;
	}
	return lookup_literal(host, 0, family, out);
}

int resolver_shown_addr(const struct resolver *r, const char *host, int family,
			union net_addr *out)
{
	if (r && r->offline)
		return -1;
	if (family)
		return shown_family(r, host, family, out);
	return shown_family(r, host, AF_INET, out) && shown_family(r, host, AF_INET6, out) ?
	       -1 : 0;
}

void resolver_shown_peer(const struct resolver *r, const union net_addr *actual,
			 union net_addr *out)
{
	union net_addr a = *actual;

	*out = a;
	for (size_t i = 0; r && i < r->count; i++) {
		const struct mapping *m = &r->maps[i];
		int to = m->to_port >= 0 ? m->to_port : m->port;

		if (m->has_shown && net_addr_same_host(&m->addr, &a) && to == net_addr_port(&a)) {
			*out = m->shown;
			net_addr_set_port(out, m->port >= 0 ? (uint16_t)m->port : net_addr_port(&a));
			return;
		}
	}
}
