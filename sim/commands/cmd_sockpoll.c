/* AT#XPOLL=<timeout_ms>[,<handle1>[,...<handle8>]] of NCS 2.0-3.1
 * (slm_at_socket.c handle_at_poll, do_poll): poll() over the open sockets,
 * or the ones named, for POLLIN; one "#XPOLL: <h>,"<revents>"" per socket
 * that has events, in the order polled; nothing when the time runs out. */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_sockpoll.h"
#include "net_conn.h"
#include "socket_state.h"
#include "tcp_listen.h"
#include "udp_sock.h"

/* Zephyr's poll.h. */
#define ZPOLLIN 0x01
#define ZPOLLHUP 0x10

#define POLL_FOREVER_MS (24LL * 3600 * 1000)

/* What poll() sees on s now.  A server's accepted client is its own fd
 * (fd_peer): its data does not make the listening socket readable. */
static int revents_of(struct sock_state *s)
{
	if (s->udp)
		return udp_sock_pending(s->udp) ? ZPOLLIN : 0;
	if (s->listen)
		return s->poll_revents;	/* a client came while polling */
	if (s->conn && conn_rx_pending(s->conn))
		return ZPOLLIN | (s->peer_closed ? ZPOLLHUP : 0);
	/* An orderly close reads as end of file: readable, and hung up. */
	return s->peer_closed ? ZPOLLIN | ZPOLLHUP : 0;
}

static struct sock_state *polled(struct modem *m, int i)
{
	return m->socks->poll_fds[i] < 0 ? NULL : sock_by_handle(m, m->socks->poll_fds[i]);
}

static bool any_ready(struct modem *m)
{
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		if (polled(m, i) && revents_of(polled(m, i)))
			return true;
	return false;
}

static void report(struct modem *m)
{
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = polled(m, i);
		int ev = s ? revents_of(s) : 0;

		if (ev)
			at_reply(m, &RSP_XPOLL, m->socks->poll_fmt, s->handle, ev);
	}
}

static void listen_ready(void *arg);
static void udp_ready(void *arg);

static void await_all(struct modem *m, bool waiting)
{
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = polled(m, i);

		if (!s)
			continue;
		s->pending = waiting ? SP_POLL : SP_NONE;
		if (s->udp)
			udp_sock_await(s->udp, waiting, waiting ? udp_ready : NULL, s);
		else if (s->listen)
			tcp_listen_await(s->listen, waiting, waiting ? listen_ready : NULL, s, true);
		else if (s->conn)
			conn_await(s->conn, waiting);
	}
}

static void finish(struct modem *m)
{
	await_all(m, false);
	sim_timer_stop(&m->socks->poll_timer);
	report(m);
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		if (polled(m, i))
			polled(m, i)->poll_revents = 0;
	modem_complete(m, AT_OK);
}

void sock_poll_event(struct sock_state *s)
{
	if (s->pending == SP_POLL && any_ready(s->m))
		finish(s->m);
}

static void listen_ready(void *arg)
{
	struct sock_state *s = arg;

	s->poll_revents = ZPOLLIN;
	sock_poll_event(s);
}

static void udp_ready(void *arg)
{
	sock_poll_event(arg);
}

/* poll() returning 0: no line, and OK. */
static void poll_timeout(struct sim_timer *t, void *arg)
{
	(void)t;
	finish(arg);
}

static int choose(struct modem *m, const struct at_cmd *cmd)
{
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		m->socks->poll_fds[i] = -1;
		if (cmd->nparams < 2 && s->open)
			m->socks->poll_fds[i] = s->handle;
		if (cmd->nparams < 2 || !at_arg_has(cmd, 1 + i))
			continue;
		if (!sock_by_handle(m, (int)at_arg_int(cmd, 1 + i)))
			return at_why(m, AT_ERROR, "no open socket has handle %lld (EINVAL)",
				      (long long)at_arg_int(cmd, 1 + i));
		m->socks->poll_fds[i] = (int)at_arg_int(cmd, 1 + i);
	}
	return AT_OK;
}

static int poll_cmd(struct modem *m, const struct at_cmd *cmd, const char *fmt)
{
	int64_t timeout = at_int(cmd, "timeout");

	if (choose(m, cmd) != AT_OK)
		return AT_ERROR;
	m->socks->poll_fmt = fmt;
	if (timeout == 0 || any_ready(m)) {
		report(m);
		return AT_OK;
	}
	await_all(m, true);
	sim_timer_init(&m->socks->poll_timer, poll_timeout, m);
	sim_timer_start(m->ctx->clock, &m->socks->poll_timer,
			timeout > 0 ? timeout : POLL_FOREVER_MS);
	return AT_PENDING;
}

#define HANDLE(n) AT_INT(n, AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT_END)

static const struct at_param_def xpoll_params[] = {
	AT_INT("timeout", AT_R_TIMEOUT, INT32_MIN, INT32_MAX),
	HANDLE("handle1"), HANDLE("handle2"), HANDLE("handle3"), HANDLE("handle4"),
	HANDLE("handle5"), HANDLE("handle6"), HANDLE("handle7"), HANDLE("handle8"),
};

const struct at_schema xpoll_schema = {
	.forms = (const struct at_form[]){
		{ .p = xpoll_params, .n = 9,
		  .usage = "expected AT#XPOLL=<timeout_ms>[,<handle1>[,...<handle8>]]" },
	}, .n_forms = 1,
};

/* revents: eight hex digits in 2.0, four from 2.1. */
int xpoll20_set(struct modem *m, const struct at_cmd *cmd)
{
	return poll_cmd(m, cmd, "%d,\"0x%08x\"");
}

int xpoll21_set(struct modem *m, const struct at_cmd *cmd)
{
	return poll_cmd(m, cmd, "%d,\"0x%04x\"");
}
