/* The socket model of NCS 2.0-3.1 (slm_at_socket.c from v2.0.0): several
 * sockets, the newest or the selected one current; #XSOCKET and #XSSOCKET
 * with <cid> from 2.1 and their read shapes; #XSOCKETSELECT. */
#include <stdio.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_socket.h"
#include "cmd_socket_ncs.h"
#include "socket_state.h"

#define INVALID_SEC_TAG (-1)

/* The SLM looks for a free slot before it reads the type (-EINVAL). */
static int free_slot(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (sock_open_count(m) >= SLM_MAX_SOCKETS)
		return at_why(m, AT_ERROR, "all %d sockets are open (\"Max socket count reached\"); "
			      "close one with AT#XSOCKET=0", SLM_MAX_SOCKETS);
	return AT_OK;
}

#define OP(cmd) AT_INT("op", AT_R_OP, 0, 65535, .why = "expected AT#" cmd "=<op>[,...]")
#define CID AT_INT("cid", AT_R_NONE, 0, 10, .opt = AT_OPT_END, \
		   .why = "<cid> must be 0 (the default PDN) to 10")

static const struct at_param_def xsocket21_params[] = {
	OP("XSOCKET"), AT_INT("type", AT_R_SOCK_TYPE, 0, 65535), AT_INT("role", AT_R_NONE, 0, 65535),
	CID,
};

static const struct at_param_def xssocket21_params[] = {
	OP("XSSOCKET"), AT_INT("type", AT_R_SOCK_TYPE, 0, 65535),
	AT_INT("role", AT_R_NONE, 0, 65535, .only = AT_BIT(0) | AT_BIT(1),
	       .why_value = "<role> must be 0 client or 1 server"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL,
	       .why = "<sec_tag> must be an unsigned integer"),
	AT_INT("peer_verify", AT_R_NONE, 0, 65535, .opt = AT_OPT_END,
	       .why = "<peer_verify> must be a number"),
	CID,
};

/* 2.0: the 1.8 parameters, several sockets; 2.1: and <cid>. */
const struct at_schema xsocket20_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xsocket21_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xsocket21_params, .n = 3, .guard = free_slot,
		  .usage = "expected AT#XSOCKET=<op>,<type>,<role>" },
	}, .n_forms = 2,
};

const struct at_schema xsocket21_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xsocket21_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xsocket21_params, .n = 4, .guard = free_slot,
		  .usage = "expected AT#XSOCKET=<op>,<type>,<role>[,<cid>]" },
	}, .n_forms = 2,
};

const struct at_schema xssocket20_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xssocket21_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xssocket21_params, .n = 5, .guard = free_slot,
		  .usage = "expected AT#XSSOCKET=<op>,<type>,<role>,<sec_tag>[,<peer_verify>]" },
	}, .n_forms = 2,
	.test = "#XSSOCKET: (0,1,2),(1,2),(0,1)<sec-tag>,<peer_verify>",
};

const struct at_schema xssocket21_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xssocket21_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xssocket21_params, .n = 6, .guard = free_slot,
		  .usage = "expected AT#XSSOCKET=<op>,<type>,<role>,<sec_tag>[,<peer_verify>"
			   "[,<cid>]]" },
	}, .n_forms = 2,
	.test = "#XSSOCKET: (0,1,2),(1,2),(0,1)<sec-tag>,<peer_verify>,<cid>",
};

/* An <op> other than 0, 1 or 2 is -EINVAL from 2.0 (1.8 did nothing). */
int xsocket20_set(struct modem *m, const struct at_cmd *cmd)
{
	if (at_arg_int(cmd, 0) == 0)
		return socket_close_current(m);
	if (!cmd->form)
		return at_why(m, AT_ERROR, "<op> %lld is none of 0 close, 1 IPv4, 2 IPv6",
			      (long long)at_arg_int(cmd, 0));
	return socket_open_plain(m, cmd);
}

int xssocket20_set(struct modem *m, const struct at_cmd *cmd)
{
	if (at_arg_int(cmd, 0) == 0)
		return socket_close_current(m);
	if (!cmd->form)
		return at_why(m, AT_ERROR, "<op> %lld is none of 0 close, 1 IPv4, 2 IPv6",
			      (long long)at_arg_int(cmd, 0));
	return socket_open_secure(m, cmd);
}

static int sec_tag_of(const struct sock_state *s)
{
	return s->secure ? (int)s->sec_tag : INVALID_SEC_TAG;
}

/* 2.0: the current socket in three fields, nothing when none is open. */
static int read3(struct modem *m, const struct at_rsp *r)
{
	struct sock_state *s = sock_current(m);

	if (s->open)
		at_reply(m, r, "%d,%d,%d", s->handle, s->family, s->role);
	return AT_OK;
}

int xsocket20_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return read3(m, &RSP_XSOCKET);
}

int xssocket20_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return read3(m, &RSP_XSSOCKET);
}

int xsocket21_read(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);

	(void)cmd;
	if (s->open)
		at_reply(m, &RSP_XSOCKET_READ5, "%d,%d,%d,%d,%d", s->handle, s->family, s->role,
			 s->type, s->cid);
	return AT_OK;
}

int xssocket21_read(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = sock_current(m);

	(void)cmd;
	if (s->open)
		at_reply(m, &RSP_XSSOCKET_READ6, "%d,%d,%d,%d,%d,%d", s->handle, s->family,
			 s->role, s->type, sec_tag_of(s), s->cid);
	return AT_OK;
}

/* The SLM prints these without their CRLF. */
int xsocket21_test(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_raw(m, "\r\n#XSOCKET: (0,1,2),(1,2,3),(0,1),<cid>");
	return AT_OK;
}

static const struct at_param_def xsocketselect_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX,
	       .why = "expected AT#XSOCKETSELECT=<handle>"),
};

const struct at_schema xsocketselect_schema = {
	.forms = (const struct at_form[]){ { .p = xsocketselect_params, .n = 1 } }, .n_forms = 1,
};

static struct sock_state *select_handle(struct modem *m, const struct at_cmd *cmd)
{
	int64_t h = at_int(cmd, "handle");
	struct sock_state *s = h < 0 ? NULL : sock_by_handle(m, (int)h);

	if (!s)
		at_why(m, AT_ERROR, "no open socket has handle %lld (EBADF)", (long long)h);
	sock_select(m, s);
	return s;
}

int xsocketselect20_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = select_handle(m, cmd);

	if (!s)
		return AT_ERROR;
	at_reply(m, &RSP_XSOCKETSELECT, "%d,%d,%d", s->handle, s->family, s->role);
	return AT_OK;
}

int xsocketselect21_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = select_handle(m, cmd);

	if (!s)
		return AT_ERROR;
	at_reply(m, &RSP_XSOCKETSELECT_CUR, "%d", s->handle);
	return AT_OK;
}

/* One line per open socket in slot order, then the current one's handle. */
static int select_list(struct modem *m, bool with_cid)
{
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (!s->open)
			continue;
		if (with_cid)
			at_reply(m, &RSP_XSOCKETSELECT_LIST7, "%d,%d,%d,%d,%d,%d,%d", s->handle,
				 s->family, s->role, s->type, sec_tag_of(s), s->ranking, s->cid);
		else
			at_reply(m, &RSP_XSOCKETSELECT_LIST, "%d,%d,%d,%d,%d,%d", s->handle,
				 s->family, s->role, s->type, sec_tag_of(s), s->ranking);
	}
	if (sock_current(m)->open)
		at_reply(m, &RSP_XSOCKETSELECT_CUR, "%d", sock_current(m)->handle);
	return AT_OK;
}

int xsocketselect20_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return select_list(m, false);
}

int xsocketselect21_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return select_list(m, true);
}

/* The SLM's handler has no test branch and answers OK. */
int xsocketselect_test(struct modem *m, const struct at_cmd *cmd)
{
	(void)m;
	(void)cmd;
	return AT_OK;
}
