/* SLM socket data commands (slm_at_socket.c): #XCONNECT, #XSEND and its
 * data mode, #XSENDTO, #XGETADDRINFO (receiving: cmd_socket_recv.c). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_pdn.h"
#include "cmd_socket_io.h"
#include "net_conn.h"
#include "resolver.h"
#include "socket_raw.h"
#include "socket_state.h"
#include "zerrno.h"
#include "udp_sock.h"

#define MODEM_MTU 1280
#define SLM_MAX_PAYLOAD (MODEM_MTU - 28)	/* UDP over IPv4: 1252 */
/* util_resolve_host() asks getaddrinfo() in the socket's family. */
#define RAW_NO_NAMES "getaddrinfo of %s: EAI_FAMILY: the SLM resolves in the socket's " \
	"family, AF_PACKET for a raw socket; send whole IP packets with #XSEND"

static void on_open(void *arg, int err, const char *why)
{
	struct sock_state *s = arg;
	struct modem *m = s->m;

	if (s->pending != SP_CONNECT)
		return;
	s->pending = SP_NONE;
	if (err) {
		at_why(m, AT_ERROR, "%s", why);
		conn_close(s->conn);
		s->conn = NULL;
		modem_complete(m, AT_ERROR);
		return;
	}
	s->connected = true;
	modem_log(m, SLOG_INFO, "socket %d connected (%s)", s->handle, conn_cipher(s->conn));
	at_reply(m, &RSP_XCONNECT, "1");
	modem_complete(m, AT_OK);
}

const struct conn_ops sock_ops = { on_open, sock_on_data, sock_on_closed };

static int connect_udp(struct modem *m, const char *url, uint16_t port)
{
	struct sock_state *s = sock_current(m);
	char why[CONN_WHY_MAX];

	if (udp_sock_resolve(s->udp, url, port, &s->udp_peer, why, sizeof(why)) ||
	    !pdn_routes(m, sock_af(s), 0, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	s->udp_connected = true;
	at_reply(m, &RSP_XCONNECT, "1");
	return AT_OK;
}

static int client_open(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (!sock_current(m)->open || sock_current(m)->role != 0)
		return at_why(m, AT_ERROR, "no client socket is open (AT#XSOCKET=1,1,0 or "
			      "AT#XSSOCKET=1,1,0,<sec_tag>)");
	return AT_OK;
}

_Static_assert(SLM_MAX_URL - 1 == 127, "the schemas' url texts say 127");
_Static_assert(SLM_MAX_PAYLOAD == 1252, "the schemas' data texts say 1252");

static const struct at_param_def xconnect_params[] = {
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1), AT_INT("port", AT_R_PORT, 0, 65535),
};

const struct at_schema xconnect_schema = {
	.forms = (const struct at_form[]){
		{ .p = xconnect_params, .n = 2, .guard = client_open,
		  .usage = "expected AT#XCONNECT=\"<url>\",<port> (url at most 127 characters)" },
	}, .n_forms = 1,
};

int xconnect_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);
	struct conn_params p;
	const char *url = at_str(cmd, "url");
	int64_t port = at_int(cmd, "port");
	char why[CONN_WHY_MAX];

	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to "
			      "a network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", url);
	if (s->raw)
		return at_why(m, AT_ERROR, RAW_NO_NAMES, url);
	if (s->udp)
		return connect_udp(m, url, (uint16_t)port);
	if (s->conn)
		return at_why(m, AT_ERROR, "the socket is already connected (EISCONN)");
	if (!pdn_routes(m, sock_af(s), 0, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	/* SLM v1.8 sets no TLS host name on #XSSOCKET: only #XSSOCKETOPT does. */
	p = (struct conn_params){ .host = url, .family = sock_af(s), .port = (uint16_t)port,
				  .tls = s->secure,
				  .dtls = s->type == SOCK_DGRAM_T,
				  .sec_tag = s->sec_tag, .verify = (enum conn_verify)s->peer_verify,
				  .hostname = s->verify_host && s->hostname[0] ? s->hostname : NULL,
				  .creds = m->creds, .tls_count = &m->tls_sessions, .prof = m->tls, .owner = m->name,
				  .stats = &m->radio.stats };
	s->peer_closed = false;
	if (conn_open(&s->conn, m->ctx, &p, &sock_ops, s, why, sizeof(why))) {
		s->conn = NULL;
		return at_why(m, AT_ERROR, "%s", why);
	}
	s->pending = SP_CONNECT;
	return AT_PENDING;
}

/* One send on the socket: bytes sent, or -errno with why. */
static int send_some(struct modem *m, const void *data, size_t len, char *why, size_t whylen)
{
	struct sock_state *s = sock_current(m);
	int rc;

	if (!s->open) {
		snprintf(why, whylen, "no socket is open (EBADF)");
		return -EBADF;
	}
	if (s->raw)
		return raw_sock_send(s->raw, data, len);
	if (s->udp) {
		if (!s->udp_connected) {
			snprintf(why, whylen, "the UDP socket has no peer: #XCONNECT first, or use "
				 "#XSENDTO (EDESTADDRREQ)");
			return -EDESTADDRREQ;
		}
		rc = udp_sock_sendto(s->udp, &s->udp_peer, data, len, why, whylen);
		link_stats_add(&m->radio.stats, rc > 0 ? (size_t)rc : 0, 0);
		return rc;
	}
	if (!s->connected) {
		snprintf(why, whylen, "the socket is not connected%s (ENOTCONN)",
			 s->peer_closed ? ": the server closed it" : "");
		return -ENOTCONN;
	}
	if (conn_send(s->conn, data, len)) {
		snprintf(why, whylen, "send failed: %s", conn_why(s->conn));
		return -ECONNRESET;
	}
	return (int)len;
}

static int sendto_some(struct modem *m, const char *url, uint16_t port, const void *data,
		       size_t len, char *why, size_t whylen)
{
	struct sock_state *s = sock_current(m);
	union net_addr to;
	int rc;

	if (!s->udp) {
		snprintf(why, whylen, "#XSENDTO needs an open UDP socket (AT#XSOCKET=1,2,0)");
		return -EBADF;
	}
	rc = udp_sock_resolve(s->udp, url, port, &to, why, whylen);
	if (!rc && !pdn_routes(m, sock_af(s), 0, why, whylen))
		rc = -ENETUNREACH;
	if (!rc)
		rc = udp_sock_sendto(s->udp, &to, data, len, why, whylen);
	link_stats_add(&m->radio.stats, rc > 0 ? (size_t)rc : 0, 0);
	return rc;
}

static int datamode_send(struct modem *m, const uint8_t *data, size_t len)
{
	struct sock_state *s = sock_current(m);
	char why[CONN_WHY_MAX];
	int rc;

	if (s->udp && datamode_more_data(m) && slm_has(m->profile, SLM_FEAT_DM_OVERFLOW)) {
		/* socket_datamode_callback(): one datagram cannot take a full buffer and more */
		modem_log(m, SLOG_WHY, "data mode: more than a %zu-byte buffer for one datagram",
			  len);
		datamode_service_exit(m, DM_EXIT_URC, -zephyr_errno(EOVERFLOW));
		return -EOVERFLOW;
	}
	rc = s->sendto_url[0] ? sendto_some(m, s->sendto_url, s->sendto_port, data, len, why,
					     sizeof(why))
			      : send_some(m, data, len, why, sizeof(why));
	if (rc < 0)
		modem_log(m, SLOG_WHY, "data mode send: %s", why);
	return rc < 0 ? -1 : 0;
}

/* socket_datamode_callback(DATAMODE_EXIT) clears udp_url: until then every
 * data-mode chunk goes to the last #XSENDTO destination, with or without data. */
static void forget_destination(struct modem *m)
{
	if (sock_current(m))
		sock_current(m)->sendto_url[0] = '\0';
}

static const struct at_param_def xsend_params[] = {
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT_END,
	       .why = "expected AT#XSEND=\"<data>\" of at most 1252 characters, or "
		      "AT#XSEND for data mode"),
};

const struct at_schema xsend_schema = {
	.forms = (const struct at_form[]){ { .p = xsend_params, .n = 1 } }, .n_forms = 1,
};

int xsend_set(struct modem *m, const struct at_cmd *cmd)
{
	size_t len;
	const char *data = at_arg_str(cmd, 0, &len);
	char why[CONN_WHY_MAX];
	int rc;

	if (cmd->nparams == 0) {
		/* A destination an earlier #XSENDTO left stays (udp_url). */
		modem_enter_datamode(m, datamode_send);
		modem_datamode_on_exit(m, forget_destination);
		return AT_SILENT;
	}
	/* A server with no client fails before the send (do_send()'s EINVAL). */
	if (sock_current(m)->role == 1 && sock_current(m)->type == SOCK_STREAM_T &&
	    sock_current(m)->peer_handle < 0)
		return at_why(m, AT_ERROR, "no client accepted yet: AT#XACCEPT=<timeout> first");
	if (len == 0) {
		/* do_send()'s loop never runs: nothing is sent, not even checked. */
		at_reply(m, &RSP_XSEND, "0");
		return AT_OK;
	}
	rc = send_some(m, data, len, why, sizeof(why));
	/* The SLM reports what it sent, failed or not. */
	at_reply(m, &RSP_XSEND, "%d", rc > 0 ? rc : 0);
	return rc < 0 ? at_why(m, AT_ERROR, "%s", why) : AT_OK;
}

/* The destination is kept once read, even when <data> then fails. */
static void keep_destination(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	struct sock_state *s = sock_current(m);

	if (good < 2)
		return;
	snprintf(s->sendto_url, sizeof(s->sendto_url), "%s", at_arg_str(cmd, 0, NULL));
	s->sendto_port = (uint16_t)at_arg_int(cmd, 1);
}

static const struct at_param_def xsendto_params[] = {
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1), AT_INT("port", AT_R_PORT, 0, 65535),
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT_END,
	       .why = "<data> must be a string of at most 1252 characters"),
};

const struct at_schema xsendto_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsendto_params, .n = 3, .keep = keep_destination,
		  .usage = "expected AT#XSENDTO=\"<url>\",<port>[,\"<data>\"]" },
	}, .n_forms = 1,
};

int xsendto_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *url = at_str(cmd, "url"), *data;
	size_t dlen;
	int64_t port = at_int(cmd, "port");
	char why[CONN_WHY_MAX];
	int rc;

	keep_destination(m, cmd, 2);
	if (cmd->nparams < 3) {
		modem_enter_datamode(m, datamode_send);
		modem_datamode_on_exit(m, forget_destination);
		return AT_SILENT;
	}
	data = at_arg_str(cmd, 2, &dlen);
	if (sock_current(m)->raw)
		return at_why(m, AT_ERROR, RAW_NO_NAMES, url);
	if (!net_registered(&m->net) || (rc = sendto_some(m, url, (uint16_t)port, data, dlen, why,
							    sizeof(why))) == -EAGAIN)
		return at_why(m, AT_ERROR, "DNS lookup of %s failed", url);
	at_reply(m, &RSP_XSENDTO, "%d", rc > 0 ? rc : 0);
	return rc < 0 ? at_why(m, AT_ERROR, "%s", why) : AT_OK;
}

int socket_peer_closes(struct modem *m)
{
	struct sock_state *s = sock_current(m);

	if (s && s->udp)
		return -EPROTOTYPE;
	if (!s || !s->conn || !s->connected)
		return -ENOTCONN;
	modem_log(m, SLOG_INFO, "socket %d: the peer closes the connection (slmctl peer-close)",
		  s->handle);
	return conn_peer_close(s->conn);
}

/* From about NCS 3.1 <flags> follow the data and an empty <data> means
 * data mode (-ENODATA); flag 512 (wait for the network's ACK) is taken as
 * accepted.  Before 3.1 the generation answers as NCS 1.8: an empty
 * unquoted <data> fails the parameter check. */
static const struct at_param_def xsend31_params[] = {
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT,
	       .why = "expected AT#XSEND[=\"<data>\"][,<flags>], data of at most 1252 characters"),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT,
	       .why = "<flags> must be an integer"),
};

const struct at_schema xsend31_schema = {
	.forms = (const struct at_form[]){ { .p = xsend31_params, .n = 2 } }, .n_forms = 1,
};

static int enter_send_datamode(struct modem *m)
{
	modem_enter_datamode(m, datamode_send);
	modem_datamode_on_exit(m, forget_destination);
	return AT_SILENT;
}

int xsend31_set(struct modem *m, const struct at_cmd *cmd)
{
	size_t len = 0;

	if (!slm_has(m->profile, SLM_FEAT_SEND_FLAGS)) {
		if (cmd->nparams > 0 && !at_param_present(cmd, 0))
			return at_why(m, AT_ERROR, "expected AT#XSEND=\"<data>\" of at most 1252 "
				      "characters, or AT#XSEND for data mode");
		return xsend_set(m, cmd);
	}
	if (cmd->nparams > 0)
		at_arg_str(cmd, 0, &len);
	if (len == 0)
		return enter_send_datamode(m);
	return xsend_set(m, cmd);
}

static const struct at_param_def xsendto31_params[] = {
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1), AT_INT("port", AT_R_PORT, 0, 65535),
	AT_STR("data", AT_R_PAYLOAD, SLM_MAX_PAYLOAD, .opt = AT_OPT,
	       .why = "<data> must be a string of at most 1252 characters"),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT,
	       .why = "<flags> must be an integer"),
};

const struct at_schema xsendto31_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsendto31_params, .n = 4, .keep = keep_destination,
		  .usage = "expected AT#XSENDTO=\"<url>\",<port>[,\"<data>\"][,<flags>]" },
	}, .n_forms = 1,
};

int xsendto31_set(struct modem *m, const struct at_cmd *cmd)
{
	size_t len = 0;

	if (!slm_has(m->profile, SLM_FEAT_SEND_FLAGS)) {
		if (cmd->nparams > 2 && !at_param_present(cmd, 2))
			return at_why(m, AT_ERROR, "<data> must be a string of at most 1252 characters");
		return xsendto_set(m, cmd);
	}
	if (cmd->nparams > 2)
		at_arg_str(cmd, 2, &len);
	if (len > 0) {
		/* 3.1 clears udp_url after a send with data. */
		int rc = xsendto_set(m, cmd);

		forget_destination(m);
		return rc;
	}
	keep_destination(m, cmd, 2);
	return enter_send_datamode(m);
}
