/* The schema's kinds of parameter past plain ranges and strings: a value
 * list (baud rates), a list of words, a parameter read by the value of an
 * earlier one (#XGPIO's <value>), one the SLM reads only when it is of its
 * type, a repeated group counted by a parameter (%XMAGPIO's ranges), and
 * the =? text made from the value sets.  Then the rows that use them. */
#include <check.h>
#include <string.h>

#include "ck_run.h"
#include "at_cmd.h"
#include "cmd_table.h"

/* Rates in no range and above what AT_BIT() can hold. */
static const int64_t rates[] = { 300, 115200, 1000000, 4000000000LL };
static const char *const kinds[] = { "IP", "Non-IP" };

static const struct at_param_def needed =
	AT_INT("level", AT_R_NONE, 0, 65535, .only = AT_BIT(0) | AT_BIT(1),
	       .why = "<level> is an unsigned short", .why_value = "<level> %lld: 0 or 1",
	       .value_fmt = true);
static const struct at_param_def named = AT_STR("label", AT_R_NONE, 4);

/* op 0 takes a level, ops 5..6 a label, others nothing. */
static const struct at_param_case by_op[] = {
	{ .lo = 0, .hi = 0, .def = &needed }, { .lo = 5, .hi = 6, .def = &named },
};

static const struct at_param_def mixed_params[] = {
	AT_INT("op", AT_R_OP, 0, 9),
	AT_VALS("rate", AT_R_NONE, rates, .why_value = "rate %lld is not offered", .value_fmt = true),
	AT_DEPENDS("arg", AT_R_NONE, 0, by_op),
	AT_WORDS("kind", AT_R_NONE, kinds, .opt = AT_OPT, .why_value = "IP or Non-IP"),
	AT_INT("flag", AT_R_NONE, 0, UINT16_MAX, .opt = AT_TRY, .only = AT_BIT(0) | AT_BIT(1)),
};

static const struct at_schema mixed_schema = {
	.forms = (const struct at_form[]){ { .p = mixed_params, .n = 5, .usage = "usage" } },
	.n_forms = 1, .flags = AT_S_TEST_SETS, .test = "#XT: ",
};

static const struct at_param_def range_params[] = {
	AT_INT("lo", AT_R_NONE, 0, 100), AT_INT("hi", AT_R_NONE, 0, 100, .min_prev = true),
};

static const struct at_param_def counted_params[] = {
	AT_INT("on", AT_R_NONE, 0, 1), AT_INT("count", AT_R_NONE, 0, 3),
};

static const struct at_schema counted_schema = {
	.forms = (const struct at_form[]){
		{ .p = counted_params, .n = 2, .rep = range_params, .n_rep = 2, .rep_count = 1,
		  .usage = "expected =<on>,<count>,<lo>,<hi>...", .pos_why = "is wrong" },
	}, .n_forms = 1,
};

static struct at_cmd cmd;
static char why[256];

static int check_line(const struct at_schema *s, const char *line)
{
	at_cmd_free(&cmd);
	ck_assert_int_eq(at_cmd_parse(&cmd, line, strlen(line)), AT_PARSE_OK);
	return at_schema_check(s, &cmd, NULL, why, sizeof(why));
}

static int check(const struct at_schema *s, const char *params)
{
	char line[512];

	snprintf(line, sizeof(line), "AT#XT=%s", params);
	return check_line(s, line);
}

START_TEST(value_list)
{
	ck_assert_int_eq(check(&mixed_schema, "1,115200"), 0);
	ck_assert_int_eq(at_int(&cmd, "rate"), 115200);
	ck_assert_int_eq(check(&mixed_schema, "1,4000000000"), 0);
	ck_assert_int_eq(at_int(&cmd, "rate"), 4000000000LL);
	/* Between two values, next to one, below all: none is in the list. */
	ck_assert_int_eq(check(&mixed_schema, "1,115201"), AT_ERROR);
	ck_assert_str_eq(why, "rate 115201 is not offered");
	ck_assert_int_eq(check(&mixed_schema, "1,1000"), AT_ERROR);
	ck_assert_int_eq(check(&mixed_schema, "1,0"), AT_ERROR);
	ck_assert_int_eq(check(&mixed_schema, "1,-300"), AT_ERROR);
	ck_assert_str_eq(why, "rate -300 is not offered");
	ck_assert_int_eq(check(&mixed_schema, "1,\"300\""), AT_ERROR);
	ck_assert_str_eq(why, "usage");
	ck_assert_int_eq(check(&mixed_schema, "1"), AT_ERROR);
}
END_TEST

START_TEST(depends_on_op)
{
	/* op 0: <arg> is a level, 0 or 1, and must be there. */
	ck_assert_int_eq(check(&mixed_schema, "0,300,1"), 0);
	ck_assert_int_eq(at_int(&cmd, "arg"), 1);
	ck_assert_int_eq(check(&mixed_schema, "0,300,0"), 0);
	ck_assert_int_eq(check(&mixed_schema, "0,300,2"), AT_ERROR);
	ck_assert_str_eq(why, "<level> 2: 0 or 1");
	ck_assert_int_eq(check(&mixed_schema, "0,300,70000"), AT_ERROR);
	ck_assert_str_eq(why, "<level> is an unsigned short");
	ck_assert_int_eq(check(&mixed_schema, "0,300"), AT_ERROR);
	ck_assert_str_eq(why, "<level> is an unsigned short");
	ck_assert_int_eq(check(&mixed_schema, "0,300,\"1\""), AT_ERROR);
	/* ops 5 and 6: a label of at most 4 characters. */
	ck_assert_int_eq(check(&mixed_schema, "5,300,\"abcd\""), 0);
	ck_assert_str_eq(at_str(&cmd, "arg"), "abcd");
	ck_assert_int_eq(check(&mixed_schema, "6,300,\"abcde\""), AT_ERROR);
	ck_assert_str_eq(why, "<label> is 5 characters; the SLM takes at most 4");
	ck_assert_int_eq(check(&mixed_schema, "6,300,1"), AT_ERROR);
	ck_assert_str_eq(why, "<label> must be a quoted string");
	/* Other ops do not read it: anything, or nothing, passes. */
	ck_assert_int_eq(check(&mixed_schema, "1,300,\"abcde\""), 0);
	ck_assert_int_eq(check(&mixed_schema, "4,300,99"), 0);
	ck_assert_int_eq(check(&mixed_schema, "7,300"), 0);
}
END_TEST

START_TEST(words_and_try)
{
	ck_assert_int_eq(check(&mixed_schema, "1,300,,\"non-ip\""), 0);
	ck_assert_int_eq(at_word(&cmd, "kind"), 1);
	ck_assert_int_eq(check(&mixed_schema, "1,300,,IP"), 0);
	ck_assert_int_eq(at_word(&cmd, "kind"), 0);
	ck_assert_int_eq(check(&mixed_schema, "1,300"), 0);
	ck_assert_int_eq(at_word(&cmd, "kind"), -1);
	ck_assert_int_eq(check(&mixed_schema, "1,300,,\"IPX\""), AT_ERROR);
	ck_assert_str_eq(why, "IP or Non-IP");
	ck_assert_int_eq(check(&mixed_schema, "1,300,,\"\""), AT_ERROR);
	/* AT_TRY: a string, or an integer outside the getter's type (lo..hi),
	 * is passed over; an integer of that type must be right. */
	ck_assert_int_eq(check(&mixed_schema, "1,300,,,\"1\""), 0);
	ck_assert(!at_has(&cmd, "flag"));
	ck_assert_int_eq(check(&mixed_schema, "1,300,,,1"), 0);
	ck_assert(at_has(&cmd, "flag"));
	ck_assert_int_eq(at_int(&cmd, "flag"), 1);
	ck_assert_int_eq(check(&mixed_schema, "1,300,,,2"), AT_ERROR);
	ck_assert_int_eq(check(&mixed_schema, "1,300,,,-1"), 0);
	ck_assert(!at_has(&cmd, "flag"));
	ck_assert_int_eq(check(&mixed_schema, "1,300,,,65536"), 0);
	ck_assert(!at_has(&cmd, "flag"));
}
END_TEST

START_TEST(repeated_group)
{
	ck_assert_int_eq(check(&counted_schema, "1,0"), 0);
	ck_assert_int_eq(check(&counted_schema, "1,2,5,10,20,20"), 0);
	ck_assert_int_eq(at_arg_int(&cmd, 5), 20);
	/* The count decides how many parameters follow. */
	ck_assert_int_eq(check(&counted_schema, "1,2,5,10"), AT_ERROR);
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>...");
	ck_assert_int_eq(check(&counted_schema, "1,1,5,10,20"), AT_ERROR);
	ck_assert_int_eq(check(&counted_schema, "1,4,1,2,1,2,1,2,1,2"), AT_ERROR);
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>...");
	/* Each of the group checked, by its position. */
	ck_assert_int_eq(check(&counted_schema, "1,2,5,10,20,101"), AT_ERROR);
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>... (parameter 6 is wrong)");
	ck_assert_int_eq(check(&counted_schema, "1,2,5,10,20,19"), AT_ERROR);	/* hi < lo */
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>... (parameter 6 is wrong)");
	ck_assert_int_eq(check(&counted_schema, "1,1,5,4"), AT_ERROR);
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>... (parameter 4 is wrong)");
	ck_assert_int_eq(check(&counted_schema, "2,1,5,6"), AT_ERROR);
	ck_assert_str_eq(why, "expected =<on>,<count>,<lo>,<hi>... (parameter 1 is wrong)");
}
END_TEST

START_TEST(test_text_from_sets)
{
	char buf[128];

	ck_assert_str_eq(at_schema_test(&mixed_schema, buf, sizeof(buf)),
			 "#XT: (0-9),(300,115200,1000000,4000000000),,,(0,1)");
	ck_assert_ptr_null(at_schema_test(&counted_schema, buf, sizeof(buf)));
	ck_assert_ptr_null(at_schema_test(NULL, buf, sizeof(buf)));
}
END_TEST

/* The rows: #XSLMUART's test text from its list, #XGPIO's <value> by <op>. */
START_TEST(rows_use_them)
{
	const struct at_cmd_def *uart = at_cmd_find(slm_profile_default(), "#XSLMUART");
	const struct at_cmd_def *gpio = at_cmd_find(slm_profile_default(), "#XGPIO");
	char buf[256];

	ck_assert_str_eq(at_schema_test(uart->schema, buf, sizeof(buf)),
			 "#XSLMUART: (1200,2400,4800,9600,14400,19200,38400,57600,115200,230400,"
			 "460800,921600,1000000),(0,1)");
	ck_assert_int_eq(check_line(uart->schema, "AT#XSLMUART=1000000,1"), 0);
	ck_assert_int_eq(check_line(uart->schema, "AT#XSLMUART=1000001"), AT_ERROR);
	ck_assert_str_eq(why, "invalid UART baud rate 1000001");
	ck_assert_int_eq(check_line(uart->schema, "AT#XSLMUART=\"9600\",1"), 0);
	ck_assert(!at_has(&cmd, "baud_rate"));
	ck_assert_int_eq(check_line(uart->schema, "AT#XSLMUART=-1,-1"), 0);
	ck_assert(!at_has(&cmd, "baud_rate") && !at_has(&cmd, "hwfc"));
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=0,31,1"), 0);
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=0,3,2"), AT_ERROR);
	ck_assert_str_eq(why, "<value> 2: 0 or 1");
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=0,3"), AT_ERROR);
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=1,3,2"), 0);
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=2,3,\"x\""), 0);
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=1,32"), AT_ERROR);
	ck_assert_str_eq(why, "<pin> 32: port 0 has pins 0..31");
	ck_assert_int_eq(check_line(gpio->schema, "AT#XGPIO=3,1"), AT_ERROR);
	ck_assert_str_eq(why, "<op> 3: 0 write, 1 read, 2 toggle");
}
END_TEST

static void teardown(void)
{
	at_cmd_free(&cmd);
}

int main(void)
{
	Suite *s = suite_create("schema_types");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, value_list);
	tcase_add_test(tc, depends_on_op);
	tcase_add_test(tc, words_and_try);
	tcase_add_test(tc, repeated_group);
	tcase_add_test(tc, test_text_from_sets);
	tcase_add_test(tc, rows_use_them);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
