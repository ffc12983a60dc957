/* Peers of the socket tests on the host's loopback: a socket bound to an
 * ephemeral port, a forked UDP peer, and stopping a forked peer by its pid. */
#ifndef SLMSIM_TEST_LOOP_PEER_H
#define SLMSIM_TEST_LOOP_PEER_H

#include <sys/types.h>

/* A socket of family (AF_INET or AF_INET6) and type bound to the loopback's
 * ephemeral port, written to *port; the running Check test fails when the
 * bind does. */
int lp_bound_socket(int family, int type, int *port);
/* Forks a UDP peer that sends every datagram back reversed; returns its pid
 * and its port in *port. */
pid_t lp_udp_reverse(int family, int *port);
/* Stops a forked peer (SIGKILL, then reaps it); *pid 0 or less: none. */
void lp_stop(pid_t *pid);

#endif
