/* The socket peers of a replay: one process that listens on a loopback
 * port per destination the log's sockets reach (TCP, TLS on mbedTLS with
 * the replay's server certificate, or UDP) and plays each flow of the peer
 * plan: after the bytes the log sent, the bytes the log received.  Its
 * ports are bound before it starts, so none can be taken meanwhile; it is
 * stopped by its pid and dies with its parent. */
#ifndef SLMREPLAY_SOCK_PEER_H
#define SLMREPLAY_SOCK_PEER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "peer_plan.h"

#define SOCK_PEER_MAX 16

struct sock_peer_endpoint {
	const char *host;	/* the plan's */
	int port;
	enum flow_kind kind;
	int fd;			/* bound (and listening, for a stream) */
	int local_port;
};

/* A client of the modem's server: its socket, bound before the peer
 * process starts, so the port it comes from is known. */
struct sock_peer_client {
	size_t flow;		/* the plan's */
	int fd;
	int local_port;
};

struct sock_peer {
	pid_t pid;
	struct sock_peer_endpoint ep[SOCK_PEER_MAX];
	size_t n_ep;
	struct sock_peer_client cl[SOCK_PEER_MAX];
	size_t n_cl;
	int listen_offset;	/* the modem's server at port P is on 127.0.0.1:P+offset */
	/* A loopback port bound but not listening: a connect there is refused
	 * at once.  Where the log shows a connect failing, it goes here, never
	 * to the real address. */
	int refuse_fd, refuse_port;
	/* The runner's word to the peer process: the log time the replay has
	 * reached (answers due then go out); -1 when no process runs. */
	int ctl_fd;
};

/* The TLS identity: the replay's server certificate and key, and the CA
 * that checks a client certificate when the modem sends one. */
struct sock_peer_tls {
	const char *cert, *key, *ca;
};

/* listen_offset: where the emulator's servers are (modem.listen_port_offset). */
int sock_peer_start(struct sock_peer *sp, const struct peer_plan *plan,
		    const struct sock_peer_tls *tls, int listen_offset, char *err, size_t errlen);
void sock_peer_stop(struct sock_peer *sp);
/* The local port flow's client peer comes from; 0 when none. */
int sock_peer_client_port(const struct sock_peer *sp, size_t flow);
/* The replay has reached log time log_ms: answers due by then may go. */
void sock_peer_release(struct sock_peer *sp, int64_t log_ms);
/* The loopback port that serves host:port; the refusing one when none. */
int sock_peer_port(const struct sock_peer *sp, const char *host, int port);

#endif
