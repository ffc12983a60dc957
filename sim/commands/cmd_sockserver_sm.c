/* The Serial Modem's server side (sm_at_socket.c): AT#XBIND=<h>,<port>
 * (SM v0.2.0+), and from v2.0.0-preview1 AT#XLISTEN=<h> and AT#XACCEPT=<h>:
 * a non-blocking accept that opens a new socket for the client and answers
 * "#XACCEPT: <h>,<cid>,"<ip>",<port>", or ERROR when none waits (#XAPOLL
 * tells of one: POLLIN on the listening socket). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "at_cmd.h"
#include "cmd_socket_sm.h"
#include "net_conn.h"
#include "rsp_table.h"
#include "socket_sm.h"
#include "tcp_listen.h"
#include "udp_sock.h"

static const struct at_param_def xbind_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("port", AT_R_PORT, 0, 65535),
};

const struct at_schema xbind_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xbind_sm_params, .n = 2, .usage = "expected AT#XBIND=<handle>,<port>" },
	}, .n_forms = 1,
};

static int bind_host(struct modem *m, struct sock_state *s, uint16_t port, char *why,
		     size_t whylen)
{
	if (s->udp)
		return udp_sock_bind(s->udp, port, why, whylen);
	if (s->type != SOCK_STREAM_T || s->secure) {
		snprintf(why, whylen, "binding a %s socket is not emulated",
			 s->secure ? "TLS or DTLS" : "raw");
		return -EOPNOTSUPP;
	}
	s->listen = tcp_listen_open(m->ctx, sock_af(s), port, why, whylen);
	return s->listen ? 0 : -EADDRINUSE;
}

/* bind_to_local_addr(): the PDN's address, none before registration. */
int xbind_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t port = at_int(cmd, "port"), host = port + m->cfg.listen_port_offset;
	char why[CONN_WHY_MAX];

	if (!s)
		return AT_ERROR;
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "no local address to bind to: the modem is not "
			      "registered (ENETDOWN)");
	if (s->bound)
		return at_why(m, AT_ERROR, "socket %d is already bound (bind: EINVAL)", s->handle);
	if (host < 0 || host > 65535)
		return at_why(m, AT_ERROR, "port %lld with modem.listen_port_offset %d is no host "
			      "port", (long long)port, m->cfg.listen_port_offset);
	if (bind_host(m, s, (uint16_t)host, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	s->bound = true;
	sm_ext(m, s)->local_port = (uint16_t)port;
	modem_log(m, SLOG_INFO, "socket %d bound to port %lld: a local client reaches it at "
		  "127.0.0.1:%lld", s->handle, (long long)port, (long long)host);
	return AT_OK;
}

static const struct at_param_def handle_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
};

const struct at_schema xlisten_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = handle_params, .n = 1, .usage = "expected AT#XLISTEN=<handle>" },
	}, .n_forms = 1, .test = "#XLISTEN: <handle>",
};

/* do_listen(): a bound plain TCP socket; the modem's backlog is 2. */
int xlisten_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	char why[CONN_WHY_MAX];

	if (!s)
		return AT_ERROR;
	if (s->type != SOCK_STREAM_T || s->secure || !s->listen)
		return at_why(m, AT_ERROR, "socket %d is no bound TCP socket: AT#XBIND=<handle>,"
			      "<port> first (EOPNOTSUPP)", s->handle);
	if (tcp_listen_start(s->listen, 2, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	sm_ext(m, s)->listening = true;
	sm_listen_watch(m, s);
	modem_log(m, SLOG_INFO, "socket %d listening", s->handle);
	return AT_OK;
}

int xlisten_sm_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (s->open && sm_ext(m, s)->listening)
			at_reply(m, &RSP_XLISTEN, "%d,%d,%u", s->handle, s->cid,
				 sm_ext(m, s)->local_port);
	}
	return AT_OK;
}

const struct at_schema xaccept_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = handle_params, .n = 1, .usage = "expected AT#XACCEPT=<handle>" },
	}, .n_forms = 1, .test = "#XACCEPT: <handle>",
};

/* The client's connection in a new socket; answered once it is open. */
static int open_client(struct modem *m, struct sock_state *ls, int fd, union net_addr *from)
{
	struct sock_state *s = sock_alloc(m);
	struct conn_params p;
	char why[CONN_WHY_MAX];

	if (!s) {
		close(fd);
		return at_why(m, AT_ERROR, "all %d sockets are open: the client is closed (EINVAL)",
			      SLM_MAX_SOCKETS);
	}
	sock_opened(m, s);
	s->family = ls->family;
	s->type = SOCK_STREAM_T;
	s->cid = ls->cid;
	memset(sm_ext(m, s), 0, sizeof(struct sm_sock));
	sm_ext(m, s)->peer_port = net_addr_port(from);
	net_addr_str(from, s->peer_addr, sizeof(s->peer_addr));
	p = (struct conn_params){ .host = s->peer_addr, .port = net_addr_port(from),
				  .owner = m->name, .stats = &m->radio.stats, .accepted_fd = fd };
	if (conn_open(&s->conn, m->ctx, &p, &sm_sock_ops, s, why, sizeof(why))) {
		close(fd);
		s->conn = NULL;
		sock_close(m, s);
		return at_why(m, AT_ERROR, "%s", why);
	}
	s->pending = SP_ACCEPT;
	sm_poll_inherit(m, s);
	return AT_PENDING;
}

int xaccept_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *ls = sm_socket_arg(m, at_int(cmd, "handle"));
	union net_addr from;
	char why[CONN_WHY_MAX];
	int fd;

	if (!ls)
		return AT_ERROR;
	if (!sm_ext(m, ls)->listening)
		return at_why(m, AT_ERROR, "socket %d is not listening: AT#XLISTEN=<handle> first "
			      "(EOPNOTSUPP)", ls->handle);
	fd = tcp_listen_accept(ls->listen, &from, why, sizeof(why));
	if (fd == -EAGAIN)
		return at_why(m, AT_ERROR, "no client waits on socket %d (accept: EAGAIN; "
			      "AT#XAPOLL tells of one)", ls->handle);
	if (fd < 0)
		return at_why(m, AT_ERROR, "%s", why);
	sm_poll_rearm(m, ls, SM_POLLIN);
	sm_listen_watch(m, ls);
	return open_client(m, ls, fd, &from);
}
