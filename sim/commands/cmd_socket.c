/* SLM v1.8 socket commands (slm_at_socket.c): #XSOCKET, #XSSOCKET,
 * #XSSOCKETOPT and #XCONNECT.  One socket at a time; stream sockets are
 * TCP or TLS clients, datagram sockets UDP. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_pdn.h"
#include "cmd_socket.h"
#include "socket_raw.h"
#include "net_conn.h"
#include "socket_state.h"
#include "tcp_listen.h"
#include "udp_sock.h"

#define IPPROTO_TLS_1_2 258
#define IPPROTO_DTLS_1_2 273

/* do_socket_close(): nothing open is no error, and says nothing. */
int socket_close_current(struct modem *m)
{
	struct sock_state *s = sock_current(m);

	if (!s->open)
		return AT_OK;
	sock_close(m, s);
	at_reply(m, &RSP_XSOCKET, "0,\"closed\"");
	return AT_OK;
}

static int open_kind(struct modem *m, struct sock_state *s, const struct at_rsp *r, bool secure)
{
	char why[CONN_WHY_MAX];

	/* do_socket_open(): a raw socket is an AF_PACKET client, whatever the op. */
	if (s->type == SOCK_RAW_T) {
		s->family = 3;
		s->role = 0;
		if (!(s->raw = raw_sock_new(m)))
			return at_why(m, AT_ERROR, "out of memory");
	}
	if (s->family == 2 && m->cfg.ipv6_needs_addr &&
	    !pdn_routes(m, AF_INET6, 0, why, sizeof(why)))
		return at_why(m, AT_ERROR, "socket() refused (modem.ipv6_needs_addr): %s", why);
	/* A DTLS socket is a connection (net_conn over UDP); plain UDP has its own. */
	if (!secure && s->type == SOCK_DGRAM_T &&
	    !(s->udp = udp_sock_open(m->ctx, sock_af(s), why, sizeof(why))))
		return at_why(m, AT_ERROR, "%s", why);
	/* The handle is sock_alloc()'s: Zephyr's lowest free fd. */
	sock_opened(m, s);
	sock_select(m, s);
	s->secure = secure;
	s->verify_host = true;
	at_reply(m, r, "%d,%d,%d", s->handle, s->type,
		secure ? (s->type == SOCK_DGRAM_T ? IPPROTO_DTLS_1_2 : IPPROTO_TLS_1_2) :
		s->type == SOCK_DGRAM_T ? 17 : s->type == SOCK_RAW_T ? 0 : 6);
	return AT_OK;
}

/* do_socket_open(): socket() fails with ENFILE when every fd is taken. */
static int no_free_slot(struct modem *m)
{
	return at_why(m, AT_ERROR, "all %d sockets are open: close one first (socket: ENFILE)",
		      SLM_MAX_SOCKETS);
}

/* The open ops of #XSOCKET: a new socket, current from now on. */
int socket_open_plain(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s;
	int64_t type = at_int(cmd, "type");

	if (type < 1 || type > 3)
		return at_why(m, AT_ERROR, "socket type %lld not supported", (long long)type);
	if (!(s = sock_alloc(m)))
		return no_free_slot(m);
	s->type = (int)type;
	s->role = (int)at_int(cmd, "role");
	s->family = (int)at_arg_int(cmd, 0);
	s->cid = (int)at_int(cmd, "cid");
	return open_kind(m, s, &RSP_XSOCKET, false);
}

/* do_socket_open() refuses a second socket before it reads the type. */
static int no_socket_open(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (sock_current(m)->open)
		return at_why(m, AT_ERROR, "a socket is already open (SLM v1.8 serves one at a "
			      "time); close it with AT#XSOCKET=0");
	return AT_OK;
}

static const struct at_param_def xsocket_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#XSOCKET=<op>[,<type>,<role>]"),
	AT_INT("type", AT_R_SOCK_TYPE, 0, 65535),
	AT_INT("role", AT_R_NONE, 0, 65535),
};

const struct at_schema xsocket_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xsocket_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xsocket_params, .n = 3, .guard = no_socket_open,
		  .usage = "expected AT#XSOCKET=<op>,<type>,<role>" },
	}, .n_forms = 2,
};

/* Other ops: the SLM answers OK and does nothing. */
int xsocket_set(struct modem *m, const struct at_cmd *cmd)
{
	if (at_arg_int(cmd, 0) == 0)
		return socket_close_current(m);
	if (!cmd->form)
		return AT_OK;
	return socket_open_plain(m, cmd);
}

int xsocket_read(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);

	(void)cmd;
	if (s->open)
		at_reply(m, &RSP_XSOCKET, "%d,%d,%d", s->handle, s->family, s->role);
	else
		at_reply(m, &RSP_XSOCKET, "0");
	return AT_OK;
}

/* The SLM prints this one without its CRLF. */
int xsocket_test(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_raw(m, "\r\n#XSOCKET: (0,1,2),(1,2,3),(0,1)");
	return AT_OK;
}

static int no_secure_open(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (sock_current(m)->open)
		return at_why(m, AT_ERROR, "a socket is already open; close it with AT#XSOCKET=0");
	return AT_OK;
}

static const struct at_param_def xssocket_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535,
	       .why = "expected AT#XSSOCKET=<op>[,<type>,<role>,<sec_tag>[,<peer_verify>]]"),
	AT_INT("type", AT_R_SOCK_TYPE, 0, 65535),
	AT_INT("role", AT_R_NONE, 0, 65535, .only = AT_BIT(0) | AT_BIT(1),
	       .why_value = "<role> must be 0 client or 1 server"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL,
	       .why = "<sec_tag> must be an unsigned integer"),
	AT_INT("peer_verify", AT_R_NONE, 0, 65535, .opt = AT_OPT,
	       .why = "<peer_verify> must be a number"),
};

const struct at_schema xssocket_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xssocket_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xssocket_params, .n = 5, .guard = no_secure_open,
		  .usage = "expected AT#XSSOCKET=<op>,<type>,<role>,<sec_tag>" },
	}, .n_forms = 2,
	.test = "#XSSOCKET: (0,1,2),(1,2),(0,1)<sec-tag>,<peer_verify>",
};

/* The open ops of #XSSOCKET: a new TLS or DTLS socket, current from now on. */
int socket_open_secure(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s;
	int64_t type = at_int(cmd, "type"), role = at_int(cmd, "role");

	if (type != SOCK_STREAM_T && type != SOCK_DGRAM_T)
		return at_why(m, AT_ERROR, "secure socket type %lld not supported", (long long)type);
	if (!(s = sock_alloc(m)))
		return no_free_slot(m);
	s->type = (int)type;
	s->role = (int)role;
	s->family = (int)at_arg_int(cmd, 0);
	s->sec_tag = (uint32_t)at_int(cmd, "sec_tag");
	/* Verification is required for clients, none for servers. */
	s->peer_verify = at_arg_has(cmd, 4) ? (int)at_int(cmd, "peer_verify") : role == 0 ? 2 : 0;
	s->cid = (int)at_int(cmd, "cid");
	return open_kind(m, s, &RSP_XSSOCKET, true);
}

int xssocket_set(struct modem *m, const struct at_cmd *cmd)
{
	if (at_arg_int(cmd, 0) == 0)
		return socket_close_current(m);
	if (!cmd->form)
		return AT_OK;
	return socket_open_secure(m, cmd);
}

/* "Any open socket": the SLM reads the same fd for both. */
int xssocket_read(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);

	(void)cmd;
	if (s->open)
		at_reply(m, &RSP_XSSOCKET, "%d,%d,%d", s->handle, s->family, s->role);
	else
		at_reply(m, &RSP_XSSOCKET, "0");
	return AT_OK;
}

/* slm_at_socket_uninit() is do_socket_close(): its line when a socket is open. */
void socket_uninit(struct modem *m)
{
	struct sock_state *s = sock_current(m);
	bool said = s && s->open;

	socket_close_all(m);
	if (!said)
		return;
	modem_urc(m, "#XSOCKET: 0,\"closed\"");	/* outside any command: written at once */
}
