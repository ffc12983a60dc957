/* A socket address of either family, IPv4 or IPv6, as the host's sockets
 * take it: what the emulated DNS answers and the modem's sockets use. */
#ifndef SLMSIM_NET_ADDR_H
#define SLMSIM_NET_ADDR_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#define NET_ADDR_STRLEN INET6_ADDRSTRLEN

union net_addr {
	struct sockaddr sa;
	struct sockaddr_in in;
	struct sockaddr_in6 in6;
};

socklen_t net_addr_len(const union net_addr *a);
uint16_t net_addr_port(const union net_addr *a);
void net_addr_set_port(union net_addr *a, uint16_t port);
/* The address alone as inet_ntop() writes it ("127.0.0.1", "::1"); "" when
 * it is of neither family. */
const char *net_addr_str(const union net_addr *a, char *buf, size_t len);
/* An IPv4 or IPv6 literal (no brackets) with port: 0, or -1. */
int net_addr_parse(const char *text, uint16_t port, union net_addr *out);
/* The host's loopback of family (AF_INET 127.0.0.1, AF_INET6 ::1). */
void net_addr_loopback(union net_addr *out, int family, uint16_t port);
/* Same family, address and port. */
bool net_addr_same(const union net_addr *a, const union net_addr *b);
/* Same family and address, the port aside. */
bool net_addr_same_host(const union net_addr *a, const union net_addr *b);

#endif
