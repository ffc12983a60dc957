/* SLM v1.8 TCP proxy (slm_at_tcp_proxy.c): #XTCPCLI, #XTCPSVR, #XTCPSEND,
 * #XTCPHANGUP and the #XTCPDATA URC.  One proxy, client or server, beside
 * the #XSOCKET socket.  What the peer sends is written at once, the bytes
 * then #XTCPDATA (raw in data mode), as the SLM's receive thread does.
 * The server listens on the host's 127.0.0.1 at its port plus
 * modem.listen_port_offset and serves one client at a time. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "at_cmd.h"
#include "cmd_pdn.h"
#include "cmd_tcp_proxy.h"
#include "net_conn.h"
#include "resolver.h"
#include "rsp_table.h"
#include "socket_state.h"
#include "tcp_listen.h"
#include "zerrno.h"

#define SLM_MAX_PAYLOAD 1252	/* the receive thread's buffer */
#define Z_EAI_NONAME (-2)	/* Zephyr's getaddrinfo() failures */
#define Z_EAI_AGAIN (-3)

enum { TP_NONE, TP_CLIENT, TP_SERVER };

struct tcp_proxy {
	int sock;		/* the proxy's fd; -1 none */
	int peer;		/* the server's client fd; -1 none */
	int family;		/* 0 unset, 1 IPv4, 2 IPv6 */
	int role;
	bool connecting;
	struct conn *conn;	/* the client's connection, or the server's client */
	struct tcp_listen *listen;
};

/* close(): the fd goes back to the modem's table. */
static void close_fd(struct modem *m, int *fd)
{
	fd_give(&m->fds, *fd);
	*fd = -1;
}

static void proxy_data(void *arg)
{
	struct modem *m = arg;
	struct tcp_proxy *p = m->tcpp;
	char buf[SLM_MAX_PAYLOAD];
	size_t n;

	while (p->conn && (n = conn_recv(p->conn, buf, sizeof(buf))) > 0) {
		modem_write(m, buf, n);
		if (!m->dm.active)
			at_reply(m, &RSP_XTCPDATA, "%zu", n);
	}
}

static void drop_conn(struct tcp_proxy *p)
{
	conn_close(p->conn);
	p->conn = NULL;
	p->connecting = false;
}

/* In data mode the thread ends it first: "#XDATAMODE: 0" (1.8-2.0, the
 * cause from 2.1) then the line; from 2.7 "+++" to the host and no line,
 * the cause following the host's escape (exit_datamode_handler). */
static bool datamode_ends(struct modem *m, int cause)
{
	if (!m->dm.active || m->dm.null_mode)
		return false;
	if (slm_has(m->profile, SLM_FEAT_PROXY_QUIT)) {
		datamode_fail(m, cause);
		return true;
	}
	datamode_service_exit(m, DM_EXIT_URC, cause);
	return false;
}

/* POLLHUP in the receive thread: -ECONNRESET, whoever closed. */
static void proxy_closed(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct tcp_proxy *p = m->tcpp;
	int cause = -zephyr_errno(ECONNRESET);
	bool quiet;

	proxy_data(arg);
	modem_log(m, SLOG_INFO, "TCP proxy: %s (%d)", why, err);
	drop_conn(p);
	quiet = datamode_ends(m, cause);
	if (p->role == TP_CLIENT) {
		close_fd(m, &p->sock);
		if (!quiet)
			at_reply(m, &RSP_XTCPCLI_URC, "%d,\"disconnected\"", cause);
	} else {
		close_fd(m, &p->peer);
		if (!quiet)
			at_reply(m, &RSP_XTCPSVR_URC, "%d,\"disconnected\"", cause);
	}
}

static void proxy_open(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct tcp_proxy *p = m->tcpp;

	if (!p->connecting) {
		if (err)	/* the server's client failed at once */
			proxy_closed(arg, err, why);
		return;
	}
	p->connecting = false;
	if (err) {
		drop_conn(p);
		close_fd(m, &p->sock);
		at_reply(m, &RSP_XTCPCLI, "%d,\"not connected\"", -zephyr_errno(-err));
		modem_complete(m, at_why(m, AT_ERROR, "%s", why));
		return;
	}
	at_reply(m, &RSP_XTCPCLI, "%d,\"connected\"", p->sock);
	modem_complete(m, AT_OK);
}

static const struct conn_ops proxy_ops = { proxy_open, proxy_data, proxy_closed };

static int not_connected(struct modem *m, int code, const char *why)
{
	close_fd(m, &m->tcpp->sock);
	at_reply(m, &RSP_XTCPCLI, "%d,\"not connected\"", code);
	return at_why(m, AT_ERROR, "%s", why);
}

static int client_connect(struct modem *m, const struct at_cmd *cmd)
{
	struct tcp_proxy *p = m->tcpp;
	const char *url = at_str(cmd, "url");
	bool tls = at_arg_has(cmd, 3);
	struct conn_params cp = { .host = url, .family = p->family == 2 ? AF_INET6 : AF_INET,
				  .port = (uint16_t)at_int(cmd, "port"), .tls = tls,
				  .sec_tag = tls ? (uint32_t)at_int(cmd, "sec_tag") : 0,
				  .verify = CONN_VERIFY_REQUIRED, .creds = m->creds,
				  .tls_count = &m->tls_sessions, .prof = m->tls, .owner = m->name,
				  .stats = &m->radio.stats };
	char why[CONN_WHY_MAX];
	int rc;

	p->role = TP_CLIENT;
	if ((p->sock = fd_take(&m->fds, "TCP proxy")) < 0) {
		p->sock = -1;	/* socket() fails: no line */
		return at_why(m, AT_ERROR, "socket(): every fd of the modem is taken (ENFILE)");
	}
	if (!net_registered(&m->net))
		return not_connected(m, Z_EAI_AGAIN, "DNS: the modem is not registered to a network");
	if (!pdn_routes(m, cp.family, 0, why, sizeof(why)))
		return not_connected(m, -zephyr_errno(ENETUNREACH), why);
	rc = conn_open(&p->conn, m->ctx, &cp, &proxy_ops, m, why, sizeof(why));
	if (rc) {
		p->conn = NULL;
		return not_connected(m, rc == -EHOSTUNREACH ? Z_EAI_NONAME : -zephyr_errno(-rc), why);
	}
	p->connecting = true;
	return AT_PENDING;
}

static const struct at_param_def xtcpcli_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XTCPCLI=<op>[,<url>,<port>[,<sec_tag>]]"),
	AT_STR("url", AT_R_HOST, 127), AT_INT("port", AT_R_PORT, 0, 65535),
	AT_INT("sec_tag", AT_R_SEC_TAG, INT32_MIN, INT32_MAX, .opt = AT_OPT),
};

const struct at_schema xtcpcli_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xtcpcli_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xtcpcli_params, .n = 4,
		  .usage = "expected AT#XTCPCLI=<op>,\"<url>\",<port>[,<sec_tag>]" },
	}, .n_forms = 2, .test = "#XTCPCLI: (0,1,2),<url>,<port>,<sec_tag>",
};

int xtcpcli_set(struct modem *m, const struct at_cmd *cmd)
{
	struct tcp_proxy *p = m->tcpp;
	int64_t op = at_arg_int(cmd, 0);

	if (op == 0) {
		/* Nothing open: OK, no line. */
		if (p->sock < 0 || p->role != TP_CLIENT)
			return AT_OK;
		drop_conn(p);
		close_fd(m, &p->sock);
		at_reply(m, &RSP_XTCPCLI, "0,\"disconnected\"");
		return AT_OK;
	}
	if (!cmd->form)
		return AT_ERROR;
	if (p->sock >= 0)
		return at_why(m, AT_ERROR, "the TCP proxy is in use (#XTCPCLI=0 or #XTCPSVR=0 first)");
	p->family = (int)op;
	return client_connect(m, cmd);
}

int xtcpcli_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XTCPCLI, "%d,%d", m->tcpp->sock, m->tcpp->family);
	return AT_OK;
}

static void server_client(void *arg)
{
	struct modem *m = arg;
	struct tcp_proxy *p = m->tcpp;
	union net_addr from;
	struct conn_params cp;
	char why[CONN_WHY_MAX], addr[NET_ADDR_STRLEN];
	int fd = tcp_listen_accept(p->listen, &from, why, sizeof(why));

	tcp_listen_await(p->listen, true, server_client, m, false);
	if (fd < 0)
		return;
	if (p->peer >= 0 || fd_lowest(&m->fds) < 0) {
		modem_log(m, SLOG_INFO, "TCP server: %s", p->peer >= 0 ? "full, a second client "
			  "is closed" : "accept() fails: every fd of the modem is taken (ENFILE)");
		close(fd);
		return;
	}
	net_addr_str(&from, addr, sizeof(addr));
	cp = (struct conn_params){ .host = addr, .port = net_addr_port(&from), .owner = m->name,
				   .stats = &m->radio.stats, .accepted_fd = fd };
	if (conn_open(&p->conn, m->ctx, &cp, &proxy_ops, m, why, sizeof(why))) {
		close(fd);
		p->conn = NULL;
		return;
	}
	p->peer = fd_take(&m->fds, "TCP proxy's client");
	/* A mapping may say where a local client stands for (slmreplay's). */
	resolver_shown_peer(m->ctx->resolver, &from, &from);
	net_addr_str(&from, addr, sizeof(addr));
	at_reply(m, &RSP_XTCPSVR_URC, "\"%s\",\"connected\"", addr);
}

static int not_started(struct modem *m, int err, const char *why)
{
	struct tcp_proxy *p = m->tcpp;

	tcp_listen_close(p->listen);
	p->listen = NULL;
	close_fd(m, &p->sock);
	at_reply(m, &RSP_XTCPSVR, "%d,\"not started\"", -zephyr_errno(err));
	return at_why(m, AT_ERROR, "%s", why);
}

static int server_start(struct modem *m, int64_t port)
{
	struct tcp_proxy *p = m->tcpp;
	int64_t host = port + m->cfg.listen_port_offset;
	char why[CONN_WHY_MAX], own[NET_ADDR_STRLEN];
	int v = p->family == 2 ? 6 : 4;

	p->role = TP_SERVER;
	if ((p->sock = fd_take(&m->fds, "TCP proxy")) < 0)
		return not_started(m, ENFILE, "socket(): every fd of the modem is taken");
	/* It binds context 0's address of its family (util_get_ip_addr): none
	 * before registration, none of IPv6 without one from the network. */
	if (!(v == 6 ? pdn_address6 : pdn_address)(m, 0, own, sizeof(own))) {
		snprintf(why, sizeof(why), "no local IPv%d address: +CGPADDR shows none for "
			 "context 0%s", v, net_registered(&m->net) ? "" : " (not registered)");
		return not_started(m, ENETUNREACH, why);
	}
	if (host < 0 || host > 65535)
		return not_started(m, EINVAL, "the port with modem.listen_port_offset is no host port");
	p->listen = tcp_listen_open(m->ctx, v == 6 ? AF_INET6 : AF_INET, (uint16_t)host, why,
				    sizeof(why));
	if (!p->listen)
		return not_started(m, EADDRINUSE, why);
	if (tcp_listen_start(p->listen, 1, why, sizeof(why)))
		return not_started(m, EINVAL, why);
	tcp_listen_await(p->listen, true, server_client, m, false);
	modem_log(m, SLOG_INFO, "TCP server on %s port %lld: a local client reaches it at %s "
		  "port %lld", own, (long long)port, v == 6 ? "::1" : "127.0.0.1", (long long)host);
	at_reply(m, &RSP_XTCPSVR, "%d,\"started\"", p->sock);
	return AT_OK;
}

static int server_stop(struct modem *m)
{
	struct tcp_proxy *p = m->tcpp;

	if (p->sock < 0 || p->role != TP_SERVER)
		return AT_OK;
	if (p->peer >= 0) {
		drop_conn(p);
		close_fd(m, &p->peer);
		at_reply(m, &RSP_XTCPSVR_URC, "0,\"disconnected\"");
	}
	tcp_listen_close(p->listen);
	p->listen = NULL;
	close_fd(m, &p->sock);
	at_reply(m, &RSP_XTCPSVR_URC, "0,\"stopped\"");
	return AT_OK;
}

static const struct at_param_def xtcpsvr_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XTCPSVR=<op>[,<port>[,<sec_tag>]]"),
	AT_INT("port", AT_R_PORT, 0, 65535),
	AT_INT("sec_tag", AT_R_SEC_TAG, INT32_MIN, INT32_MAX, .opt = AT_OPT),
};

const struct at_schema xtcpsvr_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xtcpsvr_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xtcpsvr_params, .n = 3,
		  .usage = "expected AT#XTCPSVR=<op>,<port>[,<sec_tag>]" },
	}, .n_forms = 2, .test = "#XTCPSVR: (0,1,2),<port>,<sec_tag>",
};

int xtcpsvr_set(struct modem *m, const struct at_cmd *cmd)
{
	struct tcp_proxy *p = m->tcpp;
	int64_t op = at_arg_int(cmd, 0);

	if (op == 0)
		return server_stop(m);
	if (!cmd->form)
		return AT_ERROR;
	if (p->sock >= 0)
		return at_why(m, AT_ERROR, "the TCP proxy is in use (#XTCPSVR=0 or #XTCPCLI=0 first)");
	if (at_arg_has(cmd, 2))
		return at_why(m, AT_ERROR, "a TLS server is not supported on the nRF9160 (SLM v1.8: "
			      "ENOTSUP)");
	p->family = (int)op;
	return server_start(m, at_int(cmd, "port"));
}

int xtcpsvr_read(struct modem *m, const struct at_cmd *cmd)
{
	struct tcp_proxy *p = m->tcpp;

	(void)cmd;
	at_reply(m, &RSP_XTCPSVR, "%d,%d,%d", p->sock, p->peer, p->family);
	return AT_OK;
}

/* send() on the client's or the server's client fd; -1 when none. */
static int proxy_send(struct modem *m, const uint8_t *data, size_t len)
{
	struct tcp_proxy *p = m->tcpp;

	if (!p->conn || p->connecting || (p->role == TP_SERVER && p->peer < 0)) {
		modem_log(m, SLOG_WHY, "TCP proxy: nothing connected to send to (EBADF)");
		return -1;
	}
	if (conn_send(p->conn, data, len)) {
		modem_log(m, SLOG_WHY, "TCP proxy: send failed: %s", conn_why(p->conn));
		return -1;
	}
	return 0;
}

static const struct at_param_def xtcpsend_params[] = {
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT_END,
	       .why = "expected AT#XTCPSEND=\"<data>\" of at most 1252 characters, or "
		      "AT#XTCPSEND for data mode"),
};

const struct at_schema xtcpsend_schema = {
	.forms = (const struct at_form[]){ { .p = xtcpsend_params, .n = 1 } }, .n_forms = 1,
};

int xtcpsend_set(struct modem *m, const struct at_cmd *cmd)
{
	return at_send_or_datamode(m, cmd, proxy_send, &RSP_XTCPSEND);
}

static const struct at_param_def xtcphangup_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
};

const struct at_schema xtcphangup_schema = {
	.forms = (const struct at_form[]){
		{ .p = xtcphangup_params, .n = 1, .usage = "expected AT#XTCPHANGUP=<handle>" },
	}, .n_forms = 1, .test = "#XTCPHANGUP: <handle>",
};

int xtcphangup_set(struct modem *m, const struct at_cmd *cmd)
{
	struct tcp_proxy *p = m->tcpp;

	if (p->role != TP_SERVER || p->peer < 0)
		return at_why(m, AT_ERROR, "no client of the TCP server to hang up");
	if (at_int(cmd, "handle") != p->peer)
		return at_why(m, AT_ERROR, "the server's client is handle %d", p->peer);
	drop_conn(p);
	close_fd(m, &p->peer);
	at_reply(m, &RSP_XTCPSVR_URC, "%d,\"disconnected\"", -zephyr_errno(ECONNREFUSED));
	return AT_OK;
}

int tcp_proxy_init(struct modem *m, char *err, size_t errlen)
{
	m->tcpp = calloc(1, sizeof(*m->tcpp));
	if (!m->tcpp) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->tcpp->sock = m->tcpp->peer = -1;
	return 0;
}

void tcp_proxy_fini(struct modem *m)
{
	if (!m->tcpp)
		return;
	drop_conn(m->tcpp);
	tcp_listen_close(m->tcpp->listen);
	free(m->tcpp);
	m->tcpp = NULL;
}
