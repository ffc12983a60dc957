/* A local mosquitto for replays whose log connects to a broker: one
 * mutual-TLS listener with the fixture certificates and one plain
 * listener, on free loopback ports; stopped by its pid. */
#ifndef SLMREPLAY_BROKER_PROC_H
#define SLMREPLAY_BROKER_PROC_H

#include <sys/types.h>

struct broker_proc {
	pid_t pid;
	int tls_port;
	int plain_port;
	char dir[64];
};

int broker_proc_start(struct broker_proc *b, const char *certs_dir, char *err, size_t errlen);
void broker_proc_stop(struct broker_proc *b);

#endif
