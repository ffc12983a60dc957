/* Fleet mode: 50 modems in one slmsim process, each with its own pty,
 * credentials and mutual-TLS MQTT session to the real broker at once; one
 * mosquitto_pub reaches all of them. */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "ck_run.h"
#include "broker.h"
#include "proc.h"

#define N 50
#define LIMIT_MS 60000

static struct broker br;
static int fds[N];
static struct strbuf rx[N];

static void sendall(int fd, const char *s)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t n = write(fd, s + off, len - off);

		if (n > 0)
			off += (size_t)n;
		else if (n < 0 && errno != EAGAIN)
			ck_abort_msg("write: %s", strerror(errno));
		else {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			poll(&p, 1, 50);
		}
	}
}

/* Waits until every modem's output holds needle, consuming up to it. */
static void all_expect(const char *needle)
{
	struct timespec t0, now;
	bool done[N] = { 0 };
	int left = N;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (left) {
		struct pollfd p[N];
		char buf[4096];

		for (int i = 0; i < N; i++) {
			p[i].fd = fds[i];
			p[i].events = POLLIN;
		}
		poll(p, N, 100);
		for (int i = 0; i < N; i++) {
			ssize_t n;
			char *hit;

			while ((n = read(fds[i], buf, sizeof(buf))) > 0)
				sb_append(&rx[i], buf, (size_t)n);
			if (done[i] || !rx[i].data || !(hit = strstr(rx[i].data, needle)))
				continue;
			sb_consume(&rx[i], (size_t)(hit - rx[i].data) + strlen(needle));
			done[i] = true;
			left--;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000 > LIMIT_MS) {
			for (int i = 0; i < N; i++)
				ck_assert_msg(done[i], "modem %d never sent [%s]; has [%s]", i, needle,
					      rx[i].data ? rx[i].data : "");
		}
	}
}

static char *pem_cmd(int type, const char *file)
{
	struct strbuf sb = { 0 };
	char buf[8192];

	read_pem(file, buf, sizeof(buf));
	sb_appendf(&sb, "AT%%CMNG=0,4711,%d,\"%s\"\r\n", type, buf);
	return sb.data;
}

START_TEST(fifty_modems_connected_at_once)
{
	char map[128], pty[128], cmd[256];
	const char *args[] = { "--modems", "50", "--resolve", map, "-q", NULL };
	char *creds[3] = { pem_cmd(0, "ca.crt"), pem_cmd(1, "client-ec.crt"), pem_cmd(2, "client-ec.key") };
	struct simproc p;

	snprintf(map, sizeof(map), "mqtt.fleet-test.example:8884=127.0.0.1:%d", br.tls);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	for (int i = 0; i < N; i++) {
		struct termios t;

		ck_assert_int_eq(simproc_fleet_pty(&p, i, pty, sizeof(pty)), 0);
		fds[i] = open(pty, O_RDWR | O_NOCTTY | O_NONBLOCK);
		ck_assert_int_ge(fds[i], 0);
		tcgetattr(fds[i], &t);
		cfmakeraw(&t);
		tcsetattr(fds[i], TCSANOW, &t);
	}
	all_expect("Ready\r\n");
	/* Distinct identities, announced one line per modem. */
	for (int i = 0; i < N; i++) {
		char key[48], imei_i[16], imei_j[16];
		const char *a;

		snprintf(key, sizeof(key), "slmsim: modem %d pty=", i);
		a = strstr(p.err.data, key);
		ck_assert_ptr_nonnull(a);
		ck_assert_int_eq(sscanf(strstr(a, "imei=") + 5, "%15s", imei_i), 1);
		for (int j = 0; j < i; j++) {
			snprintf(key, sizeof(key), "slmsim: modem %d pty=", j);
			sscanf(strstr(strstr(p.err.data, key), "imei=") + 5, "%15s", imei_j);
			ck_assert_str_ne(imei_i, imei_j);
		}
	}
	for (int k = 0; k < 3; k++) {
		for (int i = 0; i < N; i++)
			sendall(fds[i], creds[k]);
		all_expect("\r\nOK\r\n");
	}
	for (int i = 0; i < N; i++)
		sendall(fds[i], "AT+CEREG=1\r\n");
	all_expect("\r\nOK\r\n");
	for (int i = 0; i < N; i++)
		sendall(fds[i], "AT+CFUN=1\r\n");
	all_expect("+CEREG: 5\r\n");
	for (int i = 0; i < N; i++) {
		snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"fleet-%d\",\"\",\"\",\"mqtt.fleet-test.example\",8884,4711\r\n", i);
		sendall(fds[i], cmd);
	}
	all_expect("#XMQTTEVT: 0,0\r\n");
	for (int i = 0; i < N; i++)
		sendall(fds[i], "AT#XMQTTSUB=\"fleet/all\",0\r\n");
	all_expect("#XMQTTEVT: 7,0\r\n");
	/* One message reaches 50 live sessions. */
	snprintf(cmd, sizeof(cmd), "mosquitto_pub -h 127.0.0.1 -p %d -t fleet/all -m hello-fleet", br.plain);
	ck_assert_int_eq(system(cmd), 0);
	all_expect("#XMQTTMSG: 9,11\r\nfleet/all\r\nhello-fleet\r\n");
	for (int i = 0; i < N; i++)
		close(fds[i]);
	for (int k = 0; k < 3; k++)
		free(creds[k]);
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}
END_TEST

START_TEST(fleet_usage)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s --modems 2 --stdio 2>/dev/null", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
	snprintf(cmd, sizeof(cmd), "%s --modems 2 --link /tmp/x 2>/dev/null", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
	snprintf(cmd, sizeof(cmd), "%s --modems 0 2>/dev/null", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fleet");
	TCase *tc = tcase_create("fleet");

	tcase_set_timeout(tc, 240);
	tcase_add_test(tc, fifty_modems_connected_at_once);
	tcase_add_test(tc, fleet_usage);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
