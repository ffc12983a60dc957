/* What a log holds to judge (judgeable.c), and which commands it shows no
 * answer to (script.c), each alone on small logs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "judgeable.h"
#include "script.h"

static struct replay_log rlog;
static char why[512];

static enum judgeable judge(const char *text)
{
	log_free(&rlog);
	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	why[0] = '\0';
	return log_judgeable(&rlog, why, sizeof(why));
}

static void teardown(void) { log_free(&rlog); }

START_TEST(no_command_is_inconclusive)
{
	ck_assert_int_eq(judge("We set the modem up with the usual commands and it never\n"
			       "registered; the board is on a roaming SIM.\n"), JUDGE_NO_COMMAND);
	ck_assert_ptr_nonnull(strstr(why, "no line is a host command"));
	ck_assert_int_eq(judge(""), JUDGE_NO_COMMAND);
	/* Modem lines alone (URCs) give nothing to replay either. */
	ck_assert_int_eq(judge("2021-01-04T08:00:00.000Z DEBUG modem << +CEREG: 1\n"), JUDGE_NO_COMMAND);
}
END_TEST

START_TEST(commands_alone_are_inconclusive)
{
	ck_assert_int_eq(judge("AT+CFUN=1\nAT+CEREG?\nAT+COPS?\n"), JUDGE_NO_ANSWER);
	ck_assert_ptr_nonnull(strstr(why, "3 command(s)"));
	/* A Link Monitor log cut down to its host lines says nothing more. */
	ck_assert_int_eq(judge("2021-01-04T08:00:00.000Z DEBUG modem >> AT+CGMR\n"
			       "2021-01-04T08:00:02.000Z DEBUG modem >> AT+CGSN\n"), JUDGE_NO_ANSWER);
}
END_TEST

START_TEST(a_recorded_link_with_nothing_back_is_dead)
{
	/* The tool's own lines. */
	ck_assert_int_eq(judge("2021-01-04T08:00:00.000Z INFO Modem port is opened\n"
			       "2021-01-04T08:00:01.000Z DEBUG modem >> AT\n"), JUDGE_DEAD_LINK);
	/* A command the tool timed out on. */
	ck_assert_int_eq(judge("2021-01-04T08:00:00.000Z DEBUG modem >> AT\n"
			       "2021-01-04T08:00:01.000Z ERROR Error: 'AT+CFUN?\n"), JUDGE_DEAD_LINK);
	/* Local echo of a terminal, and a terminal program's status lines. */
	ck_assert_int_eq(judge("AT+CGMI\nAT+CGMI\n"), JUDGE_DEAD_LINK);
	ck_assert_int_eq(judge("Terminal ready\nAT+CGMI\n"), JUDGE_DEAD_LINK);
	/* The terminal's own status line names its rate: a finding. */
	ck_assert_int_eq(judge("baudrate is    : 57600\nAT+CGMI\nAT+CGMI\n"), JUDGE_DEAD_LINK);
	log_link_hint(&rlog, why, sizeof(why));
	ck_assert_ptr_nonnull(strstr(why, "57600 baud (log line 1)"));
	ck_assert_int_eq(judge("baudrate is    : 115200\nAT+CGMI\nAT+CGMI\n"), JUDGE_DEAD_LINK);
	log_link_hint(&rlog, why, sizeof(why));
	ck_assert_str_eq(why, "");
	/* Time stamps a program put on every line. */
	ck_assert_int_eq(judge("[10:00:00.100] AT+CGMI\n[10:00:05.000] AT\n"), JUDGE_DEAD_LINK);
}
END_TEST

START_TEST(one_modem_line_makes_it_judgeable)
{
	ck_assert_int_eq(judge("AT+CFUN=1\nAT+CEREG?\n+CEREG: 0,2\n"), JUDGE_YES);
}
END_TEST

/* Which commands the script marks as showing no answer. */
static struct script sc;

static void build(const char *text)
{
	struct scenario s;
	char err[256];

	log_free(&rlog);
	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	scenario_defaults(&s);
	ck_assert_int_eq(script_build(&sc, &rlog, &s, "/nonexistent", err, sizeof(err)), 0);
	scenario_free(&s);
}

START_TEST(unanswered_commands)
{
	build("2021-01-04T08:00:00.000Z DEBUG modem >> AT+CGMR\n"
	      "2021-01-04T08:00:00.100Z DEBUG modem >> AT+CFUN?\n"
	      "2021-01-04T08:00:00.110Z DEBUG modem << +CFUN: 4\n"
	      "2021-01-04T08:00:00.120Z DEBUG modem << OK\n"
	      "2021-01-04T08:00:01.000Z DEBUG modem >> AT+COPS?\n"
	      "2021-01-04T08:00:01.010Z DEBUG modem << +COPS: 0\n"
	      "2021-01-04T08:00:02.000Z DEBUG modem >> AT#XSEND\n"
	      "2021-01-04T08:00:02.500Z DEBUG modem >> hello\n"
	      "2021-01-04T08:00:03.700Z DEBUG modem >> +++\n"
	      "2021-01-04T08:00:03.800Z DEBUG modem << OK\n"
	      "2021-01-04T08:00:04.000Z DEBUG modem >> AT+CNEC=24\n");
	ck_assert_uint_eq(sc.n, 11);
	ck_assert(sc.steps[0].unanswered);	/* the next command came first */
	ck_assert(!sc.steps[1].unanswered);
	ck_assert(sc.steps[4].unanswered);	/* an information line, no final result */
	ck_assert(!sc.steps[6].unanswered);	/* enters data mode: no OK then */
	ck_assert(!sc.steps[7].unanswered && !sc.steps[8].unanswered);
	ck_assert(sc.steps[10].unanswered);	/* the log ends */
	script_free(&sc);
}
END_TEST

/* Modem commands only, no Ready, nothing naming the SLM: modem-only. */
START_TEST(modem_only_transcripts)
{
	build("2021-01-04T08:00:00.000Z DEBUG modem >> AT+CFUN?\n"
	      "2021-01-04T08:00:00.010Z DEBUG modem << +CFUN: 0\n2021-01-04T08:00:00.012Z DEBUG modem << OK\n");
	ck_assert(sc.modem_only);
	script_free(&sc);
	build("2021-01-04T08:00:00.000Z DEBUG modem << Ready\n"
	      "2021-01-04T08:00:01.000Z DEBUG modem >> AT+CFUN?\n");
	ck_assert(!sc.modem_only);
	script_free(&sc);
	build("AT+CGMR\nmfw_nrf9160_1.3.3\nOK\nAT#XSLMVER\n#XSLMVER: \"1.8.0\"\nOK\n");
	ck_assert(!sc.modem_only);
	script_free(&sc);
	/* A Zephyr log line of the SLM says so. */
	build("[00:00:00.402,832] <inf> slm: Serial LTE Modem\nAT+CGMR\nmfw_nrf9160_1.3.3\nOK\n");
	ck_assert(!sc.modem_only);
	script_free(&sc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("judgeable");
	TCase *tc = tcase_create("judgeable");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, no_command_is_inconclusive);
	tcase_add_test(tc, commands_alone_are_inconclusive);
	tcase_add_test(tc, a_recorded_link_with_nothing_back_is_dead);
	tcase_add_test(tc, one_modem_line_makes_it_judgeable);
	tcase_add_test(tc, unanswered_commands);
	tcase_add_test(tc, modem_only_transcripts);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
