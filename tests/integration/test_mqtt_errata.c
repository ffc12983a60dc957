/* The MQTT errata of the fact sheet (section 9) against a real mosquitto
 * (a password listener for refused CONNACKs) and against small recording
 * brokers for what mosquitto cannot be made to do: answer nothing, or show
 * the packet ids the modem used. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "resolver.h"

#define LIMIT 30000

static struct broker br;
static struct mfix f;
static pid_t fake_pid;
static char rec_path[] = "/tmp/slmsim-mqtt-rec-XXXXXX";

static void map(const char *host, int port)
{
	char err[128], spec[160];

	snprintf(spec, sizeof(spec), "%s=127.0.0.1:%d", host, port);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, spec, err, sizeof(err)), 0);
}

static void setup(void)
{
	mfix_setup(&f, NULL);
	mfix_register(&f);
	fake_pid = 0;
}

static void teardown(void)
{
	if (fake_pid > 0) {
		kill(fake_pid, SIGKILL);
		waitpid(fake_pid, NULL, 0);
	}
	mfix_teardown(&f);
}

/* One client packet at buf: its type, id and payload length; the bytes it
 * takes, or 0 while incomplete.  (The codec decodes broker packets only.) */
static size_t client_packet(const uint8_t *buf, size_t len, int *type, unsigned *id,
			    size_t *payload)
{
	size_t rem = 0, i = 1, mult = 1, body;

	do {
		if (i >= len)
			return 0;
		rem += (buf[i] & 0x7f) * mult;
		mult *= 128;
	} while (buf[i++] & 0x80);
	if (len < i + rem)
		return 0;
	*type = buf[0] >> 4;
	*id = 0;
	*payload = 0;
	if (*type == 8 || *type == 10) {
		*id = (unsigned)(buf[i] << 8 | buf[i + 1]);
	} else if (*type == 3) {
		size_t tl = (size_t)(buf[i] << 8 | buf[i + 1]);

		body = 2 + tl;
		if ((buf[0] >> 1) & 3) {
			*id = (unsigned)(buf[i + body] << 8 | buf[i + body + 1]);
			body += 2;
		}
		*payload = rem - body;
	}
	return i + rem;
}

/* A fake broker: CONNACK (when answer), then each packet's type, id and
 * payload length as one line of rec_path; acknowledges nothing else. */
static void fake_serve(int c, bool answer, FILE *rec)
{
	uint8_t in[65536];
	size_t have = 0, used;
	ssize_t n;

	while ((n = read(c, in + have, sizeof(in) - have)) > 0) {
		int type;
		unsigned id;
		size_t payload;

		have += (size_t)n;
		while ((used = client_packet(in, have, &type, &id, &payload)) > 0) {
			if (type == 1 && answer && write(c, "\x20\x02\x00\x00", 4) != 4)
				_exit(1);
			fprintf(rec, "%d %u %zu\n", type, id, payload);
			fflush(rec);
			memmove(in, in + used, have - used);
			have -= used;
		}
	}
	_exit(0);
}

static int fake_broker(bool answer)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int ls = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_eq(bind(ls, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(ls, 1), 0);
	getsockname(ls, (struct sockaddr *)&sa, &len);
	fake_pid = fork();
	if (fake_pid == 0) {
		FILE *rec = fopen(rec_path, "w");

		signal(SIGTERM, SIG_DFL);
		fake_serve(accept(ls, NULL, NULL), answer, rec);
	}
	close(ls);
	return ntohs(sa.sin_port);
}

/* Waits until the recording holds lines lines; returns them. */
static const char *recorded(int lines)
{
	static char buf[4096];

	for (int tries = 0; tries < 3000; tries++) {
		FILE *r = fopen(rec_path, "r");
		size_t n = r ? fread(buf, 1, sizeof(buf) - 1, r) : 0;
		int k = 0;

		if (r)
			fclose(r);
		buf[n] = '\0';
		for (size_t i = 0; i < n; i++)
			k += buf[i] == '\n';
		if (k >= lines)
			return buf;
		mfix_wait_for(&f, "\x01never", 10);
	}
	return buf;
}

static void connect_to(const char *host, int port, const char *user, const char *pass)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"errata\",\"%s\",\"%s\",\"%s\",%d\r\n", user,
		 pass, host, port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n", LIMIT), "\r\nOK\r\n");
}

START_TEST(refused_connack_then_disconnect_event)
{
	map("auth.example:1884", br.auth);
	connect_to("auth.example", 1884, "slmsim", "wrong");
	/* The return code, then Zephyr's -ECONNREFUSED disconnect. */
	ck_assert_str_eq(mfix_wait_for(&f, "1,-111\r\n", LIMIT),
			 "\r\n#XMQTTEVT: 0,5\r\n\r\n#XMQTTEVT: 1,-111\r\n");
	ck_assert(strstr(f.why, "CONNACK return code 5"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 0,\"errata\",\"auth.example\",1884\r\n\r\nOK\r\n");
	connect_to("auth.example", 1884, "slmsim", "slmsim-secret");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=0\r\n"), "\r\n#XMQTTEVT: 1,0\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(disconnect_before_connack_is_refused)
{
	map("silent.example:1883", fake_broker(false));
	connect_to("silent.example", 1883, "", "");
	/* The SLM calls itself connected once CONNECT is out. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON?\r\n"),
			 "\r\n#XMQTTCON: 1,\"errata\",\"silent.example\",1883\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=0\r\n"), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "half-open"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=1,\"x\",\"\",\"\",\"silent.example\",1883\r\n"),
			 "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "EISCONN"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"t\",0\r\n"), "\r\nERROR\r\n");
}
END_TEST

START_TEST(message_ids_and_data_mode_chunks)
{
	char big[601];

	map("rec.example:1883", fake_broker(true));
	connect_to("rec.example", 1883, "", "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
	/* The SLM's parser drops the empty parameter after a trailing comma. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTSUB=\"a\",1,\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTUNSUB=\"a\"\r\n"), "\r\nOK\r\n");
	/* The MQTT client's socket took the first fd: #XSOCKET gets the next. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=1,2,0\r\n"), "\r\n#XSOCKET: 1,2,17\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=0\r\n"), "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	/* Extra parameters after retain are ignored. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"b\",\"m\",1,0,7,8\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"c\",\"\",1,0\r\n"), "");
	memset(big, 'x', 600);
	big[600] = '\0';
	ck_assert_str_eq(mfix_cmd(&f, big), "");	/* one write: three UART events */
	mfix_advance(&f, 1500);
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	/* CONNECT; SUBSCRIBE 1; UNSUBSCRIBE 2; PUBLISH 1; three PUBLISH 2. */
	ck_assert_str_eq(recorded(7), "1 0 0\n8 1 0\n10 2 0\n3 1 1\n3 2 256\n3 2 256\n3 2 88\n");
}
END_TEST

START_TEST(publish_while_disconnected)
{
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\",\"m\"\r\n"), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "not connected"));
	/* Data mode is entered without a check; the first chunk fails. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\"\r\n"), "");
	ck_assert_str_eq(mfix_cmd(&f, "payload"), "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT\r\n"), "\r\nOK\r\n");
}
END_TEST

START_TEST(terminator_silence_counts_from_the_last_chunk)
{
	map("rec.example:1883", fake_broker(true));
	connect_to("rec.example", 1883, "", "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
	mfix_advance(&f, 5000);
	/* No data-mode chunk for seconds: "+++" right after entering quits. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\"\r\n"), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	/* Within a second of a chunk, "+++" is payload. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTPUB=\"t\"\r\n"), "");
	ck_assert_str_eq(mfix_cmd(&f, "hi"), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1500), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	ck_assert_str_eq(recorded(3), "1 0 0\n3 0 2\n3 0 3\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("mqtt_errata");
	TCase *tc = tcase_create("mqtt_errata");
	int fd = mkstemp(rec_path);

	if (fd >= 0)
		close(fd);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, refused_connack_then_disconnect_event);
	tcase_add_test(tc, disconnect_before_connack_is_refused);
	tcase_add_test(tc, message_ids_and_data_mode_chunks);
	tcase_add_test(tc, publish_while_disconnected);
	tcase_add_test(tc, terminator_silence_counts_from_the_last_chunk);
	suite_add_tcase(s, tc);
	fd = ck_run_with_broker(s, &br);
	unlink(rec_path);
	return fd;
}
