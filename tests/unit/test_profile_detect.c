/* profile_detect() (harness/model/): every row of slm-versions.md 1.1 the
 * table holds, on short synthetic logs; the version answers and their
 * nearest profile; conflicts; the choice --slm and a scenario make. */
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "profile_choice.h"
#include "profile_detect.h"
#include "slm_profiles.h"

/* A log of "> host line" and "< modem line" entries, one a second. */
static void parse(const char *const *lines, struct replay_log *log)
{
	char buf[8192];
	size_t used = 0;

	for (int i = 0; lines[i]; i++)
		used += (size_t)snprintf(buf + used, sizeof(buf) - used,
					 "2025-06-03T11:%02d:%02d.250Z DEBUG modem %s %s\n", i / 60,
					 i % 60, lines[i][0] == '>' ? ">>" : "<<", lines[i] + 2);
	ck_assert_int_eq(log_parse_buffer(buf, used, "t.log", log), 0);
}

struct detect_case {
	const char *lines[8];
	const char *profile;	/* the profile judged */
	const char *spec;	/* what goes to modem.slm_profile */
	int line;		/* the deciding line, 0: none */
};

#define L(...) { __VA_ARGS__, NULL }

static const struct detect_case cases[] = {
	/* version answers */
	{ L("> AT#XSLMVER", "< #XSLMVER: \"1.8.0\"", "< OK"), "ncs-1.8", "1.8.0", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"1.8.1\"-CUSTOMIZED", "< OK"), "ncs-1.8", "1.8.1", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"1.9.2\"", "< OK"), "ncs-1.9", "1.9.2", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"2.0.2\"", "< OK"), "ncs-2.0", "2.0.2", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"2.2.0\"", "< OK"), "ncs-2.1", "2.2.0", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"2.3.0\",\"2.3.0\"", "< OK"), "ncs-2.1", "2.3.0", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"2.5.1\",\"2.5.0\"", "< OK"), "ncs-2.5", "2.5.1", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"2.7.0\",\"2.6.2\",\"acme-4\"", "< OK"), "ncs-2.6", "2.7.0",
	  2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"3.1.99\",\"2.9.1\"", "< OK"), "ncs-2.6", "3.1.99", 2 },
	{ L("> AT#XSMVER", "< #XSMVER: \"v0.2.0\",\"3.1.99\"", "< OK"), "sm-0.2", "sm-0.2.0", 2 },
	{ L("> AT#XSMVER", "< #XSMVER: \"unknown\",\"3.2.0\"", "< OK"), "sm-0.3", "sm-0.3.0", 2 },
	{ L("> AT#XSMVER", "< #XSMVER: \"v1.0.0-3-gdeadbee\",\"3.2.2\"", "< OK"), "sm-0.3",
	  "sm-1.0.0", 2 },
	{ L("> AT#XSMVER", "< #XSMVER: \"v1.0.1\",\"3.2.4\",\"board-b\"", "< OK"), "sm-0.3",
	  "sm-1.0.1", 2 },
	{ L("> AT#XSMVER", "< #XSMVER: \"v2.0.0-preview1\",\"3.3.0-rc1\"", "< OK"), "sm-2.0",
	  "sm-2.0.0", 2 },
	/* outside every profile: the nearest */
	{ L("> AT#XSLMVER", "< #XSLMVER: \"1.4.0\"", "< OK"), "ncs-1.8", "ncs-1.8", 2 },
	{ L("> AT#XSLMVER", "< #XSLMVER: \"3.2.99\",\"3.0.0\"", "< OK"), "ncs-2.6", "ncs-2.6", 2 },
	/* shapes: #XRECV and #XRECVFROM */
	{ L("> AT#XRECV=4", "< q9", "< #XRECV: 2", "< OK"), "ncs-1.8", "ncs-1.8", 3 },
	{ L("> AT#XRECVFROM=4", "< q9", "< #XRECVFROM: 2,\"192.0.2.61\"", "< OK"), "ncs-1.8", "ncs-1.8",
	  3 },
	{ L("> AT#XRECV=4", "< #XRECV: 2", "< q9", "< OK"), "ncs-2.0", "ncs-2.0", 2 },
	{ L("> AT#XRECVFROM=4", "< #XRECVFROM: 2,\"192.0.2.61\"", "< q9", "< OK"), "ncs-2.0",
	  "ncs-2.0", 2 },
	{ L("> AT#XRECVFROM=4", "< #XRECVFROM: 2,\"192.0.2.61\",4711", "< q9", "< OK"), "ncs-2.5",
	  "ncs-2.5", 2 },
	{ L("> AT#XRECV=3,0,0,4", "< #XRECV: 3,0,2", "< q9", "< OK"), "sm-0.2", "sm-0.2", 2 },
	{ L("> AT#XRECVFROM=3,0,0,4", "< #XRECVFROM: 3,0,2,\"192.0.2.61\",4711", "< q9", "< OK"),
	  "sm-0.2", "sm-0.2", 2 },
	{ L("> AT+CFUN?", "< +CFUN: 1", "< OK", "< #XRECV: 4"), "sm-0.3", "sm-0.3", 4 },
	/* data mode */
	{ L("> AT#XSEND", "< OK", "> w7", "> +++", "< #XDATAMODE: 0"), "ncs-2.1", "ncs-2.1", 1 },
	{ L("> AT#XSEND", "> w7", "> +++", "< OK"), "ncs-1.8", "ncs-1.8", 3 },
	{ L("> AT#XSENDTO=\"192.0.2.5\",6000", "> w7", "> +++", "< #XDATAMODE: 0"), "ncs-2.1",
	  "ncs-2.1", 3 },
	/* several sockets */
	{ L("> AT#XSOCKETSELECT?", "< OK"), "ncs-2.0", "ncs-2.0", 1 },
	{ L("> AT#XSOCKETSELECT=2", "< #XSOCKETSELECT: 2,1,0", "< OK"), "ncs-2.0", "ncs-2.0", 2 },
	{ L("> AT#XSOCKETSELECT=2", "< #XSOCKETSELECT: 2", "< OK"), "ncs-2.1", "ncs-2.1", 2 },
	{ L("> AT#XPOLL=500", "< #XPOLL: 1,\"0x00000001\"", "< OK"), "ncs-2.0", "ncs-2.0", 2 },
	{ L("> AT#XPOLL=500", "< #XPOLL: 1,\"0x0001\"", "< OK"), "ncs-2.1", "ncs-2.1", 2 },
	{ L("> AT#XSOCKET?", "< #XSOCKET: 0", "< OK"), "ncs-1.8", "ncs-1.8", 2 },
	{ L("> AT#XSOCKET?", "< #XSOCKET: 1,1,0", "< OK"), "ncs-1.8", "ncs-1.8", 2 },
	{ L("> AT#XSOCKET?", "< #XSOCKET: 1,1,0,1,0", "< OK"), "ncs-2.1", "ncs-2.1", 2 },
	{ L("> AT#XSOCKET=1,2,0,3", "< #XSOCKET: 1,2,17", "< OK"), "ncs-2.1", "ncs-2.1", 1 },
	/* MQTT */
	{ L("> AT#XMQTTCON=1,\"dev-7\",\"\",\"\",\"mq.fen.example\",1884", "< OK"), "ncs-1.8", "ncs-1.8",
	  1 },
	{ L("> AT#XMQTTCON=1,\"\",\"\",\"mq.fen.example\",8884,12", "< OK"), "ncs-2.6", "ncs-2.6", 1 },
	{ L("> AT#XMQTTCFG=\"dev-7\",90", "< OK"), "ncs-2.6", "ncs-2.6", 1 },
	{ L("> AT#XMQTTCON?", "< #XMQTTCON: 0", "< OK"), "ncs-2.5", "ncs-2.5", 2 },
	{ L("> AT#XMQTTCON?", "< #XMQTTCON: 0,\"\",\"\",0", "< OK"), "ncs-1.8", "ncs-1.8", 2 },
	{ L("> AT#XMQTTPUB=\"t/q\",1", "> {\"v\":3}", "> +++", "< #XMQTTEVT: 3,0"), "ncs-1.8",
	  "ncs-1.8", 1 },
	{ L("> AT+CFUN?", "< +CFUN: 1", "< OK", "< #XMQTTEVT: 2,-122"), "ncs-1.8", "ncs-1.8", 4 },
	/* the Serial Modem */
	{ L("> AT#XCLOSE=2", "< #XCLOSE: 2,0", "< OK"), "sm-0.2", "sm-0.2", 1 },
	{ L("> AT+CFUN?", "< +CFUN: 1", "< OK", "< #XSENDNTF: 1,0,20"), "sm-0.2", "sm-0.2", 4 },
	{ L("> ATE1", "< OK"), "sm-0.2", "sm-0.2", 1 },
	{ L("> AT+CGSN", "< AT+CGSN", "< 351234567890124", "< OK"), "sm-0.2", "sm-0.2", 2 },
	{ L("> AT#XAPOLL=1", "< OK"), "ncs-2.6", "3.1", 1 },
	{ L("> AT#XAPOLL=,1,1", "< OK"), "sm-0.3", "sm-0.3", 1 },
	{ L("> AT#XSEND=\"hi\",512", "< #XSEND: 2", "< OK"), "ncs-2.6", "3.1", 1 },
	{ L("> AT#XGETADDRINFO=\"h.fen.example\",1", "< #XGETADDRINFO: \"192.0.2.8\"", "< OK"),
	  "ncs-2.6", "2.8", 1 },
	/* commands and results only some generations have */
	{ L("> AT#XSLMUART?", "< #XSLMUART: 115200", "< OK"), "ncs-1.8", "ncs-1.8", 1 },
	{ L("> AT#XSHUTDOWN", "< OK"), "ncs-2.1", "2.3", 1 },
	{ L("> AT#XMODEMRESET", "< #XMODEMRESET: 0", "< OK"), "ncs-2.5", "ncs-2.5", 1 },
	{ L("> AT#XCMUX=1", "< OK"), "ncs-2.6", "ncs-2.6", 1 },
	{ L("> AT#XPPP=1", "< OK"), "ncs-2.6", "ncs-2.6", 1 },
	{ L("> AT#XSMVER", "< OK"), "sm-0.2", "sm-0.2", 1 },
	{ L("> AT#XRECVCFG=1,1", "< OK"), "sm-0.3", "sm-0.3", 1 },
	{ L("> AT#XGNSS=1,0,0,0", "< OK"), "sm-0.2", "sm-0.2", 1 },
	{ L("> AT+CFUN?", "< +CFUN: 1", "< OK", "< #XGNSSPOS: 61.1,23.8"), "sm-2.0", "sm-2.0", 4 },
	{ L("> AT+CFUN?", "< +CFUN: 1", "< OK", "< #XGNSS: 61.1,23.8"), "sm-0.2", "sm-0.2", 4 },
	{ L("< INIT ERROR", "> AT", "< OK"), "ncs-2.6", "3.1", 1 },
	{ L("> AT#XSMS=1", "< +CME ERROR: 310"), "ncs-2.6", "3.1", 2 },
	{ L("> AT#XSLEEP=?", "< #XSLEEP: (0,1,2)", "< OK"), "ncs-1.8", "ncs-1.8", 2 },
	{ L("> AT#XSLEEP=?", "< #XSLEEP: (1,2)", "< OK"), "ncs-2.0", "ncs-2.0", 2 },
	/* two rows narrow each other; the release of a row inside the profile */
	{ L("> AT#XSOCKETSELECT=1", "< OK", "> +++", "< #XDATAMODE: 0"), "ncs-2.1", "ncs-2.1", 3 },
	{ L("> AT#XSHUTDOWN", "< OK", "> AT#XMODEMRESET", "< OK"), "ncs-2.5", "ncs-2.5", 3 },
	/* a command refused is no evidence, nor is nothing */
	{ L("> AT#XMQTTCFG=\"dev-7\"", "< ERROR"), "ncs-1.8", "ncs-1.8", 0 },
	{ L("> AT+CFUN?", "< +CFUN: 4", "< OK"), "ncs-1.8", "ncs-1.8", 0 },
};

START_TEST(each_row)
{
	const struct detect_case *c = &cases[_i];
	struct replay_log log = { 0 };
	struct profile_guess g;

	parse(c->lines, &log);
	profile_detect(&log, &g);
	ck_assert_msg(!strcmp(det_names[g.profile], c->profile), "case %d: %s, wanted %s", _i,
		      det_names[g.profile], c->profile);
	ck_assert_str_eq(g.spec, c->spec);
	ck_assert_int_eq(g.why.line, c->line);
	ck_assert_int_eq(g.how, c->line ? (strstr(c->lines[1], "VER: ") ? DET_VERSION : DET_SHAPE) :
				  DET_DEFAULT);
	ck_assert_msg(!g.conflict, "case %d: a conflict", _i);
	log_free(&log);
}
END_TEST

/* Every row's expressions compile, and every row is some case's evidence. */
START_TEST(rows_compile_and_are_tested)
{
	for (size_t k = 0; k < det_n_rules; k++) {
		regex_t re;

		ck_assert_msg(!regcomp(&re, det_rules[k].line, REG_EXTENDED), "row %zu", k);
		regfree(&re);
		ck_assert_msg(!det_rules[k].other || !regcomp(&re, det_rules[k].other, REG_EXTENDED),
			      "row %zu", k);
		if (det_rules[k].other)
			regfree(&re);
		ck_assert(det_rules[k].set && det_rules[k].what);
	}
	enum { N = sizeof(cases) / sizeof(cases[0]) };
	static char why[N][160];

	for (size_t i = 0; i < N; i++) {
		struct replay_log log = { 0 };
		struct profile_guess g;

		parse(cases[i].lines, &log);
		profile_detect(&log, &g);
		snprintf(why[i], sizeof(why[i]), "%s", strstr(g.why.text, " -- ") ?
			 strstr(g.why.text, " -- ") + 4 : "");
		log_free(&log);
	}
	for (size_t k = 0; k < det_n_rules; k++) {
		bool tested = false;

		for (size_t i = 0; !tested && i < N; i++)
			tested = !strcmp(why[i], det_rules[k].what);
		ck_assert_msg(tested, "no case decided by row %zu (%s)", k, det_rules[k].what);
	}
}
END_TEST

static void detect(const char *const *lines, struct profile_guess *g, char *note, size_t len)
{
	struct replay_log log = { 0 };

	parse(lines, &log);
	profile_detect(&log, g);
	profile_guess_note(g, note, len);
	log_free(&log);
}

START_TEST(notes)
{
	static const char *const by_version[] = L("> AT#XSLMVER", "< #XSLMVER: \"2.4.1\",\"2.4.0\"",
						   "< OK");
	static const char *const old[] = L("> AT#XSLMVER", "< #XSLMVER: \"1.4.0\"", "< OK");
	static const char *const none[] = L("> AT+CGMR", "< mfw_nrf9160_1.3.2", "< OK");
	struct profile_guess g;
	char note[512];

	detect(by_version, &g, note, sizeof(note));
	ck_assert_str_eq(note, "profile ncs-2.1 (line 2: #XSLMVER: \"2.4.1\",\"2.4.0\")");
	detect(old, &g, note, sizeof(note));
	ck_assert_str_eq(note, "profile ncs-1.8 (line 2: #XSLMVER: \"1.4.0\"; no profile covers NCS "
			 "1.4.0: judged on the nearest, ncs-1.8)");
	detect(none, &g, note, sizeof(note));
	ck_assert_str_eq(note, "profile ncs-1.8 (default: no version answer or shape in the log)");
}
END_TEST

/* The version answer wins over a shape of another generation. */
START_TEST(version_against_shape)
{
	static const char *const lines[] = L("> AT#XSLMVER", "< #XSLMVER: \"2.6.1\",\"2.6.0\"", "< OK",
					     "> AT#XSEND", "> w7", "> +++", "< OK");
	struct profile_guess g;
	char note[512];

	detect(lines, &g, note, sizeof(note));
	ck_assert_str_eq(det_names[g.profile], "ncs-2.6");
	profile_conflict_note(&g, note, sizeof(note));
	ck_assert_str_eq(note, "profile evidence conflicts: line 2 (#XSLMVER: \"2.6.1\",\"2.6.0\") says "
			 "ncs-2.6, line 6 (+++ -- +++ answered by OK) says ncs-1.8..ncs-2.0; judged as "
			 "ncs-2.6");
}
END_TEST

/* Shapes that no generation shows together: the first ones judge. */
START_TEST(shapes_against_each_other)
{
	static const char *const lines[] = L("> AT#XSEND", "> w7", "> +++", "< OK",
					     "> AT#XMQTTCFG=\"n-3\"", "< OK", "> AT#XCLOSE", "< OK");
	struct profile_guess g;
	char note[512];

	detect(lines, &g, note, sizeof(note));
	ck_assert_str_eq(det_names[g.profile], "ncs-1.8");
	ck_assert(g.conflict);
	ck_assert_int_eq(g.a.line, 3);
	ck_assert_int_eq(g.b.line, 5);
	profile_conflict_note(&g, note, sizeof(note));
	ck_assert_ptr_nonnull(strstr(note, "says ncs-2.6..sm-2.0; judged as ncs-1.8"));
}
END_TEST

/* Two version answers of different generations. */
START_TEST(two_versions)
{
	static const char *const lines[] = L("> AT#XSLMVER", "< #XSLMVER: \"2.0.0\"", "< OK",
					     "> AT#XSMVER", "< #XSMVER: \"v1.0.1\",\"3.2.4\"", "< OK");
	struct profile_guess g;
	char note[512];

	detect(lines, &g, note, sizeof(note));
	ck_assert_str_eq(det_names[g.profile], "ncs-2.0");
	ck_assert(g.conflict);
	ck_assert_int_eq(g.b.line, 5);
	ck_assert_str_eq(g.b.says, "sm-0.3");
}
END_TEST

/* slmsim --record names its profile first; a version answer of another
 * generation after it is a conflict. */
START_TEST(record_header)
{
	static const char text[] =
		"2025-06-03T11:00:00.000Z INFO slmsim: SLM profile 2.4.1 (ncs-2.1)\n"
		"2025-06-03T11:00:00.100Z DEBUG modem << Ready\n"
		"2025-06-03T11:00:01.000Z DEBUG modem >> AT#XSLMVER\n"
		"2025-06-03T11:00:01.100Z DEBUG modem << #XSLMVER: \"2.6.0\",\"2.6.0\"\n"
		"2025-06-03T11:00:01.200Z DEBUG modem << OK\n";
	struct replay_log log = { 0 };
	struct profile_guess g;

	ck_assert_int_eq(log_parse_buffer(text, sizeof(text) - 1, "r.log", &log), 0);
	profile_detect(&log, &g);
	ck_assert_str_eq(det_names[g.profile], "ncs-2.1");
	ck_assert_str_eq(g.spec, "2.4.1");
	ck_assert_int_eq(g.why.line, 1);
	ck_assert(g.conflict);
	ck_assert_int_eq(g.b.line, 4);
	log_free(&log);
}
END_TEST

START_TEST(set_text)
{
	char buf[96];

	det_set_text(PROF(DET_NCS20), buf, sizeof(buf));
	ck_assert_str_eq(buf, "ncs-2.0");
	det_set_text(PROFS(DET_NCS21, DET_SM20), buf, sizeof(buf));
	ck_assert_str_eq(buf, "ncs-2.1..sm-2.0");
	det_set_text(PROF(DET_NCS26) | PROF(DET_SM02), buf, sizeof(buf));
	ck_assert_str_eq(buf, "ncs-2.6..sm-0.2");
	det_set_text(PROF(DET_NCS18) | PROF(DET_NCS20) | PROF(DET_SM20), buf, sizeof(buf));
	ck_assert_str_eq(buf, "ncs-1.8/ncs-2.0/sm-2.0");
}
END_TEST

/* --slm wins over the log and names the profile the modem gets; a
 * name no profile has is refused. */
START_TEST(override)
{
	static const char *const lines[] = L("> AT#XRECV=4", "< q9", "< #XRECV: 2", "< OK");
	struct replay_log log = { 0 };
	struct scenario s;
	struct profile_guess g;
	char note[512], conflict[512];

	parse(lines, &log);
	scenario_defaults(&s);
	s.slm_override = "1.8.1";
	ck_assert_int_eq(profile_choose(&log, &s, &g, note, sizeof(note), conflict,
					sizeof(conflict)), 0);
	ck_assert_ptr_nonnull(strstr(note, "profile ncs-1.8 (--slm 1.8.1; the log alone: profile "
					   "ncs-1.8 (line 3"));
	ck_assert_str_eq(slm_profile_of(&s.cfg)->name, "ncs-1.8");
	ck_assert_uint_eq(slm_profile_of(&s.cfg)->release.patch, 1);
	ck_assert(s.cfg.term == AT_TERM_CRLF);
	/* The Serial Modem ends commands with CR; facts come from its rows. */
	s.slm_override = "sm-1.0.1";
	ck_assert_int_eq(profile_choose(&log, &s, &g, note, sizeof(note), conflict,
					sizeof(conflict)), 0);
	ck_assert_str_eq(slm_profile_of(&s.cfg)->name, "sm-0.3");
	ck_assert_str_eq(s.cfg.slm_spec, "sm-1.0.1");
	ck_assert(s.cfg.term == AT_TERM_CR);
	ck_assert_ptr_nonnull(strstr(conflict, ""));
	s.slm_override = "0.9";
	ck_assert_int_eq(profile_choose(&log, &s, &g, note, sizeof(note), conflict,
					sizeof(conflict)), -1);
	scenario_free(&s);
	log_free(&log);
}
END_TEST

/* A scenario's own modem.slm_profile wins over the log; its terminator
 * stays. */
START_TEST(scenario_setting)
{
	static const char *const lines[] = L("> AT#XSLMVER", "< #XSLMVER: \"2.6.0\",\"2.6.0\"", "< OK");
	struct replay_log log = { 0 };
	struct scenario s;
	struct profile_guess g;
	char note[512], conflict[512], err[128];

	parse(lines, &log);
	scenario_defaults(&s);
	ck_assert_int_eq(scenario_parse_string(&s, "[modem]\nslm_profile = 2.1\nterminator = any\n",
					       err, sizeof(err)), 0);
	ck_assert_int_eq(profile_choose(&log, &s, &g, note, sizeof(note), conflict,
					sizeof(conflict)), 0);
	ck_assert_str_eq(note, "profile ncs-2.1 (the scenario's modem.slm_profile 2.1; the log alone: "
			 "profile ncs-2.6 (line 2: #XSLMVER: \"2.6.0\",\"2.6.0\"))");
	ck_assert_str_eq(slm_profile_of(&s.cfg)->name, "ncs-2.1");
	ck_assert(s.cfg.term == AT_TERM_ANY);
	scenario_free(&s);
	log_free(&log);
}
END_TEST

/* The log's own profile, with the release its version answer names. */
START_TEST(detected_setting)
{
	static const char *const lines[] = L("> AT#XSMVER", "< #XSMVER: \"v1.0.0\",\"3.2.2\"", "< OK");
	struct replay_log log = { 0 };
	struct scenario s;
	struct profile_guess g;
	char note[512], conflict[512];

	parse(lines, &log);
	scenario_defaults(&s);
	ck_assert_int_eq(profile_choose(&log, &s, &g, note, sizeof(note), conflict,
					sizeof(conflict)), 0);
	ck_assert_str_eq(s.cfg.slm_spec, "sm-1.0.0");
	ck_assert_str_eq(slm_profile_of(&s.cfg)->name, "sm-0.3");
	ck_assert(s.cfg.term == AT_TERM_CR);
	ck_assert_str_eq(conflict, "");
	scenario_free(&s);
	log_free(&log);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("profile_detect");
	TCase *tc = tcase_create("profile_detect");

	tcase_add_loop_test(tc, each_row, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, rows_compile_and_are_tested);
	tcase_add_test(tc, notes);
	tcase_add_test(tc, version_against_shape);
	tcase_add_test(tc, shapes_against_each_other);
	tcase_add_test(tc, two_versions);
	tcase_add_test(tc, set_text);
	tcase_add_test(tc, record_header);
	tcase_add_test(tc, override);
	tcase_add_test(tc, scenario_setting);
	tcase_add_test(tc, detected_setting);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
