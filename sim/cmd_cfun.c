/* AT+CFUN: functional mode.  Switching the radio drives the network model;
 * leaving it switches every radio service off. */
#include "modem.h"

static int cmd_cfun_fn(struct modem *m, const struct at_cmd *cmd)
{
	int64_t fun;

	switch (cmd->mode) {
	case AT_MODE_READ:
		at_info(m, "+CFUN: %d", m->cfun);
		return AT_OK;
	case AT_MODE_TEST:
		at_info(m, "+CFUN: (0,1,2,4,20,21,30,31,40,41,44)");
		return AT_OK;
	case AT_MODE_SET:
		break;
	default:
		return at_why(m, AT_ERROR, "expected AT+CFUN=<fun>, AT+CFUN? or AT+CFUN=?");
	}
	if (cmd->nparams != 1 || at_param_int(cmd, 0, &fun))
		return at_why(m, AT_ERROR, "expected one integer: AT+CFUN=<fun>");
	switch (fun) {
	case 0:
	case 4:
	case 1:
		break;
	case 2:
	case 20:
	case 21:
	case 30:
	case 31:
	case 40:
	case 41:
	case 44:
		return at_why(m, AT_ERROR, "AT+CFUN=%d is valid on mfw 1.3.1 but slmsim only "
			      "emulates modes 0, 1 and 4", (int)fun);
	default:
		return at_why(m, AT_ERROR, "AT+CFUN=%d: no such functional mode", (int)fun);
	}
	if (fun == m->cfun)
		return AT_OK;
	m->cfun = (int)fun;
	if (m->cfun == 1)
		net_radio_on(&m->net);
	else
		net_radio_off(&m->net);
	return AT_OK;
}

static const struct at_cmd_def rows[] = {
	{ "+CFUN", AT_ORIGIN_MODEM, cmd_cfun_fn },
};

const struct at_cmd_table cmd_cfun = {
	.module = "cfun", .cmds = rows, .count = ARRAY_SIZE(rows),
};
