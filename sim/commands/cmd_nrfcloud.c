/* AT#XNRFCLOUD (SLM v1.8 gnss/slm_at_gnss.c) with no nRF Cloud reachable:
 * slmsim has no nRF Cloud.  The SLM's cloud_connect() only wakes the
 * nrf_cloud library's connection thread (CONFIG_NRF_CLOUD_CONNECTION_POLL_
 * THREAD, default y) and answers OK; the thread's look-up of the cloud host
 * fails (-ECHILD, CLOUD_CONNECT_RES_ERR_NETWORK) and comes back as a
 * CLOUD_EVT_CONNECTING the SLM only logs: no #XNRFCLOUD URC follows, the
 * cloud never becomes ready, so sending (2) and disconnecting (0) refuse.
 * The read form names the library's sec_tag and its client id, "nrf-" and
 * the IMEI (CONFIG_NRF_CLOUD_SEC_TAG, CONFIG_NRF_CLOUD_CLIENT_ID_PREFIX). */
#include <stdio.h>
#include <stdlib.h>

#include "at_cmd.h"
#include "at_schema.h"
#include "cmd_nrfcloud.h"

#define NRF_CLOUD_SEC_TAG 16842753
#define NRF_CLOUD_ID_PREFIX "nrf-"

enum { CLOUD_DISCONNECT, CLOUD_CONNECT, CLOUD_SEND };

struct nrfcloud_state {
	bool ready;		/* never: no cloud answers */
	bool signify;		/* <signify> of the last connect request */
};

/* <signify> is read for a connect only, when given. */
static const struct at_param_def xnrfcloud_signify =
	AT_INT("signify", AT_R_NONE, 0, 65535, .opt = AT_OPT,
	       .why = "<signify> is not an unsigned short");

static const struct at_param_case xnrfcloud_cases[] = {
	{ .lo = CLOUD_CONNECT, .hi = CLOUD_CONNECT, .def = &xnrfcloud_signify },
};

static const struct at_param_def xnrfcloud_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535,
	       .why = "expected AT#XNRFCLOUD=<op>[,<signify>]: <op> an unsigned short"),
	AT_DEPENDS("signify", AT_R_NONE, 0, xnrfcloud_cases),
};

/* A connect clears <signify> before it reads the new one: a bad one leaves 0. */
static void xnrfcloud_keep(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	if (good == 1 && at_arg_int(cmd, 0) == CLOUD_CONNECT && !m->nrfcloud->ready)
		m->nrfcloud->signify = false;
}

const struct at_schema xnrfcloud_schema = {
	.forms = (const struct at_form[]){
		{ .p = xnrfcloud_params, .n = 2, .keep = xnrfcloud_keep },
	}, .n_forms = 1,
	.test = "#XNRFCLOUD: (0,1,2),<signify>",
};

static int request_connect(struct modem *m, const struct at_cmd *cmd)
{
	struct nrfcloud_state *c = m->nrfcloud;

	c->signify = at_int(cmd, "signify") > 0;
	modem_log(m, SLOG_WHY, "#XNRFCLOUD: no nRF Cloud is reachable from slmsim: the "
		  "nrf_cloud library's connection fails (CLOUD_EVT_CONNECTING, "
		  "CLOUD_CONNECT_RES_ERR_NETWORK), which the SLM only logs; OK, and no "
		  "#XNRFCLOUD URC follows");
	return AT_OK;
}

int xnrfcloud_set(struct modem *m, const struct at_cmd *cmd)
{
	struct nrfcloud_state *c = m->nrfcloud;
	int64_t op = at_int(cmd, "op");

	if (op == CLOUD_CONNECT && !c->ready)
		return request_connect(m, cmd);
	if (op == CLOUD_SEND || op == CLOUD_DISCONNECT)
		return at_why(m, AT_ERROR, "<op> %lld needs a connected nRF Cloud, and none is "
			      "reachable from slmsim", (long long)op);
	return at_why(m, AT_ERROR, "<op> %lld: 0 disconnect, 1 connect, 2 send", (long long)op);
}

int xnrfcloud_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct nrfcloud_state *c = m->nrfcloud;

	(void)cmd;
	at_raw(m, "\r\n#XNRFCLOUD: %d,%d,%d,\"%s%s\"\r\n", c->ready, c->signify,
	       NRF_CLOUD_SEC_TAG, NRF_CLOUD_ID_PREFIX, m->cfg.imei);
	return AT_OK;
}

int nrfcloud_init(struct modem *m, char *err, size_t errlen)
{
	m->nrfcloud = calloc(1, sizeof(*m->nrfcloud));
	if (!m->nrfcloud) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void nrfcloud_fini(struct modem *m)
{
	free(m->nrfcloud);
	m->nrfcloud = NULL;
}
