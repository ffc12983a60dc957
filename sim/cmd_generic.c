/* Identification and housekeeping: AT+CMEE, AT+CGMI/CGMM/CGMR/CGSN,
 * AT#XSLMVER, AT#XCLAC. */
#include "modem.h"

/* What AT#XCLAC prints on SLM v1.8 with default Kconfig (fact sheet 2). */
static const char *const slm_v18_commands[] = {
	"AT#XSLMVER", "AT#XSLEEP", "AT#XRESET", "AT#XUUID", "AT#XCLAC", "AT#XSLMUART",
	"AT#XDATACTRL", "AT#XTCPSVR", "AT#XTCPCLI", "AT#XTCPSEND", "AT#XTCPHANGUP",
	"AT#XUDPSVR", "AT#XUDPCLI", "AT#XUDPSEND", "AT#XSOCKET", "AT#XSSOCKET",
	"AT#XSOCKETOPT", "AT#XSSOCKETOPT", "AT#XBIND", "AT#XCONNECT", "AT#XLISTEN",
	"AT#XACCEPT", "AT#XSEND", "AT#XRECV", "AT#XSENDTO", "AT#XRECVFROM",
	"AT#XGETADDRINFO", "AT#XPING", "AT#XSMS", "AT#XFOTA", "AT#XGPS", "AT#XNRFCLOUD",
	"AT#XFTP", "AT#XMQTTCON", "AT#XMQTTPUB", "AT#XMQTTSUB", "AT#XMQTTUNSUB",
	"AT#XHTTPCCON", "AT#XHTTPCREQ", "AT#XTWILS", "AT#XTWIW", "AT#XTWIR", "AT#XTWIWR",
	"AT#XGPIOCFG", "AT#XGPIO",
};

static int no_params(struct modem *m, const struct at_cmd *cmd, const char *what)
{
	if (cmd->mode == AT_MODE_ACTION)
		return AT_OK;
	return at_why(m, AT_ERROR, "%s takes no parameter and has no read or test form", what);
}

static int cmd_cmee_fn(struct modem *m, const struct at_cmd *cmd)
{
	int64_t n;

	switch (cmd->mode) {
	case AT_MODE_SET:
		if (cmd->nparams != 1 || at_param_int_range(cmd, 0, 0, 1, &n))
			return at_why(m, AT_ERROR, "expected AT+CMEE=<0|1> (mfw 1.3.x has no "
				      "verbose mode 2)");
		m->cmee = (int)n;
		return AT_OK;
	case AT_MODE_READ:
		at_info(m, "+CMEE: %d", m->cmee);
		return AT_OK;
	case AT_MODE_TEST:
		at_info(m, "+CMEE: (0,1)");
		return AT_OK;
	default:
		return at_why(m, AT_ERROR, "expected AT+CMEE=<n>, AT+CMEE? or AT+CMEE=?");
	}
}

static int cmd_cgmi_fn(struct modem *m, const struct at_cmd *cmd)
{
	int rc = no_params(m, cmd, "AT+CGMI");

	if (rc == AT_OK)
		at_info(m, "%s", m->cfg.manufacturer);
	return rc;
}

static int cmd_cgmm_fn(struct modem *m, const struct at_cmd *cmd)
{
	int rc = no_params(m, cmd, "AT+CGMM");

	if (rc == AT_OK)
		at_info(m, "%s", m->cfg.model);
	return rc;
}

static int cmd_cgmr_fn(struct modem *m, const struct at_cmd *cmd)
{
	int rc = no_params(m, cmd, "AT+CGMR");

	if (rc == AT_OK)
		at_info(m, "%s", m->cfg.revision);
	return rc;
}

static int cmd_cgsn_fn(struct modem *m, const struct at_cmd *cmd)
{
	int64_t snt = 0;

	switch (cmd->mode) {
	case AT_MODE_ACTION:
		break;
	case AT_MODE_TEST:
		at_info(m, "+CGSN: (0-3)");
		return AT_OK;
	case AT_MODE_SET:
		if (cmd->nparams != 1 || at_param_int_range(cmd, 0, 0, 3, &snt))
			return at_why(m, AT_ERROR, "expected AT+CGSN=<0..3>");
		break;
	default:
		return at_why(m, AT_ERROR, "AT+CGSN has no read form");
	}
	switch (snt) {
	case 0:
		at_info(m, "%s", m->cfg.imei);
		break;
	case 1:
		at_info(m, "+CGSN: \"%s\"", m->cfg.imei);
		break;
	case 2:
		at_info(m, "+CGSN: \"%.14s%s\"", m->cfg.imei, m->cfg.svn);
		break;
	default:
		at_info(m, "+CGSN: \"%s\"", m->cfg.svn);
		break;
	}
	return AT_OK;
}

static int cmd_xslmver_fn(struct modem *m, const struct at_cmd *cmd)
{
	int rc = no_params(m, cmd, "AT#XSLMVER");

	if (rc == AT_OK)
		at_info(m, "#XSLMVER: \"%s\"", m->cfg.slm_version);
	return rc;
}

static int cmd_xclac_fn(struct modem *m, const struct at_cmd *cmd)
{
	int rc = no_params(m, cmd, "AT#XCLAC");

	if (rc != AT_OK)
		return rc;
	/* SLM prints these with "%s\r\n": no leading CRLF, unlike other lines. */
	for (size_t i = 0; i < ARRAY_SIZE(slm_v18_commands); i++)
		at_raw(m, "%s\r\n", slm_v18_commands[i]);
	return AT_OK;
}

static const struct at_cmd_def rows[] = {
	{ "+CMEE", AT_ORIGIN_MODEM, cmd_cmee_fn },
	{ "+CGMI", AT_ORIGIN_MODEM, cmd_cgmi_fn },
	{ "+CGMM", AT_ORIGIN_MODEM, cmd_cgmm_fn },
	{ "+CGMR", AT_ORIGIN_MODEM, cmd_cgmr_fn },
	{ "+CGSN", AT_ORIGIN_MODEM, cmd_cgsn_fn },
	{ "#XSLMVER", AT_ORIGIN_SLM, cmd_xslmver_fn },
	{ "#XCLAC", AT_ORIGIN_SLM, cmd_xclac_fn },
};

const struct at_cmd_table cmd_generic = {
	.module = "generic", .cmds = rows, .count = ARRAY_SIZE(rows),
};
