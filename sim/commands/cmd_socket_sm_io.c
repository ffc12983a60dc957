/* The Serial Modem's receivers (sm_at_socket.c, SM v0.2.0+): AT#XRECV and
 * AT#XRECVFROM=<h>,<mode>,<flags>,<timeout>[,<data_len>], <mode> 0 the
 * bytes as they are, 1 in hex; the header line comes first. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_socket_sm.h"
#include "rsp_table.h"
#include "socket_sm.h"

static const struct at_param_def xrecv_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("mode", AT_R_NONE, 0, 65535),
	AT_INT("flags", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("timeout", AT_R_TIMEOUT, INT32_MIN, INT32_MAX),
	AT_INT("data_len", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT_END),
};

const struct at_schema xrecv_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv_sm_params, .n = 5, .usage = "expected AT#XRECV=<handle>,<mode>,<flags>,"
		  "<timeout>[,<data_len>]" },
	}, .n_forms = 1,
};

const struct at_schema xrecvfrom_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecv_sm_params, .n = 5, .usage = "expected AT#XRECVFROM=<handle>,<mode>,"
		  "<flags>,<timeout>[,<data_len>]" },
	}, .n_forms = 1,
};

static int recv_common(struct modem *m, const struct at_cmd *cmd, bool from)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t mode = at_int(cmd, "mode"), len = SM_DATA_BUF;

	if (!s)
		return AT_ERROR;
	if (mode != SM_MODE_PLAIN && mode != SM_MODE_HEX)
		return at_why(m, AT_ERROR, "<mode> %lld: 0 as received or 1 hex (EINVAL)",
			      (long long)mode);
	if (at_arg_has(cmd, 4) && (len = at_int(cmd, "data_len")) > SM_DATA_BUF)
		return at_why(m, AT_ERROR, "<data_len> %lld is more than the %d bytes of the "
			      "receive buffer (ENOBUFS)", (long long)len, SM_DATA_BUF);
	/* do_recv() sets SO_RCVTIMEO to <timeout> before it receives. */
	s->opts[SOCK_OPT_RCVTIMEO] = (int)at_int(cmd, "timeout");
	if (from && !s->udp)
		return at_why(m, AT_ERROR, "#XRECVFROM is emulated on UDP sockets only");
	if (!s->udp && !s->conn)
		return at_why(m, AT_ERROR, "socket %d is not connected (ENOTCONN)", s->handle);
	sm_ext(m, s)->recv_hex = mode == SM_MODE_HEX;
	sm_ext(m, s)->recv_len = len > 0 ? (size_t)len : 0;
	if (sm_data_ready(s)) {
		sm_recv_deliver(m, s, mode == SM_MODE_HEX, (size_t)len, from, SM_RX_ANSWER);
		return AT_OK;
	}
	if (s->peer_closed)
		return AT_OK;	/* recv() returned 0: nothing, and OK */
	if (at_int(cmd, "flags") & SM_MSG_DONTWAIT)
		return at_why(m, AT_ERROR, "no data on socket %d and MSG_DONTWAIT (EAGAIN)",
			      s->handle);
	return sm_wait_data(m, s, from ? SP_RECVFROM : SP_RECV, at_int(cmd, "timeout"));
}

int xrecv_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	return recv_common(m, cmd, false);
}

int xrecvfrom_sm_set(struct modem *m, const struct at_cmd *cmd)
{
	return recv_common(m, cmd, true);
}
