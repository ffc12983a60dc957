/* Data mode per SLM generation (slm-versions 3.2), byte for byte in
 * virtual time: how input is cut into sends, where "+++" counts, the
 * answers on leaving, a failed send, #XDATACTRL=0, the per-send URC, a
 * service leaving data mode (NULL mode), SM's <data_len> and SM sending
 * "+++" itself.  A test row, AT#XTESTDM[=<data_len>], enters data mode
 * into a service that records what it is handed. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "ck_run.h"
#include "cmd_table.h"
#include "modem_fixture.h"
#include "zerrno.h"

static struct mfix f;
static struct strbuf sent;	/* the sends, '|' between them */
static struct strbuf sizes;	/* their sizes, '+' after one with more behind it */
static bool failing;
static bool datagrams;	/* a send with more behind it overflows, as UDP's (2.5+) */
static int limit;		/* the time limit data mode runs with (ms) */

static int capture(struct modem *m, const uint8_t *data, size_t len)
{
	if (sent.len)
		sb_append(&sent, "|", 1);
	sb_append(&sent, data, len);
	sb_appendf(&sizes, "%s%zu%s", sizes.len ? "," : "", len, datamode_more_data(m) ? "+" : "");
	if (datagrams && datamode_more_data(m)) {
		datamode_service_exit(m, DM_EXIT_URC, -zephyr_errno(EOVERFLOW));
		return -EOVERFLOW;
	}
	return failing ? -ENOTCONN : 0;
}

static int xtestdm_set(struct modem *m, const struct at_cmd *cmd)
{
	if (cmd->nparams)
		modem_enter_datamode_len(m, capture, (size_t)at_arg_int(cmd, 0));
	else
		modem_enter_datamode(m, capture);
	return AT_SILENT;
}

static const struct at_cmd_def own_rows[] = {
	{ .name = "#XTESTDM", .origin = AT_ORIGIN_SLM, .set = xtestdm_set, .since = "test",
	  .summary = "data mode into a recording service" },
};
static const struct slm_rows own = { .rows = own_rows, .n = ARRAY_SIZE(own_rows) };

/* The profile spec selects, with the test row ahead of its own rows. */
static void start(const char *spec, const char *setting)
{
	static struct slm_profile copy;
	static const struct slm_rows *sets[16];
	static char name[32];
	struct modem_config cfg;
	struct slm_version at;
	const struct slm_profile *p = slm_profile_find_at(spec, &at);
	char err[128];

	ck_assert_ptr_nonnull(p);
	ck_assert_uint_lt(p->n_row_sets, ARRAY_SIZE(sets));
	if (f.m)
		mfix_teardown(&f);
	copy = *p;
	snprintf(name, sizeof(name), "dm-%s", spec);	/* slm_profile_at() keeps one per name */
	copy.name = name;
	sets[0] = &own;
	for (size_t i = 0; i < p->n_row_sets; i++)
		sets[i + 1] = p->row_sets[i];
	copy.row_sets = sets;
	copy.n_row_sets = p->n_row_sets + 1;
	config_defaults(&cfg);
	slm_profile_configure(&cfg, slm_profile_at(&copy, &at));
	if (setting)
		ck_assert(!config_set_arg(&cfg, setting, err, sizeof(err)));
	mfix_setup(&f, &cfg);
	sb_clear(&sent);
	sb_clear(&sizes);
	failing = false;
	datagrams = false;
	limit = datamode_min_time_limit(f.m);
}

static void setup(void) { start("1.8", NULL); }
static void teardown(void)
{
	mfix_teardown(&f);
	f.m = NULL;
}

#define EXPECT(in, out) ck_assert_str_eq(mfix_cmd(&f, in), out)
#define LATER(ms, out) ck_assert_str_eq(mfix_advance(&f, ms), out)
#define SENT(s) ck_assert_str_eq(sent.data ? sent.data : "", s)

/* SM: out is head, the command's echo if the framing echoes, then tail
 * (the echo's shape is the framing's business). */
static void expect_around(const char *in, const char *head, const char *tail)
{
	const char *out = mfix_cmd(&f, in);
	size_t n = strlen(out), h = strlen(head), t = strlen(tail);

	ck_assert_msg(n >= h + t && !strncmp(out, head, h) && !strcmp(out + n - t, tail),
		      "'%s' answered '%s'", in, out);
}

START_TEST(ncs18_time_limit_zero_is_off_and_services_exit_by_mode)
{
	EXPECT("AT#XDATACTRL=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XTESTDM\r\n", "");
	EXPECT("one", "");
	SENT("one");	/* each receive event at once */
	datamode_service_exit(f.m, DM_EXIT_URC, -104);
	LATER(0, "\r\n#XDATAMODE: 0\r\n");
	EXPECT("AT#XTESTDM\r\n", "");
	datamode_service_exit(f.m, DM_EXIT_OK, -104);	/* the UDP proxy's */
	LATER(0, "\r\nOK\r\n");
	EXPECT("AT#XTESTDM\r\n", "");
	failing = true;
	EXPECT("two", "\r\nERROR\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(ncs19_gathers_for_the_time_limit_and_finds_the_escape_at_the_end)
{
	char answer[64];

	start("1.9", NULL);
	ck_assert_int_eq(limit, 256 * 10 * 1000 / 115200 + 10);
	EXPECT("AT#XDATACTRL=0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XTESTDM\r\n", "");	/* no OK on entry */
	EXPECT("hello", "");
	LATER(limit - 1, "");
	SENT("");
	LATER(1, "");
	SENT("hello");
	EXPECT("wor", "");
	LATER(limit - 1, "");
	EXPECT("ld", "");	/* the limit starts again */
	LATER(limit - 1, "");
	SENT("hello");
	LATER(1, "");
	SENT("hello|world");
	EXPECT("a+++b", "");	/* not at the end: data */
	LATER(limit, "");
	EXPECT("bye+++", "");	/* no silence needed */
	LATER(limit, "\r\nOK\r\n");
	SENT("hello|world|a+++b|bye");
	/* The minimum became the time limit, and stays. */
	snprintf(answer, sizeof(answer), "\r\n#XDATACTRL: %d,%d\r\n\r\nOK\r\n", limit, limit);
	EXPECT("AT#XDATACTRL?\r\n", answer);
	EXPECT("AT#XTESTDM\r\n", "");
	EXPECT("+++", "");
	LATER(limit, "\r\nOK\r\n");
	/* A failed send ends data mode with OK. */
	EXPECT("AT#XTESTDM\r\n", "");
	failing = true;
	EXPECT("lost", "");
	LATER(limit, "\r\nOK\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(ncs20_time_limit_zero_is_the_minimum)
{
	start("2.0", NULL);
	EXPECT("AT#XDATACTRL=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XTESTDM\r\n", "");
	EXPECT("x+++", "");
	LATER(limit, "\r\nOK\r\n");
	SENT("x");
	EXPECT("AT#XTESTDM\r\n", "");
	datamode_service_exit(f.m, DM_EXIT_URC, -104);
	LATER(0, "\r\n#XDATAMODE: 0\r\n");
}
END_TEST

START_TEST(ncs21_answers_ok_on_entry_and_xdatamode_0_on_leaving)
{
	start("2.1", "modem.datamode_urc=yes");	/* no such option before 2.2 */
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("data+++", "");
	LATER(limit, "\r\n#XDATAMODE: 0\r\n");
	SENT("data");
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	failing = true;
	EXPECT("lost", "");
	LATER(limit, "\r\n#XDATAMODE: 0\r\n");
	failing = false;
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	datamode_service_exit(f.m, DM_EXIT_URC, -104);	/* at once, its result */
	LATER(0, "\r\n#XDATAMODE: -104\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(ncs22_reports_each_send_when_built_to)
{
	start("2.2", "modem.datamode_urc=yes");
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("abc", "");
	LATER(limit, "\r\n#XDATAMODE: 3\r\n");
	EXPECT("de+++", "");
	LATER(limit, "\r\n#XDATAMODE: 2\r\n\r\n#XDATAMODE: 0\r\n");
	start("2.2", NULL);	/* off as the SLM builds it */
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("abc", "");
	LATER(limit, "");
	SENT("abc");
}
END_TEST

START_TEST(ncs25_finds_the_escape_anywhere_and_parses_what_follows)
{
	start("2.5", NULL);
	EXPECT("AT#XDATACTRL=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("ab+++AT\r\n", "\r\n#XDATAMODE: 0\r\n\r\nOK\r\n");
	SENT("ab");
	/* Split across receive events. */
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("cd+", "");
	EXPECT("+", "");
	EXPECT("+", "\r\n#XDATAMODE: 0\r\n");
	SENT("ab|cd");
	/* A part of it when the time limit passes, or one not completed, is data. */
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT("ef++", "");
	LATER(limit, "");
	SENT("ab|cd|ef++");
	EXPECT("+g++h", "");
	LATER(limit, "");
	SENT("ab|cd|ef++|+g++h");
	/* A failed send drops its bytes; data mode goes on. */
	failing = true;
	EXPECT("lost", "");
	LATER(limit, "");
	failing = false;
	EXPECT("kept+++", "\r\n#XDATAMODE: 0\r\n");
	SENT("ab|cd|ef++|+g++h|lost|kept");
}
END_TEST

START_TEST(ncs25_sends_a_full_buffer_at_once)
{
	char big[5001];

	start("2.5", NULL);
	memset(big, 'z', 5000);
	big[5000] = '\0';
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT(big, "");
	ck_assert_str_eq(sizes.data, "4096+");
	LATER(limit, "");
	ck_assert_str_eq(sizes.data, "4096+,904");
}
END_TEST

/* A datagram over a full buffer: NULL mode, and "+++" ends it whether it
 * comes in the same read as the overflow or later. */
START_TEST(ncs26_overflow_and_the_escape_in_one_read_or_two)
{
	char big[5004];

	start("2.6", NULL);
	datagrams = true;
	memset(big, 'u', 5000);
	strcpy(big + 5000, "+++");
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT(big, "\r\n#XDATAMODE: -139\r\n");
	big[5000] = '\0';
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	EXPECT(big, "");
	EXPECT("+++", "\r\n#XDATAMODE: -139\r\n");
	ck_assert_str_eq(sizes.data, "4096+,4096+");
	/* SM with <data_len>: the count gone, data mode ends at once. */
	start("sm-1.0", NULL);
	datagrams = true;
	expect_around("AT#XTESTDM=4500\r", "", "\r\nOK\r\n");
	EXPECT(big, "\r\n#XDATAMODE: -1\r\n");
}
END_TEST

START_TEST(ncs26_null_mode_after_a_service_leaves)
{
	start("2.6", NULL);
	ck_assert(!slm_has(f.m->profile, SLM_FEAT_PROXY_QUIT));
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	datamode_service_exit(f.m, DM_EXIT_OK, -zephyr_errno(EOVERFLOW));
	LATER(0, "");
	EXPECT("dropped+", "");
	LATER(limit, "");
	EXPECT("++AT\r\n", "\r\n#XDATAMODE: -139\r\n\r\nOK\r\n");
	SENT("");
	/* From 2.7 a proxy says so with "+++" first. */
	start("2.7", NULL);
	ck_assert(slm_has(f.m->profile, SLM_FEAT_PROXY_QUIT));
	EXPECT("AT#XTESTDM\r\n", "\r\nOK\r\n");
	datamode_fail(f.m, -104);
	LATER(0, "+++");
	EXPECT("x+++", "\r\n#XDATAMODE: -104\r\n");
	SENT("");
}
END_TEST

START_TEST(sm_data_len_and_its_own_escape)
{
	start("sm-1.0", "modem.datamode_urc=yes");	/* gone in v1.0.0 */
	expect_around("AT#XTESTDM=5\r", "", "\r\nOK\r\n");
	EXPECT("ab+", "");
	expect_around("++AT\r", "\r\n#XDATAMODE: 0\r\n", "\r\nOK\r\n");
	SENT("ab+++");
	/* A socket error: SM sends "+++", drops input until the host's, -1. */
	expect_around("AT#XTESTDM\r", "", "\r\nOK\r\n");
	datamode_fail(f.m, -ECONNRESET);
	LATER(0, "+++");
	EXPECT("late+++", "\r\n#XDATAMODE: -1\r\n");
	SENT("ab+++");
	start("sm-0.3", "modem.datamode_urc=yes");
	expect_around("AT#XTESTDM=3\r", "", "\r\nOK\r\n");
	EXPECT("xyz", "\r\n#XDATAMODE: 3\r\n\r\n#XDATAMODE: 0\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("datamode");
	TCase *tc = tcase_create("datamode");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ncs18_time_limit_zero_is_off_and_services_exit_by_mode);
	tcase_add_test(tc, ncs19_gathers_for_the_time_limit_and_finds_the_escape_at_the_end);
	tcase_add_test(tc, ncs20_time_limit_zero_is_the_minimum);
	tcase_add_test(tc, ncs21_answers_ok_on_entry_and_xdatamode_0_on_leaving);
	tcase_add_test(tc, ncs22_reports_each_send_when_built_to);
	tcase_add_test(tc, ncs25_finds_the_escape_anywhere_and_parses_what_follows);
	tcase_add_test(tc, ncs25_sends_a_full_buffer_at_once);
	tcase_add_test(tc, ncs26_null_mode_after_a_service_leaves);
	tcase_add_test(tc, ncs26_overflow_and_the_escape_in_one_read_or_two);
	tcase_add_test(tc, sm_data_len_and_its_own_escape);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
