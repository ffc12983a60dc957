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
	struct in_addr addr;
	int to_port;		/* -1: same port */
	/* What the modem reports as the host's address (#XGETADDRINFO,
	 * #XRECVFROM's sender): the cloud's, not the local stand-in's. */
	bool has_shown;
	struct in_addr shown;
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

static int split_port(char *s, int *port)
{
	char *colon = strrchr(s, ':');
	char *end;
	long v;

	*port = -1;
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
		m.has_shown = inet_pton(AF_INET, comma + 1, &m.shown) == 1;
		if (!m.has_shown)
			goto bad;
	}
	if (split_port(buf, &m.port) || split_port(eq + 1, &m.to_port) || strlen(buf) > 128 ||
	    inet_pton(AF_INET, eq + 1, &m.addr) != 1)
		goto bad;
	if (!m.has_shown)	/* an IP literal is its own address */
		m.has_shown = inet_pton(AF_INET, buf, &m.shown) == 1;
	snprintf(m.host, sizeof(m.host), "%s", buf);
	n = realloc(r->maps, (r->count + 1) * sizeof(*n));
	if (!n)
		goto bad;
	r->maps = n;
	r->maps[r->count++] = m;
	return 0;
bad:
	snprintf(err, errlen, "--resolve wants HOST[:PORT]=IPV4[:PORT][,SHOWN-IPV4], e.g. "
		 "mqtt.example.com:8883=127.0.0.1:41883, not '%s'", spec);
	return -1;
}

int resolver_lookup(const struct resolver *r, const char *host, uint16_t port,
		    struct sockaddr_in *out)
{
	memset(out, 0, sizeof(*out));
	if (r && r->offline)
		return -1;
	out->sin_family = AF_INET;
	out->sin_port = htons(port);
	/* Most specific first: host with this port, then host with any port. */
	for (int pass = 0; r && pass < 2; pass++) {
		for (size_t i = 0; i < r->count; i++) {
			const struct mapping *m = &r->maps[i];

			if (strcasecmp(m->host, host))
				continue;
			/* Port 0 (a bare name lookup) takes any mapping of the name. */
			if (port && (pass == 0 ? m->port != port : m->port != -1))
				continue;
			out->sin_addr = m->addr;
			if (m->to_port >= 0)
				out->sin_port = htons((uint16_t)m->to_port);
			return 0;
		}
	}
	if (inet_pton(AF_INET, host, &out->sin_addr) == 1)
		return 0;
	if (!strcasecmp(host, "localhost")) {
		out->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return 0;
	}
	return -1;
}

/* The name's mapping that says what to show, else its first. */
static const struct mapping *find_name(const struct resolver *r, const char *host)
{
	const struct mapping *any = NULL;

	for (size_t i = 0; r && i < r->count; i++)
		if (!strcasecmp(r->maps[i].host, host)) {
			if (r->maps[i].has_shown)
				return &r->maps[i];
			any = any ? any : &r->maps[i];
		}
	return any;
}

int resolver_shown_addr(const struct resolver *r, const char *host, struct in_addr *out)
{
	const struct mapping *m = find_name(r, host);
	struct sockaddr_in sa;

	if (m && m->has_shown) {
		*out = m->shown;
		return 0;
	}
	if (resolver_lookup(r, host, 0, &sa))
		return -1;
	*out = sa.sin_addr;
	return 0;
}

void resolver_shown_peer(const struct resolver *r, const struct sockaddr_in *actual,
			 struct sockaddr_in *out)
{
	struct sockaddr_in a = *actual;

	*out = a;
	for (size_t i = 0; r && i < r->count; i++) {
		const struct mapping *m = &r->maps[i];
		int to = m->to_port >= 0 ? m->to_port : m->port;

		if (m->has_shown && m->addr.s_addr == a.sin_addr.s_addr && to == ntohs(a.sin_port)) {
			out->sin_addr = m->shown;
			if (m->port >= 0)
				out->sin_port = htons((uint16_t)m->port);
			return;
		}
	}
}
