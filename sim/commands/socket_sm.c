/* The Serial Modem's socket model (sm_at_socket.c, SM v0.2.0+) under its
 * commands: the SM's state of each socket beside the shared table, what
 * one receive writes to the host, the network's callbacks (a connect
 * done, bytes arrived, the peer gone), automatic reception and #XAPOLL's
 * events, and a socket failing in data mode.  The command files
 * (cmd_socket_sm*.c, cmd_recvcfg.c) call in here, never the other way. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "net_conn.h"
#include "resolver.h"
#include "rsp_table.h"
#include "tcp_listen.h"
#include "socket_sm.h"
#include "udp_sock.h"

#define MODEM_MSS 708
#define MODEM_MTU 1280
#define POLL_ALWAYS (SM_POLLERR | SM_POLLHUP | SM_POLLNVAL)	/* libmodem always returns */

struct sm_sock *sm_ext(struct modem *m, const struct sock_state *s)
{
	return &m->smsock->ext[s - sock_slot(m, 0)];
}

struct sock_state *sm_socket_arg(struct modem *m, int64_t h)
{
	struct sock_state *s = sock_by_handle(m, (int)h);

	if (!s)
		at_why(m, AT_ERROR, "no open socket has handle %lld (find_socket: EINVAL)",
		       (long long)h);
	return s;
}

bool sm_data_ready(const struct sock_state *s)
{
	return s->udp ? udp_sock_pending(s->udp) : s->conn && conn_rx_pending(s->conn);
}

/* What one receive takes: the modem's MSS or MTU less the headers. */
static size_t recv_max(const struct sock_state *s)
{
	if (s->type == SOCK_STREAM_T)
		return s->family == 2 ? MODEM_MSS - 60 : MODEM_MSS - 40;
	return s->family == 2 ? MODEM_MTU - 60 : MODEM_MTU - 28;
}

/* data_send_hex(): two hex digits a byte, upper case until SM v1.0.0
 * (sm_util_htoa), lower case from it (Zephyr's bin2hex). */
static void hex_of(struct modem *m, const uint8_t *in, size_t n, struct strbuf *out)
{
	const char *digits = slm_has(m->profile, SLM_FEAT_SM_HEX_LOWER) ? "0123456789abcdef"
									 : "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		char two[2] = { digits[in[i] >> 4], digits[in[i] & 15] };

		sb_append(out, two, 2);
	}
}

/* The bytes after the line: in the answer, as a URC's own (and its CRLF),
 * or alone in data mode. */
static void write_bytes(struct modem *m, const char *buf, size_t n, int how)
{
	if (how == SM_RX_ANSWER) {
		sb_append(&m->resp, buf, n);
	} else if (how == SM_RX_DATAMODE) {
		modem_write(m, buf, n);
	} else {
		modem_urc_bytes(m, buf, n);
		modem_urc_bytes(m, "\r\n", 2);
	}
}

static size_t take(struct modem *m, struct sock_state *s, uint8_t *buf, size_t most,
		   union net_addr *from)
{
	size_t n;

	if (most > recv_max(s))
		most = recv_max(s);
	if (s->udp) {
		n = udp_sock_recv(s->udp, buf, most, from);
		resolver_shown_peer(m->ctx->resolver, from, from);
	} else {
		n = s->conn ? conn_recv(s->conn, buf, most) : 0;
		memset(from, 0, sizeof(*from));
		from->sa.sa_family = AF_INET;	/* 0.0.0.0 */
	}
	if (s->udp)
		link_stats_add(&m->radio.stats, 0, n);
	return n;
}

size_t sm_recv_deliver(struct modem *m, struct sock_state *s, bool hex, size_t most,
		       bool from, int how)
{
	const struct at_rsp *r = how == SM_RX_URC ? &RSP_XRECV_SM_URC : &RSP_XRECV_SM;
	uint8_t buf[SM_DATA_BUF];
	union net_addr sa;
	char addr[NET_ADDR_STRLEN];
	struct strbuf out = { 0 };
	size_t n = take(m, s, buf, most, &sa);

	if (n == 0)
		return 0;	/* recv() 0: an orderly close or an empty datagram; nothing */
	if (from && how != SM_RX_DATAMODE) {
		at_reply(m, how == SM_RX_URC ? &RSP_XRECVFROM_SM_URC : &RSP_XRECVFROM_SM,
			 "%d,%d,%zu,\"%s\",%u", s->handle, hex, n, net_addr_str(&sa, addr, sizeof(addr)),
			 net_addr_port(&sa));
	} else if (how != SM_RX_DATAMODE) {
		at_reply(m, r, "%d,%d,%zu", s->handle, hex, n);
	}
	if (hex)
		hex_of(m, buf, n, &out);
	else
		sb_append(&out, (const char *)buf, n);
	write_bytes(m, out.data, out.len, how);
	sb_free(&out);
	sm_poll_rearm(m, s, SM_POLLIN);
	return n;
}

static void end_wait(struct modem *m, struct sock_state *s, int rc)
{
	s->pending = SP_NONE;
	sim_timer_stop(&s->recv_timer);
	if (s->conn)
		conn_await(s->conn, false);
	if (s->udp) {
		udp_sock_await(s->udp, false, NULL, NULL);
		sm_udp_watch(s);
	}
	modem_complete(m, rc);
}

static void on_open(void *arg, int err, const char *why)
{
	struct sock_state *s = arg;
	struct modem *m = s->m;
	bool accepted = s->pending == SP_ACCEPT;

	if (s->pending != SP_CONNECT && !accepted)
		return;
	if (err) {
		s->pending = SP_NONE;
		at_why(m, AT_ERROR, "%s", why);
		conn_close(s->conn);
		s->conn = NULL;
		if (accepted)
			sock_close(m, s);	/* an accepted socket that never was */
		modem_complete(m, AT_ERROR);
		return;
	}
	s->connected = true;
	modem_log(m, SLOG_INFO, "socket %d connected (%s)", s->handle, conn_cipher(s->conn));
	if (accepted)
		at_reply(m, &RSP_XACCEPT_SM, "%d,%d,\"%s\",%d", s->handle, s->cid, s->peer_addr,
			 sm_ext(m, s)->peer_port);
	else
		at_reply(m, &RSP_XCONNECT_SM, "%d,1", s->handle);
	s->pending = SP_NONE;
	sm_poll_rearm(m, s, SM_POLLOUT);
	modem_complete(m, AT_OK);
}

static void on_data(void *arg)
{
	struct sock_state *s = arg;

	if (s->pending == SP_RECV || s->pending == SP_RECVFROM) {
		sm_recv_deliver(s->m, s, sm_ext(s->m, s)->recv_hex, sm_ext(s->m, s)->recv_len,
				s->pending == SP_RECVFROM, SM_RX_ANSWER);
		end_wait(s->m, s, AT_OK);
		return;
	}
	sm_sock_readable(s->m, s, SM_POLLIN);
}

static void on_closed(void *arg, int err, const char *why)
{
	struct sock_state *s = arg;
	struct modem *m = s->m;

	modem_log(m, SLOG_INFO, "socket %d: %s (%d)", s->handle, why, err);
	s->peer_closed = true;
	s->connected = false;
	if (s->pending == SP_RECV) {
		/* recv() returning 0 (an orderly close) is OK with nothing more. */
		if (conn_rx_pending(s->conn))
			sm_recv_deliver(m, s, sm_ext(m, s)->recv_hex, sm_ext(m, s)->recv_len, false,
					SM_RX_ANSWER);
		end_wait(m, s, err == -ENOTCONN || conn_rx_pending(s->conn) ? AT_OK : AT_ERROR);
		return;
	}
	sm_sock_readable(m, s, SM_POLLIN | SM_POLLHUP);
	if (m->dm.active && m->smsock->dm_sock == s)
		sm_datamode_socket_error(m, s, err == -ENOTCONN ? -ECONNRESET : err);
}

const struct conn_ops sm_sock_ops = { on_open, on_data, on_closed };

static void udp_ready(void *arg)
{
	struct sock_state *s = arg;

	if (s->pending == SP_RECV || s->pending == SP_RECVFROM) {
		sm_recv_deliver(s->m, s, sm_ext(s->m, s)->recv_hex, sm_ext(s->m, s)->recv_len,
				s->pending == SP_RECVFROM, SM_RX_ANSWER);
		end_wait(s->m, s, AT_OK);
		return;
	}
	sm_sock_readable(s->m, s, SM_POLLIN);
}

/* Not while one waits unread: nobody may take it, and it would tell again
 * at once. */
void sm_udp_watch(struct sock_state *s)
{
	if (s->udp && !udp_sock_pending(s->udp))
		udp_sock_watch(s->udp, udp_ready, s);
}

static void recv_timeout(struct sim_timer *t, void *arg)
{
	struct sock_state *s = arg;

	(void)t;
	at_why(s->m, AT_ERROR, "no data on socket %d within the time-out (recv: EAGAIN)",
	       s->handle);
	end_wait(s->m, s, AT_ERROR);
}

/* SO_RCVTIMEO <timeout> seconds, 0 none: recv() blocks until data. */
int sm_wait_data(struct modem *m, struct sock_state *s, enum sock_pending what,
		 int64_t timeout)
{
	s->pending = what;
	sim_timer_init(&s->recv_timer, recv_timeout, s);
	sim_timer_start(m->ctx->clock, &s->recv_timer, timeout > 0 ? timeout * 1000 :
			24LL * 3600 * 1000);
	if (s->udp)
		udp_sock_await(s->udp, true, udp_ready, s);
	else
		conn_await(s->conn, true);
	return AT_PENDING;
}

static int ready_events(const struct sock_state *s)
{
	int ev = 0;

	if (sm_data_ready(s))
		ev |= SM_POLLIN;
	if (s->udp || s->connected)
		ev |= SM_POLLOUT;
	if (s->peer_closed)
		ev |= SM_POLLIN | SM_POLLHUP;
	return ev;
}

/* "#XAPOLL: <h>,<revents>" for the armed events that happened; each once
 * until re-armed (a URC: after the answer, after data mode). */
static void report(struct modem *m, struct sock_state *s, int events)
{
	struct sm_sock *x = sm_ext(m, s);
	int rep = events & x->xapoll_armed;

	if (!rep)
		return;
	x->xapoll_armed &= ~rep;
	at_reply(m, &RSP_XAPOLL_SM, "%d,%d", s->handle, rep);
}

/* Whether bytes on s are delivered unasked now: in AT mode with flag 1; in
 * data mode on the data-mode socket with flag 2 (only the bytes), or with
 * flag 1 after data mode ends (held with the URCs). */
static int adr_how(struct modem *m, struct sock_state *s)
{
	int flags = sm_ext(m, s)->adr_flags;

	if (m->dm.active && m->smsock->dm_sock == s && (flags & SM_ADR_DATA_MODE))
		return SM_RX_DATAMODE;
	return flags & SM_ADR_AT_MODE ? SM_RX_URC : -1;
}

void sm_sock_readable(struct modem *m, struct sock_state *s, int events)
{
	int how = adr_how(m, s);

	if (!s->open)
		return;
	report(m, s, events);
	/* auto_reception(): recv() for a connected socket, recvfrom() otherwise. */
	if ((events & SM_POLLIN) && how >= 0)
		while (sm_recv_deliver(m, s, sm_ext(m, s)->adr_hex, SM_DATA_BUF,
				       s->udp && !s->udp_connected, how) > 0)
			;
	sm_udp_watch(s);
}

void sm_poll_rearm(struct modem *m, struct sock_state *s, int events)
{
	struct sm_sock *x = sm_ext(m, s);

	x->xapoll_armed |= x->xapoll_req & events;
	if (events & SM_POLLIN)
		sm_udp_watch(s);
	report(m, s, ready_events(s));
}

void sm_poll_inherit(struct modem *m, struct sock_state *s)
{
	struct sm_sock *x = sm_ext(m, s);

	x->adr_flags = m->smsock->adr_flags;
	x->adr_hex = m->smsock->adr_hex;
	x->xapoll_req = m->smsock->xapoll_req;
	sm_poll_rearm(m, s, SM_POLLIN | SM_POLLOUT | POLL_ALWAYS);
}


static void client_waits(void *arg)
{
	struct sock_state *s = arg;

	sm_sock_readable(s->m, s, SM_POLLIN);
}

void sm_listen_watch(struct modem *m, struct sock_state *s)
{
	(void)m;
	tcp_listen_await(s->listen, true, client_waits, s, false);
}

/* exit_datamode_handler() from the socket: NULL mode until the host's
 * escape, then "#XDATAMODE: -1".  From SM v0.3.0 a failed send or a poll
 * error does it, and the SM first writes "+++" so the host leaves data
 * mode too; v0.2.0 does it only for a datagram overflow, without "+++",
 * and otherwise drops the bytes and stays. */
void sm_datamode_socket_error(struct modem *m, struct sock_state *s, int err)
{
	if (!m->dm.active || m->smsock->dm_sock != s)
		return;
	modem_log(m, SLOG_WHY, "socket %d failed in data mode (%d)", s->handle, err);
	if (slm_has(m->profile, SLM_FEAT_SM_DATAMODE_BREAK))
		datamode_fail(m, err);
	else if (err == -EOVERFLOW)
		datamode_service_exit(m, DM_EXIT_URC, err);
}
