/* The Serial Modem's socket commands that open, list, connect and close
 * (sm_at_socket.c, SM v0.2.0+): AT#XSOCKET=<family>,<type>,<role>[,<cid>],
 * AT#XSSOCKET=...,<sec_tag>[,<peer_verify>[,<cid>]], AT#XCLOSE[=<h>] and
 * AT#XCONNECT=<h>,<url>,<port>.  Several sockets, each named by its handle
 * (the fd), in the shared socket table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_socket_sm.h"
#include "net_conn.h"
#include "rsp_table.h"
#include "socket_sm.h"
#include "udp_sock.h"

#define IPPROTO_TLS_1_2 258
#define IPPROTO_DTLS_1_2 273
#define SM_CID_MAX 10
#define SM_SEND_TMO_SEC 30	/* SOCKET_SEND_TMO_SEC: SO_SNDTIMEO of a new socket */

static int protocol_of(const struct sock_state *s)
{
	if (s->secure)
		return s->type == SOCK_DGRAM_T ? IPPROTO_DTLS_1_2 : IPPROTO_TLS_1_2;
	return s->type == SOCK_DGRAM_T ? 17 : 6;
}

/* do_socket_open(): a datagram socket is a UDP socket at once, a stream
 * socket a connection at #XCONNECT (a DTLS one too). */
static int open_slot(struct modem *m, struct sock_state *s, const struct at_rsp *r)
{
	char why[CONN_WHY_MAX];

	if (s->type == SOCK_RAW_T)
		return at_why(m, AT_ERROR, "raw sockets are not emulated");
	if (!s->secure && s->type == SOCK_DGRAM_T &&
	    !(s->udp = udp_sock_open(m->ctx, sock_af(s), why, sizeof(why))))
		return at_why(m, AT_ERROR, "%s", why);
	sock_opened(m, s);
	s->verify_host = true;
	s->opts[SOCK_OPT_SNDTIMEO] = SM_SEND_TMO_SEC;
	memset(sm_ext(m, s), 0, sizeof(struct sm_sock));
	sm_poll_inherit(m, s);
	at_reply(m, r, "%d,%d,%d", s->handle, s->type, protocol_of(s));
	return AT_OK;
}

/* The common head of both openers: a free slot and the checked values. */
static struct sock_state *new_slot(struct modem *m, int64_t family, int64_t type, int64_t role,
				   int64_t cid)
{
	struct sock_state *s;

	if (family != 1 && family != 2) {
		at_why(m, AT_ERROR, "<family> %lld: 1 IPv4 or 2 IPv6 (EINVAL)", (long long)family);
		return NULL;
	}
	if (cid < 0 || cid > SM_CID_MAX) {
		at_why(m, AT_ERROR, "<cid> %lld: 0 to 10 (EINVAL)", (long long)cid);
		return NULL;
	}
	s = sock_alloc(m);
	if (!s) {
		at_why(m, AT_ERROR, "all %d sockets are open: close one with AT#XCLOSE=<handle> "
		       "(Max socket count reached)", SLM_MAX_SOCKETS);
		return NULL;
	}
	s->family = (int)family;
	s->type = (int)type;
	s->role = (int)role;
	s->cid = (int)cid;
	return s;
}

static const struct at_param_def xsocket_sm_params[] = {
	AT_INT("family", AT_R_NONE, 0, 65535),
	AT_INT("type", AT_R_SOCK_TYPE, 0, 65535),
	AT_INT("role", AT_R_NONE, 0, 65535),
	AT_INT("cid", AT_R_NONE, 0, 65535, .opt = AT_OPT),
};

const struct at_schema xsocket_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsocket_sm_params, .n = 4,
		  .usage = "expected AT#XSOCKET=<family>,<type>,<role>[,<cid>]" },
	}, .n_forms = 1, .test = "#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>",
};

int xsocket_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = new_slot(m, at_int(cmd, "family"), at_int(cmd, "type"),
					at_int(cmd, "role"), at_int(cmd, "cid"));

	if (!s)
		return AT_ERROR;
	if (s->type < 1 || s->type > 3)
		return at_why(m, AT_ERROR, "socket type %d not supported (ENOTSUP)", s->type);
	return open_slot(m, s, &RSP_XSOCKET);
}

/* One line per open socket of its kind: plain ones here, secure ones in
 * #XSSOCKET?. */
int xsocket_sm_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (s->open && !s->secure)
			at_reply(m, &RSP_XSOCKET_READ5, "%d,%d,%d,%d,%d", s->handle, s->family,
				 s->role, s->type, s->cid);
	}
	return AT_OK;
}

static const struct at_param_def xssocket_sm_params[] = {
	AT_INT("family", AT_R_NONE, 0, 65535),
	AT_INT("type", AT_R_SOCK_TYPE, 0, 65535),
	AT_INT("role", AT_R_NONE, 0, 65535, .only = AT_BIT(0) | AT_BIT(1),
	       .why_value = "<role> must be 0 client or 1 server"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL,
	       .why = "<sec_tag> must be an unsigned integer"),
	AT_INT("peer_verify", AT_R_NONE, 0, 65535, .opt = AT_OPT),
	AT_INT("cid", AT_R_NONE, 0, 65535, .opt = AT_OPT),
};

const struct at_schema xssocket_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xssocket_sm_params, .n = 6, .usage = "expected AT#XSSOCKET=<family>,<type>,"
		  "<role>,<sec_tag>[,<peer_verify>[,<cid>]]" },
	}, .n_forms = 1,
	.test = "#XSSOCKET: <handle>,(1,2),(1,2),(0,1),<sec_tag>,<peer_verify>,<cid>",
};

int xssocket_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t role = at_int(cmd, "role");
	struct sock_state *s = new_slot(m, at_int(cmd, "family"), at_int(cmd, "type"), role,
					at_int(cmd, "cid"));

	if (!s)
		return AT_ERROR;
	if (s->type != SOCK_STREAM_T && s->type != SOCK_DGRAM_T)
		return at_why(m, AT_ERROR, "secure socket type %d not supported (ENOTSUP)", s->type);
	s->secure = true;
	s->sec_tag = (uint32_t)at_int(cmd, "sec_tag");
	/* Verification is required for clients, none for servers. */
	s->peer_verify = at_arg_has(cmd, 4) ? (int)at_int(cmd, "peer_verify") : role == 0 ? 2 : 0;
	return open_slot(m, s, &RSP_XSSOCKET);
}

int xssocket_sm_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (s->open && s->secure)
			at_reply(m, &RSP_XSSOCKET_READ6, "%d,%d,%d,%d,%u,%d", s->handle, s->family,
				 s->role, s->type, s->sec_tag, s->cid);
	}
	return AT_OK;
}

/* do_socket_close(): "#XCLOSE: <h>,<ret>"; close() of an fd never fails here. */
static void close_one(struct modem *m, struct sock_state *s)
{
	int h = s->handle;

	if (m->smsock->dm_sock == s)
		m->smsock->dm_sock = NULL;
	sock_close(m, s);
	at_reply(m, &RSP_XCLOSE, "%d,0", h);
}

static const struct at_param_def xclose_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT_END),
};

const struct at_schema xclose_schema = {
	.forms = (const struct at_form[]){
		{ .p = xclose_params, .n = 1, .usage = "expected AT#XCLOSE[=<handle>]" },
	}, .n_forms = 1,
};

/* Without a handle every open socket closes, in slot order. */
int xclose_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s;

	if (cmd->nparams > 0) {
		s = sm_socket_arg(m, at_int(cmd, "handle"));
		if (!s)
			return AT_ERROR;
		close_one(m, s);
		return AT_OK;
	}
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		if ((s = sock_slot(m, i))->open)
			close_one(m, s);
	return AT_OK;
}

int xclose_action(struct modem *m, const struct at_cmd *cmd)
{
	return xclose_set(m, cmd);
}

static const struct at_param_def xconnect_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1), AT_INT("port", AT_R_PORT, 0, 65535),
};

const struct at_schema xconnect_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xconnect_sm_params, .n = 3, .usage = "expected AT#XCONNECT=<handle>,"
		  "\"<url>\",<port> (url at most 127 characters)" },
	}, .n_forms = 1,
};

static int connect_udp(struct modem *m, struct sock_state *s, const char *url, uint16_t port)
{
	char why[CONN_WHY_MAX];

	if (udp_sock_resolve(s->udp, url, port, &s->udp_peer, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	s->udp_connected = true;
	s->connected = true;
	at_reply(m, &RSP_XCONNECT_SM, "%d,1", s->handle);
	return AT_OK;
}

int xconnect_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	const char *url = at_str(cmd, "url");
	uint16_t port = (uint16_t)at_int(cmd, "port");
	struct conn_params p;
	char why[CONN_WHY_MAX];

	if (!s)
		return AT_ERROR;
	if (s->role != 0)
		return at_why(m, AT_ERROR, "socket %d is a server: only clients connect "
			      "(EOPNOTSUPP)", s->handle);
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to "
			      "a network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", url);
	if (s->udp)
		return connect_udp(m, s, url, port);
	if (s->conn)
		return at_why(m, AT_ERROR, "socket %d is already connected (EISCONN)", s->handle);
	/* No TLS host name unless #XSSOCKETOPT set one, as in every SLM. */
	p = (struct conn_params){ .host = url, .family = sock_af(s), .port = port, .tls = s->secure,
				  .dtls = s->type == SOCK_DGRAM_T, .sec_tag = s->sec_tag,
				  .verify = (enum conn_verify)s->peer_verify,
				  .hostname = s->verify_host && s->hostname[0] ? s->hostname : NULL,
				  .creds = m->creds, .tls_count = &m->tls_sessions, .owner = m->name,
				  .stats = &m->radio.stats };
	s->peer_closed = false;
	if (conn_open(&s->conn, m->ctx, &p, &sm_sock_ops, s, why, sizeof(why))) {
		s->conn = NULL;
		return at_why(m, AT_ERROR, "%s", why);
	}
	s->pending = SP_CONNECT;
	return AT_PENDING;
}

int smsock_init(struct modem *m, char *err, size_t errlen)
{
	m->smsock = calloc(1, sizeof(*m->smsock));
	if (!m->smsock) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void smsock_fini(struct modem *m)
{
	free(m->smsock);
	m->smsock = NULL;
}
