/* Network time: AT+CCLK and the %XTIME URC (modem-commands.md 14).  The
 * network sends its time at registration; the host may set it too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_time.h"

/* The modem's time, shifted by quarters of an hour (0: UTC). */
static void shifted_tm(const struct modem *m, int quarters, struct tm *tm)
{
	int64_t ms = modem_now(m) + m->radio.clock_offset_ms + (int64_t)quarters * 15 * 60 * 1000;
	time_t t = (time_t)(ms / 1000);

	gmtime_r(&t, tm);
}

void time_local(const struct modem *m, struct tm *tm)
{
	shifted_tm(m, m->cfg.net.tz_quarters, tm);
}

int cclk_read(struct modem *m, const struct at_cmd *cmd)
{
	struct tm tm;
	int q = m->cfg.net.tz_quarters;

	(void)cmd;
	if (!m->radio.time_known)
		return at_why(m, AT_ERROR, "no time known yet: the network sends it at registration, "
			      "or set it with AT+CCLK=\"yy/MM/dd,hh:mm:ss+zz\"");
	time_local(m, &tm);
	at_reply(m, &RSP_CCLK, "\"%02d/%02d/%02d,%02d:%02d:%02d%c%02d\"", tm.tm_year % 100, tm.tm_mon + 1,
		tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, q < 0 ? '-' : '+', abs(q));
	return AT_OK;
}

#define CCLK_USAGE "expected AT+CCLK=\"yy/MM/dd,hh:mm:ss+zz\""

static const struct at_param_def cclk_params[] = {
	AT_STR("time", AT_R_NONE, 0, .why = CCLK_USAGE),
};

/* The time's own format stays the handler's to read. */
const struct at_schema cclk_schema = {
	.forms = (const struct at_form[]){ { .p = cclk_params, .n = 1 } }, .n_forms = 1,
};

int cclk_set(struct modem *m, const struct at_cmd *cmd)
{
	struct tm tm = { 0 };
	const char *s = at_str(cmd, "time");
	char sign;
	int q, n = 0;

	if (sscanf(s, "%2d/%2d/%2d,%2d:%2d:%2d%c%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &sign, &q, &n) != 8 || s[n] ||
	    (sign != '+' && sign != '-'))
		return at_why(m, AT_ERROR, CCLK_USAGE);
	tm.tm_year += 100;
	tm.tm_mon -= 1;
	m->cfg.net.tz_quarters = sign == '-' ? -q : q;
	m->radio.clock_offset_ms = ((int64_t)timegm(&tm) - (int64_t)q * (sign == '-' ? -900 : 900)) *
				   1000 - modem_now(m);
	m->radio.time_known = true;
	return AT_OK;
}

static const struct at_param_def xtime_params[] = { AT_INT("n", AT_R_NONE, 0, 1) };

const struct at_schema xtime_schema = {
	.forms = (const struct at_form[]){
		{ .p = xtime_params, .n = 1, .usage = "expected AT%XTIME=<0|1>" },
	}, .n_forms = 1,
};

int xtime_set(struct modem *m, const struct at_cmd *cmd)
{
	m->radio.xtime_urc = at_int(cmd, "n");
	return AT_OK;
}

/* Two digits in 24.008 semi-octet order: the units digit first. */
static void semi_octet(char *out, int v)
{
	out[0] = (char)('0' + v % 10);
	out[1] = (char)('0' + (v / 10) % 10);
}

/* The network's time arrives with the registration: "<zone>","<universal
 * time>","<DST>", the universal time being 24.008's Time Zone and Time IE
 * (UTC year..second, then the zone), as NCS's date_time.c reads it. */
void time_net_changed(struct modem *m)
{
	char tz[3] = { 0 }, t[15] = { 0 };
	struct tm tm;
	int q = m->cfg.net.tz_quarters;

	if (!net_registered(&m->net) || m->radio.time_known)
		return;
	m->radio.time_known = true;
	m->radio.clock_offset_ms = m->cfg.net.clock_offset_ms;
	if (!m->radio.xtime_urc)
		return;
	shifted_tm(m, 0, &tm);
	semi_octet(tz, abs(q));
	if (q < 0)	/* the sign bit, in the tens' semi-octet */
		tz[1] = "0123456789ABCDEF"[tz[1] - '0' + 8];
	semi_octet(t, tm.tm_year % 100);
	semi_octet(t + 2, tm.tm_mon + 1);
	semi_octet(t + 4, tm.tm_mday);
	semi_octet(t + 6, tm.tm_hour);
	semi_octet(t + 8, tm.tm_min);
	semi_octet(t + 10, tm.tm_sec);
	memcpy(t + 12, tz, 2);
	at_reply(m, &RSP_XTIME, "\"%s\",\"%s\",\"00\"", tz, t);
}
