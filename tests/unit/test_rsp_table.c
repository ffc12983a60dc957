/* The response and URC table: slmreplay classifies a log's lines and reads
 * their values by field name from it, with no list of its own. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "cmd_table.h"
#include "rsp_table.h"
#include "script.h"
#include "world.h"

START_TEST(shapes_by_command)
{
	const char *read = "+CEREG: 5,1,\"3C1D\",\"0A0B0C0D\",9";
	const char *urc = "+CEREG: 1,\"3C1D\",\"0A0B0C0D\",9";
	char v[32];

	/* The read of +CEREG has <n> first; its URC has not. */
	ck_assert_ptr_eq(at_rsp_classify(read, "+CEREG"), &RSP_CEREG_READ);
	ck_assert_ptr_eq(at_rsp_classify(urc, NULL), &RSP_CEREG);
	ck_assert_ptr_eq(at_rsp_classify(urc, "+CFUN"), &RSP_CEREG);
	ck_assert(at_rsp_field(&RSP_CEREG_READ, read, "tac", v, sizeof(v)));
	ck_assert_str_eq(v, "3C1D");
	ck_assert(at_rsp_field(&RSP_CEREG, urc, "tac", v, sizeof(v)));
	ck_assert_str_eq(v, "3C1D");
	ck_assert(!at_rsp_field(&RSP_CEREG, urc, "active_time", v, sizeof(v)));
	/* A quoted comma stays in its field. */
	ck_assert(at_rsp_field(&RSP_XMONITOR, "%XMONITOR: 1,\"Op, Inc\",\"OI\",\"24405\"",
			       "plmn", v, sizeof(v)));
	ck_assert_str_eq(v, "24405");
	/* A bare line is the answer of the command that asked for it only. */
	ck_assert_ptr_eq(at_rsp_classify("260019876543210", "+CIMI"), &RSP_CIMI);
	ck_assert_ptr_null(at_rsp_classify("260019876543210", "+CFUN"));
	ck_assert_ptr_null(at_rsp_classify("+XNOTHING: 1", "+CFUN"));
	/* Solicited or not. */
	ck_assert_ptr_nonnull(at_rsp_unsolicited("%XSIM: 1", "+CFUN"));
	ck_assert_ptr_null(at_rsp_unsolicited("%XSIM: 1", "%XSIM"));
	ck_assert_ptr_eq(at_rsp_unsolicited("#XMQTTEVT: 1,0", "#XMQTTCON"), &RSP_XMQTTEVT);
	ck_assert(at_rsp_caused_by(&RSP_CEREG, at_cmd_find(slm_profile_default(), "+CFUN")));
	ck_assert(at_rsp_subscribed_by(&RSP_CEREG, at_cmd_find(slm_profile_default(), "+CEREG")));
	ck_assert(!at_rsp_subscribed_by(&RSP_CEREG, at_cmd_find(slm_profile_default(), "+CSCON")));
}
END_TEST

/* A generation's other shape of an answer is told by its field count. */
START_TEST(shapes_by_field_count)
{
	ck_assert_ptr_eq(at_rsp_classify("#XSOCKET: 3,1,0", "#XSOCKET"), &RSP_XSOCKET);
	ck_assert_ptr_eq(at_rsp_classify("#XSOCKET: 3,1,0,2,4", "#XSOCKET"), &RSP_XSOCKET_READ5);
	ck_assert_ptr_eq(at_rsp_classify("#XSOCKET: 0,\"closed\"", "#XSOCKET"), &RSP_XSOCKET);
	ck_assert_ptr_eq(at_rsp_classify("#XRECVFROM: 9,\"10.1.2.3\",5684", "#XRECVFROM"),
			 &RSP_XRECVFROM_PORT);
	ck_assert_ptr_eq(at_rsp_classify("#XRECVFROM: 9,\"10.1.2.3\"", "#XRECVFROM"),
			 &RSP_XRECVFROM);
	ck_assert_ptr_eq(at_rsp_classify("#XSOCKETSELECT: 4", "#XSOCKETSELECT"),
			 &RSP_XSOCKETSELECT_CUR);
	ck_assert_ptr_eq(at_rsp_classify("#XSOCKETSELECT: 4,1,0,1,-1,6,0", "#XSOCKETSELECT"),
			 &RSP_XSOCKETSELECT_LIST7);
	/* #XFOTA=6 and =7 answer; a stage after the result is a URC. */
	ck_assert_ptr_eq(at_rsp_classify("#XFOTA: 7,1,5000,\"1.9.2+5\"", "#XFOTA"), &RSP_XFOTA);
	ck_assert_ptr_eq(at_rsp_classify("#XFOTA: 368640,0", "#XFOTA"), &RSP_XFOTA_MFW);
	ck_assert_ptr_eq(at_rsp_classify("#XFOTA: 1,0,36", NULL), &RSP_XFOTA_URC);
}
END_TEST

/* A number by field name: only from a line of the shape, the whole field. */
START_TEST(int_by_field_name)
{
	int64_t v = 7;

	ck_assert(at_rsp_int(&RSP_XMQTTEVT, "#XMQTTEVT: 2,-122", "result", &v));
	ck_assert_int_eq(v, -122);
	ck_assert(at_rsp_int(&RSP_CEREG_READ, "+CEREG: 5,1,\"3C1D\"", "stat", &v));
	ck_assert_int_eq(v, 1);
	ck_assert(at_rsp_int(&RSP_CMNG, "%CMNG: 4294967295,0,\"AB\"", "sec_tag", &v));
	ck_assert_int_eq(v, 4294967295LL);
	v = 7;
	ck_assert(!at_rsp_int(&RSP_CEREG, "+CSCON: 1", "stat", &v));
	ck_assert(!at_rsp_int(&RSP_CEREG, "+CEREG: 1", "tac", &v));
	ck_assert(!at_rsp_int(&RSP_CEREG, "+CEREG: 1x", "stat", &v));
	ck_assert(!at_rsp_int(&RSP_CEREG, "+CEREG: ,1", "stat", &v));
	ck_assert(!at_rsp_int(&RSP_XPING, "#XPING: 0.123 seconds", "rtt", &v));
	/* A +CEREG URC's "<tac>" of digits is no <stat> of the read's shape. */
	ck_assert(!at_rsp_int(&RSP_CEREG_READ, "+CEREG: 1,\"1234\"", "stat", &v));
	ck_assert_int_eq(v, 7);
	/* A bare shape reads the whole line. */
	ck_assert(at_rsp_int(&RSP_CIMI, "260019876543210", "imsi", &v));
	ck_assert_int_eq(v, 260019876543210LL);
}
END_TEST

/* A field by name: only from a line of the shape, as at_rsp_int reads. */
START_TEST(field_of_its_shape_only)
{
	char v[32] = "x";

	ck_assert(at_rsp_field(&RSP_CGPADDR, "+CGPADDR: 0,\"10.0.0.5\"", "pdp_addr_1", v,
			       sizeof(v)));
	ck_assert_str_eq(v, "10.0.0.5");
	/* Another command's line with as many commas has no such field. */
	ck_assert(!at_rsp_field(&RSP_CGPADDR, "+CGACT: 0,\"10.0.0.5\"", "pdp_addr_1", v,
				sizeof(v)));
	ck_assert_str_eq(v, "");
	ck_assert(!at_rsp_field(&RSP_CGPADDR, "0,\"10.0.0.5\"", "pdp_addr_1", v, sizeof(v)));
	ck_assert(!at_rsp_field(&RSP_CEREG, "+CEREGX: 1,\"3C1D\"", "tac", v, sizeof(v)));
	ck_assert(!at_rsp_field(&RSP_XPING, "#XPINGS: 0.123 seconds", "rtt", v, sizeof(v)));
	/* A bare shape reads the whole line. */
	ck_assert(at_rsp_field(&RSP_CIMI, "260019876543210", "imsi", v, sizeof(v)));
	ck_assert_str_eq(v, "260019876543210");
}
END_TEST

/* A row of that name in some generation. */
static const struct at_cmd_def *any_row(const char *name)
{
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++)
		if (at_cmd_find(*p, name))
			return at_cmd_find(*p, name);
	return NULL;
}

static size_t nfields(const char *fields)
{
	size_t n = 1;

	for (; *fields; fields++)
		n += *fields == ',';
	return n;
}

/* Every shape names commands a generation has, and no two answers of one
 * command share a prefix and a field count (classification could not tell
 * them apart). */
START_TEST(table_is_consistent)
{
	for (size_t i = 0; at_responses[i]; i++) {
		const struct at_rsp *r = at_responses[i];

		ck_assert_msg(r->fields && r->fields[0], "%s has no fields", r->prefix);
		if (r->kind == AT_RSP_ANSWER)
			ck_assert_msg(any_row(r->answers), "%s answers no row", r->prefix);
		ck_assert_msg(!r->subscribe || any_row(r->subscribe), "%s", r->prefix);
		ck_assert_msg(!r->cause || any_row(r->cause), "%s", r->prefix);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(at_responses[j]->kind != r->kind ||
				      strcmp(at_responses[j]->prefix, r->prefix) ||
				      (r->answers && strcmp(at_responses[j]->answers, r->answers)) ||
				      (r->kind == AT_RSP_ANSWER &&
				       nfields(at_responses[j]->fields) != nfields(r->fields)),
				      "%s declared twice", r->prefix);
	}
}
END_TEST

static struct replay_log rlog;
static struct script sc;
static struct world wd;
static struct scenario scen;

static void build(const char *text)
{
	char err[256];

	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	scenario_defaults(&scen);
	ck_assert_int_eq(script_build(&sc, &rlog, &scen, "/nonexistent", err, sizeof(err)), 0);
}

static void teardown(void)
{
	world_free(&wd);
	script_free(&sc);
	scenario_free(&scen);
	log_free(&rlog);
}


/* The roles of the script's steps come from the table: a URC between a
 * command and its result is a URC; a read's answer is the command's, even
 * of a prefix that is also a URC's; #XMQTTMSG takes its topic and payload. */
START_TEST(script_roles)
{
	build("2022-03-01T10:00:00.000Z DEBUG modem >> AT+CSCON?\n"
	      "2022-03-01T10:00:00.010Z DEBUG modem << +CSCON: 1,0\n"
	      "2022-03-01T10:00:00.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:01.000Z DEBUG modem >> AT+CFUN=1\n"
	      "2022-03-01T10:00:01.010Z DEBUG modem << %XSIM: 1\n"
	      "2022-03-01T10:00:01.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:02.000Z DEBUG modem >> AT#XMQTTSUB=\"s/1\",0\n"
	      "2022-03-01T10:00:02.010Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:03.000Z DEBUG modem << #XMQTTMSG: 3,2\n"
	      "2022-03-01T10:00:03.000Z DEBUG modem << s/1\n"
	      "2022-03-01T10:00:03.000Z DEBUG modem << hi\n"
	      "2022-03-01T10:00:04.000Z DEBUG modem >> AT+CIMI\n"
	      "2022-03-01T10:00:04.010Z DEBUG modem << 001019876543210\n"
	      "2022-03-01T10:00:04.020Z DEBUG modem << OK\n");
	ck_assert_uint_eq(sc.n, 14);
	ck_assert_int_eq(sc.steps[1].role, ROLE_RESPONSE);
	ck_assert_int_eq(sc.steps[4].role, ROLE_URC);
	ck_assert_int_eq(sc.steps[5].role, ROLE_FINAL);
	ck_assert_int_eq(sc.steps[8].role, ROLE_URC);
	ck_assert_int_eq(sc.steps[9].role, ROLE_URC);
	ck_assert_int_eq(sc.steps[10].role, ROLE_URC);
	ck_assert_int_eq(sc.steps[12].role, ROLE_RESPONSE);
}
END_TEST

static bool noted(const char *text)
{
	for (size_t i = 0; i < sc.n_notes; i++)
		if (strstr(sc.notes[i], text))
			return true;
	for (size_t i = 0; i < wd.n_notes; i++)
		if (strstr(wd.notes[i], text))
			return true;
	return false;
}

/* The world's reveals read fields by name: the same <tac> from a URC and
 * from a read whose fields start one later. */
START_TEST(reveals_by_field_name)
{
	build("2022-03-01T10:00:00.000Z DEBUG modem >> AT+CEREG?\n"
	      "2022-03-01T10:00:00.010Z DEBUG modem << +CEREG: 2,5,\"7E21\",\"01C3D4E5\",7\n"
	      "2022-03-01T10:00:00.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:01.000Z DEBUG modem >> AT+CIMI\n"
	      "2022-03-01T10:00:01.010Z DEBUG modem << 001019876543210\n"
	      "2022-03-01T10:00:01.020Z DEBUG modem << OK\n");
	world_infer(&sc, &scen, &wd);
	ck_assert(noted("network.status = roaming"));
	ck_assert(noted("network.tac = 7E21"));
	ck_assert(noted("network.ci = 01C3D4E5"));
	ck_assert(noted("modem.imsi = 001019876543210"));
	teardown();
	memset(&rlog, 0, sizeof(rlog));
	build("2022-03-01T10:00:00.000Z DEBUG modem >> AT+CFUN=1\n"
	      "2022-03-01T10:00:00.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:02.000Z DEBUG modem << +CEREG: 1,\"5B10\",\"0002A0B1\",9\n");
	world_infer(&sc, &scen, &wd);
	ck_assert(noted("network.tac = 5B10"));
	ck_assert(noted("network.act = 9"));
	teardown();
	memset(&rlog, 0, sizeof(rlog));
	/* A fix reveals the fixed point; the first fix wins. */
	build("2022-03-01T10:00:00.000Z DEBUG modem >> AT#XGPS=1,1\n"
	      "2022-03-01T10:00:00.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:31.000Z DEBUG modem << #XGPS: 47.376886,8.541694,408.200012,"
	      "11.500000,0.000000,0.000000,\"2022-03-01 10:00:31\"\n"
	      "2022-03-01T10:00:32.000Z DEBUG modem << #XGPS: 47.376890,8.541690,408.000000,"
	      "9.500000,0.000000,0.000000,\"2022-03-01 10:00:32\"\n");
	world_infer(&sc, &scen, &wd);
	ck_assert(noted("gnss.lat = 47.376886"));
	ck_assert(noted("gnss.lon = 8.541694"));
	ck_assert(noted("gnss.alt = 408.200012"));
	ck_assert(noted("gnss.accuracy = 11.500000"));
}
END_TEST

/* A +CSCON read answer (<n>,<mode>) is no RRC event: only the URC's
 * <mode> read by name counts as traffic or as a release. */
START_TEST(rrc_from_urcs_only)
{
	build("2022-03-01T10:00:00.000Z DEBUG modem >> AT+CSCON?\n"
	      "2022-03-01T10:00:00.010Z DEBUG modem << +CSCON: 1,0\n"
	      "2022-03-01T10:00:00.020Z DEBUG modem << OK\n"
	      "2022-03-01T10:00:07.000Z DEBUG modem << +CSCON: 0\n");
	world_infer(&sc, &scen, &wd);
	ck_assert(!noted("rrc_idle_ms"));
	teardown();
	memset(&rlog, 0, sizeof(rlog));
	build("2022-03-01T10:00:00.000Z DEBUG modem << +CSCON: 1\n"
	      "2022-03-01T10:00:07.000Z DEBUG modem << +CSCON: 0\n");
	world_infer(&sc, &scen, &wd);
	ck_assert(noted("network.rrc_idle_ms = 7000"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rsp_table");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, shapes_by_command);
	tcase_add_test(tc, shapes_by_field_count);
	tcase_add_test(tc, int_by_field_name);
	tcase_add_test(tc, field_of_its_shape_only);
	tcase_add_test(tc, table_is_consistent);
	tcase_add_test(tc, script_roles);
	tcase_add_test(tc, reveals_by_field_name);
	tcase_add_test(tc, rrc_from_urcs_only);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
