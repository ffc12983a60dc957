/* The control protocol's parser: every command's arguments read and
 * checked, refusals with a reason, quoting that slmctl writes and the
 * parser reads back. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "control_proto.h"

static struct ctl_request req;
static char err[512];

static int parse(const char *line)
{
	err[0] = '\0';
	return ctl_parse(line, strlen(line), &req, err, sizeof(err));
}

/* Refused, with a reason that contains want. */
static void refused(const char *line, const char *want)
{
	ck_assert_msg(parse(line) == -1, "'%s' was accepted", line);
	ck_assert_msg(strstr(err, want), "'%s': reason '%s' lacks '%s'", line, err, want);
}

START_TEST(commands_and_modem)
{
	ck_assert_int_eq(parse("status"), 0);
	ck_assert_int_eq(req.cmd, CTL_STATUS);
	ck_assert_int_eq(req.modem, 0);
	ck_assert_int_eq(parse("  @12\tbroker-disconnect "), 0);
	ck_assert_int_eq(req.cmd, CTL_BROKER_DISCONNECT);
	ck_assert_int_eq(req.modem, 12);
	ck_assert_int_eq(parse("@4095 reset"), 0);
	refused("@4096 reset", "no modem");
	refused("@x reset", "no modem");
	refused("@1", "no command");
	refused("", "no command");
	refused("reboot", "unknown command 'reboot'");
	refused("STATUS", "unknown command");
	refused("status now", "usage: status");
	refused("wake up", "usage: wake");
	for (const struct ctl_cmd_info *c = ctl_commands; c->name; c++)
		ck_assert_ptr_nonnull(c->what);
}
END_TEST

START_TEST(registration)
{
	ck_assert_int_eq(parse("net-loss 30"), 0);
	ck_assert_int_eq(req.cmd, CTL_NET_LOSS);
	ck_assert_int_eq(req.ms, 30000);
	ck_assert_int_eq(req.stat, 2);
	ck_assert_int_eq(parse("net-loss 0.25 4"), 0);
	ck_assert_int_eq(req.ms, 250);
	ck_assert_int_eq(req.stat, 4);
	refused("net-loss", "usage: net-loss SECONDS [STAT]");
	refused("net-loss 0", "SECONDS must be a number above 0");
	refused("net-loss -3", "SECONDS");
	refused("net-loss 86401", "at most 86400");
	refused("net-loss nan", "SECONDS");
	refused("net-loss 5 1", "STAT");
	refused("net-loss 5 5", "STAT");
	refused("net-loss 5 2 x", "usage");
	ck_assert_int_eq(parse("deregister"), 0);
	ck_assert_int_eq(req.stat, 2);
	ck_assert_int_eq(parse("deregister 3"), 0);
	ck_assert_int_eq(req.stat, 3);
	refused("deregister 2.0", "STAT");
	ck_assert_int_eq(parse("register"), 0);
	ck_assert_int_eq(parse("stall 0"), 0);
	ck_assert_int_eq(req.ms, 0);
	ck_assert_int_eq(parse("stall 1.5"), 0);
	ck_assert_int_eq(req.ms, 1500);
	refused("stall", "usage: stall SECONDS");
}
END_TEST

START_TEST(radio_values)
{
	ck_assert_int_eq(parse("signal -140"), 0);
	ck_assert_int_eq(req.rsrp, 0);
	ck_assert_int_eq(req.rsrq, -1);
	ck_assert_int_eq(parse("signal -43 -2.5"), 0);
	ck_assert_int_eq(req.rsrp, 97);
	ck_assert_int_eq(req.rsrq, 34);
	ck_assert_int_eq(parse("signal -105 -19.5"), 0);
	ck_assert_int_eq(req.rsrp, 35);
	ck_assert_int_eq(req.rsrq, 0);
	refused("signal -141", "RSRP_DBM");
	refused("signal -42", "RSRP_DBM");
	refused("signal -100.5", "RSRP_DBM");
	refused("signal -100 -10.3", "RSRQ_DB");
	refused("signal -100 -1", "RSRQ_DB");
	ck_assert_int_eq(parse("cell 1a2b 0101abCD"), 0);
	ck_assert_str_eq(req.tac, "1A2B");
	ck_assert_str_eq(req.ci, "0101ABCD");
	refused("cell 1A2 0101ABCD", "4 and 8 hex digits");
	refused("cell 1A2G 0101ABCD", "hex");
	refused("cell 1A2B", "usage: cell TAC CI");
	ck_assert_int_eq(parse("psm off"), 0);
	ck_assert(req.off);
	ck_assert_int_eq(parse("psm 00000101 00101100"), 0);
	ck_assert(!req.off);
	ck_assert_str_eq(req.active_time, "00000101");
	ck_assert_str_eq(req.periodic_tau, "00101100");
	refused("psm", "usage: psm");
	refused("psm 0000010 00101100", "8-bit");
	refused("psm 00000101", "8-bit");
	refused("psm off 00000101", "takes nothing more");
	ck_assert_int_eq(parse("edrx 0101"), 0);
	ck_assert_str_eq(req.edrx, "0101");
	ck_assert_str_eq(req.ptw, "");
	ck_assert_int_eq(parse("edrx 0101 0011"), 0);
	ck_assert_str_eq(req.ptw, "0011");
	ck_assert_int_eq(parse("edrx off"), 0);
	ck_assert(req.off);
	refused("edrx 2101", "4-bit");
	refused("edrx 0101 0011 1", "usage");
}
END_TEST

START_TEST(publish_and_sms)
{
	ck_assert_int_eq(parse("publish dev/7/cmd on"), 0);
	ck_assert_str_eq(req.topic, "dev/7/cmd");
	ck_assert_str_eq(req.text, "on");
	ck_assert_int_eq(req.qos, 0);
	ck_assert(!req.retain);
	ck_assert_int_eq(parse("publish a/b \"two words \\\"q\\\" \\\\ \\n\" 2 1"), 0);
	ck_assert_str_eq(req.text, "two words \"q\" \\ \n");
	ck_assert_uint_eq(req.text_len, 17);
	ck_assert_int_eq(req.qos, 2);
	ck_assert(req.retain);
	ck_assert_int_eq(parse("publish a/b \"\""), 0);
	ck_assert_uint_eq(req.text_len, 0);
	refused("publish a/+ x", "wildcards");
	refused("publish \"\" x", "TOPIC");
	refused("publish a/b x 3", "QOS");
	refused("publish a/b x 1 2", "RETAIN");
	refused("publish a/b", "usage: publish TOPIC PAYLOAD");
	refused("publish a/b \"open", "bad quoting");
	refused("publish a/b \"x\"y", "bad quoting");
	refused("publish a/b \"\\q\"", "bad quoting");
	refused("publish a/b x\"y", "quote");
	refused("publish a b c d e f g h i", "too many words");
	ck_assert_int_eq(parse("sms +4915112345678 \"hello there\""), 0);
	ck_assert_str_eq(req.from, "+4915112345678");
	ck_assert_str_eq(req.text, "hello there");
	refused("sms 12a hi", "FROM");
	refused("sms 123 \"\"", "TEXT");
}
END_TEST

START_TEST(limits)
{
	char line[CTL_MAX_LINE + 2];

	memset(line, 'x', sizeof(line));
	ck_assert_int_eq(ctl_parse(line, CTL_MAX_LINE + 1, &req, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than"));
	ck_assert_int_eq(ctl_parse("status\0x", 8, &req, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "NUL"));
	refused("status\x01", "control character");
}
END_TEST

/* What slmctl writes, the parser reads back word for word. */
START_TEST(quote_round_trip)
{
	const char *payloads[] = { "plain", "two words", "\"quoted\"", "back\\slash", "line\nend",
				   "tab\there", "", "@3", "cr\r", "{\"json\": [1, 2]}" };
	char line[256];

	for (size_t i = 0; i < sizeof(payloads) / sizeof(*payloads); i++) {
		size_t pos = (size_t)snprintf(line, sizeof(line), "@1 publish t/x ");

		ck_assert(ctl_quote(payloads[i], line, sizeof(line), &pos));
		ck_assert_int_eq(parse(line), 0);
		ck_assert_int_eq(req.modem, 1);
		ck_assert_str_eq(req.text, payloads[i]);
	}
	{
		size_t pos = 0;

		ck_assert(!ctl_quote("a long word", line, 8, &pos));
		ck_assert_uint_eq(pos, 0);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("control_proto");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, commands_and_modem);
	tcase_add_test(tc, registration);
	tcase_add_test(tc, radio_values);
	tcase_add_test(tc, publish_and_sms);
	tcase_add_test(tc, limits);
	tcase_add_test(tc, quote_round_trip);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
