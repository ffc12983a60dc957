/* The SLM's socket receive commands, #XRECV and #XRECVFROM, in each
 * generation's shape (data then header in 1.8, header then data from 2.0,
 * <flags> from 2.1, the sender's port from 2.5), and the socket's side of
 * its connection's events. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_socket_io.h"
#include "net_conn.h"
#include "resolver.h"
#include "socket_raw.h"
#include "socket_state.h"
#include "udp_sock.h"

#define MODEM_MSS 708
#define MODEM_MTU 1280
#define ZMSG_PEEK 0x02
#define ZMSG_DONTWAIT 0x40
#define ZMSG_WAITALL 0x100

static const struct recv_shape shape18 = { .header_first = false, .from = &RSP_XRECVFROM };
static const struct recv_shape shape20 = { .header_first = true, .from = &RSP_XRECVFROM };
static const struct recv_shape shape25 = { .header_first = true, .from = &RSP_XRECVFROM_PORT };

/* What one receive takes: the modem's MSS or MTU less the headers.
 * do_recvfrom() sizes its read for a datagram whatever the socket, an IPv6
 * one unless the family is AF_INET; do_recv() an IPv4 datagram's for a raw
 * socket. */
static size_t recv_max(const struct sock_state *s, bool from)
{
	if (from)
		return s->family == 1 ? MODEM_MTU - 28 : MODEM_MTU - 60;
	if (s->type == SOCK_STREAM_T)
		return s->family == 2 ? MODEM_MSS - 60 : MODEM_MSS - 40;
	return s->family == 2 ? MODEM_MTU - 60 : MODEM_MTU - 28;
}

static void end_wait(struct sock_state *s, int rc)
{
	struct modem *m = s->m;

	s->pending = SP_NONE;
	sim_timer_stop(&s->recv_timer);
	if (s->conn)
		conn_await(s->conn, false);
	if (s->udp)
		udp_sock_await(s->udp, false, NULL, NULL);
	if (s->raw)
		raw_sock_await(s->raw, NULL, NULL);
	modem_complete(m, rc);
}

/* "#XRECV: <n>", or #XRECVFROM's with the sender (sa NULL: recvfrom()
 * left the address unset, "" and port 0). */
static void header(struct sock_state *s, bool from, size_t n, const union net_addr *sa)
{
	char addr[NET_ADDR_STRLEN] = "";

	if (sa)
		net_addr_str(sa, addr, sizeof(addr));
	if (!from)
		at_reply(s->m, &RSP_XRECV, "%zu", n);
	else if (s->rshape->from == &RSP_XRECVFROM_PORT)
		at_reply(s->m, s->rshape->from, "%zu,\"%s\",%u", n, addr, sa ? net_addr_port(sa) : 0);
	else
		at_reply(s->m, s->rshape->from, "%zu,\"%s\"", n, addr);
}

/* Data, whole (NUL bytes too), and its header before or after it.  From a
 * TCP socket #XRECVFROM shows the server's address when the modem's
 * recvfrom() fills it (modem.tcp_recvfrom_addr). */
static void deliver_stream(struct sock_state *s, bool from)
{
	struct modem *m = s->m;
	char buf[MODEM_MTU];
	union net_addr sa;
	const union net_addr *shown = NULL;
	size_t n = conn_recv(s->conn, buf, recv_max(s, from));

	if (from && m->cfg.tcp_recvfrom_addr) {
		conn_peer_addr(s->conn, &sa);
		resolver_shown_peer(m->ctx->resolver, &sa, &sa);
		shown = &sa;
	}
	if (s->rshape->header_first)
		header(s, from, n, shown);
	sb_append(&m->resp, buf, n);
	if (!s->rshape->header_first)
		header(s, from, n, shown);
}

/* One packet of a raw socket; recvfrom() gives no IP address for an
 * AF_PACKET socket (UNCONFIRMED): "" (and port 0). */
static void deliver_packet(struct sock_state *s, bool from)
{
	struct modem *m = s->m;
	char buf[MODEM_MTU];
	size_t n = raw_sock_recv(s->raw, buf, recv_max(s, from));

	if (s->rshape->header_first)
		header(s, from, n, NULL);
	sb_append(&m->resp, buf, n);
	if (!s->rshape->header_first)
		header(s, from, n, NULL);
}

static void deliver_datagram(struct sock_state *s, bool from)
{
	struct modem *m = s->m;
	char buf[MODEM_MTU];
	union net_addr sa;
	size_t n = udp_sock_recv(s->udp, buf, recv_max(s, from), &sa);

	if (n == 0)
		return;	/* a zero-length datagram: OK and nothing else */
	link_stats_add(&m->radio.stats, 0, n);
	resolver_shown_peer(m->ctx->resolver, &sa, &sa);
	if (s->rshape->header_first)
		header(s, from, n, &sa);
	sb_append(&m->resp, buf, n);
	if (!s->rshape->header_first)
		header(s, from, n, &sa);
}

void sock_on_data(void *arg)
{
	struct sock_state *s = arg;

	if (s->pending == SP_POLL)
		sock_poll_event(s);
	if (s->pending != SP_RECV && s->pending != SP_RECVFROM)
		return;
	deliver_stream(s, s->pending == SP_RECVFROM);
	end_wait(s, AT_OK);
}

void sock_on_closed(void *arg, int err, const char *why)
{
	struct sock_state *s = arg;
	struct modem *m = s->m;

	modem_log(m, SLOG_INFO, "socket %d: %s (%d)", s->handle, why, err);
	s->peer_closed = true;
	s->connected = false;
	if (s->pending == SP_POLL)
		sock_poll_event(s);
	if (s->pending != SP_RECV && s->pending != SP_RECVFROM)
		return;
	/* recv() returning 0 (an orderly close) is OK with nothing more. */
	if (conn_rx_pending(s->conn))
		deliver_stream(s, s->pending == SP_RECVFROM);
	end_wait(s, err == -ENOTCONN || conn_rx_pending(s->conn) ? AT_OK : AT_ERROR);
}

static void recv_timeout(struct sim_timer *t, void *arg)
{
	struct sock_state *s = arg;

	(void)t;
	at_why(s->m, AT_ERROR, "no data within the time-out (poll: EAGAIN)");
	end_wait(s, AT_ERROR);
}

static void udp_ready(void *arg)
{
	struct sock_state *s = arg;

	deliver_datagram(s, s->pending == SP_RECVFROM);
	end_wait(s, AT_OK);
}

static void raw_ready(void *arg)
{
	struct sock_state *s = arg;

	deliver_packet(s, s->pending == SP_RECVFROM);
	end_wait(s, AT_OK);
}

/* Wait for data: a time-out of 0 or less polls not at all (recv blocks,
 * unless MSG_DONTWAIT makes it fail at once). */
static int wait_data(struct sock_state *s, enum sock_pending what, int64_t timeout, int64_t flags)
{
	struct modem *m = s->m;

	if (timeout <= 0 && (flags & ZMSG_DONTWAIT))
		return at_why(m, AT_ERROR, "no data and MSG_DONTWAIT (recv: EAGAIN)");
	s->pending = what;
	sim_timer_init(&s->recv_timer, recv_timeout, s);
	sim_timer_start(m->ctx->clock, &s->recv_timer, timeout > 0 ? timeout * 1000 :
			24LL * 3600 * 1000);
	if (s->udp)
		udp_sock_await(s->udp, true, udp_ready, s);
	else if (s->raw)
		raw_sock_await(s->raw, raw_ready, s);
	else
		conn_await(s->conn, true);
	return AT_PENDING;
}

static const struct at_param_def xrecv_params[] = {
	AT_INT("timeout", AT_R_TIMEOUT, INT32_MIN, INT32_MAX),
};

const struct at_schema xrecv_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv_params, .n = 1, .usage = "expected AT#XRECV=<timeout>: SLM v1.8 "
		  "requires the time-out (seconds, 0 waits for ever)" },
	}, .n_forms = 1,
};

static const struct at_param_def xrecv21_params[] = {
	AT_INT("timeout", AT_R_TIMEOUT, INT32_MIN, INT32_MAX),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT),
};

const struct at_schema xrecv21_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv21_params, .n = 2, .usage = "expected AT#XRECV=<timeout>[,<flags>]" },
	}, .n_forms = 1,
};

const struct at_schema xrecvfrom21_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv21_params, .n = 2, .usage = "expected AT#XRECVFROM=<timeout>[,<flags>]" },
	}, .n_forms = 1,
};

const struct at_schema xrecvfrom_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv_params, .n = 1, .usage = "expected AT#XRECVFROM=<timeout>" },
	}, .n_forms = 1,
};

/* recv() on the socket, as shape says; flags as the SLM passes them. */
static int recv_cmd(struct modem *m, const struct at_cmd *cmd, const struct recv_shape *shape)
{
	struct sock_state *s = sock_current(m);
	int64_t timeout = at_int(cmd, "timeout"), flags = at_int(cmd, "flags");

	s->rshape = shape;
	if (flags & (ZMSG_PEEK | ZMSG_WAITALL))
		modem_log(m, SLOG_INFO, "recv flags 0x%llx: MSG_PEEK and MSG_WAITALL are not "
			  "emulated (the data is taken as it is there)", (long long)flags);
	if (s->raw) {
		if (raw_sock_pending(s->raw)) {
			deliver_packet(s, false);
			return AT_OK;
		}
		return wait_data(s, SP_RECV, timeout, flags);
	}
	if (s->udp) {
		if (udp_sock_pending(s->udp)) {
			deliver_datagram(s, false);
			return AT_OK;
		}
		return wait_data(s, SP_RECV, timeout, flags);
	}
	if (!s->conn)
		return at_why(m, AT_ERROR, "the socket is not connected (ENOTCONN)");
	if (conn_rx_pending(s->conn)) {
		deliver_stream(s, false);
		return AT_OK;
	}
	if (s->peer_closed)
		return AT_OK;	/* recv() returned 0: nothing, and OK */
	return wait_data(s, SP_RECV, timeout, flags);
}

/* do_recvfrom() reads the socket's own fd whatever its type: a TCP
 * client's connection (then recv()'s rules: an orderly close is OK with
 * nothing), a TCP server's listening socket (ENOTCONN). */
static int recvfrom_stream(struct modem *m, struct sock_state *s, const struct at_cmd *cmd)
{
	if (s->role == 1 || !s->conn)
		return at_why(m, AT_ERROR, "recvfrom() on a %s: ENOTCONN (the SLM reads the socket's "
			      "own fd%s)", s->role == 1 ? "listening TCP socket" :
			      "TCP socket that is not connected", s->role == 1 ?
			      ", never the accepted client's: use #XRECV" : "");
	if (conn_rx_pending(s->conn)) {
		deliver_stream(s, true);
		return AT_OK;
	}
	if (s->peer_closed)
		return AT_OK;
	return wait_data(s, SP_RECVFROM, at_int(cmd, "timeout"), at_int(cmd, "flags"));
}

static int recvfrom_cmd(struct modem *m, const struct at_cmd *cmd, const struct recv_shape *shape)
{
	struct sock_state *s = sock_current(m);

	s->rshape = shape;
	if (!s->open)
		return at_why(m, AT_ERROR, "#XRECVFROM needs an open socket (recvfrom: EBADF)");
	if (s->raw && raw_sock_pending(s->raw)) {
		deliver_packet(s, true);
		return AT_OK;
	}
	if (!s->udp && !s->raw)
		return recvfrom_stream(m, s, cmd);
	if (s->udp && udp_sock_pending(s->udp)) {
		deliver_datagram(s, true);
		return AT_OK;
	}
	return wait_data(s, SP_RECVFROM, at_int(cmd, "timeout"), at_int(cmd, "flags"));
}

int xrecv_set(struct modem *m, const struct at_cmd *cmd) { return recv_cmd(m, cmd, &shape18); }
int xrecv20_set(struct modem *m, const struct at_cmd *cmd) { return recv_cmd(m, cmd, &shape20); }

int xrecvfrom_set(struct modem *m, const struct at_cmd *cmd)
{
	return recvfrom_cmd(m, cmd, &shape18);
}

int xrecvfrom20_set(struct modem *m, const struct at_cmd *cmd)
{
	return recvfrom_cmd(m, cmd, &shape20);
}

int xrecvfrom25_set(struct modem *m, const struct at_cmd *cmd)
{
	return recvfrom_cmd(m, cmd, &shape25);
}

/* Leaving the network takes the sockets' connections with it. */
void socket_net_changed(struct modem *m)
{
	for (int i = 0; i < SLM_MAX_SOCKETS && !net_registered(&m->net); i++) {
		struct sock_state *s = sock_slot(m, i);

		if (!s || !s->conn)
			continue;
		modem_log(m, SLOG_INFO, "socket %d: network lost, connection closed", s->handle);
		conn_close(s->conn);
		s->conn = NULL;
		s->connected = false;
		s->peer_closed = true;
		if (s->pending == SP_POLL)
			sock_poll_event(s);
		else if (s->pending)
			end_wait(s, at_why(m, AT_ERROR, "the network went away during the command"));
	}
}

