#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "at_parser.h"

static int parse(struct at_cmd *c, const char *s)
{
	return at_cmd_parse(c, s, strlen(s));
}

START_TEST(shapes)
{
	struct at_cmd c;

	ck_assert_int_eq(parse(&c, "AT"), AT_PARSE_OK);
	ck_assert_str_eq(c.name, "");
	ck_assert_int_eq(parse(&c, "at+cfun?"), AT_PARSE_OK);
	ck_assert_str_eq(c.name, "+CFUN");
	ck_assert_int_eq(c.mode, AT_MODE_READ);
	ck_assert_int_eq(parse(&c, "AT+CFUN=?"), AT_PARSE_OK);
	ck_assert_int_eq(c.mode, AT_MODE_TEST);
	ck_assert_int_eq(parse(&c, "AT#XCLAC"), AT_PARSE_OK);
	ck_assert_int_eq(c.mode, AT_MODE_ACTION);
	ck_assert_int_eq(parse(&c, "AT%CMNG="), AT_PARSE_OK);
	ck_assert_int_eq(c.mode, AT_MODE_SET);
	ck_assert_uint_eq(c.nparams, 0);
}
END_TEST

START_TEST(grammar_rejects)
{
	struct at_cmd c;
	static const char *bad[] = { "ATI", "ATE0", "AT#", "AT+CFUN?x", "AT+CFUN=?1", "AT+CF UN",
				     "AT+", "A", "XAT" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(parse(&c, bad[i]) != AT_PARSE_OK, "accepted %s", bad[i]);
	ck_assert_int_eq(at_cmd_parse(&c, "AT+C\0FUN", 8), AT_PARSE_BINARY);
}
END_TEST

START_TEST(params_typed)
{
	struct at_cmd c;
	int64_t v;
	const char *s;
	size_t len;

	ck_assert_int_eq(parse(&c, "AT#XMQTTCON=1,\"test_name\",\"\",\"\",\"test_name.amazonaws.com\",8883,757"),
			 AT_PARSE_OK);
	ck_assert_uint_eq(c.nparams, 7);
	ck_assert_int_eq(at_param_int(&c, 0, &v), 0);
	ck_assert_int_eq(v, 1);
	ck_assert_int_eq(at_param_str(&c, 1, &s, &len), 0);
	ck_assert_str_eq(s, "test_name");
	ck_assert_int_eq(at_param_str(&c, 2, &s, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(at_param_int(&c, 6, &v), 0);
	ck_assert_int_eq(v, 757);
	ck_assert_int_ne(at_param_int(&c, 1, &v), 0);
	ck_assert_int_ne(at_param_str(&c, 0, &s, &len), 0);
	ck_assert_int_ne(at_param_int(&c, 7, &v), 0);
	at_cmd_free(&c);
}
END_TEST

/* Errata: a quoted string ends at the next quote; a backslash is content. */
START_TEST(commas_and_backslashes_in_strings)
{
	struct at_cmd c;
	const char *s;
	size_t len;

	ck_assert_int_eq(parse(&c, "AT#XMQTTPUB=\"a,b\",\"C:\\dir\\\",1"), AT_PARSE_OK);
	ck_assert_uint_eq(c.nparams, 3);
	at_param_str(&c, 0, &s, &len);
	ck_assert_str_eq(s, "a,b");
	at_param_str(&c, 1, &s, &len);
	ck_assert_str_eq(s, "C:\\dir\\");
	at_cmd_free(&c);
	/* \" does not keep a string open: the text after it is an error. */
	ck_assert_int_eq(parse(&c, "AT#XMQTTPUB=\"t\",\"say \\\"hi\\\"\""), AT_PARSE_QUOTE);
}
END_TEST

START_TEST(empty_and_raw)
{
	struct at_cmd c;

	ck_assert_int_eq(parse(&c, "AT+X=1,,abc,-5"), AT_PARSE_OK);
	ck_assert_uint_eq(c.nparams, 4);
	ck_assert_int_eq(c.params[1].type, AT_PARAM_EMPTY);
	ck_assert_int_eq(c.params[2].type, AT_PARAM_RAW);
	ck_assert_int_eq(c.params[3].type, AT_PARAM_INT);
	ck_assert(!at_param_present(&c, 1));
	at_cmd_free(&c);
}
END_TEST

START_TEST(multiline_pem_string)
{
	struct at_cmd c;
	const char *s;
	size_t len;

	ck_assert_int_eq(parse(&c, "AT%CMNG=0,757,2,\"-----BEGIN EC PRIVATE KEY-----\r\nAAA\r\n-----END EC PRIVATE KEY-----\""),
			 AT_PARSE_OK);
	ck_assert_int_eq(at_param_str(&c, 3, &s, &len), 0);
	ck_assert_str_eq(s, "-----BEGIN EC PRIVATE KEY-----\r\nAAA\r\n-----END EC PRIVATE KEY-----");
	at_cmd_free(&c);
}
END_TEST

START_TEST(bad_quotes)
{
	struct at_cmd c;

	ck_assert_int_eq(parse(&c, "AT+X=\"abc"), AT_PARSE_QUOTE);
	ck_assert_int_eq(parse(&c, "AT+X=\"abc\"d"), AT_PARSE_QUOTE);
	ck_assert_int_eq(parse(&c, "AT+X=ab\"c\""), AT_PARSE_QUOTE);
}
END_TEST

START_TEST(too_many_params)
{
	struct at_cmd c;
	char buf[256] = "AT+X=";

	for (int i = 0; i < 43; i++)
		strcat(buf, i ? ",1" : "1");
	ck_assert_int_eq(parse(&c, buf), AT_PARSE_TOO_MANY);
	buf[strlen(buf) - 2] = '\0';
	ck_assert_int_eq(parse(&c, buf), AT_PARSE_OK);
	ck_assert_uint_eq(c.nparams, 42);
	at_cmd_free(&c);
}
END_TEST

START_TEST(int_range)
{
	struct at_cmd c;
	int64_t v;

	ck_assert_int_eq(parse(&c, "AT+X=5,99999999999999999999"), AT_PARSE_OK);
	ck_assert_int_eq(at_param_int_range(&c, 0, 0, 5, &v), 0);
	ck_assert_int_ne(at_param_int_range(&c, 0, 0, 4, &v), 0);
	ck_assert_int_eq(c.params[1].type, AT_PARAM_RAW);
	at_cmd_free(&c);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("at_parser");
	TCase *tc = tcase_create("parse");
	int failed;

	tcase_add_test(tc, shapes);
	tcase_add_test(tc, grammar_rejects);
	tcase_add_test(tc, params_typed);
	tcase_add_test(tc, commas_and_backslashes_in_strings);
	tcase_add_test(tc, empty_and_raw);
	tcase_add_test(tc, multiline_pem_string);
	tcase_add_test(tc, bad_quotes);
	tcase_add_test(tc, too_many_params);
	tcase_add_test(tc, int_range);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
