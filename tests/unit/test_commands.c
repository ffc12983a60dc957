#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup(void) { mfix_setup(&f, NULL); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(greeting)
{
	modem_start(f.m);
	ck_assert_str_eq(mfix_cmd(&f, ""), "Ready\r\n");
}
END_TEST

START_TEST(at_and_unknown)
{
	EXPECT("AT\r\n", "\r\nOK\r\n");
	EXPECT("at\r", "\r\nOK\r\n");
	EXPECT("ATI\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "malformed"));
	EXPECT("AT+FOO\r\n", "\r\nERROR\r\n");
}
END_TEST

/* A command of the generation's AT#XCLAC list that slmsim has no row for:
 * #XAPOLL of NCS 3.1 (docs/generations.md). */
START_TEST(slm_not_emulated)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", "3.1", err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
	EXPECT("AT#XAPOLL=1\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "SLM"));
	ck_assert(strstr(f.why, "not emulated"));
}
END_TEST

START_TEST(identification)
{
	EXPECT("AT+CGMI\r\n", "\r\nNordic Semiconductor ASA\r\nOK\r\n");
	EXPECT("AT+CGMM\r\n", "\r\nnRF9160-SICA\r\nOK\r\n");
	EXPECT("AT+CGMR\r\n", "\r\nmfw_nrf9160_1.3.1\r\nOK\r\n");
	EXPECT("AT+CGSN\r\n", "\r\n352656100367872\r\nOK\r\n");
	EXPECT("AT+CGSN=1\r\n", "\r\n+CGSN: \"352656100367872\"\r\nOK\r\n");
	EXPECT("AT+CGSN=?\r\n", "\r\n+CGSN: (0-3)\r\nOK\r\n");
	EXPECT("AT+CGSN=4\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CGMI=1\r\n", "\r\nERROR\r\n");
}
END_TEST

START_TEST(slm_commands_framing)
{
	const char *out;

	EXPECT("AT#XSLMVER\r\n", "\r\n#XSLMVER: \"1.8.0\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMVER?\r\n", "\r\nERROR\r\n");
	out = mfix_cmd(&f, "AT#XCLAC\r\n");
	ck_assert(!strncmp(out, "AT#XSLMVER\r\nAT#XSLEEP\r\n", 23));
	ck_assert(strstr(out, "AT#XMQTTCON\r\n"));
	ck_assert(strstr(out, "AT#XGPIO\r\n\r\nOK\r\n"));
}
END_TEST

START_TEST(cmee)
{
	EXPECT("AT+CMEE?\r\n", "\r\n+CMEE: 0\r\nOK\r\n");
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CMEE?\r\n", "\r\n+CMEE: 1\r\nOK\r\n");
	EXPECT("AT+CMEE=2\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CMEE=?\r\n", "\r\n+CMEE: (0,1)\r\nOK\r\n");
}
END_TEST

START_TEST(cfun)
{
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 0\r\nOK\r\n");
	EXPECT("AT+CFUN=4\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 4\r\nOK\r\n");
	EXPECT("AT+CFUN=3\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "no such functional mode"));
	/* Errata: mfw 1.3.x has modes 2, 20, 21, 30, 31, 40, 41 and 44 too. */
	EXPECT("AT+CFUN=2\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 2\r\nOK\r\n");
	EXPECT("AT+CFUN=44\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=45\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN=abc\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN=?\r\n", "\r\n+CFUN: (0,1,2,4,20,21,30,31,40,41,44)\r\nOK\r\n");
}
END_TEST

START_TEST(report_registration_sequence)
{
	struct modem_config cfg;
	char err[128];

	/* ec-key.log, 07:49:21 .. 07:49:29, in the report's cell (a replay
	 * takes it from the log's +CEREG lines; the default is no network's). */
	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert_int_eq(config_set_arg(&cfg, "network.tac=026F", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.ci=00332521", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
	EXPECT("AT+CEREG=5\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1897), "");
	ck_assert_str_eq(mfix_advance(&f, 1), "\r\n+CEREG: 2,\"026F\",\"00332521\",7\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1698),
			 "\r\n+CEREG: 5,\"026F\",\"00332521\",7,,,\"00011110\",\"11100000\"\r\n");
	EXPECT("AT+CEREG?\r\n",
	       "\r\n+CEREG: 5,5,\"026F\",\"00332521\",7,,,\"00011110\",\"11100000\"\r\nOK\r\n");
	/* Leaving normal mode deregisters; the URC is written as it happens,
	 * before the OK (errata: URCs are not held back). */
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 5,0\r\nOK\r\n");
}
END_TEST

START_TEST(cereg_levels)
{
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	mfix_cmd(&f, "AT+CFUN=1\r\n");
	ck_assert_str_eq(mfix_advance(&f, 10000), "\r\n+CEREG: 2\r\n\r\n+CEREG: 5\r\n");
	EXPECT("AT+CEREG=2\r\n", "\r\nOK\r\n");
	/* The default cell is a placeholder, documented in docs/configuration.md. */
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 2,5,\"0001\",\"00000001\",7\r\nOK\r\n");
	EXPECT("AT+CEREG=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEREG=6\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CEREG=?\r\n", "\r\n+CEREG: (0-5)\r\nOK\r\n");
}
END_TEST

/* config_write_ini writes what config_load_ini reads back, every key. */
START_TEST(config_ini_round_trip)
{
	struct modem_config a, b;
	char err[128], path[] = "/tmp/slmsim-ini-XXXXXX", *ta = NULL, *tb = NULL;
	size_t la, lb;
	FILE *f, *m;
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	config_defaults(&a);
	ck_assert_int_eq(config_set_arg(&a, "network.status=home", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&a, "modem.terminator=cr", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&a, "network.ping_rtt_ms=90,-,120", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&a, "network.clock_offset_ms=-1500", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&a, "modem.psm_requested=no", err, sizeof(err)), 0);
	f = fdopen(fd, "w");
	config_write_ini(&a, f);
	fclose(f);
	config_defaults(&b);
	ck_assert_msg(config_load_ini(&b, path, err, sizeof(err)) == 0, "%s", err);
	m = open_memstream(&ta, &la);
	config_write_ini(&a, m);
	fclose(m);
	m = open_memstream(&tb, &lb);
	config_write_ini(&b, m);
	fclose(m);
	ck_assert_str_eq(ta, tb);
	ck_assert(strstr(ta, "terminator = cr\n") && strstr(ta, "status = home\n"));
	free(ta);
	free(tb);
	unlink(path);
}
END_TEST

START_TEST(home_network_config)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert_int_eq(config_set_arg(&cfg, "network.status=home", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.psm=no", err, sizeof(err)), 0);
	ck_assert_int_ne(config_set_arg(&cfg, "network.tac=XYZ", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.tac=B7E4", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.ci=0A19C3F0", err, sizeof(err)), 0);
	ck_assert_int_ne(config_set_arg(&cfg, "bogus", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
	mfix_cmd(&f, "AT+CEREG=5\r\n");
	mfix_cmd(&f, "AT+CFUN=1\r\n");
	ck_assert_str_eq(mfix_advance(&f, 5000),
			 "\r\n+CEREG: 2,\"B7E4\",\"0A19C3F0\",7\r\n\r\n+CEREG: 1,\"B7E4\",\"0A19C3F0\",7,,,"
			 "\"11100000\",\"11100000\"\r\n");
}
END_TEST

START_TEST(overlong_and_garbage_keep_serving)
{
	char *big = malloc(5000);

	memset(big, 'A', 4998);
	memcpy(big + 4998, "\r", 2);
	EXPECT(big, "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "longer than 4095"));
	free(big);
	modem_input(f.m, (const uint8_t *)"\x01\xff\x00zz\r\n", 7);
	ck_assert_str_eq(mfix_cmd(&f, ""), "\r\nERROR\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(crlf_terminator_config)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert_int_eq(config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
	EXPECT("AT\r", "");
	EXPECT("\n", "\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("commands");
	TCase *tc = tcase_create("commands");
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, greeting);
	tcase_add_test(tc, at_and_unknown);
	tcase_add_test(tc, slm_not_emulated);
	tcase_add_test(tc, identification);
	tcase_add_test(tc, slm_commands_framing);
	tcase_add_test(tc, cmee);
	tcase_add_test(tc, cfun);
	tcase_add_test(tc, report_registration_sequence);
	tcase_add_test(tc, cereg_levels);
	tcase_add_test(tc, home_network_config);
	tcase_add_test(tc, config_ini_round_trip);
	tcase_add_test(tc, overlong_and_garbage_keep_serving);
	tcase_add_test(tc, crlf_terminator_config);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
