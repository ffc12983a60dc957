/* SLM v1.8 UDP proxy (slm_at_udp_proxy.c): #XUDPSVR, #XUDPCLI, #XUDPSEND
 * and the #XUDPDATA URC.  One proxy, client or server, beside the #XSOCKET
 * socket and the TCP proxy.  Each datagram is written at once, the bytes
 * then #XUDPDATA (raw in data mode); the server answers the sender of the
 * last datagram.  The server binds the host's 127.0.0.1 at its port plus
 * modem.listen_port_offset. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_udp_proxy.h"
#include "cmd_pdn.h"
#include "net_conn.h"
#include "rsp_table.h"
#include "socket_state.h"
#include "udp_sock.h"
#include "zerrno.h"

#define SLM_MAX_PAYLOAD 1252	/* the receive thread's buffer */
#define Z_EAI_NONAME (-2)	/* Zephyr's getaddrinfo() failures */
#define Z_EAI_AGAIN (-3)

enum { UP_CLIENT, UP_SERVER };

struct udp_proxy {
	int sock;		/* -1 none */
	int family;		/* 0 unset, 1 IPv4, 2 IPv6 */
	int role;
	struct udp_sock *udp;
	union net_addr remote;	/* the client's peer, the server's last sender */
};

static void proxy_datagram(void *arg)
{
	struct modem *m = arg;
	struct udp_proxy *p = m->udpp;
	char buf[SLM_MAX_PAYLOAD];
	union net_addr from;
	size_t n;

	while (udp_sock_pending(p->udp)) {
		n = udp_sock_recv(p->udp, buf, sizeof(buf), &from);
		if (p->role == UP_SERVER)
			p->remote = from;
		if (n == 0)
			continue;	/* recv() 0: the thread goes on */
		link_stats_add(&m->radio.stats, 0, n);
		modem_write(m, buf, n);
		if (!m->dm.active)
			at_reply(m, &RSP_XUDPDATA, "%zu", n);
	}
	udp_sock_watch(p->udp, proxy_datagram, m);
}

static void close_proxy(struct modem *m, struct udp_proxy *p)
{
	udp_sock_close(p->udp);
	p->udp = NULL;
	fd_give(&m->fds, p->sock);
	p->sock = -1;
	memset(&p->remote, 0, sizeof(p->remote));
}

/* socket(): the modem's lowest free fd. */
static int open_proxy(struct modem *m, int role, char *why, size_t whylen)
{
	struct udp_proxy *p = m->udpp;

	if (fd_lowest(&m->fds) < 0) {
		snprintf(why, whylen, "socket(): every fd of the modem is taken (ENFILE)");
		return -ENFILE;
	}
	p->udp = udp_sock_open(m->ctx, p->family == 2 ? AF_INET6 : AF_INET, why, whylen);
	if (!p->udp)
		return -ENOMEM;
	p->role = role;
	p->sock = fd_take(&m->fds, "UDP proxy");
	return 0;
}

static int server_start(struct modem *m, int64_t port)
{
	struct udp_proxy *p = m->udpp;
	int64_t host = port + m->cfg.listen_port_offset;
	char why[CONN_WHY_MAX], own[NET_ADDR_STRLEN];

	/* The server binds context 0's address of its family (util_get_ip_addr). */
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "no local IPv4 address: the modem is not registered "
			      "(AT+CFUN=1, then wait for +CEREG: 1 or 5)");
	if (!(p->family == 2 ? pdn_address6 : pdn_address)(m, 0, own, sizeof(own)))
		return at_why(m, AT_ERROR, "no local IPv%d address: +CGPADDR shows none for context "
			      "0 (PDP type %s)", p->family == 2 ? 6 : 4, m->radio.pdn[0].type);
	if (host < 0 || host > 65535)
		return at_why(m, AT_ERROR, "port %lld with modem.listen_port_offset %d is no host "
			      "port", (long long)port, m->cfg.listen_port_offset);
	if (open_proxy(m, UP_SERVER, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	if (udp_sock_bind(p->udp, (uint16_t)host, why, sizeof(why))) {
		close_proxy(m, p);
		return at_why(m, AT_ERROR, "%s", why);
	}
	udp_sock_watch(p->udp, proxy_datagram, m);
	modem_log(m, SLOG_INFO, "UDP server on %s port %lld: a local peer reaches it at %s port "
		  "%lld", own, (long long)port, p->family == 2 ? "::1" : "127.0.0.1", (long long)host);
	at_reply(m, &RSP_XUDPSVR, "%d,\"started\"", p->sock);
	return AT_OK;
}

static const struct at_param_def xudpsvr_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XUDPSVR=<op>[,<port>]"),
	AT_INT("port", AT_R_PORT, 0, 65535),
};

const struct at_schema xudpsvr_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xudpsvr_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xudpsvr_params, .n = 2,
		  .usage = "expected AT#XUDPSVR=<op>,<port>" },
	}, .n_forms = 2, .test = "#XUDPSVR: (0,1,2),<port>,<sec_tag>",
};

/* Closing either role answers with the role's line: the SLM's stop and
 * disconnect both close proxy.sock. */
static int stop(struct modem *m, const struct at_rsp *line, const char *what)
{
	struct udp_proxy *p = m->udpp;

	if (p->sock < 0)
		return AT_OK;
	close_proxy(m, p);
	at_reply(m, line, "0,\"%s\"", what);
	return AT_OK;
}

/* The proxy's family from <op>: 1 IPv4, 2 IPv6. */
static int busy(struct modem *m, int64_t op)
{
	if (m->udpp->sock >= 0)
		return at_why(m, AT_ERROR, "the UDP proxy is in use (#XUDPSVR=0 or #XUDPCLI=0 "
			      "first)");
	m->udpp->family = (int)op;
	return AT_OK;
}

int xudpsvr_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_arg_int(cmd, 0);

	if (op == 0)
		return stop(m, &RSP_XUDPSVR, "stopped");
	if (!cmd->form)
		return AT_ERROR;
	if (busy(m, op))
		return AT_ERROR;
	return server_start(m, at_int(cmd, "port"));
}

int xudpsvr_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XUDPSVR, "%d,%d", m->udpp->sock, m->udpp->family);
	return AT_OK;
}

static int not_connected(struct modem *m, int code, const char *why)
{
	close_proxy(m, m->udpp);
	at_reply(m, &RSP_XUDPCLI, "%d,\"not connected\"", code);
	return at_why(m, AT_ERROR, "%s", why);
}

static int client_connect(struct modem *m, const char *url, uint16_t port)
{
	struct udp_proxy *p = m->udpp;
	char why[CONN_WHY_MAX];

	if (open_proxy(m, UP_CLIENT, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	if (!net_registered(&m->net))
		return not_connected(m, Z_EAI_AGAIN, "DNS: the modem is not registered to a network");
	if (udp_sock_resolve(p->udp, url, port, &p->remote, why, sizeof(why)))
		return not_connected(m, Z_EAI_NONAME, why);
	if (!pdn_routes(m, p->family == 2 ? AF_INET6 : AF_INET, 0, why, sizeof(why)))
		return not_connected(m, -zephyr_errno(ENETUNREACH), why);
	udp_sock_watch(p->udp, proxy_datagram, m);
	at_reply(m, &RSP_XUDPCLI, "%d,\"connected\"", p->sock);
	return AT_OK;
}

static const struct at_param_def xudpcli_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XUDPCLI=<op>[,<url>,<port>[,<sec_tag>]]"),
	AT_STR("url", AT_R_HOST, 127), AT_INT("port", AT_R_PORT, 0, 65535),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL, .opt = AT_OPT),
};

const struct at_schema xudpcli_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xudpcli_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xudpcli_params, .n = 4,
		  .usage = "expected AT#XUDPCLI=<op>,\"<url>\",<port>[,<sec_tag>]" },
	}, .n_forms = 2, .test = "#XUDPCLI: (0,1,2),<url>,<port>,<sec_tag>",
};

int xudpcli_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_arg_int(cmd, 0);

	if (op == 0)
		return stop(m, &RSP_XUDPCLI, "disconnected");
	if (!cmd->form)
		return AT_ERROR;
	if (busy(m, op))
		return AT_ERROR;
	if (at_arg_has(cmd, 3))
		return at_why(m, AT_ERROR, "a DTLS client of the UDP proxy is not emulated "
			      "(#XSSOCKET=1,2,0,<sec_tag> is)");
	return client_connect(m, at_str(cmd, "url"), (uint16_t)at_int(cmd, "port"));
}

int xudpcli_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XUDPCLI, "%d,%d", m->udpp->sock, m->udpp->family);
	return AT_OK;
}

static int proxy_send(struct modem *m, const uint8_t *data, size_t len)
{
	struct udp_proxy *p = m->udpp;
	char why[CONN_WHY_MAX];
	int rc;

	if (p->sock < 0) {
		modem_log(m, SLOG_WHY, "UDP proxy: not open (EINVAL)");
		return -1;
	}
	rc = udp_sock_sendto(p->udp, &p->remote, data, len, why, sizeof(why));
	if (rc < 0) {
		modem_log(m, SLOG_WHY, "UDP proxy: %s%s", why, p->role == UP_SERVER &&
			  !net_addr_port(&p->remote) ? " (no datagram has come: nobody to answer)" : "");
		return -1;
	}
	link_stats_add(&m->radio.stats, (size_t)rc, 0);
	return 0;
}

static const struct at_param_def xudpsend_params[] = {
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT_END,
	       .why = "expected AT#XUDPSEND=\"<data>\" of at most 1252 characters, or "
		      "AT#XUDPSEND for data mode"),
};

const struct at_schema xudpsend_schema = {
	.forms = (const struct at_form[]){ { .p = xudpsend_params, .n = 1 } }, .n_forms = 1,
};

int xudpsend_set(struct modem *m, const struct at_cmd *cmd)
{
	return at_send_or_datamode(m, cmd, proxy_send, &RSP_XUDPSEND);
}

int udp_proxy_init(struct modem *m, char *err, size_t errlen)
{
	m->udpp = calloc(1, sizeof(*m->udpp));
	if (!m->udpp) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->udpp->sock = -1;
	return 0;
}

void udp_proxy_fini(struct modem *m)
{
	if (!m->udpp)
		return;
	close_proxy(m, m->udpp);
	free(m->udpp);
	m->udpp = NULL;
}
