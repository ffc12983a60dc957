/* Private to the peer plan's files (peer_plan*.c): the walk through a
 * script's steps and the helpers that add flows and their answers. */
#ifndef SLMREPLAY_PEER_PLAN_WALK_H
#define SLMREPLAY_PEER_PLAN_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "peer_plan.h"

#define WALK_SOCKETS 16

/* A socket the log opened: what it is and the flow it talks to. */
struct walk_sock {
	int handle;		/* as the log shows it; -1: not shown */
	int type;		/* 1 stream, 2 datagram, 0 closed */
	bool tls;
	uint32_t tag;		/* a secure socket's sec_tag */
	int flow;		/* index into the plan's flows; -1 none */
};

/* What the walk through the script remembers: the sockets the host opened,
 * the one it uses now, and the flows of the HTTP client and the proxies. */
struct walk {
	struct peer_plan *p;
	const struct script *sc;
	struct world *wd;	/* the set-up it needs (a test PSK) and its notes */
	struct walk_sock socks[WALK_SOCKETS];
	size_t n_socks;
	int sel;		/* the socket in use, index into socks; -1 none */
	int http;		/* the HTTP client's flow; -1 none */
	int proxy;		/* the TCP/UDP proxy's flow; -1 none */
	int server_port;	/* the proxy's server port (#XTCPSVR, #XUDPSVR); 0 none */
	bool proxy_dm;		/* the host's raw sends are the proxy's data mode */
};

int plan_new_flow(struct peer_plan *p, const char *host, int port, enum flow_kind kind);
/* Datagrams to one destination are one flow, whatever sent them. */
int plan_udp_flow(struct peer_plan *p, const char *host, int port);
/* The peer sends data (or closes) once it has what the modem sent so far
 * and, when at > 0, the replay has reached log time at. */
void plan_add_op(struct peer_flow *f, const char *data, size_t len, bool close, int64_t at);
/* Lines the log shows, joined with the line ends count implies. */
char *plan_rebuild(const char *const *lines, size_t n, size_t count, size_t *len);
/* A receive's count line: its size, hex mode and sender (into from). */
bool plan_count_line(const char *t, int64_t *size, bool *hex, char *from, size_t len);
/* Hex digits into the bytes they stand for; false when not hex pairs. */
bool plan_unhex(char *data, size_t *len);
/* The log's final result for the connect at step i is OK, or a TLS one
 * meets a peer anyway (the handshake says why it fails). */
bool plan_connects(const struct script *sc, size_t i, bool tls);
/* TLS flows: the script judged the sec_tag when it mapped the host. */
void plan_mutual(struct walk *w, int flow);

/* A name's address the log shows (a literal is its own; the first wins). */
void plan_add_name(struct peer_plan *p, const char *host, const char *addr);
/* The socket the log shows with handle h, the last one opened with it; -1. */
int plan_sock_by_handle(const struct walk *w, int64_t h);
/* The flow of the socket in use; -1 none. */
int plan_cur_flow(const struct walk *w);

/* peer_plan_recv.c: what the log shows the peers sending. */
void plan_received(struct walk *w, size_t i, int flow, const char *host);
void plan_received_unasked(struct walk *w, size_t i);
void plan_proxy_data(struct walk *w, size_t i);
void plan_proxy_raw(struct walk *w, size_t i);
void plan_getaddrinfo_shown(struct walk *w, size_t i, const char *host);

/* peer_plan_http.c: #XHTTPCCON's server, and the response a request's
 * #XHTTPCRSP URCs show. */
void plan_http_connect(struct walk *w, size_t i, const struct at_cmd_facts *f);
bool plan_http_response(struct walk *w, size_t i);

#endif
