/* SLM v1.8 socket server role (slm_at_socket.c): #XBIND, #XLISTEN and
 * #XACCEPT.  The modem's server is bound on the host's 127.0.0.1 at the
 * command's port plus modem.listen_port_offset, so a local client reaches
 * it; an accepted client is the socket's connection for #XSEND/#XRECV. */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_pdn.h"
#include "cmd_sockserver.h"
#include "net_conn.h"
#include "rsp_table.h"
#include "socket_state.h"
#include "tcp_listen.h"
#include "udp_sock.h"

#define SERVER_ROLE 1

static int server_role(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (!sock_current(m)->open || sock_current(m)->role != SERVER_ROLE)
		return at_why(m, AT_ERROR, "no server socket is open (AT#XSOCKET=1,1,1): the SLM "
			      "refuses other roles");
	return AT_OK;
}

static int bind_open(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (!sock_current(m)->open)
		return at_why(m, AT_ERROR, "no socket is open (bind: EBADF)");
	return AT_OK;
}

static const struct at_param_def xbind_params[] = {
	AT_INT("port", AT_R_PORT, 0, 65535, .why = "<port> must be 0..65535"),
};

const struct at_schema xbind_schema = {
	.forms = (const struct at_form[]){
		{ .p = xbind_params, .n = 1, .guard = bind_open, .usage = "expected AT#XBIND=<port>" },
	}, .n_forms = 1,
};

static int bind_host(struct modem *m, uint16_t port, char *why, size_t whylen)
{
	struct sock_state *s = sock_current(m);

	if (s->udp)
		return udp_sock_bind(s->udp, port, why, whylen);
	if (s->raw) {
		snprintf(why, whylen, "bind: EINVAL: do_bind() binds AF_INET and AF_INET6 sockets, "
			 "a raw socket is AF_PACKET");
		return -EINVAL;
	}
	if (s->type != SOCK_STREAM_T || s->secure) {
		snprintf(why, whylen, "binding a TLS or DTLS socket is not emulated");
		return -EOPNOTSUPP;
	}
	s->listen = tcp_listen_open(m->ctx, sock_af(s), port, why, whylen);
	return s->listen ? 0 : -EADDRINUSE;
}

int xbind_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);
	int64_t port = at_int(cmd, "port"), host = port + m->cfg.listen_port_offset;
	char why[CONN_WHY_MAX], own[NET_ADDR_STRLEN];

	/* do_bind() binds to the PDN's address of the socket's family (context
	 * 0's, util_get_ip_addr): none before registration. */
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "no local IPv%d address to bind to: the modem is not "
			      "registered (AT+CFUN=1, then wait for +CEREG: 1 or 5)",
			      s->family == 2 ? 6 : 4);
	if (!(s->family == 2 ? pdn_address6 : pdn_address)(m, 0, own, sizeof(own)))
		return at_why(m, AT_ERROR, "bind: EINVAL: PDN 0 has no IPv%d address (+CGPADDR shows "
			      "none; PDP type %s)", s->family == 2 ? 6 : 4, m->radio.pdn[0].type);
	if (s->bound)
		return at_why(m, AT_ERROR, "the socket is already bound (bind: EINVAL)");
	if (host < 0 || host > 65535)
		return at_why(m, AT_ERROR, "port %lld with modem.listen_port_offset %d is no host "
			      "port", (long long)port, m->cfg.listen_port_offset);
	if (bind_host(m, (uint16_t)host, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	s->bound = true;
	modem_log(m, SLOG_INFO, "socket %d bound to %s port %lld: a local client reaches it at "
		  "%s port %lld", s->handle, own, (long long)port, s->family == 2 ? "::1" :
		  "127.0.0.1", (long long)host);
	return AT_OK;
}

const struct at_schema xlisten_schema = {
	.forms = (const struct at_form[]){ { .n = 0, .guard = server_role } }, .n_forms = 1,
};

int xlisten_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);
	char why[CONN_WHY_MAX];

	(void)cmd;
	if (s->udp)
		return at_why(m, AT_ERROR, "a UDP socket does not listen (listen: EOPNOTSUPP)");
	if (!s->listen)
		return at_why(m, AT_ERROR, "the socket is not bound: AT#XBIND=<port> first");
	/* The SLM's backlog is 1. */
	if (tcp_listen_start(s->listen, 1, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	modem_log(m, SLOG_INFO, "socket %d listening", s->handle);
	return AT_OK;
}

static void end_accept(struct sock_state *s)
{
	s->pending = SP_NONE;
	sim_timer_stop(&s->recv_timer);
	tcp_listen_await(s->listen, false, NULL, NULL, false);
}

static void accept_open(void *arg, int err, const char *why)
{
	struct sock_state *s = arg;
	struct modem *m = s->m;

	if (s->pending != SP_ACCEPT)
		return;
	end_accept(s);
	if (err) {
		conn_close(s->conn);
		s->conn = NULL;
		fd_give(&m->fds, s->peer_handle);
		s->peer_handle = -1;
		modem_complete(m, at_why(m, AT_ERROR, "%s", why));
		return;
	}
	s->connected = true;
	s->peer_closed = false;
	at_reply(m, &RSP_XACCEPT, "%d,\"%s\"", s->peer_handle, s->peer_addr);
	modem_complete(m, AT_OK);
}

static void accepted_data(void *arg) { sock_ops.on_data(arg); }

static void accepted_closed(void *arg, int err, const char *why)
{
	sock_ops.on_closed(arg, err, why);
}

static const struct conn_ops accept_ops = { accept_open, accepted_data, accepted_closed };

/* Takes a waiting client; -EAGAIN when none is there yet. */
static int take_client(struct sock_state *s, char *why, size_t whylen)
{
	struct modem *m = s->m;
	union net_addr from;
	struct conn_params p;
	int fd = tcp_listen_accept(s->listen, &from, why, whylen);

	if (fd < 0)
		return fd;
	if (fd_lowest(&m->fds) < 0) {
		close(fd);
		snprintf(why, whylen, "every fd of the modem is taken (accept: ENFILE)");
		return -ENFILE;
	}
	if (s->conn) {
		/* The SLM keeps one peer fd: the earlier client is left behind. */
		modem_log(m, SLOG_INFO, "socket %d: the earlier client's connection is closed",
			  s->handle);
		conn_close(s->conn);
		s->conn = NULL;
		s->connected = false;
	}
	if (s->peer_handle >= 0)
		modem_log(m, SLOG_INFO, "fd %d stays taken until a reboot: the SLM overwrites "
			  "fd_peer without closing it", s->peer_handle);
	s->peer_handle = -1;
	net_addr_str(&from, s->peer_addr, sizeof(s->peer_addr));
	p = (struct conn_params){ .host = s->peer_addr, .port = net_addr_port(&from),
				  .owner = m->name, .stats = &m->radio.stats, .accepted_fd = fd };
	if (conn_open(&s->conn, m->ctx, &p, &accept_ops, s, why, whylen)) {
		close(fd);
		s->conn = NULL;
		return -ECONNABORTED;
	}
	s->peer_handle = fd_take(&m->fds, "accepted peer");	/* accept()'s fd */
	return 0;
}

static void accept_timeout(struct sim_timer *t, void *arg)
{
	struct sock_state *s = arg;

	(void)t;
	end_accept(s);
	modem_complete(s->m, at_why(s->m, AT_ERROR, "no client within the time-out (poll: EAGAIN)"));
}

static void client_ready(void *arg)
{
	struct sock_state *s = arg;
	char why[CONN_WHY_MAX];
	int rc = take_client(s, why, sizeof(why));

	if (rc == -EAGAIN) {
		tcp_listen_await(s->listen, true, client_ready, s, true);
		return;
	}
	if (rc) {
		end_accept(s);
		modem_complete(s->m, at_why(s->m, AT_ERROR, "%s", why));
	}
}

static const struct at_param_def xaccept_params[] = {
	AT_INT("timeout", AT_R_TIMEOUT, INT32_MIN, INT32_MAX),
};

const struct at_schema xaccept_schema = {
	.forms = (const struct at_form[]){
		{ .p = xaccept_params, .n = 1, .guard = server_role,
		  .usage = "expected AT#XACCEPT=<timeout> (seconds, 0 waits for ever)" },
	}, .n_forms = 1,
};

/* poll() with a time-out of 0 or less is skipped: accept() blocks. */
int xaccept_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);
	int64_t timeout = at_int(cmd, "timeout");
	char why[CONN_WHY_MAX];
	int rc;

	if (!tcp_listen_started(s->listen))
		return at_why(m, AT_ERROR, "the socket is not listening: AT#XLISTEN first "
			      "(accept: EINVAL)");
	rc = take_client(s, why, sizeof(why));
	if (rc && rc != -EAGAIN)
		return at_why(m, AT_ERROR, "%s", why);
	s->pending = SP_ACCEPT;
	sim_timer_init(&s->recv_timer, accept_timeout, s);
	sim_timer_start(m->ctx->clock, &s->recv_timer, timeout > 0 ? timeout * 1000 :
			24LL * 3600 * 1000);
	if (rc == -EAGAIN)
		tcp_listen_await(s->listen, true, client_ready, s, true);
	return AT_PENDING;
}

int xaccept_read(struct modem *m, const struct at_cmd *cmd)
{
	if (server_role(m, cmd) != AT_OK)
		return AT_ERROR;
	at_reply(m, &RSP_XTCPACCEPT, "%d", sock_current(m)->peer_handle < 0 ? 0 :
		 sock_current(m)->peer_handle);
	return AT_OK;
}
