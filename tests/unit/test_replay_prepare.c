/* replay_prepare() (run/replay_prepare.c) alone: a small log goes through
 * the steps, the world and the peers' plan in one direction.  The steps it
 * hands on are the ones script_build() made, unchanged; the world's set-up
 * and notes and the plan sit beside them.  Hosts, ports and times unlike
 * the bundled logs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "at_parser.h"
#include "ck_run.h"
#include "replay_prepare.h"
#include "slm_profiles.h"

static struct replay_log rlog;
static struct scenario scen;
static struct prepared prep;
static struct strbuf notes;

static int prepare(const char *text)
{
	char err[256];

	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	scenario_defaults(&scen);
	return replay_prepare(&rlog, &scen, "/nonexistent", &prep, &notes, err, sizeof(err));
}

static void teardown(void)
{
	prepared_free(&prep);
	sb_free(&notes);
	scenario_free(&scen);
	log_free(&rlog);
	memset(&rlog, 0, sizeof(rlog));
}

static bool world_noted(const char *text)
{
	for (size_t i = 0; i < prep.world.n_notes; i++)
		if (strstr(prep.world.notes[i], text))
			return true;
	return false;
}

#define T "2023-11-14T06:12:"

#define SOCKET_LOG \
	T "00.000Z DEBUG modem >> AT+CFUN?\n" T "00.050Z DEBUG modem << +CFUN: 1\n" \
	T "00.060Z DEBUG modem << OK\n" \
	T "01.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n" T "01.100Z DEBUG modem << #XSOCKET: 2,1,6\n" \
	T "01.110Z DEBUG modem << OK\n" \
	T "02.000Z DEBUG modem >> AT#XCONNECT=\"gauge.marsh.example\",7311\n" \
	T "02.400Z DEBUG modem << #XCONNECT: 1\n" T "02.410Z DEBUG modem << OK\n" \
	T "03.000Z DEBUG modem >> AT#XSEND=\"level?\"\n" T "03.100Z DEBUG modem << #XSEND: 6\n" \
	T "03.110Z DEBUG modem << OK\n" \
	T "04.000Z DEBUG modem >> AT#XRECV=3\n" T "04.100Z DEBUG modem << 412\n" \
	T "04.110Z DEBUG modem << #XRECV: 3\n" T "04.120Z DEBUG modem << OK\n"

/* The world's set-up and the plan come out beside the steps. */
START_TEST(world_and_plan_beside_the_steps)
{
	ck_assert_int_eq(prepare(SOCKET_LOG), 0);
	ck_assert_int_eq(prep.judge, JUDGE_YES);
	ck_assert_uint_eq(prep.sc->n, 16);
	ck_assert_int_eq(prep.sc->steps[0].role, ROLE_SEND);
	ck_assert_ptr_nonnull(prep.sc->steps[3].facts);
	ck_assert_str_eq(prep.sc->steps[3].cmd->name, "#XSOCKET");
	ck_assert_ptr_null(prep.sc->steps[4].cmd);
	/* +CFUN: 1 before any AT+CFUN=: the modem starts on, registered. */
	ck_assert_int_eq(prep.world.start_cfun, 1);
	ck_assert(prep.world.needs_registration);
	ck_assert(world_noted("starts in +CFUN mode 1"));
	ck_assert_uint_eq(prep.plan.n, 1);
	ck_assert_str_eq(prep.plan.flows[0].host, "gauge.marsh.example");
	ck_assert_int_eq(prep.plan.flows[0].port, 7311);
	ck_assert(world_noted("gauge.marsh.example:7311: a local TCP peer"));
	/* The world's notes are its own: the script's list does not hold them. */
	for (size_t i = 0; i < prep.sc->n_notes; i++)
		ck_assert_ptr_null(strstr(prep.sc->notes[i], "+CFUN mode"));
}
END_TEST

/* The steps replay_prepare() hands on are the steps script_build() makes
 * from the same log: the later stages only read them. */
START_TEST(steps_as_built)
{
	struct replay_log other = { 0 };
	struct scenario s2;
	struct script sc;
	char err[256];

	ck_assert_int_eq(prepare(SOCKET_LOG), 0);
	log_parse_buffer(SOCKET_LOG, strlen(SOCKET_LOG), "t.log", &other);
	scenario_defaults(&s2);
	ck_assert_int_eq(script_build(&sc, &other, &s2, "/nonexistent", err, sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, prep.sc->n);
	for (size_t i = 0; i < sc.n; i++) {
		const struct step *a = &sc.steps[i], *b = &prep.sc->steps[i];

		ck_assert_int_eq(a->role, b->role);
		ck_assert_int_eq(a->cause, b->cause);
		ck_assert_int_eq(a->optional, b->optional);
		ck_assert_int_eq(a->inject, b->inject);
		ck_assert_int_eq(a->takeover, b->takeover);
		ck_assert_int_eq(a->unanswered, b->unanswered);
		ck_assert_str_eq(a->note, b->note);
		if (a->send)
			ck_assert_str_eq(a->send, b->send);
	}
	ck_assert_int_eq(sc.needs_registration, prep.sc->needs_registration);
	script_free(&sc);
	scenario_free(&s2);
	log_free(&other);
}
END_TEST

/* An #XMQTTMSG no publish of the host explains is marked on its step when
 * the steps are built, before the world or the plan. */
START_TEST(broker_side_in_the_steps)
{
	ck_assert_int_eq(prepare(T "00.000Z DEBUG modem >> AT#XMQTTCON=1,\"probe-5\",\"\",\"\","
				 "\"mq.heron.example\",1884\n"
				 T "00.900Z DEBUG modem << #XMQTTEVT: 0,0\n" T "00.910Z DEBUG modem << OK\n"
				 T "01.000Z DEBUG modem >> AT#XMQTTSUB=\"valve/+/cmd\",1\n"
				 T "01.200Z DEBUG modem << OK\n" T "01.300Z DEBUG modem << #XMQTTEVT: 7,0\n"
				 T "05.000Z DEBUG modem << #XMQTTMSG: 11,4\n"
				 T "05.001Z DEBUG modem << valve/3/cmd\n" T "05.002Z DEBUG modem << shut\n"),
			 0);
	for (size_t i = 0; i < prep.sc->n; i++)
		if (!strncmp(prep.sc->steps[i].ev->text, "#XMQTTMSG:", 10)) {
			ck_assert(prep.sc->steps[i].inject);
			ck_assert_str_eq(prep.sc->steps[i].topic, "valve/3/cmd");
			return;
		}
	ck_abort_msg("no #XMQTTMSG step");
}
END_TEST

/* A log with no command has nothing to judge: 1, and no world is made. */
START_TEST(nothing_to_judge)
{
	ck_assert_int_eq(prepare(T "00.000Z DEBUG modem << Ready\n"
				 T "03.000Z DEBUG modem << +CEREG: 1,\"4A01\",\"00B1C2D3\",7\n"), 1);
	ck_assert_int_eq(prep.judge, JUDGE_NO_COMMAND);
	ck_assert_uint_eq(prep.sc->n, 0);
	ck_assert_uint_eq(prep.world.n_notes, 0);
}
END_TEST

/* The event of text in the log read; NULL when none. */
static const struct log_event *event(const char *text)
{
	for (size_t i = 0; i < rlog.nev; i++)
		if (!strcmp(rlog.ev[i].text, text))
			return &rlog.ev[i];
	return NULL;
}

/* A Serial Modem terminal capture: AT#XSEND=<handle>,2,<flags> enters data
 * mode there (the NCS 1.8 row reads <handle> as mistyped data), so the
 * lines after it are the host's payload up to its "+++".  The generation
 * comes from the capture's version answer, or from --slm. */
#define SM_CAPTURE \
	"AT#XSOCKET=1,1,0\n#XSOCKET: 0,1,6\nOK\n" \
	"AT#XCONNECT=0,\"tide.gauge.example\",4410\n#XCONNECT: 0,1\nOK\n" \
	"AT#XSEND=0,2,0\nOK\nflow=17\n+++\n#XDATAMODE: 0\n"

#define REFUSED_ENTRY "AT#XSEND\nERROR\nAT+CFUN?\n+CFUN: 4\nOK\n"

START_TEST(capture_read_as_its_generation)
{
	static const char with_version[] = "AT#XSMVER\n#XSMVER: \"v1.0.1\",\"v3.2.4\"\nOK\n"
		SM_CAPTURE;

	scenario_defaults(&scen);
	replay_read_buffer(with_version, strlen(with_version), "sm.log", &scen, &rlog);
	ck_assert_str_eq(rlog.read_as->name, "sm-0.3");
	ck_assert_ptr_nonnull(event("flow=17"));
	ck_assert_int_eq(event("flow=17")->kind, EV_SEND);
	ck_assert_int_eq(event("+++")->kind, EV_SEND);
	ck_assert_int_eq(event("#XDATAMODE: 0")->kind, EV_RECV);
	log_free(&rlog);
	/* No version answer: --slm names it. */
	scen.slm_override = "sm-2.0";
	replay_read_buffer(SM_CAPTURE, strlen(SM_CAPTURE), "sm.log", &scen, &rlog);
	ck_assert_str_eq(rlog.read_as->name, "sm-2.0");
	ck_assert_int_eq(event("flow=17")->kind, EV_SEND);
	log_free(&rlog);
	/* The default generation does not take them as the host's. */
	scen.slm_override = "ncs-1.8";
	replay_read_buffer(SM_CAPTURE, strlen(SM_CAPTURE), "sm.log", &scen, &rlog);
	ck_assert(!event("flow=17") || event("flow=17")->kind != EV_SEND);
	log_free(&rlog);
	/* A refused entry is the modem's answer, and no data mode follows. */
	replay_read_buffer(REFUSED_ENTRY, strlen(REFUSED_ENTRY), "e.log", &scen, &rlog);
	ck_assert_int_eq(event("ERROR")->kind, EV_RECV);
	ck_assert_int_eq(event("AT+CFUN?")->kind, EV_SEND);
	ck_assert_int_eq(event("+CFUN: 4")->kind, EV_RECV);
	scen.slm_override = NULL;
}
END_TEST

int main(void)
{
	Suite *s = suite_create("replay_prepare");
	TCase *tc = tcase_create("replay_prepare");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, world_and_plan_beside_the_steps);
	tcase_add_test(tc, steps_as_built);
	tcase_add_test(tc, broker_side_in_the_steps);
	tcase_add_test(tc, nothing_to_judge);
	tcase_add_test(tc, capture_read_as_its_generation);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
