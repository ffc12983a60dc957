/* Exact bytes of AT#XPING (SLM v1.8 slm_at_icmp.c): OK at once, a raw
 * "#XPING: <s>.<ms> seconds" line per reply, the average after more than
 * one, nothing for a lost echo, and the look-up failure's text. */
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
	ck_assert_int_eq(config_set_arg(&cfg, "network.ping_rtt_ms=240,-,1003", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(replies_lost_and_average)
{
	mfix_register(&f);
	EXPECT("AT#XPING=\"192.0.2.7\",45,900,4,500\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 240), "#XPING: 0.240 seconds\r\n");
	/* Echo 2 is lost: its 900 ms time-out and the interval pass silently. */
	ck_assert_str_eq(mfix_advance(&f, 500 + 900), "");
	/* Echo 3 takes 1003 ms, over the 900 ms time-out: lost too. */
	ck_assert_str_eq(mfix_advance(&f, 500 + 900), "");
	/* Echo 4 repeats the last entry: lost as well; no average of one. */
	ck_assert_str_eq(mfix_advance(&f, 500 + 900 + 500), "");
	/* The entries count every echo since boot: 1003 ms from here on. */
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000,2,100\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1003), "#XPING: 1.003 seconds\r\n");
	ck_assert_str_eq(mfix_advance(&f, 100 + 1003 + 100),
			 "#XPING: 1.003 seconds\r\n#XPING: average 1.003 seconds\r\n");
}
END_TEST

START_TEST(lookup_failures)
{
	EXPECT("AT#XPING=\"ping.example\",45,5000\r\n", "\"EAI_AGAIN\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000\r\n", "\r\nERROR\r\n");
	mfix_register(&f);
	EXPECT("AT#XPING=\"ping.example\",45,5000\r\n", "\"EAI_NONAME\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",45\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",70000,5000\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XPING?\r\n", "\r\nERROR\r\n");
}
END_TEST

/* As slm_at_icmp.c reads them: an empty parameter before the last fails,
 * a trailing one is dropped, a <pdn> without an address fails, and a ping
 * while one runs takes over its remaining echoes, then runs once more. */
START_TEST(argument_paths)
{
	mfix_register(&f);
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000,,100\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000,1,100,7\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000,1,100,\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 240 + 100), "#XPING: 0.240 seconds\r\n");
	EXPECT("AT#XPING=\"192.0.2.7\",45,900,3,100\r\n", "\r\nOK\r\n");	/* echo 2: lost */
	EXPECT("AT#XPING=\"192.0.2.7\",45,5000,1,100\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 900 + 100 + 1003), "#XPING: 1.003 seconds\r\n");
	ck_assert_str_eq(mfix_advance(&f, 5000), "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ping");
	TCase *tc = tcase_create("ping");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, replies_lost_and_average);
	tcase_add_test(tc, lookup_failures);
	tcase_add_test(tc, argument_paths);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
