/* A local mosquitto for replays whose log connects to a broker: one
 * listener per kind of peer a log can meet (plain or TLS, server-only or
 * mutual, anonymous or with the log's user names and passwords), on free
 * loopback ports, with a certificate the replay CA issues for every host
 * the log names; stopped by its pid. */
#ifndef SLMREPLAY_BROKER_PROC_H
#define SLMREPLAY_BROKER_PROC_H

#include <stddef.h>
#include <sys/types.h>

#include "broker_kind.h"

#define BROKER_MAX_HOSTS 64

struct broker_spec {
	const char *const *hosts;	/* names and IPs its certificate must cover */
	size_t n_hosts;
	const char *logins;		/* "user:password\n" lines it accepts */
};

struct broker_proc {
	pid_t pid;
	int port[BK_N];
	char dir[64];
};

int broker_proc_start(struct broker_proc *b, const char *certs_dir, const struct broker_spec *spec,
		      char *err, size_t errlen);
void broker_proc_stop_process(struct broker_proc *b);
/* Stops it and removes its directory. */
void broker_proc_stop(struct broker_proc *b);
/* Another client publishes payload on topic through the plain listener at
 * port (QoS 1: the broker has it when this returns); 0 or -1. */
int broker_publish(int port, const char *topic, const char *payload);
/* Another client connects with client_id through the plain listener at
 * port: the broker closes the session that had it.  0 or -1. */
int broker_takeover(int port, const char *client_id);

#endif
