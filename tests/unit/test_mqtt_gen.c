/* The MQTT commands per SLM generation, byte for byte, without a broker:
 * #XMQTTCFG (2.6+, SM), the set, read and test forms of #XMQTTCON, the
 * integer <qos> in #XMQTTPUB's second field (1.8/1.9 only) and the forms
 * 2.5 refuses without a session.  A broker's part is in
 * tests/integration/test_mqtt_gen.c. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "ck_run.h"
#include "cmd_table.h"
#include "modem_fixture.h"

static struct mfix f;

/* A modem of the generation spec names, CR LF terminated (SM's CR too). */
static void start(const char *spec)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", spec, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

/* Another modem with these settings. */
static void start_with(const char *const *settings)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	for (size_t i = 0; settings[i]; i++)
		ck_assert_msg(!config_set_arg(&cfg, settings[i], err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

static void setup(void) { mfix_setup(&f, NULL); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define OK "\r\nOK\r\n"
#define ERR "\r\nERROR\r\n"

START_TEST(xmqttcon_forms_per_generation)
{
	static const struct { const char *spec, *read, *test; } cases[] = {
		{ "1.8", "0,\"\",\"\",0", "(0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "1.9", "0,\"\",\"\",0", "(0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "2.0", "0,\"\",\"\",0", "(0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "2.4", "0,\"\",\"\",0", "(0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "2.5", "0", "(0,1,2),<client_id>,<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "2.6", "0", "(0,1,2),<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "3.1", "0", "(0,1,2),<username>,<password>,<url>,<port>,<sec_tag>" },
		{ "sm-1.0", "0", "(0,1,2),<username>,<password>,<url>,<port>,<sec_tag>" },
	};
	char want[256];

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		start(cases[i].spec);
		snprintf(want, sizeof(want), "\r\n#XMQTTCON: %s\r\n" OK, cases[i].read);
		ck_assert_msg(!strcmp(mfix_cmd(&f, "AT#XMQTTCON?\r\n"), want), "%s", cases[i].spec);
		snprintf(want, sizeof(want), "\r\n#XMQTTCON: %s\r\n" OK, cases[i].test);
		ck_assert_msg(!strcmp(mfix_cmd(&f, "AT#XMQTTCON=?\r\n"), want), "%s", cases[i].spec);
	}
}
END_TEST

START_TEST(failed_connect_keeps_what_it_read)
{
	/* 2.4: the values read before the failure show; 2.6 has no client
	 * id in the command and keeps the broker's. */
	start("2.4");
	EXPECT("AT#XMQTTCON=1,\"c-24\",\"\",\"\",\"h.example\",1883\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "not registered"));
	EXPECT("AT#XMQTTCON?\r\n", "\r\n#XMQTTCON: 0,\"c-24\",\"h.example\",1883\r\n" OK);
	start("2.6");
	EXPECT("AT#XMQTTCON=1,\"u\",\"p\",\"h.example\",1883\r\n", ERR);
	EXPECT("AT#XMQTTCON?\r\n", "\r\n#XMQTTCON: 0\r\n" OK);
	/* The 1.8 form's client id in field 2 makes <port> the host: ERROR. */
	EXPECT("AT#XMQTTCON=1,\"c\",\"u\",\"p\",\"h.example\",1883\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "AT#XMQTTCFG"));
}
END_TEST

START_TEST(xmqttcfg_of_26)
{
	start("2.6");
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"slm_default_client_id\",60,1\r\n" OK);
	EXPECT("AT#XMQTTCFG=?\r\n", "\r\n#XMQTTCFG: <client_id>,<keep_alive>,<clean_session>\r\n" OK);
	EXPECT("AT#XMQTTCFG=\"dev-41\",120,0\r\n", OK);
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"dev-41\",120,0\r\n" OK);
	/* Left out, keep-alive and clean session are the defaults again. */
	EXPECT("AT#XMQTTCFG=\"dev-42\"\r\n", OK);
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"dev-42\",60,1\r\n" OK);
	EXPECT("AT#XMQTTCFG=\"dev-43\",15\r\n", OK);
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"dev-43\",15,1\r\n" OK);
	/* A bad later value: ERROR, the client id taken all the same. */
	EXPECT("AT#XMQTTCFG=\"dev-44\",15,2\r\n", ERR);
	EXPECT("AT#XMQTTCFG=\"dev-45\",70000\r\n", ERR);
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"dev-45\",15,1\r\n" OK);
	EXPECT("AT#XMQTTCFG=7\r\n", ERR);
	EXPECT("AT#XMQTTCFG\r\n", ERR);
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"dev-45\",15,1\r\n" OK);
	/* The build's keep-alive is a setting (CONFIG_MQTT_KEEPALIVE). */
	start_with((const char *[]){ "modem.terminator=crlf", "modem.slm_profile=3.0",
				     "mqtt.keepalive_s=1200", NULL });
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"slm_default_client_id\",1200,1\r\n" OK);
}
END_TEST

START_TEST(xmqttcfg_of_sm_and_none_before_26)
{
	/* SM ends a command with CR. */
	start_with((const char *[]){ "modem.slm_profile=sm-0.2", NULL });
	EXPECT("AT#XMQTTCFG?\r", "\r\n#XMQTTCFG: \"sm_default_client_id\",60,1\r\n" OK);
	start("sm-0.1");	/* SM v0.1.0 is NCS 3.1.99's SLM: see docs/fidelity.md */
	EXPECT("AT#XMQTTCFG?\r\n", "\r\n#XMQTTCFG: \"slm_default_client_id\",60,1\r\n" OK);
	start("2.5");
	EXPECT("AT#XMQTTCFG?\r\n", ERR);
	EXPECT("AT#XMQTTCFG=\"c\"\r\n", ERR);
	start("1.8");
	EXPECT("AT#XMQTTCFG=?\r\n", ERR);
}
END_TEST

START_TEST(integer_qos_in_field_two)
{
	/* 1.8/1.9: the integer is <qos> and data mode begins (no connection
	 * check); "+++" framed by silence leaves it. */
	static const char *const old[] = { "1.8", "1.9.2" };
	/* Data mode's entry answers OK from 2.1. */
	static const struct { const char *spec, *entry; } later[] = {
		{ "2.0", "" }, { "2.2", OK }, { "2.4", OK },
	};

	for (size_t i = 0; i < ARRAY_SIZE(old); i++) {
		start(old[i]);
		EXPECT("AT#XMQTTPUB=\"t/q\",1\r\n", "");
		ck_assert(f.m->dm.active);
	}
	for (size_t i = 0; i < ARRAY_SIZE(later); i++) {
		start(later[i].spec);
		EXPECT("AT#XMQTTPUB=\"t/q\",1\r\n", ERR);
		ck_assert_ptr_nonnull(strstr(f.why, "<msg> must be a quoted string"));
		ck_assert(!f.m->dm.active);
		EXPECT("AT#XMQTTPUB=\"t/q\",,1\r\n", ERR);
		/* "" is data mode, as an absent <msg>. */
		EXPECT("AT#XMQTTPUB=\"t/q\",\"\",1\r\n", later[i].entry);
		ck_assert(f.m->dm.active);
	}
}
END_TEST

START_TEST(no_session_forms_of_25)
{
	/* 2.5+: ERROR before anything, the test forms too; 2.4 answers them. */
	start("2.4");
	EXPECT("AT#XMQTTPUB=?\r\n", "\r\n#XMQTTPUB: <topic>,<msg>,(0,1,2),(0,1)\r\n" OK);
	EXPECT("AT#XMQTTSUB=?\r\n", "\r\n#XMQTTSUB: <topic>,(0,1,2)\r\n" OK);
	EXPECT("AT#XMQTTUNSUB=?\r\n", "\r\n#XMQTTUNSUB: <topic>\r\n" OK);
	EXPECT("AT#XMQTTPUB=\"t/a\"\r\n", OK);	/* data mode's entry (2.1+) */
	ck_assert(f.m->dm.active);
	start("2.5");
	EXPECT("AT#XMQTTPUB=?\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "no MQTT session"));
	EXPECT("AT#XMQTTSUB=?\r\n", ERR);
	EXPECT("AT#XMQTTUNSUB=?\r\n", ERR);
	EXPECT("AT#XMQTTPUB=\"t/a\"\r\n", ERR);
	ck_assert(!f.m->dm.active);
	EXPECT("AT#XMQTTSUB=\"t/a\",1\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "no MQTT session"));
}
END_TEST

START_TEST(connect_facts_per_generation)
{
	struct at_cmd_facts fa;
	const struct slm_profile *p26 = slm_profile_find("2.6"), *sm = slm_profile_find("sm-1.0");

	/* 1.8: the client id is in the command. */
	ck_assert(at_cmd_facts("AT#XMQTTCON=1,\"c-1\",\"u\",\"p\",\"b.example\",1884", &fa));
	ck_assert_str_eq(fa.client_id, "c-1");
	ck_assert_str_eq(fa.host, "b.example");
	ck_assert_int_eq(fa.port, 1884);
	ck_assert_str_eq(fa.user, "u");
	/* 2.6: the broker at its own places; the client id the default's. */
	ck_assert(at_cmd_facts_of(p26, "AT#XMQTTCON=1,\"u2\",\"p2\",\"b2.example\",8884,77", &fa));
	ck_assert_str_eq(fa.host, "b2.example");
	ck_assert_int_eq(fa.port, 8884);
	ck_assert_str_eq(fa.user, "u2");
	ck_assert_str_eq(fa.password, "p2");
	ck_assert(fa.has_sec_tag);
	ck_assert_int_eq(fa.sec_tag, 77);
	ck_assert_str_eq(fa.client_id, "slm_default_client_id");
	ck_assert(at_cmd_facts_of(sm, "AT#XMQTTCON=1,\"\",\"\",\"b3.example\",1883", &fa));
	ck_assert_str_eq(fa.client_id, "sm_default_client_id");
	ck_assert(!fa.has_sec_tag);
	/* #XMQTTCFG gives a client id, to no peer. */
	ck_assert(at_cmd_facts_of(p26, "AT#XMQTTCFG=\"cfg-9\",30,0", &fa));
	ck_assert_str_eq(fa.client_id, "cfg-9");
	ck_assert_int_eq(fa.peer, AT_PEER_NONE);
	ck_assert(!fa.host);
	/* 2.0: "" enters data mode; an integer second field fails, 1.8
	 * takes it as <qos> and enters data mode. */
	ck_assert(at_cmd_facts_of(slm_profile_find("2.0"), "AT#XMQTTPUB=\"t\",\"\"", &fa));
	ck_assert(fa.enters_datamode);
	ck_assert(at_cmd_facts_of(slm_profile_find("2.0"), "AT#XMQTTPUB=\"t\",1", &fa));
	ck_assert(!fa.enters_datamode);
	ck_assert(at_cmd_facts("AT#XMQTTPUB=\"t\",1", &fa));
	ck_assert(fa.enters_datamode);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mqtt_gen");
	TCase *tc = tcase_create("mqtt_gen");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, xmqttcon_forms_per_generation);
	tcase_add_test(tc, failed_connect_keeps_what_it_read);
	tcase_add_test(tc, xmqttcfg_of_26);
	tcase_add_test(tc, xmqttcfg_of_sm_and_none_before_26);
	tcase_add_test(tc, integer_qos_in_field_two);
	tcase_add_test(tc, no_session_forms_of_25);
	tcase_add_test(tc, connect_facts_per_generation);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
