/* AT#XSSOCKETOPT=<op>,<name>[,<value>]: TLS options of the current secure
 * socket (the Serial Modem's: of socket <handle>, given first), numbered as each generation numbers them (fact sheet 3.5).  The
 * SLM passes its numbers through to setsockopt(SOL_TLS) up to 2.4 (1.8-2.0:
 * 10/11/12 session cache, purge, DTLS handshake time-out; 2.1-2.4: 12/13/14),
 * and from 2.5 maps its own (12/13 cache and purge, 14/15 DTLS CID and its
 * status, 18 handshake time-out).  Values are kept with the socket; none
 * changes the emulated handshake. */
#include <mbedtls/ssl.h>
#include <stdio.h>
#include <strings.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_tlsopt.h"
#include "net_conn.h"
#include "socket_sm.h"
#include "socket_state.h"

enum { TLS_HOSTNAME = 2, TLS_CIPHERSUITE_USED = 4, TLS_PEER_VERIFY = 5 };
enum { OPT_CACHE, OPT_PURGE, OPT_HS_TIMEO, OPT_CID, OPT_FRAG_EXT, OPT_N };
_Static_assert(OPT_N == SOCK_TLS_OPTS, "sock_state keeps one value per option");

struct tls_numbering {
	int num[OPT_N];		/* the generation's number of each option; -1 none */
	int cid_status;		/* TLS_DTLS_CID_STATUS (get only); -1 none */
	bool not_supported;	/* 3, 7, 8, 9 answer "not supported" (up to 2.4) */
	bool get_sol_tls;	/* gets read SOL_TLS (2.5+), not SOL_SOCKET */
	bool get_hostname;	/* a get of 2 prints the host name (2.6+) */
	bool null_hostname;	/* the value "NULL" sets no host name (2.6+) */
	bool by_handle;		/* <handle> first, and first in the answer (SM); an
				 * <op> other than 0 or 1 fails (EINVAL) */
	const char *gen;
};

static const struct tls_numbering ncs18 = {
	{ 10, 11, 12, -1, -1 }, -1, .not_supported = true, .gen = "SLM v1.8-2.0" };
static const struct tls_numbering ncs21 = {
	{ 12, 13, 14, -1, -1 }, -1, .not_supported = true, .gen = "SLM v2.1-2.4" };
static const struct tls_numbering ncs25 = {
	{ 12, 13, 18, 14, -1 }, 15, .get_sol_tls = true, .gen = "SLM v2.5" };
static const struct tls_numbering ncs26 = {
	{ 12, 13, 18, 14, -1 }, 15, .get_sol_tls = true, .get_hostname = true,
	.null_hostname = true, .gen = "SLM v2.6-3.1" };
/* The Serial Modem: 2.6's numbers (sm_sockopt.h); v0.3.0 adds 22
 * DTLS_FRAG_EXT. */
static const struct tls_numbering sm02 = {
	{ 12, 13, 18, 14, -1 }, 15, .get_sol_tls = true, .get_hostname = true,
	.null_hostname = true, .by_handle = true, .gen = "SM v0.2" };
static const struct tls_numbering sm03 = {
	{ 12, 13, 18, 14, 22 }, 15, .get_sol_tls = true, .get_hostname = true,
	.null_hostname = true, .by_handle = true, .gen = "SM v0.3-2.0" };

/* The answer to a get: the SM puts the handle first. */
static void answer(struct modem *m, const struct tls_numbering *g, const struct sock_state *s,
		   const char *value)
{
	if (g->by_handle)
		at_reply(m, &RSP_XSSOCKETOPT, "%d,%s", s->handle, value);
	else
		at_reply(m, &RSP_XSSOCKETOPT, "%s", value);
}

static int option_of(const struct tls_numbering *g, int64_t name)
{
	for (int i = 0; i < OPT_N; i++)
		if (g->num[i] == name)
			return i;
	return -1;
}

static int set_int(struct modem *m, const struct tls_numbering *g, struct sock_state *s,
		   int64_t name, int64_t v)
{
	int opt = option_of(g, name);

	if (name == TLS_PEER_VERIFY) {
		if (v < 0 || v > 2)
			return at_why(m, AT_ERROR, "TLS_PEER_VERIFY takes 0, 1 or 2 (setsockopt: EINVAL)");
		s->peer_verify = (int)v;
		return AT_OK;
	}
	if (opt >= 0) {
		s->tls_opts[opt] = (int)v;
		modem_log(m, SLOG_INFO, "TLS option %lld set to %lld (no effect on an emulated "
			  "handshake)", (long long)name, (long long)v);
		return AT_OK;
	}
	if (g->not_supported && (name == 3 || (name >= 7 && name <= 9))) {
		/* Cipher list, ALPN, DTLS time-out bounds: the SLM says so. */
		at_reply(m, &RSP_XSSOCKETOPT, "\"not supported\"");
		return at_why(m, AT_ERROR, "TLS option %lld is not supported by %s", (long long)name,
			      g->gen);
	}
	return at_why(m, AT_ERROR, "TLS option %lld is not one %s sets (ENOTSUP)", (long long)name,
		      g->gen);
}

static int set_opt(struct modem *m, const struct tls_numbering *g, struct sock_state *s,
		   const struct at_cmd *cmd, int64_t name)
{
	const char *str;
	size_t len;
	int64_t v;

	size_t at = g->by_handle ? 3 : 2;	/* <value>'s place */

	if (!at_param_int(cmd, at, &v))
		return set_int(m, g, s, name, v);
	if (at_param_str(cmd, at, &str, &len))
		return at_why(m, AT_ERROR, "expected AT#XSSOCKETOPT=%s1,<name>,<value>",
			      g->by_handle ? "<handle>," : "");
	if (len >= SLM_MAX_URL)
		return at_why(m, AT_ERROR, "option value of %zu characters; the SLM takes at most %d",
			      len, SLM_MAX_URL - 1);
	if (name != TLS_HOSTNAME)
		return at_why(m, AT_ERROR, "TLS option %lld takes no string (ENOTSUP)", (long long)name);
	/* An empty host name (and "NULL" from 2.6) turns the name check off. */
	snprintf(s->hostname, sizeof(s->hostname), "%s", str);
	s->verify_host = len > 0 && !(g->null_hostname && !strcasecmp(str, "NULL"));
	if (!s->verify_host)
		s->hostname[0] = '\0';
	return AT_OK;
}

/* getsockopt(SOL_TLS, TLS_CIPHERSUITE_USED): the IANA number of the
 * suite in use; the modem answers it from mfw 2.0.0 on, once connected. */
static int get_cipher(struct modem *m, const struct tls_numbering *g, struct sock_state *s)
{
	char buf[16];
	int id = s->connected && s->conn ? mbedtls_ssl_get_ciphersuite_id(conn_cipher(s->conn)) : 0;

	if (!mfw_has(&m->mfw, MFW_CIPHERSUITE_USED))
		return at_why(m, AT_ERROR, "TLS_CIPHERSUITE_USED needs modem firmware 2.0.0 or "
			      "later (getsockopt: ENOPROTOOPT)");
	if (!id)
		return at_why(m, AT_ERROR, "no TLS session on the socket (getsockopt: ENOTCONN)");
	snprintf(buf, sizeof(buf), "0x%x", id);
	answer(m, g, s, buf);
	return AT_OK;
}

static int get_opt(struct modem *m, const struct tls_numbering *g, struct sock_state *s,
		   int64_t name)
{
	int opt = option_of(g, name);
	char buf[16];

	if (!g->get_sol_tls) {
		/* Up to 2.4 the SLM reads 4 at SOL_SOCKET level, where it is SO_ERROR. */
		if (name == TLS_CIPHERSUITE_USED)
			at_reply(m, &RSP_XSSOCKETOPT, "0");
		return AT_OK;	/* other gets: the SLM answers OK */
	}
	if (name == TLS_CIPHERSUITE_USED)
		return get_cipher(m, g, s);
	if (name == TLS_HOSTNAME && g->get_hostname) {
		answer(m, g, s, s->hostname);
		return AT_OK;
	}
	if (name == TLS_PEER_VERIFY || name == g->cid_status || opt >= 0) {
		/* No DTLS connection ID is negotiated: its status reads 0 (disabled). */
		snprintf(buf, sizeof(buf), "%d", name == TLS_PEER_VERIFY ? s->peer_verify :
			 name == g->cid_status ? 0 : s->tls_opts[opt]);
		answer(m, g, s, buf);
		return AT_OK;
	}
	return at_why(m, AT_ERROR, "TLS option %lld is not one %s reads (ENOTSUP)", (long long)name,
		      g->gen);
}

static int secure_open(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (!sock_current(m)->open || !sock_current(m)->secure)
		return at_why(m, AT_ERROR, "no secure socket is open (AT#XSSOCKET=1,...)");
	return AT_OK;
}

/* <value> is an integer or a string by option: set_opt() reads it. */
static const struct at_param_def xssocketopt_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535), AT_INT("name", AT_R_NONE, 0, 65535),
	AT_LATE("value", AT_R_NONE),
};

const struct at_schema xssocketopt_schema = {
	.forms = (const struct at_form[]){
		{ .p = xssocketopt_params, .n = 3, .guard = secure_open,
		  .usage = "expected AT#XSSOCKETOPT=<op>,<name>[,<value>]" },
	}, .n_forms = 1, .test = "#XSSOCKETOPT: (1),<name>,<value>",
};

const struct at_schema xssocketopt25_schema = {
	.forms = (const struct at_form[]){
		{ .p = xssocketopt_params, .n = 3, .guard = secure_open,
		  .usage = "expected AT#XSSOCKETOPT=<op>,<name>[,<value>]" },
	}, .n_forms = 1, .test = "#XSSOCKETOPT: (0,1),<name>,<value>",
};

/* Other ops: the SLM answers OK. */
static int tlsopt(struct modem *m, const struct at_cmd *cmd, const struct tls_numbering *g)
{
	int64_t op = at_int(cmd, "op"), name = at_int(cmd, "name");

	if (op == 1)
		return set_opt(m, g, sock_current(m), cmd, name);
	if (op == 0)
		return get_opt(m, g, sock_current(m), name);
	return AT_OK;
}

static const struct at_param_def xssocketopt_sm_params[] = {
	AT_INT("handle", AT_R_NONE, INT32_MIN, INT32_MAX),
	AT_INT("op", AT_R_NONE, 0, 65535), AT_INT("name", AT_R_NONE, 0, 65535),
	AT_LATE("value", AT_R_NONE),
};

const struct at_schema xssocketopt_sm_schema = {
	.forms = (const struct at_form[]){
		{ .p = xssocketopt_sm_params, .n = 4,
		  .usage = "expected AT#XSSOCKETOPT=<handle>,<op>,<name>[,<value>]" },
	}, .n_forms = 1, .test = "#XSSOCKETOPT: <handle>,(0,1),<name>,<value>",
};

/* handle_at_secure_socketopt(): the socket by handle, a secure one. */
static int tlsopt_sm(struct modem *m, const struct at_cmd *cmd, const struct tls_numbering *g)
{
	struct sock_state *s = sm_socket_arg(m, at_int(cmd, "handle"));
	int64_t op = at_int(cmd, "op"), name = at_int(cmd, "name");

	if (!s)
		return AT_ERROR;
	if (!s->secure)
		return at_why(m, AT_ERROR, "socket %d is not a secure socket (AT#XSSOCKET)",
			      s->handle);
	if (op == 1)
		return set_opt(m, g, s, cmd, name);
	if (op == 0)
		return get_opt(m, g, s, name);
	return at_why(m, AT_ERROR, "<op> %lld: 0 get or 1 set (EINVAL)", (long long)op);
}

int xssocketopt_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt(m, cmd, &ncs18); }
int xssocketopt21_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt(m, cmd, &ncs21); }
int xssocketopt25_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt(m, cmd, &ncs25); }
int xssocketopt26_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt(m, cmd, &ncs26); }
int xssocketopt_sm02_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt_sm(m, cmd, &sm02); }
int xssocketopt_sm03_set(struct modem *m, const struct at_cmd *cmd) { return tlsopt_sm(m, cmd, &sm03); }
