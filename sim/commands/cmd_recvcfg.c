/* What the Serial Modem tells the host unasked about its sockets
 * (sm_at_socket.c): automatic reception, AT#XRECVCFG=[<h>],<flags>[,<hex>]
 * (SM v0.3.0+), where received bytes come as "#XRECV: <h>,<mode>,<n>" and
 * the data without any command (in data mode only the data), and the
 * asynchronous poll #XAPOLL, "#XAPOLL: <h>,<revents>" once per event until
 * a send or receive re-arms it: AT#XAPOLL=<op>,<events>[,<h>...] in SM
 * v0.2.0, AT#XAPOLL=[<h>],<op>[,<events>] from v0.3.0. */
#include <stdio.h>

#include "at_cmd.h"
#include "cmd_socket_sm.h"
#include "rsp_table.h"
#include "socket_sm.h"

#define POLL_ALWAYS (SM_POLLERR | SM_POLLHUP | SM_POLLNVAL)	/* libmodem always returns */

/* [<h>]: an empty or absent handle is every socket. */
static const struct at_param_def xrecvcfg_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT),
	AT_INT("flags", AT_R_NONE, 0, 3, .why = "<flags> must be 0 to 3 (EINVAL)"),
	AT_INT("hex", AT_R_NONE, 0, 1, .opt = AT_OPT_END, .why = "<hex> must be 0 or 1 (EINVAL)"),
};

const struct at_schema xrecvcfg_schema = {
	.forms = (const struct at_form[]){
		{ .p = xrecvcfg_params, .n = 3,
		  .usage = "expected AT#XRECVCFG=[<handle>],<flags>[,<hex>]" },
	}, .n_forms = 1, .test = "#XRECVCFG: <handle>,(0,1,2,3),(0,1)",
};

static void recvcfg_apply(struct modem *m, struct sock_state *s, int flags, bool hex)
{
	sm_ext(m, s)->adr_flags = flags;
	sm_ext(m, s)->adr_hex = hex;
	if (sm_data_ready(s) || s->peer_closed)
		sm_sock_readable(m, s, SM_POLLIN);
}

int xrecvcfg_set(struct modem *m, const struct at_cmd *cmd)
{
	int flags = (int)at_int(cmd, "flags");
	bool hex = at_int(cmd, "hex");
	struct sock_state *s = NULL;

	if (at_arg_has(cmd, 0) && !(s = sm_socket_arg(m, at_int(cmd, "handle"))))
		return AT_ERROR;
	if ((flags & SM_ADR_DATA_MODE) && hex)
		return at_why(m, AT_ERROR, "hex mode with data-mode reception is not supported "
			      "(EINVAL)");
	if (s) {
		recvcfg_apply(m, s, flags, hex);
		return AT_OK;
	}
	m->smsock->adr_flags = flags;
	m->smsock->adr_hex = hex;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		if (sock_slot(m, i)->open)
			recvcfg_apply(m, sock_slot(m, i), flags, hex);
	return AT_OK;
}

int xrecvcfg_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (s->open && sm_ext(m, s)->adr_flags)
			at_reply(m, &RSP_XRECVCFG, "%d,%d,%d", s->handle, sm_ext(m, s)->adr_flags,
				 sm_ext(m, s)->adr_hex);
	}
	return AT_OK;
}

static void poll_set(struct modem *m, struct sock_state *s, int events)
{
	sm_ext(m, s)->xapoll_req = events;
	if (events)
		sm_poll_rearm(m, s, events);
}

/* SM v0.3.0+: AT#XAPOLL=[<h>],<op>[,<events>]. */
static const struct at_param_def xapoll_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT),
	AT_INT("op", AT_R_NONE, 0, 1, .why = "<op> must be 0 stop or 1 start (EINVAL)"),
	AT_INT("events", AT_R_NONE, 0, SM_POLLIN | SM_POLLOUT, .opt = AT_OPT_END,
	       .only = AT_BIT(0) | AT_BIT(1) | AT_BIT(4) | AT_BIT(5),
	       .why = "<events> must be 0, 1 POLLIN, 4 POLLOUT or 5 (EINVAL)"),
};

const struct at_schema xapoll_schema = {
	.forms = (const struct at_form[]){
		{ .p = xapoll_params, .n = 3,
		  .usage = "expected AT#XAPOLL=[<handle>],<op>[,<events>]" },
	}, .n_forms = 1, .test = "#XAPOLL: <handle>,(0,1),(0,1,4,5)",
};

int xapoll_set(struct modem *m, const struct at_cmd *cmd)
{
	struct sock_state *s = NULL;
	int events = 0;

	if (at_arg_has(cmd, 0) && !(s = sm_socket_arg(m, at_int(cmd, "handle"))))
		return AT_ERROR;
	if (at_int(cmd, "op") == 1) {
		if (!at_arg_has(cmd, 2))
			return at_why(m, AT_ERROR, "AT#XAPOLL start needs <events>");
		events = (int)at_int(cmd, "events") | POLL_ALWAYS;
	}
	if (s) {
		poll_set(m, s, events);
		return AT_OK;
	}
	m->smsock->xapoll_req = events;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++)
		if (sock_slot(m, i)->open)
			poll_set(m, sock_slot(m, i), events);
	return AT_OK;
}

int xapoll_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);

		if (s->open && sm_ext(m, s)->xapoll_req)
			at_reply(m, &RSP_XAPOLL_SM_READ, "%d,%d", s->handle,
				 sm_ext(m, s)->xapoll_req & ~POLL_ALWAYS);
	}
	return AT_OK;
}

/* <events> is read for a start only. */
static const struct at_param_def apoll_v02_events =
	AT_INT("events", AT_R_NONE, INT64_MIN, INT64_MAX, .only = AT_BIT(0) | AT_BIT(SM_POLLIN) |
	       AT_BIT(SM_POLLOUT) | AT_BIT(SM_POLLIN | SM_POLLOUT),
	       .why = "<events> must be 0, 1 POLLIN, 4 POLLOUT or 5 (EINVAL)");

static const struct at_param_case apoll_v02_cases[] = {
	{ .lo = 1, .hi = 1, .def = &apoll_v02_events },
};

/* The handles after them name open sockets: the handler checks them. */
static const struct at_param_def apoll_v02_params[] = {
	AT_INT("op", AT_R_OP, INT64_MIN, INT64_MAX, .only = AT_BIT(0) | AT_BIT(1),
	       .why = "expected AT#XAPOLL=<op>[,<events>[,<handle>...]] with <op> 0 stop or "
		      "1 start (EINVAL)"),
	AT_DEPENDS("events", AT_R_NONE, 0, apoll_v02_cases),
	AT_LATE("handle", AT_R_NONE),
};

const struct at_schema xapoll_v02_schema = {
	.forms = (const struct at_form[]){ { .p = apoll_v02_params, .n = 3 } }, .n_forms = 1,
	.test = "#XAPOLL: (0,1),<0,1,4,5>,<handle1>,<handle2>,...",
};

/* SM v0.2.0: AT#XAPOLL=<op>[,<events>[,<h1>[,<h2>...]]]: every socket (and
 * those opened later) without handles, else only those named. */
int xapoll_v02_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_int(cmd, "op"), events = op == 1 ? at_int(cmd, "events") : 0, h;
	struct sm_socks *st = m->smsock;

	for (size_t i = 2; i < cmd->nparams; i++)
		if (at_param_int(cmd, i, &h) || !sm_socket_arg(m, h))
			return AT_ERROR;
	st->apoll_running = op == 1;
	st->apoll_all = op == 1 && cmd->nparams <= 2;
	st->apoll_events = (int)events;
	st->xapoll_req = st->apoll_all ? (int)events : 0;
	for (int i = 0; i < SLM_MAX_SOCKETS; i++) {
		struct sock_state *s = sock_slot(m, i);
		bool named = false;

		for (size_t k = 2; s->open && k < cmd->nparams; k++)
			named |= at_param_int(cmd, k, &h) == 0 && h == s->handle;
		st->apoll_one[i] = named;
		if (s->open)
			poll_set(m, s, op == 1 && (st->apoll_all || named) ? (int)events : 0);
	}
	return AT_OK;
}

/* "#XAPOLL: <running>,<events>[,<h>...]". */
int xapoll_v02_read(struct modem *m, const struct at_cmd *cmd)
{
	struct sm_socks *st = m->smsock;
	char line[128];
	int n;

	(void)cmd;
	n = snprintf(line, sizeof(line), "%d,%d", st->apoll_running, st->apoll_events);
	for (int i = 0; i < SLM_MAX_SOCKETS && n < (int)sizeof(line); i++)
		if (sock_slot(m, i)->open && (st->apoll_all || st->apoll_one[i]))
			n += snprintf(line + n, sizeof(line) - (size_t)n, ",%d",
				      sock_slot(m, i)->handle);
	at_reply(m, &RSP_XAPOLL_V02_READ, "%s", line);
	return AT_OK;
}
