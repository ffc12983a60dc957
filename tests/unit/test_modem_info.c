/* Exact bytes of the modem commands real captures use: identity (+CSQ,
 * %XVBAT, %HWVERSION, %SHORTSWVER), the SIM (+CRSM, +CPINR), +CLAC, +CEER
 * and %CONEVAL from the network model, and the %MDMEV search URCs.
 * Values are set here, none the bundled report's. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static const char *const base[] = {
	"network.tac=3C4D", "network.ci=0A1B2C3D", "network.plmn=24412", "network.status=home",
	"network.rsrp=8", "network.rsrq=2", "network.snr=14", "network.pci=7",
	"network.earfcn=1575", "network.band=3", "modem.model=nRF9160-SIBA",
	"modem.hw_revision=B0A", "modem.revision=mfw_nrf9160_1.3.4", "modem.vbat_mv=3412",
	"modem.iccid=8935711001000012345", "modem.pin_retries=2,3,9,10", NULL,
};

/* The base world plus extra settings (NULL-terminated, or NULL). */
static void start(const char *const *extra)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	for (size_t i = 0; base[i]; i++)
		ck_assert_msg(!config_set_arg(&cfg, base[i], err, sizeof(err)), "%s", err);
	for (size_t i = 0; extra && extra[i]; i++)
		ck_assert_msg(!config_set_arg(&cfg, extra[i], err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

static void setup(void) { start(NULL); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(identity_from_the_model_and_firmware)
{
	EXPECT("AT+CSQ\r\n", "\r\n+CSQ: 99,99\r\nOK\r\n");
	EXPECT("AT+CSQ=?\r\n", "\r\n+CSQ: (99),(99)\r\nOK\r\n");
	EXPECT("AT+CSQ?\r\n", "\r\nERROR\r\n");
	EXPECT("AT%XVBAT\r\n", "\r\n%XVBAT: 3412\r\nOK\r\n");
	EXPECT("AT%XVBAT=?\r\n", "\r\nERROR\r\n");
	EXPECT("AT%HWVERSION\r\n", "\r\n%HWVERSION: nRF9160 SIBA B0A\r\nOK\r\n");
	EXPECT("AT%HWVERSION?\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CGMM\r\n", "\r\nnRF9160-SIBA\r\nOK\r\n");
	EXPECT("AT%SHORTSWVER\r\n", "\r\n%SHORTSWVER: nrf9160_1.3.4\r\nOK\r\n");
	EXPECT("AT+CGMR\r\n", "\r\nmfw_nrf9160_1.3.4\r\nOK\r\n");
}
END_TEST

/* EF_ICCID as the SIM stores it: BCD, low digit first, padded with F. */
START_TEST(sim_file_and_pin_tries)
{
	EXPECT("AT+CRSM=176,12258,0,0,10\r\n", "\r\nERROR\r\n");	/* UICC off */
	EXPECT("AT+CPINR=\"SIM PIN\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN=41\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");	/* the UICC initialises */
	EXPECT("AT%XICCID\r\n", "\r\n%XICCID: 8935711001000012345\r\nOK\r\n");
	EXPECT("AT+CRSM=176,12258,0,0,10\r\n", "\r\n+CRSM: 144,0,\"985317011000002143F5\"\r\nOK\r\n");
	EXPECT("AT+CRSM=176,12258,0,8,2\r\n", "\r\n+CRSM: 144,0,\"43F5\"\r\nOK\r\n");
	EXPECT("AT+CRSM=176,12258,0,0,11\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CRSM=176,28423,0,0,9\r\n", "\r\nERROR\r\n");	/* EF_IMSI: not emulated */
	EXPECT("AT+CRSM=242\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CPINR=\"SIM PIN\"\r\n", "\r\n+CPINR: \"SIM PIN\",2\r\nOK\r\n");
	EXPECT("AT+CPINR=\"SIM PUK*\"\r\n",
	       "\r\n+CPINR: \"SIM PUK\",9\r\n+CPINR: \"SIM PUK2\",10\r\nOK\r\n");
	EXPECT("AT+CPINR=\"SIM*\"\r\n", "\r\n+CPINR: \"SIM PIN\",2\r\n+CPINR: \"SIM PIN2\",3\r\n"
	       "+CPINR: \"SIM PUK\",9\r\n+CPINR: \"SIM PUK2\",10\r\nOK\r\n");
	EXPECT("AT+CPINR=\"PH-SIM PIN\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CPINR\r\n", "\r\nERROR\r\n");
}
END_TEST

START_TEST(clac_lists_the_modem_rows)
{
	const char *out = mfix_cmd(&f, "AT+CLAC\r\n");

	ck_assert(!strncmp(out, "\r\nAT+CMEE\r\nAT+CGMI\r\n", 20));
	ck_assert(strstr(out, "\r\nAT%CONEVAL\r\n") && strstr(out, "\r\nAT+CLAC\r\n"));
	ck_assert(!strstr(out, "#X"));
	ck_assert(!strcmp(out + strlen(out) - 6, "\r\nOK\r\n"));
}
END_TEST

START_TEST(coneval_follows_the_search)
{
	EXPECT("AT%CONEVAL\r\n", "\r\nERROR\r\n");	/* CFUN=0 */
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 1\r\nOK\r\n");	/* no cell yet */
	mfix_advance(&f, 1900);
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 6\r\nOK\r\n");	/* attaching */
	mfix_advance(&f, 1700);
	/* Registered, the RRC connection of the attach still up; Nordic's
	 * example's RSRP gives its energy, power, repetitions and path loss. */
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 0,1,5,8,2,14,\"0A1B2C3D\",\"24412\",7,1575,3,0,2,"
	       "23,16,32,130\r\nOK\r\n");
	mfix_advance(&f, 60000);
	ck_assert(!strncmp(mfix_cmd(&f, "AT%CONEVAL\r\n"), "\r\n%CONEVAL: 0,0,5,", 18));
	EXPECT("AT+CFUN=40\r\n", "\r\nOK\r\n");
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 2\r\nOK\r\n");	/* no UICC */
	EXPECT("AT+CFUN=4\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=2\r\n", "\r\nOK\r\n");	/* receive only: measured, not registered */
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 0,0,5,8,2,14,\"0A1B2C3D\",\"24412\",7,1575,3,1,2,"
	       "23,16,32,130\r\nOK\r\n");
}
END_TEST

START_TEST(coneval_scales_with_rsrp)
{
	static const char *const strong[] = { "network.rsrp=62", NULL };

	mfix_teardown(&f);
	start(strong);
	mfix_register(&f);
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 0,0,9,62,2,14,\"0A1B2C3D\",\"24412\",7,1575,3,0,0,"
	       "-31,1,1,76\r\nOK\r\n");
}
END_TEST

START_TEST(ceer_reports_the_rejection)
{
	static const char *const reject[] = { "network.reject_cause=15", NULL };

	EXPECT("AT+CEER\r\n", "\r\n+CEER: \"No cause information available\"\r\nOK\r\n");
	mfix_teardown(&f);
	start(reject);
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	mfix_advance(&f, 60000);
	EXPECT("AT+CEER\r\n", "\r\n+CEER: \"EMM cause 15: No suitable cells in tracking area\"\r\n"
	       "OK\r\n");
	EXPECT("AT%CONEVAL\r\n", "\r\n%CONEVAL: 6\r\nOK\r\n");
}
END_TEST

/* The search ends with the first usable cell, before the attach's +CEREG: 2. */
START_TEST(mdmev_search_status)
{
	EXPECT("AT%MDMEV=2\r\n", "\r\nERROR\r\n");
	EXPECT("AT%MDMEV=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1898), "\r\n%MDMEV: SEARCH STATUS 2\r\n\r\n+CEREG: 2\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 1\r\n");
	/* No usable cell: a light search, then every frequency. */
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");	/* keeps %MDMEV */
	EXPECT("AT%XBANDLOCK=2,\"1\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 9999), "\r\n+CEREG: 2\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1), "\r\n%MDMEV: SEARCH STATUS 1\r\n");
	ck_assert_str_eq(mfix_advance(&f, 49999), "");
	ck_assert_str_eq(mfix_advance(&f, 1), "\r\n%MDMEV: SEARCH STATUS 2\r\n");
	/* CFUN=0 removes the subscription. */
	EXPECT("AT+CFUN=0\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	EXPECT("AT%XBANDLOCK=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 2\r\n\r\n+CEREG: 1\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("modem_info");
	TCase *tc = tcase_create("modem_info");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, identity_from_the_model_and_firmware);
	tcase_add_test(tc, sim_file_and_pin_tries);
	tcase_add_test(tc, clac_lists_the_modem_rows);
	tcase_add_test(tc, coneval_follows_the_search);
	tcase_add_test(tc, coneval_scales_with_rsrp);
	tcase_add_test(tc, ceer_reports_the_rejection);
	tcase_add_test(tc, mdmev_search_status);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
