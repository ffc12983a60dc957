/* Rows of the generations after NCS 1.8: a command a later SLM added, or
 * answers differently, is a row here in the set of the generation that
 * brought it (slm_generations.c lists the sets each profile searches,
 * newest first, before the NCS 1.8 table). */
#include "cmd_generic.h"
#include "cmd_slm.h"
#include "cmd_socket.h"
#include "cmd_socket_io.h"
#include "cmd_socket_ncs.h"
#include "cmd_sockpoll.h"
#include "cmd_table.h"
#include "cmd_tlsopt.h"

#define SLM20 "SLM 2.0.0"
#define SLM21 "SLM 2.1.0"
#define SLM23 "SLM 2.3.0"
#define SLM25 "SLM 2.5.0"
#define SLM26 "SLM 2.6.0"

#define SOCKETS_LIMITS "RAW sockets and IPv6 (family 2) as in NCS 1.8; <cid> is " \
	"kept and read back, the socket uses the default PDN"
#define RECV_LIMITS "MSG_DONTWAIT (64) with no time-out fails at once; MSG_PEEK (2) and " \
	"MSG_WAITALL (256) are accepted and not emulated"
#define TLSOPT_LIMITS "values are kept and read back; none changes the emulated handshake"
#define POLL_LIMITS "POLLIN only; an orderly close reads as POLLIN|POLLHUP (UNCONFIRMED); a " \
	"listening socket is readable when a client comes while the poll waits"

static const struct at_cmd_def v20[] = {
	{ .name = "#XSLEEP", .origin = AT_ORIGIN_SLM, .set = xsleep20_set,
	  .schema = &xsleep20_schema, .since = SLM20,
	  .summary = "1 sleep (a wake-up is a cold boot), 2 idle (the UART off): input is lost "
		     "until SIGUSR1, then Ready and what came meanwhile (1024 B)",
	  .limits = "no power states: a pty has no GPIO, SIGUSR1 stands for the wake-up pin" },
	{ .name = "#XSOCKET", .origin = AT_ORIGIN_SLM, .set = xsocket20_set,
	  .read = xsocket20_read, .test_fn = xsocket_test, .schema = &xsocket20_schema,
	  .flags = AT_F_OPENS_SOCKET, .since = SLM20,
	  .summary = "open a socket (it becomes current) or close the current one",
	  .limits = SOCKETS_LIMITS },
	{ .name = "#XSSOCKET", .origin = AT_ORIGIN_SLM, .set = xssocket20_set,
	  .read = xssocket20_read, .schema = &xssocket20_schema, .flags = AT_F_OPENS_SOCKET,
	  .since = SLM20, .summary = "open a TLS or DTLS socket (it becomes current)",
	  .limits = "client only (no server role); a DTLS receive may join datagrams" },
	{ .name = "#XSOCKETSELECT", .origin = AT_ORIGIN_SLM, .set = xsocketselect20_set,
	  .read = xsocketselect20_read, .test_fn = xsocketselect_test,
	  .schema = &xsocketselect_schema, .since = SLM20,
	  .summary = "make an open socket current; list the open sockets" },
	{ .name = "#XPOLL", .origin = AT_ORIGIN_SLM, .set = xpoll20_set, .schema = &xpoll_schema,
	  .flags = AT_F_BLOCKING, .since = SLM20,
	  .summary = "poll the open sockets, or those named, for data (time-out in ms)",
	  .limits = POLL_LIMITS },
	{ .name = "#XRECV", .origin = AT_ORIGIN_SLM, .set = xrecv20_set, .schema = &xrecv_schema,
	  .flags = AT_F_RECEIVES, .since = SLM20,
	  .summary = "receive from the current socket: `#XRECV: <n>`, then the data" },
	{ .name = "#XRECVFROM", .origin = AT_ORIGIN_SLM, .set = xrecvfrom20_set,
	  .schema = &xrecvfrom_schema, .flags = AT_F_RECEIVES, .since = SLM20,
	  .summary = "receive a UDP datagram: `#XRECVFROM: <n>,\"<ip>\"`, then the data" },
};

/* Profile C has #XSHUTDOWN from 2.3 on (its 'added' list). */
static const struct at_cmd_def v21[] = {
	{ .name = "#XSHUTDOWN", .origin = AT_ORIGIN_SLM, .set = xshutdown_set, .since = SLM23,
	  .summary = "OK, then System Off with the wake-up pin disconnected: only a reset "
		     "(slmctl reset) boots it",
	  .limits = "SIGUSR1 does not wake it, as the pin does not on the board" },
	{ .name = "#XSOCKET", .origin = AT_ORIGIN_SLM, .set = xsocket20_set,
	  .read = xsocket21_read, .test_fn = xsocket21_test, .schema = &xsocket21_schema,
	  .flags = AT_F_OPENS_SOCKET, .since = SLM21,
	  .summary = "open a socket on a PDN context (it becomes current) or close the current one",
	  .limits = SOCKETS_LIMITS },
	{ .name = "#XSSOCKET", .origin = AT_ORIGIN_SLM, .set = xssocket20_set,
	  .read = xssocket21_read, .schema = &xssocket21_schema, .flags = AT_F_OPENS_SOCKET,
	  .since = SLM21, .summary = "open a TLS or DTLS socket on a PDN context",
	  .limits = "client only (no server role); <cid> is kept, the default PDN is used" },
	{ .name = "#XSOCKETSELECT", .origin = AT_ORIGIN_SLM, .set = xsocketselect21_set,
	  .read = xsocketselect21_read, .test_fn = xsocketselect_test,
	  .schema = &xsocketselect_schema, .since = SLM21,
	  .summary = "make an open socket current; list the open sockets with their <cid>" },
	{ .name = "#XPOLL", .origin = AT_ORIGIN_SLM, .set = xpoll21_set, .schema = &xpoll_schema,
	  .flags = AT_F_BLOCKING, .since = SLM21,
	  .summary = "poll the open sockets, or those named, for data (time-out in ms)",
	  .limits = POLL_LIMITS },
	{ .name = "#XRECV", .origin = AT_ORIGIN_SLM, .set = xrecv20_set, .schema = &xrecv21_schema,
	  .flags = AT_F_RECEIVES, .since = SLM21,
	  .summary = "receive from the current socket with recv() <flags>", .limits = RECV_LIMITS },
	{ .name = "#XRECVFROM", .origin = AT_ORIGIN_SLM, .set = xrecvfrom20_set,
	  .schema = &xrecvfrom21_schema, .flags = AT_F_RECEIVES, .since = SLM21,
	  .summary = "receive a UDP datagram with recvfrom() <flags>", .limits = RECV_LIMITS },
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt21_set,
	  .schema = &xssocketopt_schema, .since = SLM21,
	  .summary = "TLS socket options: 12 session cache, 13 purge, 14 DTLS handshake time-out",
	  .limits = TLSOPT_LIMITS },
};

static const struct at_cmd_def v25[] = {
	{ .name = "#XMODEMRESET", .origin = AT_ORIGIN_SLM, .set = xmodemreset_set, .since = SLM25,
	  .summary = "the modem library restarted: #XMODEMRESET: 0; the modem's volatile state "
		     "gone (CFUN 0, +CEREG/+CMEE reporting off), the SLM's kept",
	  .limits = "never fails (no <step>,<err> answer); open sockets are not closed" },
	{ .name = "#XRECVFROM", .origin = AT_ORIGIN_SLM, .set = xrecvfrom25_set,
	  .schema = &xrecvfrom21_schema, .flags = AT_F_RECEIVES, .since = SLM25,
	  .summary = "receive a UDP datagram: `#XRECVFROM: <n>,\"<ip>\",<port>`, then the data",
	  .limits = RECV_LIMITS },
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt25_set,
	  .schema = &xssocketopt25_schema, .since = SLM25,
	  .summary = "TLS socket options: 12/13 session cache and purge, 14/15 DTLS CID and its "
		     "status, 18 DTLS handshake time-out; read back at SOL_TLS",
	  .limits = TLSOPT_LIMITS "; TLS_CIPHERSUITE_USED needs modem firmware 2.0.0" },
};

/* NCS 2.6-3.1 (profile E). */
static const struct at_cmd_def v26[] = {
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt26_set,
	  .schema = &xssocketopt25_schema, .since = SLM26,
	  .summary = "TLS socket options as 2.5's; the host name read back, \"NULL\" sets none",
	  .limits = TLSOPT_LIMITS "; TLS_CIPHERSUITE_USED needs modem firmware 2.0.0" },
	{ .name = "#XSEND", .origin = AT_ORIGIN_SLM, .set = xsend31_set,
	  .schema = &xsend31_schema, .peer = AT_PEER_SOCKET, .since = SLM26,
	  .summary = "send on the current socket; from 3.1 `[,<flags>]`, empty data for data mode",
	  .limits = "send flags are accepted with no effect (512, wait for the ACK, returns at once)" },
	{ .name = "#XSENDTO", .origin = AT_ORIGIN_SLM, .set = xsendto31_set,
	  .schema = &xsendto31_schema, .flags = AT_F_NEEDS_REG, .peer = AT_PEER_SOCKET,
	  .since = SLM26,
	  .summary = "send a UDP datagram; from 3.1 `[,<flags>]`, empty data for data mode",
	  .limits = "send flags are accepted with no effect" },
};

const struct slm_rows rows_v20 = { .rows = v20, .n = ARRAY_SIZE(v20) };
const struct slm_rows rows_v21 = { .rows = v21, .n = ARRAY_SIZE(v21) };
const struct slm_rows rows_v25 = { .rows = v25, .n = ARRAY_SIZE(v25) };
const struct slm_rows rows_v26 = { .rows = v26, .n = ARRAY_SIZE(v26) };

/* The Serial Modem's rows: cmd_table_sm.c. */
