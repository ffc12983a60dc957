/* A second SLM generation is data: a profile made here (a CR terminator,
 * echo, a blank line before a modem's final result, empty lines ignored,
 * OK on entering data mode, URCs held, a 64-byte command limit, fewer rows,
 * a row of its own and another #XCLAC list) drives the same engine and
 * handlers, byte for byte, with no handler asking which one runs.  Versions
 * compare as numbers. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "ck_run.h"
#include "cmd_table.h"
#include "modem_fixture.h"

static struct mfix f;

static int xtestver_set(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	at_info(m, "#XTESTVER: \"%s\"", m->cfg.slm_version);
	return AT_OK;
}

static const struct at_cmd_def own_rows[] = {
	{ .name = "#XTESTVER", .origin = AT_ORIGIN_SLM, .set = xtestver_set, .since = "test 9.1",
	  .summary = "the test generation's version" },
};

/* Its own row first, then the shared table. */
static struct slm_rows own = { .rows = own_rows, .n = ARRAY_SIZE(own_rows) };
static const struct slm_rows *const sets[] = { &own, &at_table };

static const char *const test_without[] = {
	"#XMQTTCON", "#XMQTTPUB", "#XMQTTSUB", "#XMQTTUNSUB", "#XSLMVER", NULL,
};
static const char *const test_clac[] = { "AT#XTESTVER", "AT#XCLAC", "AT#XSEND", NULL };

static struct slm_profile test_profile = {
	.name = "test-9.1", .label = "test SLM v9.1", .summary = "a generation of the unit tests",
	.range = { SLM_LINE_SM, { 9, 1, 0 }, { 9, 10, 0 } },
	.row_sets = sets, .n_row_sets = 2, .without = test_without, .clac = test_clac,
	.framing = { .term = AT_TERM_CR, .echo = true, .blank_before_modem_final = true,
		     .empty_line = SLM_EMPTY_IGNORED, .busy_keep = true },
	.datamode = { .entry_ok = true, .quit = "+++", .silence_ms = 500, .rx_chunk = 64,
		      .buffer = 1024 },
	.limits = { .max_cmd_len = 64 },
	.urc = { .timing = SLM_URC_AFTER_RESPONSE, .in_datamode = SLM_URC_DM_HOLD },
};

static void start(const struct slm_profile *p)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	slm_profile_configure(&cfg, p);
	ck_assert(!config_set_arg(&cfg, "network.search_delay_ms=700", err, sizeof(err)));
	ck_assert(!config_set_arg(&cfg, "network.register_delay_ms=2300", err, sizeof(err)));
	mfix_setup(&f, &cfg);
}

static void setup(void) { start(&test_profile); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(framing_of_the_test_generation)
{
	/* CR ends a command; the bytes come back as read, before the answer. */
	EXPECT("AT\r", "AT\r\r\nOK\r\n");
	EXPECT("AT+CGMI\r", "AT+CGMI\r\r\nNordic Semiconductor ASA\r\n\r\nOK\r\n");
	/* An LF is an ordinary byte: the command is not over yet. */
	EXPECT("AT+CFUN?\n", "AT+CFUN?\n");
	EXPECT("\r", "\r\r\nERROR\r\n");
	/* An empty line is ignored, its echo aside. */
	EXPECT("\r", "\r");
	EXPECT("AT+CMEE=1\r", "AT+CMEE=1\r\r\nOK\r\n");
}
END_TEST

START_TEST(rows_and_clac_of_the_test_generation)
{
	EXPECT("AT#XCLAC\r", "AT#XCLAC\rAT#XTESTVER\r\nAT#XCLAC\r\nAT#XSEND\r\n\r\nOK\r\n");
	EXPECT("AT#XTESTVER\r", "AT#XTESTVER\r\r\n#XTESTVER: \"v9.1.0\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMVER\r", "AT#XSLMVER\r\r\nERROR\r\n");
	ck_assert_ptr_nonnull(strstr(f.why, "not a test SLM v9.1 command"));
	EXPECT("AT#XMQTTCON?\r", "AT#XMQTTCON?\r\r\nERROR\r\n");
	ck_assert_ptr_null(at_cmd_find(&test_profile, "#XMQTTCON"));
	ck_assert_ptr_nonnull(at_cmd_find(&slm_profile_ncs18, "#XMQTTCON"));
	ck_assert_ptr_null(at_cmd_find(&slm_profile_ncs18, "#XTESTVER"));
	ck_assert_ptr_eq(at_cmd_find(&test_profile, "#XTESTVER"), &own_rows[0]);
}
END_TEST

START_TEST(limit_of_the_test_generation)
{
	char line[80];

	memset(line, 'A', sizeof(line));
	memcpy(line, "AT", 2);
	line[70] = '\r';
	line[71] = '\0';
	mfix_cmd(&f, line);
	ck_assert_ptr_nonnull(strstr(f.why, "longer than 64 bytes"));
	EXPECT("AT\r", "AT\r\r\nOK\r\n");
}
END_TEST

START_TEST(urcs_and_data_mode_of_the_test_generation)
{
	EXPECT("AT+CEREG=1\r", "AT+CEREG=1\r\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r", "AT+CFUN=1\r\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 700), "\r\n+CEREG: 2\r\n");
	/* A URC the command raises follows its answer. */
	EXPECT("AT+CFUN=4\r", "AT+CFUN=4\r\r\nOK\r\n\r\n+CEREG: 0\r\n");
	/* Data mode answers OK on entry and holds URCs until it ends. */
	EXPECT("AT+CFUN=1\r", "AT+CFUN=1\r\r\nOK\r\n");
	EXPECT("AT#XSEND\r", "AT#XSEND\r\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 700), "");
	EXPECT("+++", "");
	ck_assert_str_eq(mfix_advance(&f, 500), "\r\nOK\r\n\r\n+CEREG: 2\r\n");
}
END_TEST

START_TEST(ncs18_is_the_default)
{
	mfix_teardown(&f);
	start(&slm_profile_ncs18);
	EXPECT("AT\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGMI\r\n", "\r\nNordic Semiconductor ASA\r\nOK\r\n");
	EXPECT("\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 700), "\r\n+CEREG: 2\r\n");
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	ck_assert_ptr_eq(slm_profile_default(), &slm_profile_ncs18);
	ck_assert_ptr_eq(slm_profile_find("1.8"), &slm_profile_ncs18);
	ck_assert_ptr_eq(slm_profile_find("ncs-v1.8.2"), &slm_profile_ncs18);
	ck_assert_ptr_null(slm_profile_find("1.7"));
	ck_assert_ptr_null(slm_profile_find("3.2"));
	ck_assert_ptr_null(slm_profile_find("1.8-rc"));
}
END_TEST

/* A release selects the profile whose range holds it and runs at that
 * release: features and version answers follow it. */
static void start_spec(const char *spec)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", spec, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

START_TEST(generations_by_release)
{
	static const struct { const char *spec, *profile, *answer; } cases[] = {
		{ "1.9.2", "ncs-1.9", "\r\n#XSLMVER: \"1.9.2\"\r\n\r\nOK\r\n" },
		{ "ncs-2.1", "ncs-2.1", "\r\n#XSLMVER: \"2.1.0\"\r\n\r\nOK\r\n" },
		{ "2.3", "ncs-2.1", "\r\n#XSLMVER: \"2.3.0\",\"2.3.0\"\r\n\r\nOK\r\n" },
		{ "v3.1.0", "ncs-2.6", "\r\n#XSLMVER: \"3.1.0\",\"3.1.0\"\r\n\r\nOK\r\n" },
		{ "sm-0.1", "ncs-2.6", "\r\n#XSLMVER: \"3.1.99\",\"3.1.99\"\r\n\r\nOK\r\n" },
		{ "sm-1.0.1", "sm-0.3", "\r\nERROR\r\n" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		start_spec(cases[i].spec);
		ck_assert_str_eq(f.m->profile->name, cases[i].profile);
		EXPECT("AT#XSLMVER\r\n", cases[i].answer);
	}
	EXPECT("AT#XSMVER\r\n", "\r\n#XSMVER: \"v1.0.1\",\"3.2.4\"\r\n\r\nOK\r\n");
	/* 2.6 prints a customer's version; 2.3 has no such field. */
	start_spec("2.6");
	ck_assert(!config_set(&f.m->cfg, "modem", "slm_customer", "acme-7", NULL, 0));
	EXPECT("AT#XSLMVER\r\n", "\r\n#XSLMVER: \"2.6.0\",\"2.6.0\",\"acme-7\"\r\n\r\nOK\r\n");
	ck_assert(slm_has(f.m->profile, SLM_FEAT_VERSION_CUSTOMER));
	ck_assert(!slm_has(f.m->profile, SLM_FEAT_INIT_ERROR));
	start_spec("3.1.0");
	ck_assert(slm_has(f.m->profile, SLM_FEAT_INIT_ERROR));
	/* One copy per release, shared. */
	ck_assert_ptr_eq(slm_profile_at(slm_profile_find("3.1"), &f.m->profile->release), f.m->profile);
}
END_TEST

START_TEST(versions_compare_as_numbers)
{
	struct slm_version a, b;

	ck_assert(!slm_version_parse("2.10", &a));
	ck_assert(!slm_version_parse("v2.9.7", &b));
	ck_assert_int_gt(slm_version_cmp(&a, &b), 0);
	ck_assert_int_eq(a.patch, 0);
	ck_assert(!slm_version_parse("2.10.0", &b));
	ck_assert_int_eq(slm_version_cmp(&a, &b), 0);
	ck_assert(slm_version_parse("", &a));
	ck_assert(slm_version_parse("2..1", &a));
	ck_assert(slm_version_parse("1.2.3.4", &a));
	ck_assert(slm_version_parse("70000", &a));
	ck_assert(!slm_version_parse("9.9.65535", &a));
	ck_assert(slm_profile_covers(&test_profile, SLM_LINE_SM, &a));
	ck_assert(!slm_profile_covers(&test_profile, SLM_LINE_NCS, &a));
	ck_assert(!slm_version_parse("9.10", &a));
	ck_assert(!slm_profile_covers(&test_profile, SLM_LINE_SM, &a));	/* [from, to) */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, framing_of_the_test_generation);
	tcase_add_test(tc, rows_and_clac_of_the_test_generation);
	tcase_add_test(tc, limit_of_the_test_generation);
	tcase_add_test(tc, urcs_and_data_mode_of_the_test_generation);
	tcase_add_test(tc, ncs18_is_the_default);
	tcase_add_test(tc, versions_compare_as_numbers);
	tcase_add_test(tc, generations_by_release);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
