/* AT#XGETADDRINFO (slm_at_socket.c): a name through the emulated DNS;
 * from 2.8 with an address family hint. */
#include <stdio.h>

#include "at_cmd.h"
#include "cmd_socket_io.h"
#include "resolver.h"
#include "rsp_table.h"
#include "socket_state.h"

static const struct at_param_def xgetaddrinfo_params[] = {
	AT_STR("hostname", AT_R_HOST, SLM_MAX_URL - 1),
};

const struct at_schema xgetaddrinfo_schema = {
	.forms = (const struct at_form[]){
		{ .p = xgetaddrinfo_params, .n = 1,
		  .usage = "expected AT#XGETADDRINFO=\"<hostname>\"" },
	}, .n_forms = 1,
};

/* 2.8+: a <family> hint after the host (0 any, 1 IPv4, 2 IPv6); before,
 * what follows the host is ignored. */
static int family_hint(struct modem *m, const struct at_cmd *cmd, int64_t *family)
{
	*family = 0;
	if (!slm_has(m->profile, SLM_FEAT_GETADDRINFO_FAMILY) || cmd->nparams < 2)
		return AT_OK;
	if (cmd->nparams > 2 || at_param_int_range(cmd, 1, 0, 2, family))
		return at_why(m, AT_ERROR, "expected AT#XGETADDRINFO=\"<hostname>\"[,<family: 0 "
			      "any, 1 IPv4, 2 IPv6>]");
	return AT_OK;
}

/* One address: without a hint the IPv4 answer when the name has one, else
 * its IPv6 (AAAA) one; with a hint (2.8+) that family's. */
int xgetaddrinfo_set(struct modem *m, const struct at_cmd *cmd)
{
	static const int af[] = { 0, AF_INET, AF_INET6 };
	union net_addr sa;
	const char *host = at_str(cmd, "hostname");
	char addr[NET_ADDR_STRLEN];
	int64_t family;
	int rc;

	if ((rc = family_hint(m, cmd, &family)))
		return rc;
	/* The SLM prints gai_strerror()'s text on failure (Zephyr: the name). */
	if (!net_registered(&m->net)) {
		at_reply(m, &RSP_XGETADDRINFO, "\"EAI_AGAIN\"");
		return at_why(m, AT_ERROR, "the modem is not registered to a network: no DNS");
	}
	if (resolver_shown_addr(m->ctx->resolver, host, af[family], &sa)) {
		at_reply(m, &RSP_XGETADDRINFO, "\"EAI_NONAME\"");
		return at_why(m, AT_ERROR, "DNS: no %saddress for '%s' (give one with --resolve "
			      "%s=%s)", family == 2 ? "IPv6 " : family == 1 ? "IPv4 " : "", host, host,
			      family == 2 ? "[<ipv6>]" : "<ip>");
	}
	at_reply(m, &RSP_XGETADDRINFO, "\"%s\"", net_addr_str(&sa, addr, sizeof(addr)));
	return AT_OK;
}
