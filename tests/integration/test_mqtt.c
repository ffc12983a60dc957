/* The SLM MQTT client against a real mosquitto over real TLS, with
 * mosquitto_sub and mosquitto_pub as the other party. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "resolver.h"

#define LIMIT 30000

static struct broker br;
static struct mfix f;

static void setup(void)
{
	char err[128], map[128];

	mfix_setup(&f, NULL);
	snprintf(map, sizeof(map), "test_name.amazonaws.com:8883=127.0.0.1:%d", br.tls);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	snprintf(map, sizeof(map), "broker.local:1883=127.0.0.1:%d", br.plain);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
}

static void teardown(void)
{
	mfix_teardown(&f);
}

static void store(unsigned tag, const char *name)
{
	char file[128];

	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, tag, 0, "ca.crt"), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.crt", name);
	ck_assert_str_eq(mfix_write_cred(&f, tag, 1, file), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.key", name);
	ck_assert_str_eq(mfix_write_cred(&f, tag, 2, file), "\r\nOK\r\n");
}

/* The report's command; returns what followed the command. */
static const char *report_connect(unsigned tag)
{
	char cmd[160];

	mfix_register(&f);
	snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"test_name\",\"\",\"\",\"test_name.amazonaws.com\",8883,%u\r\n", tag);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	return mfix_wait_for(&f, "\r\n", LIMIT);
}

static void connect_ok(unsigned tag, const char *name)
{
	const char *out;

	store(tag, name);
	out = report_connect(tag);
	ck_assert_msg(!strcmp(out, "\r\nOK\r\n"), "%s: [%s] why [%s]", name, out, f.why);
	ck_assert_str_eq(mfix_wait_for(&f, "#XMQTTEVT: 0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
}

START_TEST(report_rsa_key_connects_and_pings)
{
	connect_ok(321, "client-rsa");
	/* Keep-alive in virtual time: a minute passes at once. */
	for (int i = 0; i < 3; i++) {
		ck_assert_str_eq(mfix_advance(&f, 60000), "");
		ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 9,0\r\n");
	}
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 1,\"test_name\",\"test_name.amazonaws.com\",8883,321\r\n\r\nOK\r\n");
	/* The DISCONNECT event comes before the OK, as in SLM v1.8. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=0\r\n"), "\r\n#XMQTTEVT: 1,0\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=0\r\n"), "\r\nERROR\r\n");
}
END_TEST

START_TEST(ec_sec1_connects) { connect_ok(757, "client-ec"); }
END_TEST

START_TEST(report_ec_key_fails_with_reason)
{
	store(757, "client-ec-params");
	ck_assert_str_eq(report_connect(757), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "rule ec-parameters-block: sec_tag 757"));
	/* No event follows a transport failure, and the modem keeps serving. */
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	ck_assert_str_eq(mfix_cmd(&f, "AT\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 0,\"test_name\",\"test_name.amazonaws.com\",8883,757\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(pkcs8_key_fails_with_reason)
{
	store(757, "client-ec-pkcs8");
	ck_assert_str_eq(report_connect(757), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "rule no-pkcs8"));
}
END_TEST

START_TEST(argument_errors)
{
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"c\",\"\",\"\",\"nowhere.example\",1883\r\n"), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "DNS"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"c\",\"\",\"\",\"broker.local\"\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,c,\"\",\"\",\"broker.local\",1883\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"01234567890123456789012345678901234567890123456789012345678901234\",\"\",\"\",\"broker.local\",1883\r\n"),
			 "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "at most 64"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"t\",0\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\",\"m\"\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=?\r\n"),
			 "\r\n#XMQTTCON: (0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>\r\n\r\nOK\r\n");
	/* Errata: the values of failed connects are kept as far as they
	 * were read (the port of the one without a port is the previous). */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 0,\"c\",\"broker.local\",1883\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=?\r\n"), "\r\n#XMQTTPUB: <topic>,<msg>,(0,1,2),(0,1)\r\n\r\nOK\r\n");
}
END_TEST

/* Plain TCP session on the broker's plain port (no sec_tag). */
static void plain_connect(const char *cid)
{
	char cmd[160];

	mfix_register(&f);
	snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"%s\",\"\",\"\",\"broker.local\",1883\r\n", cid);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
}

START_TEST(subscribe_and_receive)
{
	char cmd[256];
	const char *out;

	connect_ok(321, "client-rsa");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"slmsim/in\",1\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 7,0\r\n");
	snprintf(cmd, sizeof(cmd), "mosquitto_pub -h 127.0.0.1 -p %d -t slmsim/in -m 'hello modem' -q 1", br.plain);
	ck_assert_int_eq(system(cmd), 0);
	out = mfix_wait_for(&f, "#XMQTTEVT: 2,0\r\n", LIMIT);
	ck_assert_str_eq(out, "\r\n#XMQTTMSG: 9,11\r\nslmsim/in\r\nhello modem\r\n\r\n#XMQTTEVT: 2,0\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTUNSUB=\"slmsim/in\"\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 8,0\r\n");
}
END_TEST

START_TEST(publish_qos_0_1_2_arrive)
{
	char cmd[256], line[256], got[1024] = "";
	FILE *sub;

	snprintf(cmd, sizeof(cmd), "mosquitto_sub -h 127.0.0.1 -p %d -t slmsim/out -C 3 -W 30 -i watcher1", br.plain);
	sub = popen(cmd, "r");
	ck_assert_ptr_nonnull(sub);
	ck_assert_int_eq(broker_wait_log(&br, "watcher1 0 slmsim/out", LIMIT), 0);
	connect_ok(321, "client-rsa");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"slmsim/out\",\"zero\"\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"slmsim/out\",\"one\",1,0\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 3,0\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"slmsim/out\",\"two\",2,0\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "6,0\r\n", LIMIT), "\r\n#XMQTTEVT: 4,0\r\n\r\n#XMQTTEVT: 6,0\r\n");
	while (fgets(line, sizeof(line), sub))
		strncat(got, line, sizeof(got) - strlen(got) - 1);
	ck_assert_int_eq(pclose(sub), 0);
	ck_assert_str_eq(got, "zero\none\ntwo\n");
}
END_TEST

START_TEST(data_mode_publish)
{
	char cmd[256], line[256], got[1024] = "";
	FILE *sub;

	snprintf(cmd, sizeof(cmd), "mosquitto_sub -h 127.0.0.1 -p %d -t slmsim/dm -C 2 -W 30 -i watcher2", br.plain);
	sub = popen(cmd, "r");
	ck_assert_int_eq(broker_wait_log(&br, "watcher2 0 slmsim/dm", LIMIT), 0);
	plain_connect("dm-client");
	/* No OK on entry; each chunk is one message; "+++" framed by silence ends it. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"slmsim/dm\"\r\n"), "");
	ck_assert_str_eq(mfix_cmd(&f, "first chunk"), "");
	ck_assert_str_eq(mfix_advance(&f, 500), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");	/* too soon: payload */
	ck_assert_str_eq(mfix_advance(&f, 1000), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT\r\n"), "\r\nOK\r\n");
	while (fgets(line, sizeof(line), sub))
		strncat(got, line, sizeof(got) - strlen(got) - 1);
	pclose(sub);
	ck_assert_str_eq(got, "first chunk\n+++\n");
}
END_TEST

START_TEST(oversized_incoming_message)
{
	char cmd[256];

	plain_connect("big-client");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"slmsim/big\",0\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 7,0\r\n");
	snprintf(cmd, sizeof(cmd), "head -c 600 /dev/zero | tr '\\0' x | mosquitto_pub -h 127.0.0.1 -p %d -t slmsim/big -s", br.plain);
	ck_assert_int_eq(system(cmd), 0);
	/* Errata: the unread payload ends the session (mqtt_abort). */
	ck_assert_str_eq(mfix_wait_for(&f, "1,-113\r\n", LIMIT),
			 "\r\n#XMQTTEVT: 2,-122\r\n\r\n#XMQTTEVT: 1,-113\r\n");
	ck_assert(strstr(f.why, "exceeds the SLM's 576-byte buffer"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 0,\"big-client\",\"broker.local\",1883\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(tls_record_over_secure_socket_buffer)
{
	char cmd[256];

	connect_ok(321, "client-rsa");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"slmsim/huge\",0\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 7,0\r\n");
	snprintf(cmd, sizeof(cmd), "head -c 3000 /dev/zero | tr '\\0' x | mosquitto_pub -h 127.0.0.1 -p %d -t slmsim/huge -s", br.plain);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 1,-113\r\n");
	ck_assert_msg(strstr(f.why, "rule record-buffer: the server sent a") != NULL, "[%s]", f.why);
	ck_assert_str_eq(mfix_cmd(&f, "AT\r\n"), "\r\nOK\r\n");
}
END_TEST

START_TEST(network_loss_aborts)
{
	connect_ok(321, "client-rsa");
	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\n#XMQTTEVT: 1,-113\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 0,\"test_name\",\"test_name.amazonaws.com\",8883,321\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(registration_lost_and_regained)
{
	const char *out;

	connect_ok(321, "client-rsa");
	ck_assert_str_eq(mfix_cmd(&f, "AT+CEREG=1\r\n"), "\r\nOK\r\n");
	/* The network drops the modem: the session is aborted as on the SLM. */
	modem_net_lose(f.m, 2);
	ck_assert_str_eq(mfix_cmd(&f, ""), "\r\n+CEREG: 2\r\n\r\n#XMQTTEVT: 1,-113\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\",\"m\"\r\n"), "\r\nERROR\r\n");
	modem_net_regain(f.m);
	ck_assert_str_eq(mfix_cmd(&f, ""), "\r\n+CEREG: 5\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"test_name\",\"\",\"\",\"test_name.amazonaws.com\",8883,321\r\n"), "");
	out = mfix_wait_for(&f, "0,0\r\n", LIMIT);
	ck_assert_str_eq(out, "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
}
END_TEST

START_TEST(broker_killed_then_reconnect)
{
	struct broker second;
	char err[128], map[128];
	const char *out;

	/* A broker of its own, so the others keep theirs. */
	ck_assert_int_eq(broker_start(&second), 0);
	snprintf(map, sizeof(map), "localhost:8883=127.0.0.1:%d", second.tls);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	store(321, "client-rsa");
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"k\",\"\",\"\",\"localhost\",8883,321\r\n"), "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
	broker_kill(&second);
	/* -ENOTCONN when the peer closed, -ECONNRESET when it reset (Zephyr numbers). */
	out = mfix_wait_for(&f, "\r\n#XMQTTEVT: 1,-", LIMIT);
	ck_assert_msg(!strcmp(out, "\r\n#XMQTTEVT: 1,-128\r\n") || !strcmp(out, "\r\n#XMQTTEVT: 1,-104\r\n"),
		      "[%s]", out);
	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN?\r\n"), "\r\n+CFUN: 1\r\nOK\r\n");
	broker_stop(&second);
	/* Reconnect, to the main broker this time. */
	out = report_connect(321);
	ck_assert_msg(!strcmp(out, "\r\nOK\r\n"), "[%s] why [%s]", out, f.why);
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
}
END_TEST

START_TEST(limits_of_topics_and_messages)
{
	char cmd[1024], topic[200], msg[700];

	plain_connect("limits");
	memset(topic, 't', 127);
	topic[127] = '\0';
	snprintf(cmd, sizeof(cmd), "AT#XMQTTSUB=\"%s\",0\r\n", topic);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 7,0\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XMQTTSUB=\"%st\",0\r\n", topic);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "at most 127"));
	memset(msg, 'm', 575);
	msg[575] = '\0';
	snprintf(cmd, sizeof(cmd), "AT#XMQTTPUB=\"x\",\"%s\"\r\n", msg);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XMQTTPUB=\"x\",\"%sm\"\r\n", msg);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "at most 575"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"x\",\"m\",3\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"x\",\"m\",1,2\r\n"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"x\"\r\n"), "\r\nERROR\r\n");
}
END_TEST

/* A "broker" that accepts CONNECT, answers CONNACK, then sends junk. */
static int hostile_broker(pid_t *pid)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int ls = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_eq(bind(ls, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(ls, 1), 0);
	getsockname(ls, (struct sockaddr *)&sa, &len);
	*pid = fork();
	if (*pid == 0) {
		char buf[512];
		int c;

		/* Check's SIGTERM handler signals the whole group: not ours. */
		signal(SIGTERM, SIG_DFL);
		c = accept(ls, NULL, NULL);

		if (read(c, buf, sizeof(buf)) > 0 && write(c, "\x20\x02\x00\x00", 4) == 4) {
			usleep(100000);
			if (write(c, "\xf3\x05garbage", 9) != 9)
				_exit(1);
		}
		sleep(5);
		_exit(0);
	}
	close(ls);
	return ntohs(sa.sin_port);
}

START_TEST(malformed_packet_from_broker)
{
	char err[128], map[128];
	pid_t pid;
	int port = hostile_broker(&pid);

	snprintf(map, sizeof(map), "evil.broker:1883=127.0.0.1:%d", port);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"e\",\"\",\"\",\"evil.broker\",1883\r\n"), "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\n#XMQTTEVT: 1,-113\r\n");
	ck_assert(strstr(f.why, "malformed MQTT packet"));
	ck_assert_str_eq(mfix_cmd(&f, "AT\r\n"), "\r\nOK\r\n");
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
END_TEST

START_TEST(broker_never_started)
{
	char err[128];

	ck_assert_int_eq(resolver_add(f.ctx->resolver, "dead.broker=127.0.0.1:1", err, sizeof(err)), 0);
	store(321, "client-rsa");
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"d\",\"\",\"\",\"dead.broker\",8883,321\r\n"), "");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "Connection refused"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mqtt");
	TCase *tc = tcase_create("mqtt");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, report_rsa_key_connects_and_pings);
	tcase_add_test(tc, ec_sec1_connects);
	tcase_add_test(tc, report_ec_key_fails_with_reason);
	tcase_add_test(tc, pkcs8_key_fails_with_reason);
	tcase_add_test(tc, argument_errors);
	tcase_add_test(tc, subscribe_and_receive);
	tcase_add_test(tc, publish_qos_0_1_2_arrive);
	tcase_add_test(tc, data_mode_publish);
	tcase_add_test(tc, oversized_incoming_message);
	tcase_add_test(tc, tls_record_over_secure_socket_buffer);
	tcase_add_test(tc, network_loss_aborts);
	tcase_add_test(tc, broker_killed_then_reconnect);
	tcase_add_test(tc, broker_never_started);
	tcase_add_test(tc, registration_lost_and_regained);
	tcase_add_test(tc, limits_of_topics_and_messages);
	tcase_add_test(tc, malformed_packet_from_broker);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
