/* Modem firmware profiles: a release names its line, the line decides what
 * the modem says of itself and which commands' firmware facts hold; the
 * exact bytes per firmware (+CGMM, +CGMR, %HWVERSION, %RAI=2, %CMNG's test
 * sec_tags). */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "ck_run.h"
#include "cmd_table.h"
#include "mfw_profile.h"
#include "modem_fixture.h"

static struct mfix f;

static const char *release_of(const char *spec)
{
	static char out[64];
	struct mfw_release r;

	if (mfw_release_find(spec, &r))
		return "none";
	mfw_revision(&r, out, sizeof(out));
	return out;
}

START_TEST(lookup)
{
	ck_assert_str_eq(release_of("1.3.1"), "mfw_nrf9160_1.3.1");
	ck_assert_str_eq(release_of("1.3.7"), "mfw_nrf9160_1.3.7");
	ck_assert_str_eq(release_of("1.3.0"), "mfw_nrf9160_1.3.0");
	ck_assert_str_eq(release_of("2.0.1"), "mfw_nrf91x1_2.0.1");
	ck_assert_str_eq(release_of("mfw-2.0.4"), "mfw_nrf91x1_2.0.4");
	ck_assert_str_eq(release_of("v2.0.2"), "mfw_nrf91x1_2.0.2");
	ck_assert_str_eq(release_of("2.0"), "mfw_nrf91x1_2.0.0");
	ck_assert_str_eq(release_of("2.0.x"), "mfw_nrf91x1_2.0.4");
	ck_assert_str_eq(release_of("mfw-1.3.x"), "mfw_nrf9160_1.3.1");
	ck_assert_str_eq(release_of("mfw_nrf91x1_2.0.3"), "mfw_nrf91x1_2.0.3");
	ck_assert_str_eq(release_of("MFW_NRF9160_1.3.5"), "mfw_nrf9160_1.3.5");
	/* A chip that does not run that line, or no line at all. */
	ck_assert_str_eq(release_of("mfw_nrf9160_2.0.1"), "none");
	ck_assert_str_eq(release_of("mfw_nrf91x1_1.3.1"), "none");
	ck_assert_str_eq(release_of("2.1.0"), "none");
	ck_assert_str_eq(release_of("1.2.9"), "none");
	ck_assert_str_eq(release_of("1.4"), "none");
	ck_assert_str_eq(release_of("2.0."), "none");
	ck_assert_str_eq(release_of("2.0.-1"), "none");
	ck_assert_str_eq(release_of("2.0.1.1"), "none");
	ck_assert_str_eq(release_of("2.0.4x"), "none");
	ck_assert_str_eq(release_of(""), "none");
	ck_assert_str_eq(release_of("x"), "none");
}
END_TEST

START_TEST(features_start_at_their_release)
{
	struct mfw_release r;

	ck_assert(!mfw_release_find("2.0.1", &r));
	ck_assert(!mfw_has(&r, MFW_RAI_NOTIFY));
	ck_assert(mfw_has(&r, MFW_TEST_SEC_TAGS));
	ck_assert(!mfw_release_find("2.0.2", &r));
	ck_assert(mfw_has(&r, MFW_RAI_NOTIFY));
	ck_assert(!mfw_release_find("1.3.7", &r));
	ck_assert(!mfw_has(&r, MFW_RAI_NOTIFY));
	ck_assert(!mfw_has(&r, MFW_TEST_SEC_TAGS));
	ck_assert_str_eq(r.p->tls_profile, "mfw-1.3.1");
	ck_assert(!mfw_release_find("2.0.4", &r));
	ck_assert_str_eq(r.p->tls_profile, "mfw-2.0.x");
}
END_TEST

/* modem.mfw, else the firmware +CGMR names, else the SLM's, else 1.3.1;
 * explicit identity settings stay. */
START_TEST(configure_precedence)
{
	struct modem_config cfg;
	struct mfw_release r;
	char err[128];

	config_defaults(&cfg);
	r = mfw_configure(&cfg, NULL);
	ck_assert_str_eq(cfg.revision, "mfw_nrf9160_1.3.1");
	ck_assert_str_eq(cfg.model, "nRF9160-SICA");
	config_defaults(&cfg);
	r = mfw_configure(&cfg, "2.0.4");
	ck_assert_str_eq(cfg.revision, "mfw_nrf91x1_2.0.4");
	ck_assert(mfw_has(&r, MFW_RAI_NOTIFY));
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.revision=mfw_nrf91x1_2.0.1", err, sizeof(err)));
	r = mfw_configure(&cfg, "1.3.1");
	ck_assert_str_eq(r.p->name, "mfw-2.0.x");
	ck_assert(!mfw_has(&r, MFW_RAI_NOTIFY));
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.model=nRF9161-LACA", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "modem.mfw=2.0.2", err, sizeof(err)));
	r = mfw_configure(&cfg, "1.3.1");
	ck_assert_str_eq(cfg.model, "nRF9161-LACA");
	ck_assert_str_eq(cfg.revision, "mfw_nrf91x1_2.0.2");
	ck_assert_str_eq(cfg.hw_revision, "A0A");
	ck_assert(config_set_arg(&cfg, "modem.mfw=3.0.0", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "modem.mfw=", err, sizeof(err)));
}
END_TEST

static void start(const char *mfw) { mfix_setup_mfw(&f, mfw, NULL); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define OK "\r\nOK\r\n"
#define ERR "\r\nERROR\r\n"

START_TEST(identity_per_firmware)
{
	start("1.3.7");
	EXPECT("AT+CGMM\r\n", "\r\nnRF9160-SICA\r\nOK\r\n");
	EXPECT("AT+CGMR\r\n", "\r\nmfw_nrf9160_1.3.7\r\nOK\r\n");
	EXPECT("AT%HWVERSION\r\n", "\r\n%HWVERSION: nRF9160 SICA B1A\r\nOK\r\n");
	EXPECT("AT%SHORTSWVER\r\n", "\r\n%SHORTSWVER: nrf9160_1.3.7\r\nOK\r\n");
	mfix_teardown(&f);
	start("mfw-2.0.1");
	EXPECT("AT+CGMM\r\n", "\r\nnRF9151-LACA\r\nOK\r\n");
	EXPECT("AT+CGMR\r\n", "\r\nmfw_nrf91x1_2.0.1\r\nOK\r\n");
	EXPECT("AT%HWVERSION\r\n", "\r\n%HWVERSION: nRF9151 LACA A0A\r\nOK\r\n");
	EXPECT("AT%SHORTSWVER\r\n", "\r\n%SHORTSWVER: nrf91x1_2.0.1\r\nOK\r\n");
}
END_TEST

/* No modem.mfw: the SLM generation's firmware; modem.mfw wins over it.
 * (The Serial Modem puts a blank line before a modem's final result.) */
START_TEST(firmware_follows_the_slm)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert(!config_set_arg(&cfg, "modem.slm_profile=sm-1.0", err, sizeof(err)));
	mfix_setup(&f, &cfg);
	ck_assert(f.m);
	EXPECT("AT+CGMR\r", "\r\nmfw_nrf91x1_2.0.4\r\n\r\nOK\r\n");
	mfix_teardown(&f);
	ck_assert(!config_set_arg(&cfg, "modem.mfw=1.3.7", err, sizeof(err)));
	mfix_setup(&f, &cfg);
	EXPECT("AT+CGMR\r", "\r\nmfw_nrf9160_1.3.7\r\n\r\nOK\r\n");
	EXPECT("AT+CGMM\r", "\r\nnRF9160-SICA\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(rai_notifications_from_2_0_2)
{
	start("1.3.1");
	EXPECT("AT%RAI=2\r\n", ERR);
	ck_assert(strstr(f.why, "2.0.2"));
	EXPECT("AT%RAI=1\r\n", OK);
	EXPECT("AT%RAI?\r\n", "\r\n%RAI: 1\r\nOK\r\n");
	EXPECT("AT%RAI=3\r\n", ERR);
	mfix_teardown(&f);
	start("2.0.1");
	EXPECT("AT%RAI=2\r\n", ERR);
	mfix_teardown(&f);
	start("2.0.4");
	EXPECT("AT%RAI=2\r\n", OK);
	EXPECT("AT%RAI?\r\n", "\r\n%RAI: 2\r\nOK\r\n");
	EXPECT("AT%RAI=0\r\n", OK);
	EXPECT("AT%RAI?\r\n", "\r\n%RAI: 0\r\nOK\r\n");
}
END_TEST

#define CA "\"-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\""

START_TEST(test_sec_tags_on_91x1)
{
	const char *out;

	start("2.0.0");
	EXPECT("AT%CMNG=0,2147483667," "0," CA "\r\n", OK);
	EXPECT("AT%CMNG=0,2147483648,4,\"id\"\r\n", OK);
	out = mfix_cmd(&f, "AT%CMNG=1,2147483667\r\n");
	ck_assert_msg(!strncmp(out, "\r\n%CMNG: 2147483667,0,\"", 23), "%s", out);
	EXPECT("AT%CMNG=0,2147483668,0," CA "\r\n", ERR);
	EXPECT("AT%CMNG=3,2147483648,4\r\n", OK);
	mfix_teardown(&f);
	start("1.3.1");
	/* As any sec_tag over 2147483647 on the nRF9160. */
	EXPECT("AT%CMNG=0,2147483667,0," CA "\r\n", ERR);
	ck_assert(strstr(f.why, "test tags"));
	EXPECT("AT%CMNG=0,2147483648,4,\"id\"\r\n", ERR);
	EXPECT("AT%CMNG=1,2147483648\r\n", ERR);
	EXPECT("AT%CMNG=0,2147483647,4,\"id\"\r\n", OK);
}
END_TEST

/* The 527 users report is not emulated unless modem.cmng_crlf_527 asks. */
START_TEST(reported_527_only_when_asked)
{
	struct modem_config cfg;
	char err[128];
	const char *crlf = "AT%CMNG=0,31,0,\"-----BEGIN CERTIFICATE-----\r\nMIIB\r\n"
			   "-----END CERTIFICATE-----\"\r\n";

	start("2.0.4");
	EXPECT(crlf, OK);
	mfix_teardown(&f);
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert(!config_set_arg(&cfg, "modem.mfw=2.0.4", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "modem.cmng_crlf_527=yes", err, sizeof(err)));
	mfix_setup(&f, &cfg);
	EXPECT("AT+CMEE=1\r\n", OK);
	EXPECT(crlf, "\r\n+CME ERROR: 527\r\n");
	ck_assert(strstr(f.why, "modem.cmng_crlf_527"));
	EXPECT("AT%CMNG=0,31,0," CA "\r\n", OK);	/* LF line ends */
	EXPECT("AT%CMNG=0,31,4,\"id\r\nx\"\r\n", OK);	/* not a certificate */
}
END_TEST

static void teardown(void) { mfix_teardown(&f); }

int main(void)
{
	Suite *s = suite_create("mfw");
	TCase *tc = tcase_create("mfw");

	tcase_add_test(tc, lookup);
	tcase_add_test(tc, features_start_at_their_release);
	tcase_add_test(tc, configure_precedence);
	suite_add_tcase(s, tc);
	tc = tcase_create("mfw_bytes");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, identity_per_firmware);
	tcase_add_test(tc, firmware_follows_the_slm);
	tcase_add_test(tc, rai_notifications_from_2_0_2);
	tcase_add_test(tc, test_sec_tags_on_91x1);
	tcase_add_test(tc, reported_527_only_when_asked);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
