/* The sockets of the SLM's socket commands, shared by cmd_socket.c (open,
 * close, options, connect), cmd_socket_io.c (data) and the later
 * generations' commands: a table of SLM_MAX_SOCKETS slots with a current
 * one (SLM v1.8 has one socket open at most; NCS 2.0 several, the newest
 * or the selected one current; the Serial Modem names them by handle). */
#ifndef SLMSIM_SOCKET_STATE_H
#define SLMSIM_SOCKET_STATE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "clock.h"
#include "net_addr.h"

#define SLM_MAX_URL 128		/* buffer size: 127 characters */
#define SOCK_STREAM_T 1
#define SOCK_DGRAM_T 2
#define SOCK_RAW_T 3

enum sock_pending { SP_NONE, SP_CONNECT, SP_RECV, SP_RECVFROM, SP_ACCEPT, SP_POLL };

struct at_rsp;

/* How a receive answers: the generation's #XRECV/#XRECVFROM shape. */
struct recv_shape {
	bool header_first;		/* "#XRECV: <n>" before the data (NCS 2.0+) */
	const struct at_rsp *from;	/* #XRECVFROM's header (RSP_XRECVFROM_PORT: 2.5+) */
};

#define SLM_MAX_SOCKETS 8	/* SLM_MAX_SOCKET_COUNT (slm_defines.h, NCS 2.0-2.5) */

#define SOCK_OPTS 63	/* option numbers #XSOCKETOPT keeps (0..62, the SM's highest) */
#define SOCK_TLS_OPTS 5	/* #XSSOCKETOPT options kept: cache, purge, handshake time-out, DTLS CID, DTLS_FRAG_EXT */
#define SOCK_OPT_RCVTIMEO 20	/* SO_RCVTIMEO, SO_SNDTIMEO: seconds */
#define SOCK_OPT_SNDTIMEO 21

struct modem;

struct sock_state {
	struct modem *m;	/* the modem whose slot this is (connection callbacks) */
	bool open;
	int handle;
	int ranking;		/* order of opening: the newest takes over when current closes */
	int cid;		/* PDP context (#XSOCKET <cid>, NCS 2.1+); 0 default */
	int family;		/* Zephyr AF_INET 1, AF_INET6 2, AF_PACKET 3 (raw) */
	int type;		/* 1 stream, 2 datagram, 3 raw */
	int role;		/* 0 client, 1 server */
	bool secure;		/* opened with #XSSOCKET: sec_tag valid */
	uint32_t sec_tag;
	int peer_verify;
	bool verify_host;	/* TLS_HOSTNAME "" turns the name check off */
	char hostname[SLM_MAX_URL];
	struct conn *conn;	/* stream */
	struct udp_sock *udp;	/* datagram */
	struct raw_sock *raw;	/* raw (AF_PACKET): IP packets whole */
	bool udp_connected;	/* #XCONNECT on UDP: a default peer */
	union net_addr udp_peer;
	char sendto_url[SLM_MAX_URL];	/* #XSENDTO data mode destination */
	uint16_t sendto_port;
	bool connected;
	bool peer_closed;
	enum sock_pending pending;
	const struct recv_shape *rshape;	/* the running receive's */
	int poll_revents;	/* #XPOLL: what it found */
	int opts[SOCK_OPTS];	/* #XSOCKETOPT values, gone with the socket */
	int tls_opts[SOCK_TLS_OPTS];	/* #XSSOCKETOPT values, indexed as cmd_tlsopt.c numbers them */
	bool bound;		/* #XBIND done */
	struct tcp_listen *listen;	/* a bound stream socket (server role) */
	int peer_handle;	/* #XACCEPT's fd (the SLM's fd_peer); -1 none */
	char peer_addr[NET_ADDR_STRLEN];	/* the accepted client's */
	struct sim_timer recv_timer;
};

struct sock_table {
	struct sock_state slot[SLM_MAX_SOCKETS];
	int current;		/* index of the current slot, open or not */
	int ranking;		/* the next socket's (from 1, as the SLM counts) */
	/* #XPOLL: the handles it polls in its order (-1 none), how it prints
	 * revents, its time-out. */
	int poll_fds[SLM_MAX_SOCKETS];
	const char *poll_fmt;
	struct sim_timer poll_timer;
};

/* The host's address family for the modem's <family> (1 IPv4, 2 IPv6). */
static inline int sock_af(const struct sock_state *s)
{
	return s->family == 2 ? AF_INET6 : AF_INET;
}

struct conn_ops;

/* The current slot, open or not (NULL before socket_init). */
struct sock_state *sock_current(struct modem *m);
/* Slot i (0 <= i < SLM_MAX_SOCKETS), open or not: iterate and test ->open. */
struct sock_state *sock_slot(struct modem *m, int i);
/* The open socket with that handle, or NULL. */
struct sock_state *sock_by_handle(struct modem *m, int handle);
/* A free slot, cleared, its handle the fd socket() would get now (the modem's
 * lowest free one, fd_table.h); NULL when all slots or all fds are taken.
 * The slot stays free until the caller opens it with sock_opened();
 * sock_select() makes it current. */
struct sock_state *sock_alloc(struct modem *m);
/* The slot is open: its fd is taken until sock_close(). */
void sock_opened(struct modem *m, struct sock_state *s);
/* Everything about the socket goes.  When it was the current one, the most
 * recently opened socket left becomes current (NCS 2.0's do_socket_close). */
void sock_close(struct modem *m, struct sock_state *s);
void sock_select(struct modem *m, struct sock_state *s);
int sock_open_count(struct modem *m);
void socket_close_all(struct modem *m);
/* The socket's connection callbacks (cmd_socket_io.c): an accepted
 * connection's data and close take the same way as a connected one's. */
extern const struct conn_ops sock_ops;
void sock_on_data(void *arg);
void sock_on_closed(void *arg, int err, const char *why);
/* Something happened on s while #XPOLL waits on it (cmd_sockpoll.c). */
void sock_poll_event(struct sock_state *s);

#endif
