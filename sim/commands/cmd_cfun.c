/* AT+CFUN: functional mode.  Switching the radio drives the network model;
 * leaving it switches every radio service off. */
#include "commands.h"

int cfun_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "+CFUN: %d", m->cfun);
	return AT_OK;
}

int cfun_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t fun;

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
