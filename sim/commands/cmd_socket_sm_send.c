/* The Serial Modem's senders (sm_at_socket.c, SM v0.2.0+):
 * AT#XSEND=<h>,<mode>,<flags>[,<data>|<data_len>] and
 * AT#XSENDTO=<h>,<mode>,<flags>,<url>,<port>[,<data>|<data_len>]: the data
 * in the command (mode 0 as it is, 1 in hex) or in data mode (mode 2, with
 * <data_len> exactly that many bytes), "#XSEND: <h>,<result_type>,<sent>"
 * even when the send fails, and #XSENDNTF for flag 8192. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_socket_sm.h"
#include "net_conn.h"
#include "rsp_table.h"
#include "socket_sm.h"
#include "udp_sock.h"

#define SM_HEX_BIN 1400		/* hex_data / bin_data: what a hex <data> may give */

/* One send on s: bytes sent, or -errno with why. */
static int send_on(struct modem *m, struct sock_state *s, const void *data, size_t len,
		   char *why, size_t whylen)
{
	int rc;

	if (s->udp) {
		if (!s->udp_connected) {
			snprintf(why, whylen, "UDP socket %d has no peer: AT#XCONNECT first, or "
				 "AT#XSENDTO (EDESTADDRREQ)", s->handle);
			return -EDESTADDRREQ;
		}
		rc = udp_sock_sendto(s->udp, &s->udp_peer, data, len, why, whylen);
		link_stats_add(&m->radio.stats, rc > 0 ? (size_t)rc : 0, 0);
		return rc;
	}
	if (!s->connected) {
		snprintf(why, whylen, "socket %d is not connected%s (ENOTCONN)", s->handle,
			 s->peer_closed ? ": the peer closed it" : "");
		return -ENOTCONN;
	}
	if (conn_send(s->conn, data, len)) {
		snprintf(why, whylen, "send failed: %s", conn_why(s->conn));
		return -ECONNRESET;
	}
	return (int)len;
}

static int sendto_on(struct modem *m, struct sock_state *s, const char *url, uint16_t port,
		     const void *data, size_t len, char *why, size_t whylen)
{
	union net_addr to;
	int rc;

	if (!s->udp) {
		snprintf(why, whylen, "#XSENDTO is emulated on UDP sockets only");
		return -EOPNOTSUPP;
	}
	if (!net_registered(&m->net)) {
		snprintf(why, whylen, "DNS lookup of %s failed: not registered (EAGAIN)", url);
		return -EAGAIN;
	}
	rc = udp_sock_resolve(s->udp, url, port, &to, why, whylen);
	if (rc)
		return -EAGAIN;
	rc = udp_sock_sendto(s->udp, &to, data, len, why, whylen);
	link_stats_add(&m->radio.stats, rc > 0 ? (size_t)rc : 0, 0);
	return rc;
}

/* The network's acknowledgement, as the modem's send callback reports it:
 * a URC after the answer (or after data mode). */
static void notify_sent(struct modem *m, struct sock_state *s, int rc)
{
	if (rc < 0)
		return;
	at_reply(m, &RSP_XSENDNTF, "%d,0,%d", s->handle, rc);
	sm_poll_rearm(m, s, SM_POLLOUT);
}

/* After a send: the line (not in data mode), #XSENDNTF or POLLOUT again. */
static void sent(struct modem *m, struct sock_state *s, const struct at_rsp *r, int flags,
		 int rc)
{
	bool ntf = flags & SM_MSG_SEND_ACK;

	if (!m->dm.active)
		at_reply(m, r, "%d,%d,%d", s->handle, ntf ? 1 : 0, rc > 0 ? rc : 0);
	if (ntf)
		notify_sent(m, s, rc);
	else
		sm_poll_rearm(m, s, SM_POLLOUT);
}

/* The data-mode callback (socket_datamode_callback): each chunk is one
 * send; a failure other than EAGAIN ends data mode from SM v0.3.0 on. */
static int datamode_send(struct modem *m, const uint8_t *data, size_t len)
{
	struct sm_socks *st = m->smsock;
	struct sock_state *s = st->dm_sock;
	char why[CONN_WHY_MAX];
	int rc;

	if (!s)
		return 0;	/* closed meanwhile: dropped */
	if (s->udp && datamode_more_data(m)) {
		/* A datagram cannot take what the buffer did not hold. */
		sm_datamode_socket_error(m, s, -EOVERFLOW);
		return 0;
	}
	rc = st->dm_url[0] ? sendto_on(m, s, st->dm_url, st->dm_port, data, len, why, sizeof(why))
			   : send_on(m, s, data, len, why, sizeof(why));
	sent(m, s, NULL, sm_ext(m, s)->send_flags, rc);
	if (rc >= 0)
		return 0;
	modem_log(m, SLOG_WHY, "data mode send on socket %d: %s; %zu bytes dropped", s->handle,
		  why, len);
	if (rc != -EAGAIN)
		sm_datamode_socket_error(m, s, rc);
	return 0;
}

static void datamode_over(struct modem *m)
{
	m->smsock->dm_sock = NULL;
	m->smsock->dm_url[0] = '\0';
}

/* Mode 2: data mode for s, <data_len> bytes or until "+++". */
static int enter(struct modem *m, struct sock_state *s, const struct at_cmd *cmd, size_t at)
{
	int64_t n = 0;

	if (at_arg_has(cmd, at) && at_param_int(cmd, at, &n))
		return at_why(m, AT_ERROR, "<data_len> must be a number");
	if (n < 0)
		return at_why(m, AT_ERROR, "<data_len> %lld is negative (EINVAL)", (long long)n);
	m->smsock->dm_sock = s;
	if (n)
		modem_enter_datamode_len(m, datamode_send, (size_t)n);
	else
		modem_enter_datamode(m, datamode_send);
	modem_datamode_on_exit(m, datamode_over);
	sm_poll_rearm(m, s, 0);
	return AT_SILENT;
}

/* <data> of mode 0 or 1 into bytes: at most SM_HEX_BIN of hex. */
static int payload(struct modem *m, const struct at_cmd *cmd, size_t at, int64_t mode,
		   uint8_t *bin, const char **data, size_t *len)
{
	if (at_param_str(cmd, at, data, len))
		return at_why(m, AT_ERROR, "<data> missing: a quoted string after <flags> (EINVAL)");
	if (mode == SM_MODE_PLAIN)
		return AT_OK;
	if (*len % 2 || *len / 2 > SM_HEX_BIN)
		return at_why(m, AT_ERROR, "hex <data> of %zu digits: an even count, at most %d "
			      "(EINVAL)", *len, 2 * SM_HEX_BIN);
	for (size_t i = 0; i < *len; i += 2) {
		unsigned v;

		if (sscanf((*data) + i, "%2x", &v) != 1 || !strchr("0123456789abcdefABCDEF",
								    (*data)[i + 1]))
			return at_why(m, AT_ERROR, "<data> is not hex (EINVAL)");
		bin[i / 2] = (uint8_t)v;
	}
	*data = (const char *)bin;
	*len /= 2;
	return AT_OK;
}

static const struct at_param_def xsend_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("mode", AT_R_NONE, 0, 65535),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_LATE("data", AT_R_PAYLOAD),
};

const struct at_schema xsend_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsend_sm_params, .n = 4, .usage = "expected AT#XSEND=<handle>,<mode>,<flags>"
		  "[,<data>|<data_len>]" },
	}, .n_forms = 1,
};

int xsend_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t mode = at_int(cmd, "mode");
	uint8_t bin[SM_HEX_BIN];
	const char *data;
	char why[CONN_WHY_MAX];
	size_t len;
	int rc;

	if (!s)
		return AT_ERROR;
	sm_ext(m, s)->send_flags = (int)at_int(cmd, "flags");
	if (mode == SM_MODE_DATA)
		return enter(m, s, cmd, 3);
	if (mode != SM_MODE_PLAIN && mode != SM_MODE_HEX)
		return at_why(m, AT_ERROR, "<mode> %lld: 0 string, 1 hex, 2 data mode (EINVAL)",
			      (long long)mode);
	if ((rc = payload(m, cmd, 3, mode, bin, &data, &len)))
		return rc;
	rc = len ? send_on(m, s, data, len, why, sizeof(why)) : 0;
	sent(m, s, &RSP_XSEND_SM, sm_ext(m, s)->send_flags, rc);
	if (rc < 0)
		return at_why(m, AT_ERROR, "%s", why);
	return (size_t)rc == len ? AT_OK : at_why(m, AT_ERROR, "%d of %zu bytes sent (EAGAIN)",
						     rc, len);
}

static const struct at_param_def xsendto_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("mode", AT_R_NONE, 0, 65535),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_STR("url", AT_R_HOST, SLM_MAX_URL - 1), AT_INT("port", AT_R_PORT, 0, 65535),
	AT_LATE("data", AT_R_PAYLOAD),
};

const struct at_schema xsendto_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsendto_sm_params, .n = 6, .usage = "expected AT#XSENDTO=<handle>,<mode>,"
		  "<flags>,\"<url>\",<port>[,<data>|<data_len>]" },
	}, .n_forms = 1,
};

int xsendto_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t mode = at_int(cmd, "mode");
	uint8_t bin[SM_HEX_BIN];
	const char *data, *url = at_str(cmd, "url");
	char why[CONN_WHY_MAX];
	size_t len;
	int rc;

	if (!s)
		return AT_ERROR;
	sm_ext(m, s)->send_flags = (int)at_int(cmd, "flags");
	if (mode == SM_MODE_DATA) {
		snprintf(m->smsock->dm_url, sizeof(m->smsock->dm_url), "%s", url);
		m->smsock->dm_port = (uint16_t)at_int(cmd, "port");
		return enter(m, s, cmd, 5);
	}
	if (mode != SM_MODE_PLAIN && mode != SM_MODE_HEX)
		return at_why(m, AT_ERROR, "<mode> %lld: 0 string, 1 hex, 2 data mode (EINVAL)",
			      (long long)mode);
	if ((rc = payload(m, cmd, 5, mode, bin, &data, &len)))
		return rc;
	rc = sendto_on(m, s, url, (uint16_t)at_int(cmd, "port"), data, len, why, sizeof(why));
	if (rc == -EAGAIN)
		return at_why(m, AT_ERROR, "%s", why);	/* before any line: util_resolve_host */
	sent(m, s, &RSP_XSENDTO_SM, sm_ext(m, s)->send_flags, rc);
	return rc < 0 ? at_why(m, AT_ERROR, "%s", why) : AT_OK;
}
