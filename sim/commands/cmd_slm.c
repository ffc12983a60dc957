/* SLM housekeeping (slm_at_commands.c): #XSLMUART, #XDATACTRL, #XUUID,
 * #XRESET, #XSLEEP and, from later generations, #XSLEEP's 2.0 numbering,
 * #XSHUTDOWN, #XMODEMRESET, ATE0/ATE1. */
#include <stdio.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_slm.h"
#include "radio.h"

#define RESPONSE_DELAY_MS 50	/* SLM_UART_RESPONSE_DELAY before a reset */
#define SLEEP_DELAY_MS 100	/* #XSLEEP acts 100 ms after its OK */

/* The SLM reads each with an unsigned getter whose failure it ignores: a
 * parameter of another type, a negative one or none leaves its setting as
 * it was (AT#XSLMUART=-1 is OK). */
static const int64_t bauds[] = { 1200, 2400, 4800, 9600, 14400, 19200, 38400, 57600, 115200,
				 230400, 460800, 921600, 1000000 };

static const struct at_param_def xslmuart_params[] = {
	AT_VALS("baud_rate", AT_R_NONE, bauds, .opt = AT_TRY, .lo = 0, .hi = UINT32_MAX,
		.why_value = "invalid UART baud rate %lld", .value_fmt = true),
	AT_INT("hwfc", AT_R_NONE, 0, UINT16_MAX, .opt = AT_TRY, .only = AT_BIT(0) | AT_BIT(1),
	       .why = "<hwfc> must be 0 or 1"),
};

/* A good <baud_rate> is kept when <hwfc> fails: the SLM stored it before. */
static void xslmuart_keep(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	int64_t v;

	if (good >= 1 && !at_param_int(cmd, 0, &v) && v >= 0 && v <= UINT32_MAX)
		m->cfg.baud = (int)v;
}

const struct at_schema xslmuart_schema = {
	.forms = (const struct at_form[]){ { .p = xslmuart_params, .n = 2,
					     .keep = xslmuart_keep } }, .n_forms = 1,
	.flags = AT_S_TEST_SETS, .test = "#XSLMUART: ",
};

int xslmuart_set(struct modem *m, const struct at_cmd *cmd)
{
	if (at_has(cmd, "baud_rate"))
		m->cfg.baud = (int)at_int(cmd, "baud_rate");
	if (at_has(cmd, "hwfc"))
		m->cfg.hwfc = at_int(cmd, "hwfc");
	modem_log(m, SLOG_INFO, "UART set to %d baud, hwfc %d (a pty ignores the rate)", m->cfg.baud,
		  m->cfg.hwfc);
	return AT_OK;
}

int xslmuart_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XSLMUART, "%d,%d", m->cfg.baud, m->cfg.hwfc);
	return AT_OK;
}

/* verify_datamode_control(): the time a 256-byte UART buffer takes to fill. */
static int datactrl_min(const struct modem *m)
{
	return datamode_min_time_limit(m);
}

static const struct at_param_def xdatactrl_params[] = {
	AT_INT("time_limit", AT_R_TIMEOUT, 0, 65535),
};

const struct at_schema xdatactrl_schema = {
	.forms = (const struct at_form[]){
		{ .p = xdatactrl_params, .n = 1,
		  .usage = "expected AT#XDATACTRL=<time_limit> (ms, 0..65535)" },
	}, .n_forms = 1, .test = "#XDATACTRL=<time_limit>",
};

int xdatactrl_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t limit = at_int(cmd, "time_limit");

	if (limit == 0 && m->profile->datamode.ctrl_zero == SLM_DM_ZERO_ERROR)
		return at_why(m, AT_ERROR, "time limit 0 is refused by %s (verify_datamode_control() "
			      "takes 0 as below the minimum %d ms)", m->profile->label, datactrl_min(m));
	if (limit > 0 && limit < datactrl_min(m))
		return at_why(m, AT_ERROR, "time limit %lld ms is below the minimum %d ms at %d baud",
			      (long long)limit, datactrl_min(m), m->cfg.baud);
	m->cfg.datamode_time_limit_ms = (int)limit;
	return AT_OK;
}

int xdatactrl_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XDATACTRL, "%d,%d", m->cfg.datamode_time_limit_ms, datactrl_min(m));
	return AT_OK;
}

int xuuid_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_reply(m, &RSP_XUUID, "%s", m->cfg.uuid);
	return AT_OK;
}

/* The SLM sends OK itself, waits, powers the modem off and reboots cold:
 * "Ready" again, volatile state gone, credentials kept. */
int xreset_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	modem_write(m, "\r\nOK\r\n", 6);
	m->host_uninit(m);	/* after SLM_UART_RESPONSE_DELAY; nothing else runs meanwhile */
	modem_log(m, SLOG_INFO, "#XRESET: rebooting; Ready in %d ms", RESPONSE_DELAY_MS +
		  m->cfg.boot_ms);
	m->sleep_mode = -1;
	sim_timer_start(m->ctx->clock, &m->power_timer, RESPONSE_DELAY_MS + m->cfg.boot_ms);
	return AT_SILENT;
}

/* 0 idle (LTE kept), 1 sleep (system off), 2 UART off.  On a pty only the
 * silence shows: input is lost until the wake-up (SIGUSR1 to slmsim, the
 * interface GPIO of a board), which answers "Ready". */
static const struct at_param_def xsleep_params[] = {
	AT_INT("sleep_mode", AT_R_NONE, 0, 2),
};

const struct at_schema xsleep_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsleep_params, .n = 1,
		  .usage = "expected AT#XSLEEP=<0 idle|1 sleep|2 UART off>" },
	}, .n_forms = 1, .test = "#XSLEEP: (0,1,2)",
};

int xsleep_set(struct modem *m, const struct at_cmd *cmd)
{
	m->sleep_mode = (int)at_int(cmd, "sleep_mode");
	sim_timer_start(m->ctx->clock, &m->power_timer, SLEEP_DELAY_MS);
	return AT_OK;
}

/* 2.0+: 1 sleep (system off, as 1.8's 1), 2 idle (the UART off, as 1.8's
 * 2); 0 is no mode any more. */
static const struct at_param_def xsleep20_params[] = {
	AT_INT("sleep_mode", AT_R_NONE, 1, 2),
};

const struct at_schema xsleep20_schema = {
	.forms = (const struct at_form[]){
		{ .p = xsleep20_params, .n = 1,
		  .usage = "expected AT#XSLEEP=<1 sleep|2 idle> (0 is no mode from SLM v2.0)" },
	}, .n_forms = 1, .test = "#XSLEEP: (1,2)",
};

int xsleep20_set(struct modem *m, const struct at_cmd *cmd)
{
	m->sleep_mode = at_int(cmd, "sleep_mode") == 1 ? MODEM_SLEEP_OFF : MODEM_SLEEP_UART_OFF;
	sim_timer_start(m->ctx->clock, &m->power_timer, SLEEP_DELAY_MS);
	return AT_OK;
}

/* OK, then System Off with the wake-up pin disconnected: no GPIO (here
 * SIGUSR1) wakes it, only a reset (slmctl reset, the board's button). */
int xshutdown_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	modem_write(m, "\r\nOK\r\n", 6);
	m->sleep_mode = MODEM_SLEEP_SHUTDOWN;
	sim_timer_start(m->ctx->clock, &m->power_timer, RESPONSE_DELAY_MS);
	return AT_SILENT;
}

/* The modem library shut down and started again: the modem powered off
 * first (AT+CFUN=0 unless in 0 or 4), its volatile state gone, the SLM's
 * kept. */
int xmodemreset_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (m->radio.lte_cfun != 0 && m->radio.lte_cfun != 4)
		radio_set_cfun(m, 0);
	m->cereg_n = 0;
	m->cmee = 0;
	radio_reset(m);
	at_reply(m, &RSP_XMODEMRESET, "0");
	return AT_OK;
}

/* SM's ATE0/ATE1: the echo of what the host sends, from the next byte. */
int ate_set(struct modem *m, const struct at_cmd *cmd)
{
	m->echo = cmd->name[1] == '1';
	return AT_OK;
}
