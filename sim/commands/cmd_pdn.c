/* Packet data contexts: AT+CGDCONT, AT+CGACT, AT+CGPADDR (modem-commands.md
 * 6).  Context 0 is the default bearer: active while registered, with the
 * APN and address the network assigns. */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_pdn.h"

#define MAX_CID 10

static bool active(const struct modem *m, int cid)
{
	return m->radio.pdn[cid].defined && net_registered(&m->net) &&
	       (cid == 0 || m->radio.pdn_active[cid]);
}

static bool wants(const struct pdn_ctx *p, const char *family)
{
	return !strcmp(p->type, family) || !strcmp(p->type, "IPV4V6");
}

/* Context 0 gets the network's IPv4 address; a secondary one the next ones. */
static void address4(const struct modem *m, int cid, char *out, size_t len)
{
	unsigned a, b, c, d;

	if (!active(m, cid) || !wants(&m->radio.pdn[cid], "IP")) {
		snprintf(out, len, "%s", "");
	} else if (sscanf(m->cfg.net.pdn_addr, "%u.%u.%u.%u", &a, &b, &c, &d) == 4) {
		snprintf(out, len, "%u.%u.%u.%u", a, b, c, (d + (unsigned)cid) & 255);
	} else {
		snprintf(out, len, "%s", m->cfg.net.pdn_addr);
	}
}

/* The same for IPv6: context 0's as the setting writes it (a log's text,
 * byte for byte), the next ones in eight upper-case groups, no zeros run
 * together (what the SLM's +CGPADDR scan takes; the modem's own form is
 * UNCONFIRMED). */
static void address6(const struct modem *m, int cid, char *out, size_t len)
{
	struct in6_addr a;
	const uint8_t *b = a.s6_addr;

	if (!active(m, cid) || !wants(&m->radio.pdn[cid], "IPV6") ||
	    inet_pton(AF_INET6, m->cfg.net.ipv6_addr, &a) != 1) {
		snprintf(out, len, "%s", "");
		return;
	}
	if (cid == 0) {
		snprintf(out, len, "%s", m->cfg.net.ipv6_addr);
		return;
	}
	a.s6_addr[15] = (uint8_t)(a.s6_addr[15] + cid);
	snprintf(out, len, "%X:%X:%X:%X:%X:%X:%X:%X", b[0] << 8 | b[1], b[2] << 8 | b[3],
		 b[4] << 8 | b[5], b[6] << 8 | b[7], b[8] << 8 | b[9], b[10] << 8 | b[11],
		 b[12] << 8 | b[13], b[14] << 8 | b[15]);
}

bool pdn_address(const struct modem *m, int cid, char *out, size_t len)
{
	if (cid < 0 || cid > MAX_CID)
		return false;
	address4(m, cid, out, len);
	return out[0] != '\0';
}

bool pdn_address6(const struct modem *m, int cid, char *out, size_t len)
{
	if (cid < 0 || cid > MAX_CID)
		return false;
	address6(m, cid, out, len);
	return out[0] != '\0';
}

bool pdn_routes(const struct modem *m, int family, int cid, char *why, size_t whylen)
{
	char own[INET6_ADDRSTRLEN];
	int v = family == AF_INET6 ? 6 : 4;

	if ((v == 6 ? pdn_address6 : pdn_address)(m, cid, own, sizeof(own)))
		return true;
	snprintf(why, whylen, "ENETUNREACH: an IPv%d socket, and PDN %d has no IPv%d address (PDP "
		 "type %s; AT+CGDCONT=%d,\"IPV4V6\" before attaching%s)", v, cid, v,
		 cid >= 0 && cid <= MAX_CID ? m->radio.pdn[cid].type : "?", cid,
		 v == 6 ? ", network.ipv6_addr" : "");
	return false;
}

/* +CGDCONT?'s one field: "<v4>", "<v6>", or both separated by a space. */
int cgdcont_read(struct modem *m, const struct at_cmd *cmd)
{
	char v4[16], v6[INET6_ADDRSTRLEN];

	(void)cmd;
	for (int cid = 0; cid <= MAX_CID; cid++) {
		const struct pdn_ctx *p = &m->radio.pdn[cid];
		const char *apn = p->apn[0] || cid ? p->apn : active(m, 0) ? m->cfg.net.apn : "";

		if (!p->defined)
			continue;
		address4(m, cid, v4, sizeof(v4));
		address6(m, cid, v6, sizeof(v6));
		at_reply(m, &RSP_CGDCONT, "%d,\"%s\",\"%s\",\"%s%s%s\",0,0", cid, p->type, apn, v4,
			 v4[0] && v6[0] ? " " : "", v6);
	}
	return AT_OK;
}

static const char *const pdp_types[] = { "IP", "IPV6", "IPV4V6", "Non-IP" };

#define CGDCONT_USAGE "expected AT+CGDCONT=<cid>,<PDP_type>[,<APN>] with type IP, IPV6, " \
	"IPV4V6 or Non-IP and an APN of at most 63 characters"

/* +CGDCONT=<cid> alone undefines the context. */
static const struct at_param_def cgdcont_params[] = {
	AT_INT("cid", AT_R_NONE, 0, MAX_CID, .why = "<cid> must be 0..10"),
	AT_WORDS("PDP_type", AT_R_NONE, pdp_types, .opt = AT_OPT_END,
		 .why = "<PDP_type> must be IP, IPV6, IPV4V6 or Non-IP", .why_value = CGDCONT_USAGE),
	{ .name = "APN", .type = AT_P_TEXT, .opt = AT_OPT, .max_len = 63, .why = CGDCONT_USAGE },
};

const struct at_schema cgdcont_schema = {
	.forms = (const struct at_form[]){ { .p = cgdcont_params, .n = 3 } }, .n_forms = 1,
};

int cgdcont_set(struct modem *m, const struct at_cmd *cmd)
{
	struct pdn_ctx *p = &m->radio.pdn[at_int(cmd, "cid")];

	if (!at_has(cmd, "PDP_type")) {
		p->defined = false;
		return AT_OK;
	}
	p->defined = true;
	snprintf(p->type, sizeof(p->type), "%s", pdp_types[at_word(cmd, "PDP_type")]);
	snprintf(p->apn, sizeof(p->apn), "%s", at_str(cmd, "APN"));
	return AT_OK;
}

/* The first attach brings up context 0, whether or not it was listed before. */
void pdn_net_changed(struct modem *m)
{
	if (net_registered(&m->net))
		m->radio.pdn[0].defined = true;
}

int cgact_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	for (int cid = 0; cid <= MAX_CID; cid++)
		if (m->radio.pdn[cid].defined)
			at_reply(m, &RSP_CGACT, "%d,%d", cid, active(m, cid));
	return AT_OK;
}

static const struct at_param_def cgact_params[] = {
	AT_INT("state", AT_R_NONE, 0, 1), AT_INT("cid", AT_R_NONE, 0, MAX_CID),
};

const struct at_schema cgact_schema = {
	.forms = (const struct at_form[]){
		{ .p = cgact_params, .n = 2, .usage = "expected AT+CGACT=<0|1>,<cid>" },
	}, .n_forms = 1, .test = "+CGACT: (0,1)",
};

int cgact_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t state = at_int(cmd, "state"), cid = at_int(cmd, "cid");

	if (cid == 0)
		return at_why(m, AT_ERROR, "context 0 is the default bearer: it cannot be activated "
			      "or deactivated");
	if (!m->radio.pdn[cid].defined || (state && !net_registered(&m->net)))
		return at_why(m, AT_ERROR, "context %lld is not defined, or the modem is not "
			      "registered", (long long)cid);
	m->radio.pdn_active[cid] = state;
	return AT_OK;
}

static const struct at_param_def cgpaddr_params[] = {
	AT_INT("cid", AT_R_NONE, 0, MAX_CID, .why = "expected AT+CGPADDR[=<cid>]"),
};

const struct at_schema cgpaddr_schema = {
	.forms = (const struct at_form[]){ { .p = cgpaddr_params, .n = 1 } }, .n_forms = 1,
};

/* One line per active context (AT+CGPADDR alone: every one): its IPv4
 * address, its IPv6 one, or both. */
int cgpaddr_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t cid = cmd->mode == AT_MODE_SET ? at_int(cmd, "cid") : -1;
	char v4[16], v6[INET6_ADDRSTRLEN];
	bool any = false;

	for (int c = 0; c <= MAX_CID; c++) {
		if ((cid >= 0 && c != cid) || !active(m, c))
			continue;
		address4(m, c, v4, sizeof(v4));
		address6(m, c, v6, sizeof(v6));
		if (v4[0] && v6[0])
			at_reply(m, &RSP_CGPADDR, "%d,\"%s\",\"%s\"", c, v4, v6);
		else
			at_reply(m, &RSP_CGPADDR, "%d,\"%s\"", c, v4[0] ? v4 : v6);
		any = true;
	}
	if (cid >= 0 && !any)
		return at_why(m, AT_ERROR, "context %lld is not active", (long long)cid);
	return AT_OK;
}

int cgpaddr_test(struct modem *m, const struct at_cmd *cmd)
{
	struct strbuf sb = { 0 };

	(void)cmd;
	sb_append(&sb, "+CGPADDR: (", 11);
	for (int cid = 0, n = 0; cid <= MAX_CID; cid++)
		if (m->radio.pdn[cid].defined)
			sb_appendf(&sb, "%s%d", n++ ? "," : "", cid);
	sb_append(&sb, ")", 1);
	at_info(m, "%s", sb.data);
	sb_free(&sb);
	return AT_OK;
}
