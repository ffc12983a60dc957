/* Exact bytes of the modem settings a host writes and reads back
 * (%XDATAPRFL, %REL14FEAT, %XRAI, %XPTW, %XMODEMTRACE, %XMAGPIO, %XCOEX0)
 * and of %XFACTORYRESET, which puts them and the radio's settings back. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void start(const char *extra)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert(!config_set_arg(&cfg, "modem.rel14feat=0,1,0,0,0", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "modem.systemmode=1,1,0,1", err, sizeof(err)));
	if (extra)
		ck_assert_msg(!config_set_arg(&cfg, extra, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

static void setup(void) { start(NULL); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define OK "\r\nOK\r\n"
#define ERR "\r\nERROR\r\n"

START_TEST(profile_features_and_rai)
{
	EXPECT("AT%XDATAPRFL?\r\n", "\r\n%XDATAPRFL: 2\r\nOK\r\n");
	EXPECT("AT%XDATAPRFL=0\r\n", OK);
	EXPECT("AT%XDATAPRFL?\r\n", "\r\n%XDATAPRFL: 0\r\nOK\r\n");
	EXPECT("AT%XDATAPRFL=5\r\n", ERR);
	EXPECT("AT%XDATAPRFL\r\n", ERR);
	EXPECT("AT%REL14FEAT?\r\n", "\r\n%REL14FEAT: 0,1,0,0,0\r\nOK\r\n");	/* from the config */
	EXPECT("AT%REL14FEAT=1,1,0,1,1\r\n", OK);
	EXPECT("AT%REL14FEAT?\r\n", "\r\n%REL14FEAT: 1,1,0,1,1\r\nOK\r\n");
	EXPECT("AT%REL14FEAT=1,1\r\n", ERR);
	EXPECT("AT%REL14FEAT=2,0,0,0,0\r\n", ERR);
	EXPECT("AT%XRAI?\r\n", "\r\n%XRAI: 0\r\nOK\r\n");
	EXPECT("AT%XRAI=4\r\n", OK);
	EXPECT("AT%XRAI?\r\n", "\r\n%XRAI: 4\r\nOK\r\n");
	EXPECT("AT%XRAI\r\n", OK);	/* alone: undefined again */
	EXPECT("AT%XRAI?\r\n", "\r\n%XRAI: 0\r\nOK\r\n");
	EXPECT("AT%XRAI=1\r\n", ERR);
}
END_TEST

START_TEST(ptw_and_trace)
{
	EXPECT("AT%XPTW?\r\n", OK);
	EXPECT("AT%XPTW=5,\"1110\"\r\n", OK);
	EXPECT("AT%XPTW=4,\"0110\"\r\n", OK);
	EXPECT("AT%XPTW?\r\n", "\r\n%XPTW: 4,\"0110\"\r\n%XPTW: 5,\"1110\"\r\nOK\r\n");
	EXPECT("AT%XPTW=6,\"0000\"\r\n", ERR);
	EXPECT("AT%XPTW=4,\"011\"\r\n", ERR);
	EXPECT("AT%XMODEMTRACE=1,2\r\n", OK);
	EXPECT("AT%XMODEMTRACE=1\r\n", ERR);
	EXPECT("AT%XMODEMTRACE=1,6\r\n", ERR);
	EXPECT("AT%XMODEMTRACE=2,\"0101\"\r\n", ERR);
	EXPECT("AT%XMODEMTRACE=0\r\n", OK);
	EXPECT("AT%XMODEMTRACE?\r\n", ERR);
}
END_TEST

START_TEST(antenna_pins)
{
	EXPECT("AT%XMAGPIO?\r\n", "\r\n%XMAGPIO: 0,0,0,0\r\nOK\r\n");
	EXPECT("AT%XMAGPIO=1,0,0,1,1,1574,1577\r\n", OK);
	EXPECT("AT%XMAGPIO?\r\n", "\r\n%XMAGPIO: 1,0,0,1,1,1574,1577\r\nOK\r\n");
	EXPECT("AT%XMAGPIO=1,1,1,2,1,746,803,2,698,748\r\n", OK);
	EXPECT("AT%XMAGPIO?\r\n", "\r\n%XMAGPIO: 1,1,1,2,1,746,803,2,698,748\r\nOK\r\n");
	EXPECT("AT%XMAGPIO=1,0,0,2,1,1574,1577\r\n", ERR);	/* two ranges announced */
	EXPECT("AT%XMAGPIO=1,0,0,1,8,1574,1577\r\n", ERR);	/* state is 3 bits */
	EXPECT("AT%XMAGPIO=1,0,0,1,1,1577,1574\r\n", ERR);	/* low above high */
	EXPECT("AT%XMAGPIO=2,0,0,0\r\n", ERR);
	EXPECT("AT%XMAGPIO\r\n", OK);
	EXPECT("AT%XMAGPIO?\r\n", "\r\n%XMAGPIO: 0,0,0,0\r\nOK\r\n");
	EXPECT("AT%XCOEX0?\r\n", "\r\n%XCOEX0: 0\r\nOK\r\n");
	EXPECT("AT%XCOEX0=1,1,1565,1586\r\n", OK);
	EXPECT("AT%XCOEX0?\r\n", "\r\n%XCOEX0: 1,1,1565,1586\r\nOK\r\n");
	EXPECT("AT%XCOEX0=1,2,1565,1586\r\n", ERR);
	EXPECT("AT%XCOEX0=1,1,1565\r\n", ERR);
	EXPECT("AT%XCOEX0\r\n", OK);
	EXPECT("AT%XCOEX0?\r\n", "\r\n%XCOEX0: 0\r\nOK\r\n");
}
END_TEST

/* Changes every setting a factory reset puts back. */
static void configure(void)
{
	EXPECT("AT%XSYSTEMMODE=0,1,1,0\r\n", OK);
	EXPECT("AT+CPSMS=1,,,\"00000110\",\"00000101\"\r\n", OK);
	EXPECT("AT+CEDRXS=1,5,\"0101\"\r\n", OK);
	EXPECT("AT%XBANDLOCK=1,\"100\"\r\n", OK);
	EXPECT("AT+CGDCONT=1,\"IP\",\"apn.factory\"\r\n", OK);
	EXPECT("AT%XDATAPRFL=4\r\n", OK);
	EXPECT("AT%XCOEX0=1,1,1565,1586\r\n", OK);
	EXPECT("AT%CMNG=0,77,0,\"x\"\r\n", OK);
}

static void expect_factory_state(void)
{
	EXPECT("AT%XSYSTEMMODE?\r\n", "\r\n%XSYSTEMMODE: 1,0,0,0\r\nOK\r\n");
	EXPECT("AT+CPSMS?\r\n", "\r\n+CPSMS: 0\r\nOK\r\n");
	EXPECT("AT+CEDRXS?\r\n", OK);
	EXPECT("AT%XBANDLOCK?\r\n", "\r\n%XBANDLOCK: \"\",\"\"\r\nOK\r\n");
	EXPECT("AT+CGDCONT?\r\n", "\r\n+CGDCONT: 0,\"IP\",\"\",\"\",0,0\r\nOK\r\n");
	EXPECT("AT%XDATAPRFL?\r\n", "\r\n%XDATAPRFL: 2\r\nOK\r\n");
	EXPECT("AT%REL14FEAT?\r\n", "\r\n%REL14FEAT: 0,0,0,0,0\r\nOK\r\n");
	EXPECT("AT%XCOEX0?\r\n", "\r\n%XCOEX0: 0\r\nOK\r\n");
}

START_TEST(factory_reset_user_data)
{
	EXPECT("AT+CMEE=1\r\n", OK);
	EXPECT("AT+CFUN=1\r\n", OK);
	EXPECT("AT%XFACTORYRESET=1\r\n", "\r\n+CME ERROR: 518\r\n");	/* active */
	EXPECT("AT+CFUN=4\r\n", OK);
	configure();
	EXPECT("AT%XFACTORYRESET=2\r\n", ERR);
	EXPECT("AT%XFACTORYRESET\r\n", ERR);
	EXPECT("AT%XFACTORYRESET=1\r\n", OK);
	expect_factory_state();
	ck_assert(!strncmp(mfix_cmd(&f, "AT%CMNG=1,77\r\n"), "\r\n%CMNG: 77,0,", 14));
	/* Kept in NVM: a reboot comes back with the factory's system mode. */
	EXPECT("AT#XRESET\r\n", OK);
	ck_assert_str_eq(mfix_advance(&f, 1000), "Ready\r\n");
	EXPECT("AT%XSYSTEMMODE?\r\n", "\r\n%XSYSTEMMODE: 1,0,0,0\r\nOK\r\n");
}
END_TEST

START_TEST(factory_reset_all_data)
{
	EXPECT("AT+CFUN=4\r\n", OK);
	configure();
	EXPECT("AT%XFACTORYRESET=0\r\n", OK);
	expect_factory_state();
	/* Credentials stay unless modem.factory_reset_creds says otherwise. */
	ck_assert(!strncmp(mfix_cmd(&f, "AT%CMNG=1,77\r\n"), "\r\n%CMNG: 77,0,", 14));
	mfix_teardown(&f);
	start("modem.factory_reset_creds=yes");
	configure();
	EXPECT("AT%XFACTORYRESET=1\r\n", OK);
	ck_assert(!strncmp(mfix_cmd(&f, "AT%CMNG=1,77\r\n"), "\r\n%CMNG: 77,0,", 14));
	EXPECT("AT%XFACTORYRESET=0\r\n", OK);
	EXPECT("AT%CMNG=1,77\r\n", OK);
	expect_factory_state();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("modem_settings");
	TCase *tc = tcase_create("modem_settings");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, profile_features_and_rai);
	tcase_add_test(tc, ptw_and_trace);
	tcase_add_test(tc, antenna_pins);
	tcase_add_test(tc, factory_reset_user_data);
	tcase_add_test(tc, factory_reset_all_data);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
