#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "log_parser.h"
#include "match.h"
#include "script.h"

static struct replay_log rlog;

static void parse(const char *text)
{
	log_parse_buffer(text, strlen(text), "t.log", &rlog);
}

static void teardown(void) { log_free(&rlog); }

START_TEST(send_recv_and_times)
{
	parse("2022-02-23T07:48:23.978Z DEBUG modem >> AT\n"
	      "2022-02-23T07:48:23.990Z DEBUG modem << OK\r\n");
	ck_assert_uint_eq(rlog.nev, 2);
	ck_assert_int_eq(rlog.ev[0].kind, EV_SEND);
	ck_assert_str_eq(rlog.ev[0].text, "AT");
	ck_assert_int_eq(rlog.ev[1].kind, EV_RECV);
	ck_assert_str_eq(rlog.ev[1].text, "OK");
	ck_assert_int_eq(rlog.ev[1].t_ms - rlog.ev[0].t_ms, 12);
	ck_assert_int_eq(rlog.ev[0].t_ms, 1645602503978LL);
	ck_assert_uint_eq(rlog.nprobs, 0);
}
END_TEST

START_TEST(multiline_pem_with_elision)
{
	parse("2022-02-23T07:48:29.468Z DEBUG modem >> AT%CMNG=0,757,2,\"-----BEGIN EC PARAMETERS-----\n"
	      "2022-02-23T07:48:29.480Z DEBUG modem >> BggqhkjOPQMBBw==\n"
	      "2022-02-23T07:48:29.493Z DEBUG modem >> -----END EC PARAMETERS-----\n"
	      "2022-02-23T07:48:29.507Z DEBUG modem >> -----BEGIN EC PRIVATE KEY-----\n"
	      "...\n"
	      "2022-02-23T07:48:29.558Z DEBUG modem >> -----END EC PRIVATE KEY-----\"\n"
	      "2022-02-23T07:48:31.051Z DEBUG modem << OK\n");
	ck_assert_uint_eq(rlog.nev, 2);
	ck_assert(rlog.ev[0].elided);
	ck_assert_str_eq(rlog.ev[0].text, "AT%CMNG=0,757,2,\"-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n"
			 "-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----\n...\n"
			 "-----END EC PRIVATE KEY-----\"");
	ck_assert_uint_eq(rlog.nprobs, 0);
}
END_TEST

START_TEST(command_inside_timeout_message)
{
	parse("2022-02-22T16:14:46.286Z ERROR Error: 'AT#XMQTTCON=1,\"test_name\",\"\",\"\",\"test_name.amazonaws.com\",8883,321\n"
	      "2022-02-22T16:14:52.756Z DEBUG modem << OK\n");
	ck_assert_uint_eq(rlog.nev, 2);
	ck_assert_int_eq(rlog.ev[0].kind, EV_SEND);
	ck_assert(rlog.ev[0].from_error);
	ck_assert_str_eq(rlog.ev[0].text, "AT#XMQTTCON=1,\"test_name\",\"\",\"\",\"test_name.amazonaws.com\",8883,321");
}
END_TEST

START_TEST(notes_prose_and_blank_lines)
{
	parse("Here is my rlog, thanks for looking:\n"
	      "\n"
	      "2022-02-23T07:48:28.448Z INFO Updating CA certificate...\n"
	      "2022-02-23T07:48:23.978Z DEBUG modem >> AT\n"
	      "   \n"
	      "2022-02-23T07:48:23.990Z DEBUG modem << OK\n"
	      "Any idea?\n");
	ck_assert_uint_eq(rlog.nev, 3);
	ck_assert_int_eq(rlog.ev[0].kind, EV_NOTE);
	ck_assert_uint_eq(rlog.nprobs, 2);
	ck_assert_int_eq(rlog.probs[0].line, 1);
	ck_assert_int_eq(rlog.probs[1].line, 7);
}
END_TEST

START_TEST(bare_lines_go_on_an_unfinished_answer)
{
	parse("2021-03-04T10:20:41.409Z DEBUG modem >> AT+CGMR\n"
	      "2021-03-04T10:20:41.419Z DEBUG modem << mfw_nrf9160_1.3.4\n"
	      "OK\n"
	      "The modem then hangs.\n"
	      "2021-03-04T10:20:42.409Z DEBUG modem >> AT+CEREG?\n"
	      "2021-03-04T10:20:42.419Z DEBUG modem << +CEREG: 0,2\n"
	      "it never registers\n");
	ck_assert_uint_eq(rlog.nev, 5);
	ck_assert_int_eq(rlog.ev[2].kind, EV_RECV);
	ck_assert_str_eq(rlog.ev[2].text, "OK");
	ck_assert_int_eq(rlog.ev[2].t_ms, rlog.ev[1].t_ms);
	/* Prose after a final result, or with spaces, stays out. */
	ck_assert_uint_eq(rlog.nprobs, 2);
	ck_assert_int_eq(rlog.probs[0].line, 4);
	ck_assert_int_eq(rlog.probs[1].line, 7);
}
END_TEST

START_TEST(byte_order_marks)
{
	static const char utf8[] = "\xef\xbb\xbf" "2022-02-23T07:48:23.978Z DEBUG modem >> AT\r\n"
				   "2022-02-23T07:48:23.990Z DEBUG modem << OK\r\n";
	/* "AT\nOK\n" as Windows PowerShell writes it: UTF-16LE with its mark. */
	static const char utf16[] = "\xff\xfe" "A\0T\0\n\0O\0K\0\n\0";

	log_parse_buffer(utf8, sizeof(utf8) - 1, "bom.log", &rlog);
	ck_assert_int_eq(rlog.format, LOG_LINK_MONITOR);
	ck_assert_uint_eq(rlog.nev, 2);
	ck_assert_str_eq(rlog.ev[0].text, "AT");
	ck_assert_uint_eq(rlog.nprobs, 0);
	log_free(&rlog);
	log_parse_buffer(utf16, sizeof(utf16) - 1, "wide.log", &rlog);
	ck_assert_int_eq(rlog.format, LOG_PLAIN);
	ck_assert_uint_eq(rlog.nev, 2);
	ck_assert_int_eq(rlog.ev[0].kind, EV_SEND);
	ck_assert_str_eq(rlog.ev[1].text, "OK");
}
END_TEST

/* A capture saved with the modem's CR alone, and one with CR only. */
START_TEST(lone_carriage_returns_end_lines)
{
	static const char cr_only[] = "AT+CGMM\rnRF9160-SICA\rOK\r";
	static const char mixed[] = "AT\r\r\nOK\r\nAT+CFUN?\r+CFUN: 0\r\nOK\r\n";

	log_parse_buffer(cr_only, sizeof(cr_only) - 1, "cr.log", &rlog);
	ck_assert_uint_eq(rlog.nev, 3);
	ck_assert_int_eq(rlog.ev[0].kind, EV_SEND);
	ck_assert_str_eq(rlog.ev[1].text, "nRF9160-SICA");
	log_free(&rlog);
	log_parse_buffer(mixed, sizeof(mixed) - 1, "mixed.log", &rlog);
	ck_assert_uint_eq(rlog.nev, 5);
	ck_assert_str_eq(rlog.ev[2].text, "AT+CFUN?");
	ck_assert_str_eq(rlog.ev[3].text, "+CFUN: 0");
}
END_TEST

START_TEST(line_matching)
{
	static const char k1[] = "%KEYGEN: \"MIHwMIGUAgEAMBQxEjAQBgNVBAMMCXB1bXAt.0oRDoQEmoQRBIVhM2dn3hQlQUE5T\"";
	static const char k2[] = "%KEYGEN: \"MIHxMIGVAgEAMBUxEzARBgNVBAMMCnZhbHZlLTQ0.0oRDoQEmoQRBIVhP2dn3hQlQyd5q42\"";

	ck_assert(line_matches("+CGSN: \"3526561003xxxxx\"", "+CGSN: \"352656100367872\""));
	ck_assert(!line_matches("+CGSN: \"3526561003xxxxx\"", "+CGSN: \"352656100\""));
	ck_assert(!line_matches(k1, k2));
	ck_assert(fresh_matches(k1, k2));
	/* Fresh output still has to say the same around its runs. */
	ck_assert(!fresh_matches(k1, "%ATTESTTOKEN: \"MIHxMIGVAgEAMBUxEzARBgNVBAMMCnZhbHZlLTQ0.0oRDoQEm\""));
	ck_assert(!fresh_matches(k1, "%KEYGEN: \"MIHxMIGVAgEAMBUxEzARBgNVBAMMCnZhbHZlLTQ0\""));
	ck_assert(!fresh_matches("%KEYGEN: \"short.run\"", "%KEYGEN: \"other.run\""));
}
END_TEST

START_TEST(unterminated_quote_reported)
{
	parse("2022-02-23T07:48:29.468Z DEBUG modem >> AT%CMNG=0,1,0,\"-----BEGIN CERTIFICATE-----\n");
	ck_assert_uint_eq(rlog.nprobs, 1);
	ck_assert(strstr(rlog.probs[0].why, "ends inside"));
}
END_TEST

START_TEST(time_parsing)
{
	size_t used;

	ck_assert_int_eq(log_parse_time("1970-01-01T00:00:01.5Z", &used), 1500);
	ck_assert_uint_eq(used, 22);
	ck_assert_int_eq(log_parse_time("1970-01-01T00:00:01Z", &used), 1000);
	/* Other tools' shapes: a space, a comma, more digits, a zone or none. */
	ck_assert_int_eq(log_parse_time("1970-01-01 00:00:01Z", &used), 1000);
	ck_assert_int_eq(log_parse_time("1970-01-01 00:00:01,250 INFO", &used), 1250);
	ck_assert_uint_eq(used, 23);
	ck_assert_int_eq(log_parse_time("1970-01-01T01:00:01.123456+01:00", &used), 1123);
	ck_assert_uint_eq(used, 32);
	ck_assert_int_eq(log_parse_time("1970-01-01T00:00:01-0130", &used), 1000 + 90 * 60000);
	ck_assert_int_lt(log_parse_time("1970-01-01_00:00:01Z", &used), 0);
	ck_assert_int_lt(log_parse_time("garbage", &used), 0);
	parse("");	/* for teardown */
}
END_TEST

START_TEST(script_roles)
{
	struct script sc;
	struct scenario s;
	char err[256];

	parse("2022-02-23T07:49:21.325Z DEBUG modem >> AT+CEREG=5\n"
	      "2022-02-23T07:49:21.337Z DEBUG modem << OK\n"
	      "2022-02-23T07:49:25.810Z DEBUG modem >> AT+CFUN=1\n"
	      "2022-02-23T07:49:25.852Z DEBUG modem << OK\n"
	      "2022-02-23T07:49:27.750Z DEBUG modem << +CEREG: 2,\"026F\",\"00332521\",7\n"
	      "2022-02-23T07:49:29.448Z DEBUG modem << +CEREG: 5,\"026F\",\"00332521\",7,,,\"00011110\",\"11100000\"\n"
	      "2022-02-23T07:50:30.354Z DEBUG modem >> AT+CEREG?\n"
	      "2022-02-23T07:50:30.364Z DEBUG modem << +CEREG: 5,5,\"026F\",\"00332521\",7\n"
	      "2022-02-23T07:50:30.366Z DEBUG modem << #XMQTTEVT: 9,0\n"
	      "2022-02-23T07:50:30.374Z DEBUG modem << OK\n"
	      "2022-02-23T07:55:10.692Z DEBUG modem << +CEREG: 5,\"026F\",\"00332521\",7,,,\"00011110\",\"11100000\"\n");
	scenario_defaults(&s);
	ck_assert_int_eq(script_build(&sc, &rlog, &s, "/nonexistent", err, sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, 11);
	ck_assert_int_eq(sc.steps[1].role, ROLE_FINAL);
	ck_assert_int_eq(sc.steps[4].role, ROLE_URC);	/* caused by CFUN=1 */
	ck_assert_int_eq(sc.steps[5].role, ROLE_URC);
	ck_assert_int_eq(sc.steps[7].role, ROLE_RESPONSE);	/* +CEREG answering AT+CEREG? */
	ck_assert_int_eq(sc.steps[8].role, ROLE_URC);	/* a URC between command and OK */
	ck_assert_int_eq(sc.steps[9].role, ROLE_FINAL);
	ck_assert_int_eq(sc.steps[10].role, ROLE_NET_EVENT);
	ck_assert_int_eq(sc.steps[10].net_stat, 5);
	ck_assert(!sc.needs_registration);
	ck_assert_int_eq(sc.cereg_n, -1);
	script_free(&sc);
	scenario_free(&s);
}
END_TEST

START_TEST(script_infers_setup)
{
	struct script sc;
	struct scenario s;
	char err[256];

	parse("2022-02-22T16:14:46.286Z ERROR Error: 'AT#XMQTTCON=1,\"t\",\"\",\"\",\"test_name.amazonaws.com\",8883,321\n"
	      "2022-02-22T16:14:52.756Z DEBUG modem << OK\n"
	      "2022-02-22T16:15:10.692Z DEBUG modem << +CEREG: 5,\"026F\",\"00332521\",7,,,\"00011110\",\"11100000\"\n");
	scenario_defaults(&s);
	ck_assert_int_eq(script_build(&sc, &rlog, &s, "/nonexistent", err, sizeof(err)), 0);
	ck_assert(sc.needs_registration);
	ck_assert_int_eq(sc.cereg_n, 5);
	ck_assert_uint_eq(sc.n_unwritten, 1);
	ck_assert_uint_eq(sc.unwritten_tags[0], 321);
	ck_assert_uint_eq(sc.n_hosts, 1);
	ck_assert_str_eq(sc.hosts[0].host, "test_name.amazonaws.com");
	ck_assert_int_eq(sc.hosts[0].kind, BK_MTLS);	/* a sec_tag never written: a full set */
	script_free(&sc);
	scenario_free(&s);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("log_parser");
	TCase *tc = tcase_create("parse");
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, send_recv_and_times);
	tcase_add_test(tc, multiline_pem_with_elision);
	tcase_add_test(tc, command_inside_timeout_message);
	tcase_add_test(tc, notes_prose_and_blank_lines);
	tcase_add_test(tc, bare_lines_go_on_an_unfinished_answer);
	tcase_add_test(tc, byte_order_marks);
	tcase_add_test(tc, lone_carriage_returns_end_lines);
	tcase_add_test(tc, line_matching);
	tcase_add_test(tc, unterminated_quote_reported);
	tcase_add_test(tc, time_parsing);
	tcase_add_test(tc, script_roles);
	tcase_add_test(tc, script_infers_setup);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
