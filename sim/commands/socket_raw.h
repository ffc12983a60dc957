/* A RAW socket (#XSOCKET type 3: the SLM opens AF_PACKET SOCK_RAW): whole
 * IP packets to and from the emulated network.  The network answers ICMP
 * echo requests, IPv4 and IPv6, to any address, after the next round trip
 * of network.ping_rtt_ms (#XPING's echoes count the same); it drops every
 * other packet, and says why on the log. */
#ifndef SLMSIM_SOCKET_RAW_H
#define SLMSIM_SOCKET_RAW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct modem;
struct raw_sock;

/* A packet arrived (raw_sock_recv() takes it). */
typedef void (*raw_data_fn)(void *arg);

struct raw_sock *raw_sock_new(struct modem *m);
void raw_sock_free(struct raw_sock *r);
/* The packet goes to the network: its length (a packet socket takes any
 * bytes; what the network makes of them is logged). */
int raw_sock_send(struct raw_sock *r, const uint8_t *pkt, size_t len);
bool raw_sock_pending(const struct raw_sock *r);
/* The next packet, truncated to len; 0 when none is there. */
size_t raw_sock_recv(struct raw_sock *r, void *buf, size_t len);
/* on_data(arg) once a packet is there (NULL: no one waits). */
void raw_sock_await(struct raw_sock *r, raw_data_fn on_data, void *arg);

#endif
