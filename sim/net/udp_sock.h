/* A UDP socket of the emulated modem (#XSOCKET type 2): datagrams to and
 * from peers named through the emulated DNS, non-blocking on the event
 * loop, holding virtual time while its owner waits for a datagram. */
#ifndef SLMSIM_UDP_SOCK_H
#define SLMSIM_UDP_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net_addr.h"

struct sim_ctx;
struct udp_sock;

/* A datagram arrived (udp_sock_recv() takes it). */
typedef void (*udp_data_fn)(void *arg);

/* A socket of family (AF_INET, AF_INET6); NULL with why set when none can
 * be made. */
struct udp_sock *udp_sock_open(struct sim_ctx *ctx, int family, char *why, size_t whylen);
void udp_sock_close(struct udp_sock *u);
/* Binds to the host's loopback (127.0.0.1 or ::1) at port (#XBIND: a local
 * peer reaches the modem there); 0, or -errno with why. */
int udp_sock_bind(struct udp_sock *u, uint16_t port, char *why, size_t whylen);
/* Resolves host:port in the socket's family (the emulated DNS); 0, or
 * -errno with why. */
int udp_sock_resolve(struct udp_sock *u, const char *host, uint16_t port, union net_addr *to,
		     char *why, size_t whylen);
/* Bytes sent, or -errno with why. */
int udp_sock_sendto(struct udp_sock *u, const union net_addr *to, const void *buf, size_t len,
		    char *why, size_t whylen);
/* One datagram (truncated to len) and its sender; 0 when none is waiting. */
size_t udp_sock_recv(struct udp_sock *u, void *buf, size_t len, union net_addr *from);
bool udp_sock_pending(const struct udp_sock *u);
/* Wait for a datagram: on_data(arg) when one is there, virtual time held
 * meanwhile; waiting false ends the wait. */
void udp_sock_await(struct udp_sock *u, bool waiting, udp_data_fn on_data, void *arg);
/* on_data(arg) once a datagram is there, virtual time not held: an owner
 * that listens for ever (the UDP proxy); it watches again after each. */
void udp_sock_watch(struct udp_sock *u, udp_data_fn on_data, void *arg);

#endif
