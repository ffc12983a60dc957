/* The MQTT differences of later SLM generations against a real mosquitto:
 * 2.6's connect with #XMQTTCFG's client id, keep-alive and clean session
 * (as the broker logs them), incoming QoS 1 acknowledged from 2.0 and
 * QoS 2 from 2.6 (mosquitto keeps at most 20 unacknowledged messages in
 * flight to a client: the 21st arrives only when the modem acknowledges),
 * payloads past 576 bytes streamed from 2.0, the inline <msg> buffers. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "resolver.h"

#define LIMIT 30000
#define INFLIGHT 20	/* mosquitto's max_inflight_messages default */

static struct broker br;
static struct mfix f;

static void setup(void) { mfix_setup(&f, NULL); }
static void teardown(void) { mfix_teardown(&f); }

/* A registered modem of generation spec; host reaches the plain listener. */
static void start(const char *spec, const char *host)
{
	struct modem_config cfg;
	char err[128], map[160];

	mfix_teardown(&f);
	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.terminator=crlf", err, sizeof(err)));
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", spec, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
	snprintf(map, sizeof(map), "%s:1883=127.0.0.1:%d", host, br.plain);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	mfix_register(&f);
}

/* cmd connects: OK, then the CONNACK. */
static void connect_with(const char *cmd)
{
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_msg(!strcmp(mfix_wait_for(&f, "\r\n", LIMIT), "\r\nOK\r\n"), "why [%s]", f.why);
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
}

static void subscribe(const char *topic, int qos)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "AT#XMQTTSUB=\"%s\",%d\r\n", topic, qos);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 7,0\r\n");
}

/* n messages "<tag>-01".. at qos from another client, in one session. */
static void publish_many(const char *topic, const char *tag, int n, int qos)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "for i in $(seq -w 1 %d); do echo %s-$i; done | "
		 "mosquitto_pub -h 127.0.0.1 -p %d -t %s -q %d -l", n, tag, br.plain, topic, qos);
	ck_assert_int_eq(system(cmd), 0);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

START_TEST(cfg_client_id_keepalive_and_clean_session_reach_the_broker)
{
	start("2.6", "mq26.example");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCFG=\"gen26-cfg\",45,0\r\n"), "\r\nOK\r\n");
	connect_with("AT#XMQTTCON=1,\"\",\"\",\"mq26.example\",1883\r\n");
	ck_assert_int_eq(broker_wait_log(&br, "as gen26-cfg (p2, c0, k45)", LIMIT), 0);
	/* The keep-alive set is the one the client pings by; PINGRESP is
	 * event 9 in every generation. */
	ck_assert_str_eq(mfix_advance(&f, 44000), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 9,0\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 1,\"gen26-cfg\",\"mq26.example\",1883\r\n\r\nOK\r\n");
	/* Connected, the client is not configured; its id is taken anyway. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCFG=\"gen26-late\"\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCFG?\r\n"),
			 "\r\n#XMQTTCFG: \"gen26-late\",45,0\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=0\r\n"), "\r\n#XMQTTEVT: 1,0\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"), "\r\n#XMQTTCON: 0\r\n\r\nOK\r\n");
	/* The default id, keep-alive and clean session of an SM build. */
	start("sm-0.3", "mqsm.example");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"\",\"\",\"mqsm.example\",1883\r\n"), "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
	ck_assert_int_eq(broker_wait_log(&br, "as sm_default_client_id (p2, c1, k60)", LIMIT), 0);
}
END_TEST

/* 2.0 acknowledges QoS 1: all 21 arrive. */
START_TEST(qos1_acknowledged_from_20)
{
	const char *out;

	start("2.0", "mq20.example");
	connect_with("AT#XMQTTCON=1,\"gen20-ack\",\"\",\"\",\"mq20.example\",1883\r\n");
	subscribe("gen/q1", 1);
	publish_many("gen/q1", "one", INFLIGHT + 1, 1);
	out = mfix_wait_for(&f, "one-21\r\n\r\n#XMQTTEVT: 2,0\r\n", LIMIT);
	ck_assert_msg(strstr(out, "\r\n#XMQTTMSG: 6,6\r\ngen/q1\r\none-21\r\n\r\n#XMQTTEVT: 2,0\r\n"),
		      "[%s]", out);
	ck_assert_int_eq(count(out, "#XMQTTMSG: "), INFLIGHT + 1);
}
END_TEST

/* 2.6 answers QoS 2 with PUBREC, the broker's PUBREL with PUBCOMP
 * (#XMQTTEVT: 5,0): all 21 arrive. */
START_TEST(qos2_received_from_26)
{
	const char *out;

	start("2.6", "mq26b.example");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCFG=\"gen26-rec\"\r\n"), "\r\nOK\r\n");
	connect_with("AT#XMQTTCON=1,\"\",\"\",\"mq26b.example\",1883\r\n");
	subscribe("gen/q2", 2);
	publish_many("gen/q2", "two", INFLIGHT + 1, 2);
	out = mfix_wait_for(&f, "two-21\r\n\r\n#XMQTTEVT: 2,0\r\n\r\n#XMQTTEVT: 5,0\r\n", LIMIT);
	ck_assert_msg(!strncmp(out, "\r\n#XMQTTMSG: 6,6\r\ngen/q2\r\ntwo-01\r\n\r\n#XMQTTEVT: 2,0\r\n",
			       52), "[%.300s]", out);
	ck_assert_int_eq(count(out, "#XMQTTMSG: "), INFLIGHT + 1);
	ck_assert_int_eq(count(out, "#XMQTTEVT: 5,0"), INFLIGHT + 1);
}
END_TEST

/* 2.0 streams a payload of any size: no -EMSGSIZE past 576 bytes. */
START_TEST(large_payload_streamed_from_20)
{
	char cmd[256], want[64];
	const char *out;

	start("2.1", "mq21.example");
	connect_with("AT#XMQTTCON=1,\"gen21-big\",\"\",\"\",\"mq21.example\",1883\r\n");
	subscribe("gen/big", 0);
	snprintf(cmd, sizeof(cmd), "head -c 5000 /dev/zero | tr '\\0' y | mosquitto_pub -h "
		 "127.0.0.1 -p %d -t gen/big -s", br.plain);
	ck_assert_int_eq(system(cmd), 0);
	out = mfix_wait_for(&f, "#XMQTTEVT: 2,", LIMIT);
	snprintf(want, sizeof(want), "\r\n#XMQTTMSG: 7,5000\r\ngen/big\r\nyyyy");
	ck_assert_msg(!strncmp(out, want, strlen(want)), "[%.80s]", out);
	ck_assert_uint_eq(strlen(out), strlen(want) - 4 + 5000 + strlen("\r\n\r\n#XMQTTEVT: 2,0\r\n"));
	ck_assert_str_eq(out + strlen(out) - 22, "yy\r\n\r\n#XMQTTEVT: 2,0\r\n");
}
END_TEST

static void publish_inline(size_t len, const char *answer)
{
	static char cmd[1200];
	int n = snprintf(cmd, sizeof(cmd), "AT#XMQTTPUB=\"gen/in\",\"");

	memset(cmd + n, 'p', len);
	snprintf(cmd + n + len, sizeof(cmd) - n - len, "\"\r\n");
	ck_assert_msg(!strcmp(mfix_cmd(&f, cmd), answer), "%zu: why [%s]", len, f.why);
}

START_TEST(inline_message_buffers)
{
	start("2.2", "mq22.example");
	connect_with("AT#XMQTTCON=1,\"gen22-in\",\"\",\"\",\"mq22.example\",1883\r\n");
	publish_inline(255, "\r\nOK\r\n");
	publish_inline(256, "\r\nERROR\r\n");
	ck_assert_ptr_nonnull(strstr(f.why, "at most 255"));
	start("2.3", "mq23.example");
	connect_with("AT#XMQTTCON=1,\"gen23-in\",\"\",\"\",\"mq23.example\",1883\r\n");
	publish_inline(1023, "\r\nOK\r\n");
	publish_inline(1024, "\r\nERROR\r\n");
	ck_assert_msg(strstr(f.why, "at most 1023"), "%s", f.why);
	/* With a session, 2.5's test forms answer. */
	start("2.5", "mq25.example");
	connect_with("AT#XMQTTCON=1,\"gen25-in\",\"\",\"\",\"mq25.example\",1883\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=?\r\n"),
			 "\r\n#XMQTTPUB: <topic>,<msg>,(0,1,2),(0,1)\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=?\r\n"), "\r\n#XMQTTSUB: <topic>,(0,1,2)\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 1,\"gen25-in\",\"mq25.example\",1883\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mqtt_gen");
	TCase *tc = tcase_create("mqtt_gen");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cfg_client_id_keepalive_and_clean_session_reach_the_broker);
	tcase_add_test(tc, qos1_acknowledged_from_20);
	tcase_add_test(tc, qos2_received_from_26);
	tcase_add_test(tc, large_payload_streamed_from_20);
	tcase_add_test(tc, inline_message_buffers);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
