/* Rows of the Serial Modem generations (profiles F, G, H of slm-versions.md):
 * what SM v0.2.0 brought or answers differently (rows_sm02), then v0.3.0
 * (rows_sm03) and v2.0.0-preview1 (rows_sm20).  slm_generations.c puts
 * them, newest first, before the rows the SM shares with the SLM. */
#include "cmd_generic.h"
#include "cmd_slm.h"
#include "cmd_socket_sm.h"
#include "cmd_sockopt.h"
#include "cmd_table.h"
#include "cmd_tlsopt.h"

#define SM02 "SM v0.2.0"
#define SM03 "SM v0.3.0"
#define SM20 "SM v2.0.0-preview1"

static const struct at_cmd_def sm02[] = {
	{ .name = "#XSMVER", .origin = AT_ORIGIN_SLM, .set = xsmver_set, .since = SM02,
	  .summary = "Serial Modem version and the NCS it is built on" },
	{ .name = "E0", .origin = AT_ORIGIN_SLM, .set = ate_set, .since = SM02,
	  .summary = "echo off (the default)" },
	{ .name = "E1", .origin = AT_ORIGIN_SLM, .set = ate_set, .since = SM02,
	  .summary = "echo on: every byte the host sends comes back as read, a command's "
		     "echo cut at 4096 bytes" },
	{ .name = "#XSOCKET", .origin = AT_ORIGIN_SLM, .set = xsocket_sm_set,
	  .read = xsocket_sm_read, .schema = &xsocket_sm_schema, .flags = AT_F_OPENS_SOCKET,
	  .since = SM02,
	  .summary = "open a TCP or UDP socket: `#XSOCKET: <handle>,<type>,<protocol>`; "
		     "read: one line per open socket" },
	{ .name = "#XSSOCKET", .origin = AT_ORIGIN_SLM, .set = xssocket_sm_set,
	  .read = xssocket_sm_read, .schema = &xssocket_sm_schema,
	  .flags = AT_F_OPENS_SOCKET, .since = SM02,
	  .summary = "open a TLS or DTLS socket; read: one line per open secure socket" },
	{ .name = "#XCLOSE", .origin = AT_ORIGIN_SLM, .action = xclose_action, .set = xclose_set,
	  .schema = &xclose_schema, .since = SM02,
	  .summary = "close one socket, or all without a handle: `#XCLOSE: <handle>,0` each" },
	{ .name = "#XCONNECT", .origin = AT_ORIGIN_SLM, .set = xconnect_sm_set,
	  .schema = &xconnect_sm_schema, .flags = AT_F_NEEDS_REG | AT_F_BLOCKING,
	  .peer = AT_PEER_SOCKET, .since = SM02,
	  .summary = "connect a socket (TCP, TLS handshake): `#XCONNECT: <handle>,1`" },
	{ .name = "#XSEND", .origin = AT_ORIGIN_SLM, .set = xsend_sm_set,
	  .schema = &xsend_sm_schema, .peer = AT_PEER_SOCKET, .since = SM02,
	  .summary = "send a string (mode 0), hex (1) or in data mode (2, <data_len> bytes or "
		     "until +++); flag 8192: `#XSENDNTF` after the answer",
	  .limits = "`#XSENDNTF` reports every send acknowledged at once" },
	{ .name = "#XRECV", .origin = AT_ORIGIN_SLM, .set = xrecv_sm_set,
	  .schema = &xrecv_sm_schema, .flags = AT_F_RECEIVES, .since = SM02,
	  .summary = "receive: `#XRECV: <handle>,<mode>,<size>`, then the bytes (mode 1: hex)" },
	{ .name = "#XSENDTO", .origin = AT_ORIGIN_SLM, .set = xsendto_sm_set,
	  .schema = &xsendto_sm_schema, .flags = AT_F_NEEDS_REG, .peer = AT_PEER_SOCKET,
	  .since = SM02, .summary = "send a UDP datagram to <url>,<port> (modes as #XSEND)" },
	{ .name = "#XRECVFROM", .origin = AT_ORIGIN_SLM, .set = xrecvfrom_sm_set,
	  .schema = &xrecvfrom_sm_schema, .flags = AT_F_RECEIVES, .since = SM02,
	  .summary = "receive a datagram: `#XRECVFROM: <handle>,<mode>,<size>,\"<ip>\",<port>`, "
		     "then the bytes" },
	{ .name = "#XBIND", .origin = AT_ORIGIN_SLM, .set = xbind_sm_set, .schema = &xbind_sm_schema,
	  .flags = AT_F_NEEDS_REG, .since = SM02,
	  .summary = "bind a socket to a port: the host's 127.0.0.1 at that port (plus "
		     "`modem.listen_port_offset`), where local peers reach it",
	  .limits = "binds to the host's loopback, not a PDN address; TLS/DTLS sockets are "
		    "not bound" },
	{ .name = "#XSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xsocketopt_sm02_set,
	  .schema = &xsocketopt_sm_schema, .since = SM02,
	  .summary = "socket options by handle (2, 20, 21, 30-32, 40, 61, 62): "
		     "`#XSOCKETOPT: <handle>,<value>` for a get",
	  .limits = "values are kept and read back; none changes the emulated socket" },
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt_sm02_set,
	  .schema = &xssocketopt_sm_schema, .since = SM02,
	  .summary = "TLS options of a secure socket by handle (2, 4, 5, 12-15, 18): "
		     "`#XSSOCKETOPT: <handle>,<value>` for a get",
	  .limits = "values are kept; none but the host name and peer verification changes "
		    "the emulated handshake" },
	{ .name = "#XAPOLL", .origin = AT_ORIGIN_SLM, .set = xapoll_v02_set, .read = xapoll_v02_read,
	  .schema = &xapoll_v02_schema, .since = SM02,
	  .summary = "poll sockets in the background: `#XAPOLL: <handle>,<revents>` once per "
		     "event until a send or receive",
	  .limits = "POLLHUP when the peer closes; no POLLERR or POLLNVAL" },
};

static const struct at_cmd_def sm03[] = {
	{ .name = "#XSSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xssocketopt_sm03_set,
	  .schema = &xssocketopt_sm_schema, .since = SM03,
	  .summary = "TLS options of a secure socket by handle, 22 DTLS_FRAG_EXT added: "
		     "`#XSSOCKETOPT: <handle>,<value>` for a get",
	  .limits = "values are kept; none but the host name and peer verification changes "
		    "the emulated handshake" },
	{ .name = "#XRECVCFG", .origin = AT_ORIGIN_SLM, .set = xrecvcfg_set,
	  .read = xrecvcfg_read, .schema = &xrecvcfg_schema, .since = SM03,
	  .summary = "automatic reception: `#XRECV` and the bytes come unasked (flag 1, after "
		     "any answer), in data mode the bytes alone (flag 2)" },
	{ .name = "#XAPOLL", .origin = AT_ORIGIN_SLM, .set = xapoll_set, .read = xapoll_read,
	  .schema = &xapoll_schema, .since = SM03,
	  .summary = "poll one socket or all in the background: `#XAPOLL: <handle>,<revents>` "
		     "once per event until a send or receive",
	  .limits = "POLLHUP when the peer closes; no POLLERR or POLLNVAL" },
};

/* #XLISTEN and #XACCEPT are back, by handle; the client is a new socket. */
static const struct at_cmd_def sm20[] = {
	{ .name = "#XSOCKETOPT", .origin = AT_ORIGIN_SLM, .set = xsocketopt_sm20_set,
	  .schema = &xsocketopt_sm_schema, .since = SM20,
	  .summary = "socket options by handle, 55 TCP_SRV_SESSTIMEO added: "
		     "`#XSOCKETOPT: <handle>,<value>` for a get",
	  .limits = "values are kept and read back; none changes the emulated socket" },
	{ .name = "#XLISTEN", .origin = AT_ORIGIN_SLM, .set = xlisten_sm_set,
	  .read = xlisten_sm_read, .schema = &xlisten_sm_schema, .since = SM20,
	  .summary = "listen on a bound TCP socket (backlog 2); read: `#XLISTEN: <handle>,<cid>,"
		     "<port>` per listening socket" },
	{ .name = "#XACCEPT", .origin = AT_ORIGIN_SLM, .set = xaccept_sm_set,
	  .schema = &xaccept_sm_schema, .since = SM20,
	  .summary = "take a waiting client as a new socket: `#XACCEPT: <handle>,<cid>,"
		     "\"<ip>\",<port>`; ERROR when none waits (#XAPOLL POLLIN tells of one)" },
};

const struct slm_rows rows_sm02 = { .rows = sm02, .n = ARRAY_SIZE(sm02) };
const struct slm_rows rows_sm03 = { .rows = sm03, .n = ARRAY_SIZE(sm03) };
const struct slm_rows rows_sm20 = { .rows = sm20, .n = ARRAY_SIZE(sm20) };
