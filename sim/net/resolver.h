/* The emulated DNS: --resolve HOST[:PORT]=ADDR[:PORT][,SHOWN] maps a cloud
 * endpoint to a local server; ADDR is IPv4 or, in brackets, IPv6
 * ([::1]:PORT: the name's AAAA answer); SHOWN is the address the modem
 * reports for the host (default ADDR, or HOST itself when it is an IP
 * literal).  A name may have an answer of each family.  IP literals
 * resolve to themselves and localhost to 127.0.0.1 (::1 in IPv6); any other
 * name fails, as a DNS failure does on the modem. */
#ifndef SLMSIM_RESOLVER_H
#define SLMSIM_RESOLVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_addr.h"

struct resolver;

struct resolver *resolver_new(void);
void resolver_free(struct resolver *r);
/* Returns 0, or -1 with a message for a malformed mapping. */
int resolver_add(struct resolver *r, const char *spec, char *err, size_t errlen);
/* Every lookup fails, IP literals too: for fuzzing, so no input makes the
 * emulator open a connection. */
void resolver_set_offline(struct resolver *r, bool offline);
/* Only checks the form of a mapping. */
int resolver_check(const char *spec, char *err, size_t errlen);
/* 0 and the address to connect to, or -1 (no such name in that family).
 * family: AF_INET, AF_INET6, or 0 for either (IPv4 first).  Port 0 asks
 * for the name alone. */
int resolver_lookup(const struct resolver *r, const char *host, uint16_t port, int family,
		    union net_addr *out);
/* The address the modem reports for host (#XGETADDRINFO), of family (0:
 * either, IPv4 first): 0, or -1. */
int resolver_shown_addr(const struct resolver *r, const char *host, int family,
			union net_addr *out);
/* The address and port the modem reports for a datagram's sender: the
 * shown address and the mapped port of the mapping that leads to actual
 * (the cloud's, not the local stand-in's: #XRECVFROM shows it from 2.5),
 * else actual's own. */
void resolver_shown_peer(const struct resolver *r, const union net_addr *actual,
			 union net_addr *out);

#endif
