/* The one socket of SLM v1.8's socket commands, shared by cmd_socket.c
 * (open, close, options, connect) and cmd_socket_io.c (data). */
#ifndef SLMSIM_SOCKET_STATE_H
#define SLMSIM_SOCKET_STATE_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>

#include "clock.h"

#define SLM_MAX_URL 128		/* buffer size: 127 characters */
#define SOCK_STREAM_T 1
#define SOCK_DGRAM_T 2
#define SOCK_RAW_T 3

enum sock_pending { SP_NONE, SP_CONNECT, SP_RECV, SP_RECVFROM, SP_ACCEPT };

#define SOCK_OPTS 56	/* SOL_SOCKET option numbers #XSOCKETOPT keeps (0..55) */

struct sock_state {
	bool open;
	int handle;
	int family;		/* Zephyr AF_INET 1, AF_INET6 2 */
	int type;		/* 1 stream, 2 datagram, 3 raw */
	int role;		/* 0 client, 1 server */
	bool secure;		/* opened with #XSSOCKET: sec_tag valid */
	uint32_t sec_tag;
	int peer_verify;
	bool verify_host;	/* TLS_HOSTNAME "" turns the name check off */
	char hostname[SLM_MAX_URL];
	struct conn *conn;	/* stream */
	struct udp_sock *udp;	/* datagram */
	bool udp_connected;	/* #XCONNECT on UDP: a default peer */
	struct sockaddr_in udp_peer;
	char sendto_url[SLM_MAX_URL];	/* #XSENDTO data mode destination */
	uint16_t sendto_port;
	bool connected;
	bool peer_closed;
	enum sock_pending pending;
	int opts[SOCK_OPTS];	/* #XSOCKETOPT values, gone with the socket */
	bool bound;		/* #XBIND done */
	struct tcp_listen *listen;	/* a bound stream socket (server role) */
	int peer_handle;	/* #XACCEPT's fd (the SLM's fd_peer); 0 none */
	char peer_addr[INET_ADDRSTRLEN];	/* the accepted client's */
	struct sim_timer recv_timer;
};

struct modem;
struct conn_ops;
void socket_close_all(struct modem *m);
/* The socket's connection callbacks (cmd_socket_io.c): an accepted
 * connection's data and close take the same way as a connected one's. */
extern const struct conn_ops sock_ops;

#endif
