/* The real mosquitto test broker, started with ci/broker on loopback ports
 * and stopped by its pid. */
#ifndef SLMSIM_TEST_BROKER_H
#define SLMSIM_TEST_BROKER_H

#include <stddef.h>

struct broker {
	char dir[128];
	int plain, tls, tls_noclient, tls_expired, tls_wronghost, tls_bigchain;
	int auth;	/* plain, user slmsim / password slmsim-secret */
};

int broker_start(struct broker *b);
void broker_stop(struct broker *b);
/* Kill it hard (a broker that dies mid-session). */
void broker_kill(struct broker *b);
const char *certs_dir(void);
/* A PEM file (absolute, or in certs_dir()) into buf without its final line
 * breaks, as a %CMNG body; fails the test when unreadable. */
void read_pem(const char *file, char *buf, size_t len);
/* Waits (at most limit_ms of real time) until the broker log contains needle. */
int broker_wait_log(const struct broker *b, const char *needle, int limit_ms);

/* openssl s_server -rev with the fixture broker certificate, requiring a
 * client certificate: answers each line reversed. */
struct echo_server {
	int pid;
	int port;
	int out_fd;
};

int echo_server_start(struct echo_server *e);
void echo_server_stop(struct echo_server *e);

#include <check.h>

/* Starts the broker, runs the suite, stops the broker: an exit status. */
int ck_run_with_broker(Suite *s, struct broker *b);

#endif
