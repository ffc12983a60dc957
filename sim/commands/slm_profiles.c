/* The SLM generations as data.  Only NCS 1.8 exists yet: its rows are the
 * whole command table (cmd_table.c); a later generation lists its own rows
 * for the commands it answers differently, then shares the rest. */
#include "slm_profiles.h"

#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"

/* What AT#XCLAC prints, in order, on an SLM v1.8 build for the nRF9160 DK:
 * default Kconfig; its board overlay disables i2c2, so the #XTWI* commands
 * are absent (fact sheet 9). */
static const char *const ncs18_clac[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XRESET", "AT#XUUID", "AT#XCLAC", "AT#XSLMUART",
	"AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT", "AT#XLISTEN",
	"AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XGPS", "AT#XNRFCLOUD",
	"AT#XFTP", "AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB",
	"AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XGPIOCFG", "AT#XGPIO", NULL,
};

const struct slm_profile slm_profile_ncs18 = {
	.name = "ncs-1.8",
	.label = "SLM v1.8",
	.summary = "SLM of NCS 1.8 on mfw 1.3.x (nRF9160)",
	.line = SLM_LINE_NCS,
	.from = { 1, 8, 0 },
	.to = { 1, 9, 0 },
	.version_answer = "1.8.0",
	.row_sets = &at_table,
	.n_row_sets = 1,
	.clac = ncs18_clac,
	/* The SLM's Kconfig default is CR LF only; slmsim takes what terminal
	 * programs send (modem.terminator = crlf is the SLM's). */
	.framing = { .term = AT_TERM_ANY, .empty_line = SLM_EMPTY_ERROR,
		      .drop_trailing_empty = true },
	.datamode = { .quit = DATAMODE_TERMINATOR, .silence_ms = DATAMODE_SILENCE_MS,
		      .rx_chunk = 256, .buffer = 4096 },
	.limits = { .max_cmd_len = 4095 },	/* AT_MAX_CMD_LEN 4096 with its NUL */
	.urc = { .timing = SLM_URC_AT_ONCE, .in_datamode = SLM_URC_DM_DROP },
};

static const struct slm_profile *const profiles[] = { &slm_profile_ncs18, NULL };

const struct slm_profile *slm_profile_default(void) { return &slm_profile_ncs18; }
const struct slm_profile *const *slm_profile_all(void) { return profiles; }

const struct slm_profile *slm_profile_of(const struct modem_config *cfg)
{
	return cfg->slm_profile ? cfg->slm_profile : slm_profile_default();
}

const struct slm_profile *slm_profile_find(const char *spec)
{
	enum slm_line line = SLM_LINE_NCS;
	struct slm_version v;

	if (!strncasecmp(spec, "sm-", 3)) {
		line = SLM_LINE_SM;
		spec += 3;
	} else if (!strncasecmp(spec, "ncs-", 4)) {
		spec += 4;
	}
	if (slm_version_parse(spec, &v))
		return NULL;
	for (size_t i = 0; profiles[i]; i++)
		if (slm_profile_covers(profiles[i], line, &v))
			return profiles[i];
	return NULL;
}

static bool slm_casecmp(const char *line, size_t len, const char *name, size_t slack)
{
	size_t n;

	/* Most rows differ in their first character: skip them before strlen. */
	if (len < 3 || tolower((unsigned char)line[2]) != tolower((unsigned char)name[0]))
		return false;
	n = strlen(name);
	if (len < n + 2 || strncasecmp(line, "AT", 2) || strncasecmp(line + 2, name, n))
		return false;
	if (len > n + 2 + slack)
		return line[n + 2] == '=' || line[n + 2] == '?';
	return true;
}

const struct at_cmd_def *at_cmd_match(const struct slm_profile *p, const char *line, size_t len,
				      const char *name, enum at_term term)
{
	size_t slack = term == AT_TERM_CR || term == AT_TERM_LF ? 1 : 2;
	const struct at_cmd_def *d, *modem = NULL;
	size_t i = 0;

	/* One pass (it runs for every line): an SLM row matching the line's
	 * start wins at once, else the first modem row of the exact name. */
	while ((d = slm_profile_next(p, &i))) {
		if (d->origin == AT_ORIGIN_SLM) {
			if (slm_casecmp(line, len, d->name, slack))
				return d;
		} else if (!modem && d->origin == AT_ORIGIN_MODEM && !strcasecmp(d->name, name)) {
			modem = d;
		}
	}
	return modem;
}

const struct at_cmd_def *at_cmd_find(const struct slm_profile *p, const char *name)
{
	const struct at_cmd_def *d;
	size_t i = 0;

	while ((d = slm_profile_next(p, &i)))
		if (!strcasecmp(d->name, name))
			return d;
	return NULL;
}
