/* The Serial Modem's socket model (SM v0.2.0+, sm_at_socket.c): sockets
 * named by handle in every command, closed with #XCLOSE, several at once
 * in the shared socket table (socket_state.h).  What the SM keeps per
 * socket beside it (automatic reception, #XAPOLL, send flags) lives here,
 * shared by cmd_socket_sm.c, cmd_socket_sm_io.c and cmd_recvcfg.c. */
#ifndef SLMSIM_SOCKET_SM_H
#define SLMSIM_SOCKET_SM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "socket_state.h"

/* <mode> of the senders and receivers: the bytes, hex, data mode (senders). */
enum { SM_MODE_PLAIN = 0, SM_MODE_HEX = 1, SM_MODE_DATA = 2 };

/* #XRECVCFG <flags>: automatic reception in AT mode, in data mode. */
#define SM_ADR_AT_MODE 1
#define SM_ADR_DATA_MODE 2
/* #XSEND/#XSENDTO <flags>: the network's acknowledgement comes as #XSENDNTF. */
#define SM_MSG_SEND_ACK 0x2000
/* #XRECV <flags> the SM passes to recv() (nrf_socket.h). */
#define SM_MSG_DONTWAIT 0x40
/* Poll events (nrf_socket.h), as #XAPOLL prints them. */
#define SM_POLLIN 0x1
#define SM_POLLOUT 0x4
#define SM_POLLERR 0x8
#define SM_POLLHUP 0x10
#define SM_POLLNVAL 0x20
#define SM_DATA_BUF 2048	/* sm_data_buf: NRF_SOCKET_TLS_MAX_MESSAGE_SIZE */

/* What the SM keeps of one socket (struct sm_socket beside the fd). */
struct sm_sock {
	int adr_flags;		/* SM_ADR_* */
	bool adr_hex;
	int xapoll_req;		/* events #XAPOLL asked for (ERR, HUP, NVAL always) */
	int xapoll_armed;	/* of those, the ones not reported since the last send/recv */
	int send_flags;
	bool recv_hex;		/* the waiting #XRECV's <mode> and <data_len> */
	size_t recv_len;
	bool listening;		/* #XLISTEN done (SM v2.0) */
	uint16_t local_port;	/* #XBIND's */
	int peer_port;		/* an accepted socket's client */
};

/* How received bytes go to the host. */
enum sm_rx_how {
	SM_RX_ANSWER,		/* the running #XRECV's answer */
	SM_RX_URC,		/* automatic reception: a URC line, the bytes, CRLF */
	SM_RX_DATAMODE,		/* automatic reception in data mode: the bytes alone */
};

struct sm_socks {
	struct sm_sock ext[SLM_MAX_SOCKETS];
	/* #XRECVCFG and #XAPOLL without a handle: every socket, and the later ones. */
	int adr_flags;
	bool adr_hex;
	int xapoll_req;
	/* SM v0.2.0's #XAPOLL=<op>,<events>[,<h>...]: one poll for all or some. */
	bool apoll_running, apoll_all;
	int apoll_events;
	bool apoll_one[SLM_MAX_SOCKETS];
	struct sock_state *dm_sock;	/* the data-mode socket */
	char dm_url[SLM_MAX_URL];	/* #XSENDTO data mode: its destination */
	uint16_t dm_port;
	bool dm_failed;			/* a socket error ended its data mode */
};

struct modem;

/* The SM's state of socket s. */
struct sm_sock *sm_ext(struct modem *m, const struct sock_state *s);
/* <h> of the command at parameter i: the open socket, or NULL with why logged. */
struct sock_state *sm_socket_arg(struct modem *m, int64_t h);
/* The connection callbacks of SM sockets (arg: the sock_state). */
extern const struct conn_ops sm_sock_ops;
/* One receive of at most 'most' bytes on s, written as the SM does:
 * "#XRECV: <h>,<mode>,<n>" (from: #XRECVFROM's line with the sender) then
 * the bytes, raw or in hex, as how says.  The count received (0: none). */
size_t sm_recv_deliver(struct modem *m, struct sock_state *s, bool hex, size_t most,
		       bool from, int how);
/* Tell of datagrams arriving on s (a UDP socket) unless one waits already. */
void sm_udp_watch(struct sock_state *s);
/* Whether bytes (or a datagram) wait on s. */
bool sm_data_ready(const struct sock_state *s);
/* The running command waits for bytes on s: <timeout> seconds (0: none),
 * then ERROR.  AT_PENDING. */
int sm_wait_data(struct modem *m, struct sock_state *s, enum sock_pending what,
		 int64_t timeout);
/* Bytes arrived on s (or its peer closed), and no command waits for them:
 * automatic reception and #XAPOLL (cmd_recvcfg.c). */
void sm_sock_readable(struct modem *m, struct sock_state *s, int events);
/* A send or receive re-arms #XAPOLL's POLLOUT or POLLIN (cmd_recvcfg.c). */
void sm_poll_rearm(struct modem *m, struct sock_state *s, int events);
/* A new socket takes the settings made for all (cmd_recvcfg.c). */
void sm_poll_inherit(struct modem *m, struct sock_state *s);
/* A client waits on s, a listening socket (SM v2.0): POLLIN for #XAPOLL. */
void sm_listen_watch(struct modem *m, struct sock_state *s);
/* The socket error in data mode (SM v0.3.0+: it sends +++). */
void sm_datamode_socket_error(struct modem *m, struct sock_state *s, int err);

#endif
