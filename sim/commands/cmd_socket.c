/* SLM socket commands for TCP and TLS clients (fact sheet 4): #XSOCKET,
 * #XSSOCKET, #XSSOCKETOPT, #XCONNECT, #XSEND, #XRECV, #XGETADDRINFO.  One
 * socket at a time, as in SLM v1.8. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "net_conn.h"
#include "resolver.h"

#define IPPROTO_TLS_1_2 258
#define SLM_MAX_URL 128
#define RECV_MAX 1024		/* bytes one #XRECV returns (UNCONFIRMED for v1.8) */
#define SEND_MAX 1024

enum pending_op { OP_NONE, OP_CONNECT, OP_RECV };

struct sock_state {
	bool open;
	int handle;
	int family;		/* the <op> it was opened with: 1 IPv4, 2 IPv6 */
	bool secure;
	uint32_t sec_tag;
	int peer_verify;
	char hostname[SLM_MAX_URL + 1];
	struct conn *conn;
	bool connected;
	bool peer_closed;
	enum pending_op pending;
	struct sim_timer recv_timer;
};

static void drop_conn(struct sock_state *s)
{
	conn_close(s->conn);
	s->conn = NULL;
	s->connected = false;
}

static void close_socket(struct modem *m)
{
	struct sock_state *s = m->sock;

	sim_timer_stop(&s->recv_timer);
	drop_conn(s);
	s->open = false;
	s->secure = false;
	s->hostname[0] = '\0';
	s->peer_closed = false;
}

static int open_socket(struct modem *m, const struct at_cmd *cmd, bool secure)
{
	struct sock_state *s = m->sock;
	const char *name = secure ? "#XSSOCKET" : "#XSOCKET";
	int64_t op, type, role, tag = 0, verify = 2;

	if (at_param_int_range(cmd, 0, 0, 2, &op))
		return at_why(m, AT_ERROR, "<op> must be 0 close, 1 IPv4 or 2 IPv6");
	if (op == 0) {
		if (secure)
			return at_why(m, AT_ERROR, "close a secure socket with AT#XSOCKET=0");
		if (!s->open)
			return at_why(m, AT_ERROR, "no socket is open");
		close_socket(m);
		at_info(m, "#XSOCKET: 0,\"closed\"");
		return AT_OK;
	}
	if (s->open)
		return at_why(m, AT_ERROR, "a socket is already open (SLM v1.8 serves one at a "
			      "time); close it with AT#XSOCKET=0");
	if (op == 2)
		return at_why(m, AT_ERROR, "IPv6 sockets are not emulated");
	if (at_param_int(cmd, 1, &type) || at_param_int(cmd, 2, &role))
		return at_why(m, AT_ERROR, "expected AT%s=<op>,<type>,<role>%s", name,
			      secure ? ",<sec_tag>[,<peer_verify>]" : "");
	if (role == 1)
		return at_why(m, AT_ERROR, secure ? "TLS server role is not supported with modem TLS"
			      : "server sockets are not emulated");
	if (role != 0 || type < 1 || type > (secure ? 2 : 3))
		return at_why(m, AT_ERROR, "<type> or <role> out of range");
	if (type != 1)
		return at_why(m, AT_ERROR, "only stream (type 1) sockets are emulated");
	if (secure) {
		if (at_param_int_range(cmd, 3, 0, 2147483647, &tag))
			return at_why(m, AT_ERROR, "<sec_tag> must be an integer 0..2147483647");
		if (at_param_present(cmd, 4) && at_param_int_range(cmd, 4, 0, 2, &verify))
			return at_why(m, AT_ERROR, "<peer_verify> must be 0 none, 1 optional or 2 required");
	}
	s->open = true;
	s->secure = secure;
	s->family = (int)op;
	s->sec_tag = (uint32_t)tag;
	s->peer_verify = (int)verify;
	s->handle = 0;	/* the first descriptor the modem hands out */
	at_info(m, "%s: %d,1,%d", name, s->handle, secure ? IPPROTO_TLS_1_2 : 6);
	return AT_OK;
}

/* #XSOCKET? and #XSSOCKET?: the open socket of that kind, or 0. */
static int report_socket(struct modem *m, const char *name, bool shown)
{
	struct sock_state *s = m->sock;

	if (shown)
		at_info(m, "%s: %d,%d,0", name, s->handle, s->family);
	else
		at_info(m, "%s: 0", name);
	return AT_OK;
}

int xsocket_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return report_socket(m, "#XSOCKET", m->sock->open);
}

int xsocket_set(struct modem *m, const struct at_cmd *cmd)
{
	return open_socket(m, cmd, false);
}

int xssocket_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return report_socket(m, "#XSSOCKET", m->sock->open && m->sock->secure);
}

int xssocket_set(struct modem *m, const struct at_cmd *cmd)
{
	return open_socket(m, cmd, true);
}

int xssocketopt_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = m->sock;
	int64_t op, name, v;
	const char *str;
	size_t len;

	if (at_param_int_range(cmd, 0, 0, 1, &op) || at_param_int(cmd, 1, &name))
		return at_why(m, AT_ERROR, "expected AT#XSSOCKETOPT=<op>,<name>[,<value>]");
	if (!s->open || !s->secure)
		return at_why(m, AT_ERROR, "no secure socket is open (AT#XSSOCKET=1,...)");
	if (op == 1 && name == 2) {
		if (at_param_str(cmd, 2, &str, &len) || len == 0 || len > SLM_MAX_URL)
			return at_why(m, AT_ERROR, "TLS_HOSTNAME wants a quoted host name of 1..128 chars");
		snprintf(s->hostname, sizeof(s->hostname), "%s", str);
		return AT_OK;
	}
	if (op == 1 && name == 5) {
		if (at_param_int_range(cmd, 2, 0, 2, &v))
			return at_why(m, AT_ERROR, "TLS_PEER_VERIFY wants 0, 1 or 2");
		s->peer_verify = (int)v;
		return AT_OK;
	}
	if (op == 0 && name == 4) {
		if (!s->connected)
			return at_why(m, AT_ERROR, "TLS_CIPHERSUITE_USED needs a connected socket");
		at_info(m, "#XSSOCKETOPT: \"%s\"", conn_cipher(s->conn));
		return AT_OK;
	}
	return at_why(m, AT_ERROR, "#XSSOCKETOPT %s of option %d is not emulated (TLS_HOSTNAME 2 "
		      "and TLS_PEER_VERIFY 5 can be set, TLS_CIPHERSUITE_USED 4 read)",
		      op ? "set" : "get", (int)name);
}

static void on_open(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct sock_state *s = m->sock;

	if (s->pending != OP_CONNECT)
		return;
	s->pending = OP_NONE;
	if (err) {
		at_why(m, AT_ERROR, "%s", why);
		drop_conn(s);
		modem_complete(m, AT_ERROR);
		return;
	}
	s->connected = true;
	modem_log(m, SLOG_INFO, "socket %d connected (%s)", s->handle, conn_cipher(s->conn));
	at_info(m, "#XCONNECT: 1");
	modem_complete(m, AT_OK);
}

static void deliver(struct modem *m)
{
	struct sock_state *s = m->sock;
	char buf[RECV_MAX];
	size_t n = conn_recv(s->conn, buf, sizeof(buf));

	at_raw(m, "%.*s", (int)n, buf);
	at_info(m, "#XRECV: %zu", n);
}

static void on_data(void *arg)
{
	struct modem *m = arg;
	struct sock_state *s = m->sock;

	if (s->pending != OP_RECV)
		return;
	s->pending = OP_NONE;
	sim_timer_stop(&s->recv_timer);
	conn_await(s->conn, false);
	deliver(m);
	modem_complete(m, AT_OK);
}

static void on_closed(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct sock_state *s = m->sock;

	modem_log(m, SLOG_INFO, "socket %d: %s (%d)", s->handle, why, err);
	s->peer_closed = true;
	s->connected = false;
	if (s->pending == OP_RECV) {
		/* recv() returning 0 or an error ends the wait. */
		s->pending = OP_NONE;
		sim_timer_stop(&s->recv_timer);
		if (conn_rx_pending(s->conn)) {
			deliver(m);
			modem_complete(m, AT_OK);
		} else {
			modem_complete(m, err == -ENOTCONN ? AT_OK : AT_ERROR);
		}
	}
}

static const struct conn_ops sock_ops = { on_open, on_data, on_closed };

int xconnect_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = m->sock;
	struct conn_params p = { 0 };
	const char *url;
	size_t len;
	int64_t port;
	char why[CONN_WHY_MAX];
	int rc;

	if (at_param_str(cmd, 0, &url, &len) || at_param_int_range(cmd, 1, 1, 65535, &port))
		return at_why(m, AT_ERROR, "expected AT#XCONNECT=\"<url>\",<port>");
	if (len == 0 || len > SLM_MAX_URL)
		return at_why(m, AT_ERROR, "<url> must be 1..128 characters");
	if (!s->open)
		return at_why(m, AT_ERROR, "no socket is open (AT#XSOCKET=1,1,0 or AT#XSSOCKET=1,1,0,<sec_tag>)");
	if (s->conn)
		return at_why(m, AT_ERROR, "the socket is already connected");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "the modem is not registered to a network (AT+CFUN=1, "
			      "then wait for +CEREG: 1 or 5)");
	p.host = url;
	p.port = (uint16_t)port;
	p.tls = s->secure;
	p.sec_tag = s->sec_tag;
	p.verify = (enum conn_verify)s->peer_verify;
	/* SLM v1.8 sets no TLS host name on #XSSOCKET: only #XSSOCKETOPT does. */
	p.hostname = s->hostname[0] ? s->hostname : NULL;
	p.creds = m->creds;
	p.tls_count = &m->tls_sessions;
	p.owner = m->name;
	s->peer_closed = false;
	rc = conn_open(&s->conn, m->ctx, &p, &sock_ops, m, why, sizeof(why));
	if (rc) {
		s->conn = NULL;
		return at_why(m, AT_ERROR, "%s", why);
	}
	s->pending = OP_CONNECT;
	return AT_PENDING;
}

int xsend_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = m->sock;
	const char *data;
	size_t len;

	if (!at_param_present(cmd, 0))
		return at_why(m, AT_ERROR, "slmsim emulates AT#XSEND=\"<data>\" (data mode "
			      "#XSEND is not emulated yet)");
	if (at_param_str(cmd, 0, &data, &len))
		return at_why(m, AT_ERROR, "<data> must be a quoted string");
	if (!s->connected)
		return at_why(m, AT_ERROR, "the socket is not connected%s",
			      s->peer_closed ? " (the server closed it)" : "");
	if (len > SEND_MAX)
		return at_why(m, AT_ERROR, "more than %d bytes in one #XSEND", SEND_MAX);
	if (conn_send(s->conn, data, len))
		return at_why(m, AT_ERROR, "send failed: %s", conn_why(s->conn));
	at_info(m, "#XSEND: %zu", len);
	return AT_OK;
}

static void recv_timeout(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct sock_state *s = m->sock;

	(void)t;
	if (s->pending != OP_RECV)
		return;
	s->pending = OP_NONE;
	conn_await(s->conn, false);
	modem_complete(m, at_why(m, AT_ERROR, "no data within the #XRECV time-out (recv: EAGAIN)"));
}

int xrecv_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = m->sock;
	int64_t timeout = 0;

	if (at_param_int_range(cmd, 0, INT32_MIN, INT32_MAX, &timeout))
		return at_why(m, AT_ERROR, "expected AT#XRECV=<timeout>: SLM v1.8 requires the "
			      "time-out (seconds, 0 waits for ever)");
	if (!s->conn)
		return at_why(m, AT_ERROR, "the socket is not connected");
	if (conn_rx_pending(s->conn)) {
		deliver(m);
		return AT_OK;
	}
	if (s->peer_closed)
		return AT_OK;	/* recv() returned 0: nothing, and OK */
	s->pending = OP_RECV;
	conn_await(s->conn, true);
	/* A time-out of 0 or less polls not at all: recv() blocks. */
	sim_timer_start(m->ctx->clock, &s->recv_timer, timeout > 0 ? timeout * 1000 :
			24LL * 3600 * 1000);
	return AT_PENDING;
}

int xgetaddrinfo_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sockaddr_in sa;
	const char *host;
	size_t len;
	char addr[INET_ADDRSTRLEN];

	if (at_param_str(cmd, 0, &host, &len) || len == 0)
		return at_why(m, AT_ERROR, "expected AT#XGETADDRINFO=\"<hostname>\"");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "the modem is not registered to a network");
	if (resolver_lookup(m->ctx->resolver, host, 0, &sa))
		return at_why(m, AT_ERROR, "DNS: no address for '%s' (give one with --resolve %s=<ip>)",
			      host, host);
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof(addr));
	at_info(m, "#XGETADDRINFO: \"%s\"", addr);
	return AT_OK;
}

int socket_init(struct modem *m, char *err, size_t errlen)
{
	m->sock = calloc(1, sizeof(*m->sock));
	if (!m->sock) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sim_timer_init(&m->sock->recv_timer, recv_timeout, m);
	return 0;
}

void socket_fini(struct modem *m)
{
	if (!m->sock)
		return;
	close_socket(m);
	free(m->sock);
	m->sock = NULL;
}

/* Leaving the network takes the socket's connection with it. */
void socket_net_changed(struct modem *m)
{
	struct sock_state *s = m->sock;

	if (!s || !s->conn || net_registered(&m->net))
		return;
	modem_log(m, SLOG_INFO, "socket %d: network lost, connection closed", s->handle);
	drop_conn(s);
	s->peer_closed = true;
	if (s->pending) {
		s->pending = OP_NONE;
		sim_timer_stop(&s->recv_timer);
		modem_complete(m, at_why(m, AT_ERROR, "the network went away during the command"));
	}
}
