/* Exact bytes of AT#XNRFCLOUD (SLM v1.8 gnss/slm_at_gnss.c) with no nRF
 * Cloud reachable: a connect answers OK and nothing follows, the cloud never
 * becomes ready, so send and disconnect answer ERROR; the read form shows the
 * library's sec_tag and the IMEI-based client id. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup(void)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.imei=351358815412349", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define READ_AS(s) "\r\n#XNRFCLOUD: 0," s ",16842753,\"nrf-351358815412349\"\r\n\r\nOK\r\n"

START_TEST(connect_never_ready)
{
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("0"));
	mfix_register(&f);
	EXPECT("AT#XNRFCLOUD=1,1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	/* The signify flag of the request stays; ready never comes. */
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("1"));
	EXPECT("AT#XNRFCLOUD=1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("0"));
	EXPECT("AT#XNRFCLOUD=1,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("1"));
	EXPECT("AT#XNRFCLOUD=1,0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("0"));
	EXPECT("AT#XNRFCLOUD=?\r\n", "\r\n#XNRFCLOUD: (0,1,2),<signify>\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(refusals)
{
	EXPECT("AT#XNRFCLOUD=2\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=3\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=-1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=\"1\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=1,\"1\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD=1,70000\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD\r\n", "\r\nERROR\r\n");
	/* A failed <signify> has already cleared the old one. */
	EXPECT("AT#XNRFCLOUD=1,1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XNRFCLOUD=1,\"x\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XNRFCLOUD?\r\n", READ_AS("0"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("nrfcloud");
	TCase *tc = tcase_create("nrfcloud");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, connect_never_ready);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
