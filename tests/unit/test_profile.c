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

/* Its own row first, then the shared table (at_table is no constant
 * expression here: start() fills it in). */
static struct slm_rows sets[2];

static const char *const test_without[] = {
	"#XMQTTCON", "#XMQTTPUB", "#XMQTTSUB", "#XMQTTUNSUB", "#XSLMVER", NULL,
};
static const char *const test_clac[] = { "AT#XTESTVER", "AT#XCLAC", "AT#XSEND", NULL };

static struct slm_profile test_profile = {
	.name = "test-9.1", .label = "test SLM v9.1", .summary = "a generation of the unit tests",
	.line = SLM_LINE_SM, .from = { 9, 1, 0 }, .to = { 9, 10, 0 }, .version_answer = "9.1.0",
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

	sets[0] = (struct slm_rows){ .rows = own_rows, .n = ARRAY_SIZE(own_rows) };
	sets[1] = at_table;
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
	/* CR ends a command; the line comes back before its answer. */
	EXPECT("AT\r", "AT\r\n\r\nOK\r\n");
	EXPECT("AT+CGMI\r", "AT+CGMI\r\n\r\nNordic Semiconductor ASA\r\n\r\nOK\r\n");
	/* An LF is an ordinary byte: the command is not over yet. */
	EXPECT("AT+CFUN?\n", "");
	EXPECT("\r", "AT+CFUN?\n\r\n\r\nERROR\r\n");
	/* An empty line is ignored, its echo aside. */
	EXPECT("\r", "\r\n");
	EXPECT("AT+CMEE=1\r", "AT+CMEE=1\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(rows_and_clac_of_the_test_generation)
{
	EXPECT("AT#XCLAC\r", "AT#XCLAC\r\nAT#XTESTVER\r\nAT#XCLAC\r\nAT#XSEND\r\n\r\nOK\r\n");
	EXPECT("AT#XTESTVER\r", "AT#XTESTVER\r\n\r\n#XTESTVER: \"9.1.0\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMVER\r", "AT#XSLMVER\r\n\r\nERROR\r\n");
	ck_assert_ptr_nonnull(strstr(f.why, "not a test SLM v9.1 command"));
	EXPECT("AT#XMQTTCON?\r", "AT#XMQTTCON?\r\n\r\nERROR\r\n");
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
	EXPECT("AT\r", "AT\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(urcs_and_data_mode_of_the_test_generation)
{
	EXPECT("AT+CEREG=1\r", "AT+CEREG=1\r\n\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r", "AT+CFUN=1\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 700), "\r\n+CEREG: 2\r\n");
	/* A URC the command raises follows its answer. */
	EXPECT("AT+CFUN=4\r", "AT+CFUN=4\r\n\r\nOK\r\n\r\n+CEREG: 0\r\n");
	/* Data mode answers OK on entry and holds URCs until it ends. */
	EXPECT("AT+CFUN=1\r", "AT+CFUN=1\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND\r", "AT#XSEND\r\n\r\nOK\r\n");
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
	ck_assert_ptr_null(slm_profile_find("1.9"));
	ck_assert_ptr_null(slm_profile_find("sm-1.8"));
	ck_assert_ptr_null(slm_profile_find("1.8-rc"));
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
	suite_add_tcase(s, tc);
	return ck_run(s);
}
