/* The framing and power commands of the SLM generations, byte for byte,
 * per profile where they differ (slm-versions.md 2, 3.6): echo and ATE0/1
 * (SM), the blank line before a modem's final result (2.0+), empty lines
 * and bytes before "AT" (2.5+), input kept while a command runs (2.5+),
 * URCs after the response (SM), INIT ERROR and +CME ERROR from SLM
 * commands (3.1+, SM), #XSLEEP's numbering (2.0+) and what a wake-up
 * brings, #XSHUTDOWN (2.3+), #XMODEMRESET (2.5+). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "ck_run.h"
#include "cmd_table.h"
#include "modem_fixture.h"

static struct mfix f;
static bool started;

/* A modem of that spec; crlf: the SLM's own terminator (the SM's is CR). */
static void start_spec(const char *spec, bool crlf, const char *extra)
{
	struct modem_config cfg;
	char err[128];

	if (started)
		mfix_teardown(&f);
	config_defaults(&cfg);
	if (crlf)
		ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "network.search_delay_ms=400", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "network.register_delay_ms=900", err, sizeof(err)));
	if (extra)
		ck_assert_msg(!config_set_arg(&cfg, extra, err, sizeof(err)), "%s", err);
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", spec, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
	started = true;
}

static void teardown(void)
{
	if (started)
		mfix_teardown(&f);
	started = false;
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(sm_echo_and_ate)
{
	static const char *const specs[] = { "sm-0.2", "sm-1.0.1", "sm-2.0" };

	for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
		start_spec(specs[i], false, NULL);
		/* Echo is off at boot; CR ends a command. */
		EXPECT("AT\r", "\r\nOK\r\n");
		EXPECT("ATE1\r", "\r\nOK\r\n");
		/* The bytes come back as read, the CR too, before the answer. */
		EXPECT("AT+CFUN?\r", "AT+CFUN?\r\r\n+CFUN: 0\r\n\r\nOK\r\n");
		EXPECT("AT+CG", "AT+CG");
		EXPECT("MI\r", "MI\r\r\nNordic Semiconductor ASA\r\n\r\nOK\r\n");
		/* A host's CR LF: the LF opens the next line, and is skipped. */
		EXPECT("AT\r\n", "AT\r\r\nOK\r\n\n");
		EXPECT("AT+CMEE?\r", "AT+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n");
		/* Backspace is echoed as sent, and edits the line. */
		EXPECT("ATX\bE0\r", "ATX\bE0\r\r\nOK\r\n");
		EXPECT("AT\r", "\r\nOK\r\n");
		EXPECT("ate1\r", "\r\nOK\r\n");
		EXPECT("ATE2\r", "ATE2\r\r\nERROR\r\n");
		EXPECT("ATE0=1\r", "ATE0=1\r\r\nERROR\r\n");
		EXPECT("ATE0\r", "ATE0\r\r\nOK\r\n");
		EXPECT("AT\r", "\r\nOK\r\n");
	}
	/* A #XRESET boots with echo off. */
	EXPECT("ATE1\r", "\r\nOK\r\n");
	EXPECT("AT#XRESET\r", "AT#XRESET\r\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 2000), "Ready\r\n");
	EXPECT("AT\r", "\r\nOK\r\n");
}
END_TEST

START_TEST(no_echo_before_sm)
{
	static const char *const specs[] = { "1.8", "2.4", "2.6", "sm-0.1" };

	for (size_t i = 0; i < ARRAY_SIZE(specs); i++) {
		start_spec(specs[i], true, NULL);
		EXPECT("ATE1\r\n", "\r\nERROR\r\n");
		ck_assert_ptr_nonnull(strstr(f.why, "malformed"));
		EXPECT("AT\r\n", "\r\nOK\r\n");
	}
}
END_TEST

/* 2.0's format_final_result(): a CR LF before the modem's final result
 * when lines precede it; a bare result, or an SLM command's, unchanged. */
START_TEST(blank_line_before_a_modem_final)
{
	static const struct { const char *spec, *cfun; } cases[] = {
		{ "1.8", "\r\n+CFUN: 0\r\nOK\r\n" },
		{ "1.9.2", "\r\n+CFUN: 0\r\nOK\r\n" },
		{ "2.0", "\r\n+CFUN: 0\r\n\r\nOK\r\n" },
		{ "2.4", "\r\n+CFUN: 0\r\n\r\nOK\r\n" },
		{ "3.1", "\r\n+CFUN: 0\r\n\r\nOK\r\n" },
		{ "sm-0.3", "\r\n+CFUN: 0\r\n\r\nOK\r\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		start_spec(cases[i].spec, true, NULL);
		EXPECT("AT+CFUN?\r\n", cases[i].cfun);
		EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
		EXPECT("AT#XUUID=?\r\n", "\r\nERROR\r\n");
	}
}
END_TEST

/* 1.8-2.4 fail the grammar check of an empty line and of bytes before
 * "AT"; 2.5+ ignore the one and skip the other. */
START_TEST(empty_lines_and_bytes_before_at)
{
	static const char *const old[] = { "1.8", "2.0", "2.4.2" };
	static const char *const new[] = { "2.5", "3.1", "sm-0.1" };

	for (size_t i = 0; i < ARRAY_SIZE(old); i++) {
		start_spec(old[i], true, NULL);
		EXPECT("\r\n", "\r\nERROR\r\n");
		EXPECT("\xff\x1b" "AT+CMEE?\r\n", "\r\nERROR\r\n");
		EXPECT("AT\r\n", "\r\nOK\r\n");
	}
	for (size_t i = 0; i < ARRAY_SIZE(new); i++) {
		start_spec(new[i], true, NULL);
		EXPECT("\r\n", "");
		EXPECT("\xff\x1b" "AT+CMEE?\r\n", "\r\n+CMEE: 0\r\n\r\nOK\r\n");
		EXPECT("xyz\r\n", "\r\nERROR\r\n");
		EXPECT("zat\r\n", "\r\nOK\r\n");
	}
	/* The Serial Modem's CR: a host's CR LF leaves an LF before the next. */
	start_spec("sm-0.2", false, NULL);
	EXPECT("\r", "");
	EXPECT("\n\r", "\r\nERROR\r\n");
	EXPECT("\nAT+CMEE?\r", "\r\n+CMEE: 0\r\n\r\nOK\r\n");
}
END_TEST

/* What follows a line end in the same chunk: lost up to 2.4 (UART RX off
 * until the answer), run afterwards from 2.5 (RX buffers). */
START_TEST(input_while_busy)
{
	start_spec("2.4", true, NULL);
	EXPECT("AT+CMEE=1\r\nAT+CMEE?\r\n", "\r\nOK\r\n");
	EXPECT("AT+CMEE?\r\n", "\r\n+CMEE: 1\r\n\r\nOK\r\n");
	start_spec("2.5", true, NULL);
	EXPECT("AT+CMEE=1\r\nAT+CMEE?\r\n", "\r\nOK\r\n\r\n+CMEE: 1\r\n\r\nOK\r\n");
	start_spec("sm-0.3", false, NULL);
	EXPECT("AT+CMEE=1\rAT+CMEE?\r", "\r\nOK\r\n\r\n+CMEE: 1\r\n\r\nOK\r\n");
}
END_TEST

/* A URC a command raises: at once on the SLM (before the OK), after the
 * response on the Serial Modem from v0.2.0. */
START_TEST(urc_after_the_response)
{
	start_spec("sm-0.1", true, NULL);
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 400), "\r\n+CEREG: 2\r\n");
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	start_spec("sm-0.2", false, NULL);
	EXPECT("AT+CEREG=1\r", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 400), "\r\n+CEREG: 2\r\n");
	EXPECT("AT+CFUN=4\r", "\r\nOK\r\n\r\n+CEREG: 0\r\n");
}
END_TEST

START_TEST(init_error)
{
	static const struct { const char *spec, *banner; } cases[] = {
		{ "3.0", "" }, { "3.1", "INIT ERROR\r\n" }, { "sm-0.1", "INIT ERROR\r\n" },
		{ "sm-1.0", "INIT ERROR\r\n" }, { "1.8", "" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		bool sm = !strncmp(cases[i].spec, "sm-", 3) && strcmp(cases[i].spec, "sm-0.1");

		start_spec(cases[i].spec, !sm, "modem.init_error=yes");
		modem_reset(f.m);
		ck_assert_str_eq(mfix_advance(&f, 2000), cases[i].banner);
		/* The SLM still reads commands. */
		EXPECT(sm ? "AT\r" : "AT\r\n", "\r\nOK\r\n");
	}
	start_spec("3.1", true, NULL);
	modem_reset(f.m);
	ck_assert_str_eq(mfix_advance(&f, 2000), "Ready\r\n");
}
END_TEST

static int modem_error_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "#XMODEMERR: 1");
	return m->cmee ? AT_CME(23) : AT_CMS(500);
}

static const struct at_cmd_def err_rows[] = {
	{ .name = "#XMODEMERR", .origin = AT_ORIGIN_SLM, .set = modem_error_set,
	  .summary = "an SLM command the modem refused" },
};

/* An SLM command whose modem call failed (#XSMS's AT+CMGS, say): ERROR
 * up to 3.0, the modem's +CME/+CMS ERROR from 3.1 and in SM. */
START_TEST(modem_errors_of_slm_commands)
{
	static const struct slm_rows own = { .rows = err_rows, .n = ARRAY_SIZE(err_rows) };
	static const struct slm_rows *const sets[] = { &own, &at_table };
	static const struct { const char *spec, *cme, *cms; } cases[] = {
		{ "3.0", "\r\n#XMODEMERR: 1\r\n\r\nERROR\r\n", "\r\n#XMODEMERR: 1\r\n\r\nERROR\r\n" },
		{ "3.1", "\r\n#XMODEMERR: 1\r\n\r\n+CME ERROR: 23\r\n",
		  "\r\n#XMODEMERR: 1\r\n\r\n+CMS ERROR: 500\r\n" },
		{ "1.8", "\r\n#XMODEMERR: 1\r\n\r\nERROR\r\n", "\r\n#XMODEMERR: 1\r\n\r\nERROR\r\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		struct slm_profile p;
		struct modem_config cfg;
		char err[128];

		p = *slm_profile_at(slm_profile_find(cases[i].spec), &(struct slm_version){ 0 });
		ck_assert(!slm_version_parse(cases[i].spec, &p.release));
		p.row_sets = sets;
		p.n_row_sets = ARRAY_SIZE(sets);
		p.resolved = NULL;
		p.without = NULL;
		p.added = NULL;
		teardown();
		config_defaults(&cfg);
		slm_profile_configure(&cfg, &p);
		ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
		mfix_setup(&f, &cfg);
		started = true;
		EXPECT("AT#XMODEMERR\r\n", cases[i].cms);
		EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
		EXPECT("AT#XMODEMERR\r\n", cases[i].cme);
		teardown();
	}
}
END_TEST

START_TEST(xsleep_numbering)
{
	start_spec("1.9", true, NULL);
	EXPECT("AT#XSLEEP=?\r\n", "\r\n#XSLEEP: (0,1,2)\r\n\r\nOK\r\n");
	EXPECT("AT#XSLEEP=3\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSLEEP=0\r\n", "\r\nOK\r\n");
	static const char *const later[] = { "2.0", "2.3", "2.6", "sm-0.2" };
	for (size_t i = 0; i < ARRAY_SIZE(later); i++) {
		start_spec(later[i], true, NULL);
		EXPECT("AT#XSLEEP=?\r\n", "\r\n#XSLEEP: (1,2)\r\n\r\nOK\r\n");
		EXPECT("AT#XSLEEP=0\r\n", "\r\nERROR\r\n");
		ck_assert_ptr_nonnull(strstr(f.why, "1 sleep|2 idle"));
		EXPECT("AT#XSLEEP=3\r\n", "\r\nERROR\r\n");
		EXPECT("AT#XSLEEP?\r\n", "\r\nERROR\r\n");
	}
}
END_TEST

/* #XSLEEP with the UART off: 1.8/1.9 lose what the SLM sends meanwhile;
 * 2.0+ keep it and send it after Ready. */
START_TEST(wake_from_idle)
{
	static const struct { const char *spec, *cmd, *wake; } cases[] = {
		{ "1.8", "AT#XSLEEP=2\r\n", "Ready\r\n" },
		{ "1.9", "AT#XSLEEP=2\r\n", "Ready\r\n" },
		{ "2.0", "AT#XSLEEP=2\r\n", "Ready\r\n\r\n+CEREG: 2\r\n" },
		{ "2.6", "AT#XSLEEP=2\r\n", "Ready\r\n\r\n+CEREG: 2\r\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		start_spec(cases[i].spec, true, NULL);
		EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
		mfix_register(&f);
		mfix_cmd(&f, "");
		EXPECT(cases[i].cmd, "\r\nOK\r\n");
		ck_assert_str_eq(mfix_advance(&f, 200), "");
		modem_net_lose(f.m, 2);
		ck_assert_str_eq(mfix_advance(&f, 100), "");
		EXPECT("AT\r\n", "");
		modem_wake(f.m);
		ck_assert_str_eq(mfix_advance(&f, 0), cases[i].wake);
		EXPECT("AT\r\n", "\r\nOK\r\n");
	}
	/* 2.0's sleep (1) is system off: a wake-up boots. */
	start_spec("2.0", true, NULL);
	EXPECT("AT#XSLEEP=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 200), "");
	modem_wake(f.m);
	ck_assert_str_eq(mfix_advance(&f, 0), "Ready\r\n");
}
END_TEST

START_TEST(xshutdown)
{
	static const char *const without[] = { "1.8", "2.0", "2.2.0" };
	static const char *const with[] = { "2.3", "2.6", "sm-0.2", "sm-2.0" };

	for (size_t i = 0; i < ARRAY_SIZE(without); i++) {
		start_spec(without[i], true, NULL);
		EXPECT("AT#XSHUTDOWN\r\n", "\r\nERROR\r\n");
	}
	for (size_t i = 0; i < ARRAY_SIZE(with); i++) {
		start_spec(with[i], true, NULL);
		EXPECT("AT#XSHUTDOWN=?\r\n", "\r\nERROR\r\n");
		EXPECT("AT#XSHUTDOWN\r\n", "\r\nOK\r\n");
		ck_assert_str_eq(mfix_advance(&f, 100), "");
		EXPECT("AT\r\n", "");
		/* The wake-up pin is disconnected: only a reset boots it. */
		modem_wake(f.m);
		ck_assert_str_eq(mfix_advance(&f, 2000), "");
		EXPECT("AT\r\n", "");
		modem_reset(f.m);
		ck_assert_str_eq(mfix_advance(&f, 2000), "Ready\r\n");
		EXPECT("AT\r\n", "\r\nOK\r\n");
	}
}
END_TEST

START_TEST(xmodemreset)
{
	start_spec("2.4", true, NULL);
	EXPECT("AT#XMODEMRESET\r\n", "\r\nERROR\r\n");
	ck_assert_msg(strstr(f.why, "not an SLM v2.1-2.4 command"), "%s", f.why);
	static const char *const with[] = { "2.5", "3.1", "sm-1.0" };
	for (size_t i = 0; i < ARRAY_SIZE(with); i++) {
		start_spec(with[i], true, NULL);
		EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
		EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
		EXPECT("AT+CFUN=4\r\n", "\r\nOK\r\n");
		EXPECT("AT#XMODEMRESET=?\r\n", "\r\nERROR\r\n");
		EXPECT("AT#XMODEMRESET\r\n", "\r\n#XMODEMRESET: 0\r\n\r\nOK\r\n");
		/* The modem's settings in RAM are gone, as at boot. */
		EXPECT("AT+CMEE?\r\n", "\r\n+CMEE: 0\r\n\r\nOK\r\n");
		EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 0,0\r\n\r\nOK\r\n");
		EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 0\r\n\r\nOK\r\n");
	}
}
END_TEST

static void expect_clac(const char *spec, const char *has, const char *lacks, const char *starts)
{
	const char *out;

	start_spec(spec, true, NULL);
	out = mfix_cmd(&f, "AT#XCLAC\r\n");
	ck_assert_msg(!has || strstr(out, has), "%s: no %s", spec, has);
	ck_assert_msg(!lacks || !strstr(out, lacks), "%s: %s", spec, lacks);
	ck_assert_msg(!strncmp(out, starts, strlen(starts)), "%s: starts %.40s", spec, out);
	ck_assert_msg(strstr(out, "AT#XUUID\r\n") && strlen(out) > 6 &&
		      !strcmp(out + strlen(out) - 6, "\r\nOK\r\n"), "%s", spec);
}

/* AT#XCLAC of each generation's nRF9160 DK (nRF9151 DK for SM) build with
 * the default Kconfig: the SLM's table order up to 2.6, the modem
 * library's custom commands from 2.7 ("\r\n" first). */
START_TEST(clac_per_generation)
{
	static const char sm02[] = "\r\nAT#XAPOLL\r\nAT#XBIND\r\nAT#XCLAC\r\nAT#XCLOSE\r\n"
		"AT#XCONNECT\r\nAT#XDATACTRL\r\nAT#XFOTA\r\nAT#XGETADDRINFO\r\nAT#XGNSS\r\n"
		"AT#XGNSSDEL\r\nAT#XMODEMRESET\r\nAT#XMQTTCFG\r\nAT#XMQTTCON\r\nAT#XMQTTPUB\r\n"
		"AT#XMQTTSUB\r\nAT#XMQTTUNSUB\r\nAT#XNRFCLOUD\r\nAT#XNRFCLOUDPOS\r\nAT#XPING\r\n"
		"AT#XRECV\r\nAT#XRECVFROM\r\nAT#XRESET\r\nAT#XSEND\r\nAT#XSENDTO\r\nAT#XSHUTDOWN\r\n"
		"AT#XSLEEP\r\nAT#XSMS\r\nAT#XSMVER\r\nAT#XSOCKET\r\nAT#XSOCKETOPT\r\nAT#XSSOCKET\r\n"
		"AT#XSSOCKETOPT\r\nAT#XTCPCLI\r\nAT#XTCPSEND\r\nAT#XUDPCLI\r\nAT#XUDPSEND\r\n"
		"AT#XUUID\r\n\r\nOK\r\n";

	expect_clac("1.9", "AT#XSLMUART\r\nAT#XDATACTRL\r\n", "AT#XPOLL", "AT#XSLMVER\r\n");
	expect_clac("2.0", "AT#XSSOCKET\r\nAT#XSOCKETSELECT\r\n", "AT#XGPSDEL", "AT#XSLMVER\r\n");
	expect_clac("2.2", "AT#XNRFCLOUD\r\nAT#XGPSDEL\r\nAT#XFTP\r\nAT#XMQTTCON", "AT#XTFTP",
		    "AT#XSLMVER\r\nAT#XSLEEP\r\nAT#XRESET\r\n");
	expect_clac("2.3", "AT#XFTP\r\nAT#XTFTP\r\n", NULL,
		    "AT#XSLMVER\r\nAT#XSLEEP\r\nAT#XSHUTDOWN\r\nAT#XRESET\r\n");
	expect_clac("2.5", "AT#XRESET\r\nAT#XMODEMRESET\r\n", "AT#XSLMUART", "AT#XSLMVER\r\n");
	expect_clac("2.6", "AT#XTFTP\r\nAT#XMQTTCFG\r\n", "AT#XAPOLL", "AT#XSLMVER\r\n");
	expect_clac("2.7", "AT#XSLMVER\r\nAT#XSMS\r\n", "AT#XAPOLL", "\r\nAT#XACCEPT\r\nAT#XBIND\r\n");
	expect_clac("3.1", NULL, NULL, "\r\nAT#XACCEPT\r\nAT#XAPOLL\r\nAT#XBIND\r\n");
	expect_clac("sm-0.3", "AT#XRECV\r\nAT#XRECVCFG\r\n", "AT#XDFU", "\r\nAT#XAPOLL\r\n");
	expect_clac("sm-1.0", "AT#XDATACTRL\r\nAT#XDFUAPPLY\r\n", "AT#XTCPCLI", "\r\nAT#XAPOLL\r\n");
	expect_clac("sm-2.0", "AT#XHTTPCDATA\r\n", "AT#XSMS\r\nAT#XSMVER\r\nAT#XSOCKETSELECT",
		    "\r\nAT#XACCEPT\r\nAT#XAPOLL\r\n");
	start_spec("sm-0.2", false, NULL);
	EXPECT("AT#XCLAC\r", sm02);
}
END_TEST

/* A command the generation has but slmsim does not emulate, and one the
 * generation lacks: both ERROR, the log tells which (at_dispatch.c). */
START_TEST(not_emulated_or_not_there)
{
	static const struct { const char *spec, *cmd, *why; } cases[] = {
		{ "1.9", "AT#XGPSDEL\r\n", "not an SLM v1.9 command" },
		{ "2.1", "AT#XGPSDEL\r\n", "not emulated" },
		{ "2.2", "AT#XTFTP=?\r\n", "not an SLM v2.1-2.4 command" },
		{ "2.3", "AT#XTFTP=?\r\n", "not emulated" },
		{ "2.5", "AT#XSLMUART?\r\n", "not an SLM v2.5 command" },
		{ "2.6", "AT#XNRFCLOUDPOS=0,0\r\n", "not emulated" },
		{ "sm-0.2", "AT#XGPS=1\r\n", "not an SM v0.2 command" },
		{ "sm-0.2", "AT#XGNSS=1\r\n", "not emulated" },
		{ "sm-0.3", "AT#XDFUINIT\r\n", "not an SM v0.3-1.0 command" },
		{ "sm-1.0", "AT#XDFUINIT\r\n", "not emulated" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		start_spec(cases[i].spec, true, NULL);
		EXPECT(cases[i].cmd, "\r\nERROR\r\n");
		ck_assert_msg(strstr(f.why, cases[i].why), "%s %s: %s", cases[i].spec, cases[i].cmd,
			      f.why);
	}
}
END_TEST

/* 2.8 reads an address family after the host: 0 any, 1 IPv4, 2 IPv6
 * (the emulated DNS has no IPv6 address); before, it is ignored. */
START_TEST(getaddrinfo_family)
{
	static const char *const before[] = { "2.7", "1.8" };
	static const char *const from[] = { "2.8", "3.1", "sm-0.3" };
	static const char ok[] = "\r\n#XGETADDRINFO: \"198.51.100.23\"\r\n\r\nOK\r\n";

	for (size_t i = 0; i < ARRAY_SIZE(before); i++) {
		start_spec(before[i], true, NULL);
		mfix_register(&f);
		mfix_cmd(&f, "");
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",2\r\n", ok);
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",9\r\n", ok);
	}
	for (size_t i = 0; i < ARRAY_SIZE(from); i++) {
		start_spec(from[i], true, NULL);
		mfix_register(&f);
		mfix_cmd(&f, "");
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\"\r\n", ok);
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",0\r\n", ok);
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",1\r\n", ok);
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",2\r\n",
		       "\r\n#XGETADDRINFO: \"EAI_NONAME\"\r\n\r\nERROR\r\n");
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",3\r\n", "\r\nERROR\r\n");
		EXPECT("AT#XGETADDRINFO=\"198.51.100.23\",1,1\r\n", "\r\nERROR\r\n");
	}
}
END_TEST

/* A generation answers only the SLM commands its build lists in #XCLAC: a
 * new SLM row is inherited by every later generation's profile unless
 * their 'without' lists drop it, and this says which forgot to. */
START_TEST(slm_rows_are_on_the_clac_list)
{
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++) {
		const struct slm_profile *at = slm_profile_at(*p, &(struct slm_version){ 0 });
		const struct at_cmd_def *d;
		size_t i = 0;

		/* ATE0/ATE1 (SM) are the SLM's but no #X command: not listed. */
		while ((d = slm_profile_next(at, &i)))
			ck_assert_msg(d->name[0] != '#' || slm_profile_in_clac(at, d->name),
				      "%s answers %s, which its #XCLAC list does not name (drop it "
				      "with the profile's 'without' list, or list it)", (*p)->name,
				      d->name);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("generations");
	TCase *tc = tcase_create("generations");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, sm_echo_and_ate);
	tcase_add_test(tc, no_echo_before_sm);
	tcase_add_test(tc, blank_line_before_a_modem_final);
	tcase_add_test(tc, empty_lines_and_bytes_before_at);
	tcase_add_test(tc, input_while_busy);
	tcase_add_test(tc, urc_after_the_response);
	tcase_add_test(tc, init_error);
	tcase_add_test(tc, modem_errors_of_slm_commands);
	tcase_add_test(tc, xsleep_numbering);
	tcase_add_test(tc, wake_from_idle);
	tcase_add_test(tc, xshutdown);
	tcase_add_test(tc, xmodemreset);
	tcase_add_test(tc, clac_per_generation);
	tcase_add_test(tc, slm_rows_are_on_the_clac_list);
	tcase_add_test(tc, not_emulated_or_not_there);
	tcase_add_test(tc, getaddrinfo_family);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
