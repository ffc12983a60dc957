/* The steps of a log (script.c), alone: each SEND carries the facts of
 * what it sends, parsed once when the script is built, and the roles of
 * the lines around it.  Hosts, ports and numbers unlike the bundled logs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "cmd_table.h"
#include "script.h"

static struct replay_log rlog;
static struct script sc;

static void build(const char *text)
{
	char err[256];

	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	ck_assert_int_eq(script_build(&sc, &rlog, NULL, "/nonexistent", err, sizeof(err)), 0);
}

static void teardown(void)
{
	script_free(&sc);
	log_free(&rlog);
}

#define T "2021-07-14T16:20:"

START_TEST(send_carries_its_facts)
{
	build(T "00.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n" T "00.100Z DEBUG modem << #XSOCKET: 2,1,6\n"
	      T "00.120Z DEBUG modem << OK\n"
	      T "01.000Z DEBUG modem >> AT#XCONNECT=\"gw.harbour.example\",40123\n"
	      T "01.900Z DEBUG modem << #XCONNECT: 1\n" T "01.910Z DEBUG modem << OK\n");
	ck_assert_uint_eq(sc.n, 6);
	ck_assert_int_eq(sc.steps[0].role, ROLE_SEND);
	ck_assert_ptr_nonnull(sc.steps[0].facts);
	ck_assert(sc.steps[0].facts->opens_socket);
	ck_assert_int_eq(sc.steps[0].facts->sock_type, 1);
	ck_assert_int_eq(sc.steps[1].role, ROLE_RESPONSE);
	ck_assert_int_eq(sc.steps[1].cause, 0);
	ck_assert_ptr_null(sc.steps[1].facts);
	ck_assert_int_eq(sc.steps[2].role, ROLE_FINAL);
	/* The host points into the step's own facts, not a parser's copy. */
	ck_assert_ptr_nonnull(sc.steps[3].facts);
	ck_assert_str_eq(sc.steps[3].facts->host, "gw.harbour.example");
	ck_assert_ptr_eq(sc.steps[3].facts->host, sc.steps[3].facts->host_buf);
	ck_assert_int_eq(sc.steps[3].facts->port, 40123);
	ck_assert_int_eq(sc.steps[4].cause, 3);
}
END_TEST

START_TEST(datamode_payload_has_no_facts)
{
	build(T "00.000Z DEBUG modem >> AT#XSOCKET=1,2,0\n" T "00.100Z DEBUG modem << #XSOCKET: 3,2,17\n"
	      T "00.120Z DEBUG modem << OK\n"
	      T "01.000Z DEBUG modem >> AT#XSENDTO=\"198.51.100.44\",7001\n" T "01.020Z DEBUG modem << OK\n"
	      T "02.000Z DEBUG modem >> AT+CFUN?\n" T "02.010Z DEBUG modem << +CFUN: 1\n"
	      T "02.020Z DEBUG modem << OK\n");
	ck_assert_ptr_nonnull(sc.steps[3].facts);
	ck_assert(sc.steps[3].facts->enters_datamode);
	/* The next host line is payload: bytes, not a command. */
	ck_assert(sc.steps[5].raw);
	ck_assert_ptr_null(sc.steps[5].facts);
}
END_TEST

START_TEST(unknown_command_parses_without_a_row)
{
	build(T "00.000Z DEBUG modem >> AT%XFOOBAR=3\n" T "00.010Z DEBUG modem << ERROR\n");
	ck_assert_ptr_nonnull(sc.steps[0].facts);
	ck_assert_ptr_null(sc.steps[0].facts->def);
	ck_assert(sc.steps[0].facts->set);
}
END_TEST

/* The sends' facts as the generation p reads them, and the broker's part
 * of the script made again from them. */
static void facts_of(const struct slm_profile *p)
{
	for (size_t i = 0; i < sc.n; i++) {
		struct at_cmd_facts *f;

		if (sc.steps[i].role != ROLE_SEND || !sc.steps[i].facts)
			continue;
		f = malloc(sizeof(*f));
		ck_assert(at_cmd_facts_of(p, sc.steps[i].ev->text, f));
		free((void *)sc.steps[i].facts);
		sc.steps[i].facts = f;
	}
	script_broker_events(&sc);
}

/* 2.6: the connect names no client id; a drop the log leaves unexplained
 * is replayed as a takeover with #XMQTTCFG's id, or the default. */
START_TEST(client_id_of_a_26_connect)
{
	build(T "00.000Z DEBUG modem >> AT#XMQTTCFG=\"depot-node-7\",90,1\n" T "00.010Z DEBUG modem << OK\n"
	      T "01.000Z DEBUG modem >> AT#XMQTTCON=1,\"\",\"\",\"mq.depot.example\",1884\n"
	      T "01.500Z DEBUG modem << OK\n" T "01.700Z DEBUG modem << #XMQTTEVT: 0,0\n"
	      T "09.000Z DEBUG modem << #XMQTTEVT: 1,-128\n");
	facts_of(slm_profile_find("2.6"));
	ck_assert_str_eq(sc.steps[2].facts->host, "mq.depot.example");
	ck_assert_int_eq(sc.steps[2].facts->port, 1884);
	ck_assert(sc.steps[5].takeover);
	ck_assert_str_eq(sc.steps[5].client_id, "depot-node-7");
	teardown();
	build(T "01.000Z DEBUG modem >> AT#XMQTTCON=1,\"\",\"\",\"mq.depot.example\",1884\n"
	      T "01.500Z DEBUG modem << OK\n" T "01.700Z DEBUG modem << #XMQTTEVT: 0,0\n"
	      T "09.000Z DEBUG modem << #XMQTTEVT: 1,-128\n");
	facts_of(slm_profile_find("sm-1.0"));
	ck_assert(sc.steps[3].takeover);
	ck_assert_str_eq(sc.steps[3].client_id, "sm_default_client_id");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("script_steps");
	TCase *tc = tcase_create("script_steps");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, send_carries_its_facts);
	tcase_add_test(tc, datamode_payload_has_no_facts);
	tcase_add_test(tc, unknown_command_parses_without_a_row);
	tcase_add_test(tc, client_id_of_a_26_connect);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
