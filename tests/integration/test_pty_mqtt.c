/* The report's MQTT step through slmsim's pty, as a person would type it:
 * --resolve maps the AWS endpoint to a real local mosquitto (mutual TLS). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "broker.h"
#include "proc.h"

#define LIMIT 30000

static struct broker br;

static void write_cred(struct simproc *p, int type, const char *file)
{
	char path[512], buf[8192];

	read_pem(file, buf, sizeof(buf));
	/* One PEM line at a time, as Link Monitor sends them. */
	snprintf(path, sizeof(path), "AT%%CMNG=0,16842755,%d,\"", type);
	simproc_send(p, path);
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		simproc_send(p, line);
		simproc_send(p, "\r\n");
	}
	simproc_send(p, "\"\r\n");
	simproc_must_see(p, "\r\nOK\r\n");
}

static void session(const char *key, struct simproc *p)
{
	char map[128], file[64];
	const char *args[] = { "--virtual-time", "--resolve", map, NULL };

	snprintf(map, sizeof(map), "devices.eu-2.example.net:443=127.0.0.1:%d", br.tls);
	ck_assert_int_eq(simproc_start(p, args), 0);
	ck_assert_int_eq(simproc_open_tty(p), 0);
	simproc_must_see(p, "Ready\r\n");
	write_cred(p, 0, "ca.crt");
	snprintf(file, sizeof(file), "%s.crt", key);
	write_cred(p, 1, file);
	snprintf(file, sizeof(file), "%s.key", key);
	write_cred(p, 2, file);
	simproc_send(p, "AT+CEREG=5\r\n");
	simproc_must_see(p, "\r\nOK\r\n");
	simproc_send(p, "AT+CFUN=1\r\n");
	simproc_must_see(p, "\"11100000\"\r\n");
	simproc_send(p, "AT#XMQTTCON=1,\"eu2-dev-0007\",\"\",\"\",\"devices.eu-2.example.net\",443,16842755\r\n");
}

START_TEST(rsa_connects_and_pings)
{
	struct simproc p;
	char *got;

	session("client-rsa", &p);
	got = simproc_expect(&p, "#XMQTTEVT: 0,0\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
	free(got);
	got = simproc_expect(&p, "#XMQTTEVT: 9,0\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\n#XMQTTEVT: 9,0\r\n");
	free(got);
	simproc_must_see(&p, "\r\n#XMQTTEVT: 9,0\r\n");
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}
END_TEST

START_TEST(ec_parameters_key_errors_and_explains)
{
	struct simproc p;
	char *got;

	session("client-ec-params", &p);
	got = simproc_expect(&p, "ERROR\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\nERROR\r\n");
	free(got);
	/* The explanation is on slmsim's stderr. */
	simproc_send(&p, "AT\r\n");
	simproc_must_see(&p, "\r\nOK\r\n");
	ck_assert_msg(strstr(p.err.data, "rule ec-parameters-block: sec_tag 16842755") != NULL, "%s", p.err.data);
	ck_assert(strstr(p.err.data, "openssl ec -in key.pem -out key-sec1.pem"));
	simproc_stop(&p);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pty_mqtt");
	TCase *tc = tcase_create("pty_mqtt");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rsa_connects_and_pings);
	tcase_add_test(tc, ec_parameters_key_errors_and_explains);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
