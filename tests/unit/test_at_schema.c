/* Parameter schemas: the checks the dispatcher makes before a handler runs,
 * as the SLM's handlers make them on what the NCS at_cmd_parser typed. */
#include <check.h>
#include <string.h>

#include "ck_run.h"
#include "at_cmd.h"
#include "cmd_table.h"

static const struct at_param_def conn_params[] = {
	AT_INT("op", AT_R_OP, 0, 2, .why = "<op> is 0..2"),
	AT_STR("host", AT_R_HOST, 12),
	AT_INT("port", AT_R_PORT, 1, 65535, .why = "<port> is 1..65535"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL, .opt = AT_OPT_END),
	AT_INT("mode", AT_R_NONE, 0, 9, .opt = AT_OPT, .only = AT_BIT(1) | AT_BIT(4),
	       .why_value = "<mode> is 1 or 4"),
};

static const struct at_schema conn_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = conn_params, .n = 1, .min_count = 1, .max_count = 1,
		  .count_why = "close is =0" },
		{ .op_lo = 1, .op_hi = 1, .p = conn_params, .n = 5, .max_count = 5, .min_count = 3,
		  .usage = "expected =1,\"<host>\",<port>[,<sec_tag>[,<mode>]]" },
	}, .n_forms = 2,
};

static const struct at_param_def timer_params[] = {
	AT_INT("n", AT_R_NONE, INT64_MIN, INT64_MAX, .only = AT_BIT(0) | AT_BIT(8),
	       .why = "expected <0|8>", .why_value = "%lld is not a value of <0|8>",
	       .value_fmt = true),
	AT_BITS("timer", AT_R_NONE, 8, .opt = AT_OPT, .why = "<timer> is 8 bits"),
	AT_BITS("edrx", AT_R_NONE, 4, .opt = AT_OPT, .quoted = true),
};

static const struct at_schema timer_schema = {
	.forms = (const struct at_form[]){ { .p = timer_params, .n = 3 } }, .n_forms = 1,
};

static struct at_cmd cmd;
static char why[256];

/* The check of "AT#XT=<params>" against s: 0 or the result code. */
static int check(const struct at_schema *s, const char *params)
{
	char line[512];

	at_cmd_free(&cmd);
	snprintf(line, sizeof(line), "AT#XT=%s", params);
	ck_assert_int_eq(at_cmd_parse(&cmd, line, strlen(line)), AT_PARSE_OK);
	return at_schema_check(s, &cmd, NULL, why, sizeof(why));
}

START_TEST(types_counts_ranges)
{
	ck_assert_int_eq(check(&conn_schema, "1,\"h.example\",4711"), 0);
	ck_assert_int_eq(at_int(&cmd, "port"), 4711);
	ck_assert_str_eq(at_str(&cmd, "host"), "h.example");
	ck_assert_int_eq(at_int(&cmd, "sec_tag"), 0);	/* absent reads 0 */
	ck_assert(!at_arg_has(&cmd, 3));
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",2,42,4"), 0);
	ck_assert_int_eq(at_int(&cmd, "sec_tag"), 42);
	/* An integer where a string goes, unquoted text, nothing: the getter refuses. */
	ck_assert_int_eq(check(&conn_schema, "1,7,4711"), AT_ERROR);
	ck_assert_str_eq(why, "<host> must be a quoted string");
	ck_assert_int_eq(check(&conn_schema, "1,h.example,4711"), AT_ERROR);
	ck_assert_str_eq(why, "<host> must be a quoted string");
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",\"4711\""), AT_ERROR);
	ck_assert_str_eq(why, "<port> is 1..65535");
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",0"), AT_ERROR);
	ck_assert_str_eq(why, "<port> is 1..65535");
	ck_assert_int_eq(check(&conn_schema, "1,\"0123456789abc\",1"), AT_ERROR);
	ck_assert_str_eq(why, "<host> is 13 characters; the SLM takes at most 12");
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",1,1,3"), AT_ERROR);
	ck_assert_str_eq(why, "<mode> is 1 or 4");
	/* Counts. */
	ck_assert_int_eq(check(&conn_schema, "1,\"h\""), AT_ERROR);
	ck_assert_str_eq(why, "expected =1,\"<host>\",<port>[,<sec_tag>[,<mode>]]");
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",1,1,1,1"), AT_ERROR);
	ck_assert_int_eq(check(&conn_schema, "0,1"), AT_ERROR);
	ck_assert_str_eq(why, "close is =0");
	ck_assert_int_eq(check(&conn_schema, "0"), 0);
	ck_assert_int_eq(check(&conn_schema, "3"), AT_ERROR);
	ck_assert_str_eq(why, "<op> is 0..2");
	/* An <op> in range that no form takes: the handler answers it. */
	ck_assert_int_eq(check(&conn_schema, "2,\"x\""), 0);
	ck_assert_ptr_null(cmd.form);
}
END_TEST

/* Empty parameters: AT_OPT takes them, AT_OPT_END only a line that ends
 * before it. */
START_TEST(empty_parameters)
{
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",1,,"), AT_ERROR);
	ck_assert_int_eq(check(&conn_schema, "1,\"h\",1,5,"), 0);
	ck_assert(!at_arg_has(&cmd, 4));
	ck_assert_int_eq(check(&conn_schema, "1,,1"), AT_ERROR);
	ck_assert_int_eq(check(&conn_schema, "1,\"\",1"), 0);
}
END_TEST

/* NCS v1.8's at_cmd_parser never stores the parameter after a trailing
 * comma: with the schema's flag, "\"t\",1," is "\"t\",1".  #XMQTTSUB's row
 * keeps slmsim's behaviour (three parameters: ERROR) until issue 20 says
 * otherwise; the flag alone changes it. */
START_TEST(trailing_empty_parameter)
{
	const struct at_cmd_def *sub = at_cmd_find(slm_profile_default(), "#XMQTTSUB");
	struct at_schema ncs;

	ck_assert_ptr_nonnull(sub->schema);
	ck_assert_int_eq(check(sub->schema, "\"a/b\",1,"), AT_ERROR);
	ck_assert_str_eq(why, "expected AT#XMQTTSUB=\"<topic>\",<qos>");
	ncs = *sub->schema;
	ncs.flags |= AT_S_DROP_TRAILING_EMPTY;
	ck_assert_int_eq(check(&ncs, "\"a/b\",1,"), 0);
	ck_assert_uint_eq(cmd.nparams, 2);
	ck_assert_int_eq(at_int(&cmd, "qos"), 1);
	/* Only one: "\"a/b\",1,," still has an empty third. */
	ck_assert_int_eq(check(&ncs, "\"a/b\",1,,"), AT_ERROR);
	ck_assert_int_eq(check(&ncs, "\"a/b\",3,"), AT_ERROR);
	ck_assert_str_eq(why, "<qos> must be 0, 1 or 2");
}
END_TEST

/* slmreplay's facts come from the roles of the rows' schemas. */
START_TEST(facts_by_role)
{
	struct at_cmd_facts f;

	ck_assert(at_cmd_facts("AT#XMQTTCON=1,\"dev-9\",\"u\",\"p\",\"mq.example.org\",18883,4242", &f));
	ck_assert_str_eq(f.host, "mq.example.org");
	ck_assert_int_eq(f.port, 18883);
	ck_assert(f.has_sec_tag);
	ck_assert_uint_eq(f.sec_tag, 4242);
	ck_assert_str_eq(f.client_id, "dev-9");
	ck_assert_str_eq(f.user, "u");
	ck_assert(at_cmd_facts("AT#XSENDTO=\"10.1.2.3\",5683,\"hello\"", &f));
	ck_assert_str_eq(f.host, "10.1.2.3");
	ck_assert_str_eq(f.data, "hello");
	ck_assert(at_cmd_facts("AT%CMNG=0,99,2,\"k\"", &f));
	ck_assert(f.cred_write);
	ck_assert_uint_eq(f.sec_tag, 99);
	ck_assert_int_eq(f.cred_type, 2);
	ck_assert(at_cmd_facts("AT#XMQTTPUB=\"x/y\"", &f));
	ck_assert(f.enters_datamode);
	ck_assert_str_eq(f.topic, "x/y");
	ck_assert(at_cmd_role(at_cmd_find(slm_profile_default(), "#XSSOCKET"), AT_R_SEC_TAG));
	ck_assert(!at_cmd_role(at_cmd_find(slm_profile_default(), "#XSOCKET"), AT_R_SEC_TAG));
}
END_TEST

/* A refused value named in the explanation; strings of 0s and 1s of one
 * length (GPRS timers, eDRX values). */
START_TEST(values_and_bit_strings)
{
	ck_assert_int_eq(check(&timer_schema, "8,\"00100001\",\"0101\""), 0);
	ck_assert_str_eq(at_str(&cmd, "timer"), "00100001");
	/* Bare digits are an integer, which a string getter refuses. */
	ck_assert_int_eq(check(&timer_schema, "8,00000011"), AT_ERROR);
	ck_assert_str_eq(why, "<timer> is 8 bits");
	ck_assert_int_eq(check(&timer_schema, "5"), AT_ERROR);
	ck_assert_str_eq(why, "5 is not a value of <0|8>");
	ck_assert_int_eq(check(&timer_schema, "-70"), AT_ERROR);
	ck_assert_str_eq(why, "-70 is not a value of <0|8>");
	ck_assert_int_eq(check(&timer_schema, "\"8\""), AT_ERROR);
	ck_assert_str_eq(why, "expected <0|8>");
	ck_assert_int_eq(check(&timer_schema, "0,\"0010001\""), AT_ERROR);
	ck_assert_str_eq(why, "<timer> is 8 bits");
	ck_assert_int_eq(check(&timer_schema, "0,\"001000012\""), AT_ERROR);
	ck_assert_int_eq(check(&timer_schema, "0,\"00100021\""), AT_ERROR);
	ck_assert_str_eq(why, "<timer> is 8 bits");
	ck_assert_int_eq(check(&timer_schema, "0,,\"01x1\""), AT_ERROR);
	ck_assert_int_eq(check(&timer_schema, "0,,0101"), AT_ERROR);	/* quoted only */
	ck_assert_int_eq(check(&timer_schema, "0,,\"0101\""), 0);
}
END_TEST

static void teardown(void)
{
	at_cmd_free(&cmd);
}

int main(void)
{
	Suite *s = suite_create("at_schema");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, types_counts_ranges);
	tcase_add_test(tc, empty_parameters);
	tcase_add_test(tc, trailing_empty_parameter);
	tcase_add_test(tc, facts_by_role);
	tcase_add_test(tc, values_and_bit_strings);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
