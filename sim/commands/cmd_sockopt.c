/* AT#XSOCKETOPT=<op>,<name>[,<value>] as SLM v1.8's do_socketopt_set_int,
 * _set_str and _get (slm_at_socket.c): options at SOL_SOCKET level, kept
 * with the socket and gone with it.  The numbers are Zephyr's (Linux's) and
 * NCS's socket_ncs.h of that era; the modem's own defaults are unconfirmed
 * (every option starts at 0). */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_sockopt.h"
#include "socket_sm.h"
#include "socket_state.h"

/* The device's numbers (not the host's <sys/socket.h>). */
enum {
	ZSO_REUSEADDR = 2, ZSO_TYPE = 3, ZSO_ERROR = 4, ZSO_PRIORITY = 12, ZSO_RCVTIMEO = 20,
	ZSO_SNDTIMEO = 21, ZSO_BINDTODEVICE = 25, ZSO_SILENCE_ALL = 30, ZSO_IP_ECHO_REPLY = 31,
	ZSO_IPV6_ECHO_REPLY = 32, ZSO_TIMESTAMPING = 37, ZSO_PROTOCOL = 38, ZSO_RAI_LAST = 50,
	ZSO_RAI_WAIT_MORE = 54, ZSO_TCP_SRV_SESSTIMEO = 55,
};

static bool ncs_int_option(int64_t name)
{
	return name == ZSO_SILENCE_ALL || name == ZSO_IP_ECHO_REPLY || name == ZSO_IPV6_ECHO_REPLY ||
	       name == ZSO_TCP_SRV_SESSTIMEO;
}

/* setsockopt(): on no socket (fd -1) every option fails. */
static int set_option(struct modem *m, const struct at_cmd *cmd, int64_t name)
{
	struct sock_state *s = sock_current(m);
	int64_t v = 0;
	const char *str;

	if (name == ZSO_PRIORITY || name == ZSO_TIMESTAMPING) {
		at_reply(m, &RSP_XSOCKETOPT, "\"not supported\"");
		return at_why(m, AT_ERROR, "socket option %lld is not supported by SLM v1.8",
			      (long long)name);
	}
	if (!s->open)
		return at_why(m, AT_ERROR, "no socket is open (AT#XSOCKET=1,...)");
	/* A string value: only ZSO_BINDTODEVICE takes one. */
	if (at_param_present(cmd, 2) && at_param_int(cmd, 2, &v)) {
		if (at_param_str(cmd, 2, &str, NULL) || name != ZSO_BINDTODEVICE)
			return at_why(m, AT_ERROR, "option %lld takes no string", (long long)name);
		return AT_OK;
	}
	if (name >= ZSO_RAI_LAST && name <= ZSO_RAI_WAIT_MORE)
		return AT_OK;	/* release assistance: a hint to the network, no value */
	if (name != ZSO_REUSEADDR && name != ZSO_RCVTIMEO && name != ZSO_SNDTIMEO &&
	    !ncs_int_option(name))
		return at_why(m, AT_ERROR, "unknown socket option %lld", (long long)name);
	s->opts[name] = (int)v;
	return AT_OK;
}

/* getsockopt(): only the options it reads fail on no socket. */
static int get_option(struct modem *m, int64_t name)
{
	struct sock_state *s = sock_current(m);
	bool timeo = name == ZSO_RCVTIMEO || name == ZSO_SNDTIMEO;

	if (name == ZSO_TYPE || name == ZSO_PRIORITY || name == ZSO_PROTOCOL) {
		at_reply(m, &RSP_XSOCKETOPT, "\"not supported\"");
		return AT_OK;
	}
	if (!timeo && name != ZSO_ERROR && !ncs_int_option(name))
		return AT_OK;	/* other names: nothing, and OK */
	if (!s->open)
		return at_why(m, AT_ERROR, "no socket is open (AT#XSOCKET=1,...)");
	if (timeo)
		at_reply(m, &RSP_XSOCKETOPT, "\"%d sec\"", s->opts[name]);
	else
		at_reply(m, &RSP_XSOCKETOPT, "%d", name == ZSO_ERROR ? 0 : s->opts[name]);
	return AT_OK;
}

/* <value> is an integer or a string by option: set_option() reads it. */
static const struct at_param_def xsocketopt_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535), AT_INT("name", AT_R_NONE, 0, 65535),
	AT_LATE("value", AT_R_NONE),
};

const struct at_schema xsocketopt_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsocketopt_params, .n = 3,
		  .usage = "expected AT#XSOCKETOPT=<op>,<name>[,<value>]" },
	}, .n_forms = 1, .test = "#XSOCKETOPT: (0,1),<name>,<value>",
};

int xsocketopt_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_int(cmd, "op"), name = at_int(cmd, "name");

	if (op == 1)
		return name < SOCK_OPTS ? set_option(m, cmd, name) :
		       at_why(m, AT_ERROR, "unknown socket option %lld", (long long)name);
	if (op == 0)
		return name < SOCK_OPTS ? get_option(m, name) : AT_OK;
	return AT_OK;	/* another op: the SLM does nothing and answers OK */
}

/* The Serial Modem (sm_at_socket.c, sm_sockopt.h): its own numbers mapped
 * to the modem's, the socket by handle, answers "#XSOCKETOPT: <h>,<v>".
 * A get of a set-only option fails in getsockopt(); SO_SNDTIMEO starts at
 * the 30 s the SM sets on opening, SO_RCVTIMEO is what the last #XRECV set. */
struct sm_opt {
	int name;
	bool get;	/* getsockopt() reads it */
	int lo, hi;	/* the values setsockopt() takes */
};

struct sm_opts {
	const struct sm_opt *o;
	size_t n;
	const char *gen;
};

#define SM_ANY INT32_MIN, INT32_MAX
/* RAI_NO_DATA 1 .. RAI_WAIT_MORE 5 (at_socket.rst). */
#define SM_OPTS_02 { 2, false, SM_ANY }, { 20, true, SM_ANY }, { 21, true, SM_ANY }, \
	{ 30, true, SM_ANY }, { 31, true, SM_ANY }, { 32, true, SM_ANY }, \
	{ 40, false, SM_ANY }, { 61, false, 1, 5 }, { 62, true, SM_ANY }

static const struct sm_opt sm02_opts[] = { SM_OPTS_02 };
static const struct sm_opt sm20_opts[] = { SM_OPTS_02, { 55, true, SM_ANY } };
static const struct sm_opts sm02 = { sm02_opts, sizeof(sm02_opts) / sizeof(sm02_opts[0]),
				     "SM v0.2-1.0" };
static const struct sm_opts sm20 = { sm20_opts, sizeof(sm20_opts) / sizeof(sm20_opts[0]),
				     "SM v2.0" };

static const struct sm_opt *sm_opt_of(const struct sm_opts *g, int64_t name)
{
	for (size_t i = 0; i < g->n; i++)
		if (g->o[i].name == name)
			return &g->o[i];
	return NULL;
}

static const struct at_param_def xsocketopt_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("op", AT_R_NONE, 0, 65535), AT_INT("name", AT_R_NONE, 0, 65535),
	AT_INT("value", AT_R_NONE, INT32_MIN, INT32_MAX, .opt = AT_OPT_END),
};

const struct at_schema xsocketopt_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsocketopt_sm_params, .n = 4,
		  .usage = "expected AT#XSOCKETOPT=<handle>,<op>,<name>[,<value>]" },
	}, .n_forms = 1, .test = "#XSOCKETOPT: <handle>,(0,1),<name>,<value>",
};

static int sm_sockopt(struct modem *m, const struct at_cmd *cmd, const struct sm_opts *g)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t op = at_int(cmd, "op"), name = at_int(cmd, "name"), v = at_int(cmd, "value");
	const struct sm_opt *o = sm_opt_of(g, name);

	if (!s)
		return AT_ERROR;
	if (op != 0 && op != 1)
		return at_why(m, AT_ERROR, "<op> %lld: 0 get or 1 set (EINVAL)", (long long)op);
	if (!o)
		return at_why(m, AT_ERROR, "socket option %lld is not one %s has (ENOTSUP)",
			      (long long)name, g->gen);
	if (op == 0 && !o->get)
		return at_why(m, AT_ERROR, "socket option %lld is set-only (getsockopt: "
			      "ENOPROTOOPT)", (long long)name);
	if (op == 0) {
		at_reply(m, &RSP_XSOCKETOPT, "%d,%d", s->handle, s->opts[name]);
		return AT_OK;
	}
	if (v < o->lo || v > o->hi)
		return at_why(m, AT_ERROR, "socket option %lld takes %d to %d (setsockopt: EINVAL)",
			      (long long)name, o->lo, o->hi);
	s->opts[name] = (int)v;
	return AT_OK;
}

int xsocketopt_sm02_set(struct modem *m, const struct at_cmd *cmd) { return sm_sockopt(m, cmd, &sm02); }
int xsocketopt_sm20_set(struct modem *m, const struct at_cmd *cmd) { return sm_sockopt(m, cmd, &sm20); }
