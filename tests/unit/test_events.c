/* Exact bytes of the event reports LTE Link Monitor subscribes to on
 * start-up (+CNEC, +CGEREP/+CGEV, +CIND, %XSIM, +CSCON), +CEMODE, %XCBAND,
 * and the registration-related shapes that go with them. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup_with(const char *extra)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "network.tac=5C01", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.ci=00A1B2C3", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.band=3", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.rrc_idle_ms=7000", err, sizeof(err)), 0);
	if (extra)
		ck_assert_int_eq(config_set_arg(&cfg, extra, err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
}

static void setup(void) { setup_with(NULL); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(forms_and_values)
{
	EXPECT("AT+CNEC?\r\n", "\r\n+CNEC: 0\r\nOK\r\n");
	EXPECT("AT+CNEC=24\r\n", "\r\nOK\r\n");
	EXPECT("AT+CNEC?\r\n", "\r\n+CNEC: 24\r\nOK\r\n");
	EXPECT("AT+CNEC=7\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CNEC=?\r\n", "\r\n+CNEC: (0,8,16,24)\r\nOK\r\n");
	EXPECT("AT+CGEREP?\r\n", "\r\n+CGEREP: 0,0\r\nOK\r\n");
	EXPECT("AT+CGEREP=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGEREP?\r\n", "\r\n+CGEREP: 1,0\r\nOK\r\n");
	EXPECT("AT+CGEREP=1,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CGEREP=?\r\n", "\r\n+CGEREP: (0,1),(0)\r\nOK\r\n");
	EXPECT("AT+CIND=1,1,1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CIND=2\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CIND?\r\n", "\r\n+CIND: 0,0,0\r\nOK\r\n");
	EXPECT("AT+CIND=?\r\n",
	       "\r\n+CIND: (\"service\",(0,1)),(\"roam\",(0,1)),(\"message\",(0,1))\r\nOK\r\n");
	EXPECT("AT%XSIM?\r\n", "\r\n%XSIM: 0\r\nOK\r\n");
	EXPECT("AT+CSCON?\r\n", "\r\n+CSCON: 0,0\r\nOK\r\n");
	EXPECT("AT+CSCON=4\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CSCON=?\r\n", "\r\n+CSCON: (0,1,2,3)\r\nOK\r\n");
	EXPECT("AT+CEMODE?\r\n", "\r\n+CEMODE: 2\r\nOK\r\n");
	EXPECT("AT+CEMODE=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEMODE?\r\n", "\r\n+CEMODE: 0\r\nOK\r\n");
	EXPECT("AT+CEMODE=1\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CEMODE=?\r\n", "\r\n+CEMODE: (0,2)\r\nOK\r\n");
	EXPECT("AT%XCBAND=?\r\n", "\r\n%XCBAND: (1,2,3,4,5,8,12,13,17,19,20,25,26,28,66)\r\nOK\r\n");
	EXPECT("AT%XCBAND\r\n", "\r\n%XCBAND: 0\r\nOK\r\n");
}
END_TEST

/* Subscribed before the radio comes on: every URC follows the state it
 * reports, and nothing comes for what is not subscribed. */
START_TEST(urcs_follow_the_radio)
{
	const char *out;

	EXPECT("AT+CGEREP=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CIND=1,1,0\r\n", "\r\nOK\r\n");
	EXPECT("AT%XSIM=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CSCON=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 100), "\r\n%XSIM: 1\r\n");
	out = mfix_advance(&f, 60000);
	ck_assert_str_eq(out, "\r\n+CSCON: 1\r\n\r\n+CGEV: ME PDN ACT 0\r\n"
			 "\r\n+CIND: \"service\",1\r\n\r\n+CIND: \"roam\",1\r\n\r\n+CSCON: 0\r\n");
	EXPECT("AT%XSIM?\r\n", "\r\n%XSIM: 1\r\nOK\r\n");
	EXPECT("AT+CIND?\r\n", "\r\n+CIND: 1,1,0\r\nOK\r\n");
	EXPECT("AT%XCBAND\r\n", "\r\n%XCBAND: 3\r\nOK\r\n");
	/* The detach runs over a connection of its own. */
	EXPECT("AT+CFUN=4\r\n", "\r\n+CSCON: 1\r\n\r\n+CGEV: ME DETACH\r\n"
	       "\r\n+CIND: \"service\",0\r\n\r\n+CSCON: 0\r\n\r\n+CIND: \"roam\",0\r\n"
	       "\r\n%XSIM: 0\r\n\r\nOK\r\n");
}
END_TEST

/* CFUN=1 until registered, as the modem's configuration sets it. */
static int64_t attach_ms(void)
{
	const struct net_config *net = &modem_config_of(f.m)->net;

	return net->search_delay_ms + net->register_delay_ms;
}

/* The RRC connection is released rrc_idle_ms after the attach. */
START_TEST(rrc_released_after_idle)
{
	EXPECT("AT+CSCON=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, attach_ms()), "\r\n+CSCON: 1\r\n");
	EXPECT("AT+CSCON?\r\n", "\r\n+CSCON: 1,1\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 7000), "\r\n+CSCON: 0\r\n");
	EXPECT("AT+CSCON?\r\n", "\r\n+CSCON: 1,0\r\nOK\r\n");
}
END_TEST

/* Without a subscription the state is still kept, and nothing is written;
 * subscribing while connected writes the release when it comes. */
START_TEST(rrc_state_without_subscription)
{
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, attach_ms()), "");
	EXPECT("AT+CSCON?\r\n", "\r\n+CSCON: 0,1\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 3000), "");
	EXPECT("AT+CSCON=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 3999), "");
	ck_assert_str_eq(mfix_advance(&f, 1), "\r\n+CSCON: 0\r\n");
	EXPECT("AT+CSCON=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CSCON?\r\n", "\r\n+CSCON: 0,0\r\nOK\r\n");
}
END_TEST

/* n=5 while registered: the timers are shown, "11100000" when no PSM is in
 * force (lte_lc's v1.8.0 tests show that shape). */
START_TEST(cereg_timers_without_psm)
{
	mfix_teardown(&f);
	setup_with("network.psm=no");
	EXPECT("AT+CEREG=5\r\n", "\r\nOK\r\n");
	mfix_register(&f);
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 5,5,\"5C01\",\"00A1B2C3\",7,,,\"11100000\","
	       "\"11100000\"\r\nOK\r\n");
}
END_TEST

/* A network that rejects the attach: +CEREG: 3 with the EMM cause from n=3,
 * +CNEC_EMM when subscribed, and no registration after. */
START_TEST(attach_rejected)
{
	mfix_teardown(&f);
	setup_with("network.reject_cause=15");
	EXPECT("AT+CEREG=5\r\n", "\r\nOK\r\n");
	EXPECT("AT+CNEC=24\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 2,\"5C01\",\"00A1B2C3\",7\r\n"
			 "\r\n+CEREG: 3,\"5C01\",\"00A1B2C3\",7,0,15\r\n\r\n+CNEC_EMM: 15\r\n");
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 5,3,\"5C01\",\"00A1B2C3\",7,0,15\r\nOK\r\n");
	EXPECT("AT+CEREG=4\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 4,3,\"5C01\",\"00A1B2C3\",7\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 600000), "");
}
END_TEST

/* Context 0 before any attach, per modem.idle_context (unconfirmed). */
START_TEST(idle_context_hidden)
{
	mfix_teardown(&f);
	setup_with("modem.idle_context=no");
	EXPECT("AT+CGDCONT?\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGACT?\r\n", "\r\nOK\r\n");
	mfix_register(&f);
	EXPECT("AT+CGACT?\r\n", "\r\n+CGACT: 0,1\r\nOK\r\n");
}
END_TEST

/* %XTIME's universal time is UTC year..second then the zone, semi-octets. */
START_TEST(xtime_universal_time)
{
	const char *out;

	mfix_teardown(&f);
	setup_with("network.tz_quarters=-6");
	EXPECT("AT%XTIME=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	out = mfix_advance(&f, 60000);
	ck_assert_msg(strstr(out, "%XTIME: \"6"), "zone -6 quarters is \"6\" with the sign bit: %s",
		      out);
	out = strstr(out, "%XTIME: ");
	ck_assert_ptr_nonnull(out);
	/* "<zone>","<14 digits>","00": the 7th octet repeats the zone. */
	ck_assert_int_eq((int)strcspn(out + 14, "\""), 14);
	ck_assert(!strncmp(out + 9, out + 14 + 12, 2));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("events");
	TCase *tc = tcase_create("events");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, forms_and_values);
	tcase_add_test(tc, urcs_follow_the_radio);
	tcase_add_test(tc, rrc_released_after_idle);
	tcase_add_test(tc, rrc_state_without_subscription);
	tcase_add_test(tc, cereg_timers_without_psm);
	tcase_add_test(tc, idle_context_hidden);
	tcase_add_test(tc, attach_rejected);
	tcase_add_test(tc, xtime_universal_time);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
