/* Faults and hostile input against slmsim as a process: the terminal
 * program going away mid-command and mid-PEM, kill -9 during a burst of
 * credential writes, a scheduled network loss, oversized and unterminated
 * input, and private keys kept out of the log. */
#include <check.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_run.h"
#include "broker.h"
#include "proc.h"

#define LIMIT 30000

static char dir[] = "/tmp/slmsim-faults-XXXXXX";

static char *expect(struct simproc *p, const char *needle)
{
	char *got = simproc_expect(p, needle, LIMIT);

	ck_assert_msg(got != NULL, "never saw [%s]; have [%s]", needle, p->rx.data ? p->rx.data : "");
	return got;
}

START_TEST(terminal_gone_mid_pem_and_mid_command)
{
	char state[300];
	const char *args[] = { "--state", state, NULL };
	struct simproc p;
	char *got;

	snprintf(state, sizeof(state), "%s/gone", dir);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	simproc_send(&p, "AT%CMNG=0,5,0,\"-----BEGIN CERTIFICATE-----\r\nMIIBszCCAVmgAwIBAgIU\r\n");
	/* A terminal program stays open a moment after typing; slmsim polls for
	 * reopening, so an open-write-close within microseconds is not seen. */
	usleep(300000);
	simproc_close_tty(&p);
	usleep(400000);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_send(&p, "AT+CFU");
	usleep(300000);
	simproc_close_tty(&p);
	usleep(400000);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	/* A new session starts clean: no half command, no half credential. */
	simproc_send(&p, "AT\r\n");
	got = expect(&p, "OK\r\n");
	ck_assert_str_eq(got, "\r\nOK\r\n");
	free(got);
	simproc_send(&p, "AT%CMNG=1\r\n");
	got = expect(&p, "OK\r\n");
	ck_assert_str_eq(got, "\r\nOK\r\n");
	free(got);
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}
END_TEST

START_TEST(kill_9_during_credential_burst)
{
	char state[300], cmd[2200], body[1100];
	/* A burst without waiting for answers: the SLM would lose most of it,
	 * this test is about durability, so slmsim is told to keep it. */
	const char *args[] = { "--state", state, "--set", "modem.busy_input=keep", NULL };
	struct simproc p;
	int acked = 0, listed = 0;
	char *got;

	snprintf(state, sizeof(state), "%s/burst", dir);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	for (int i = 0; i < 30; i++) {
		memset(body, 'A' + i % 26, 1000);
		body[1000] = '\0';
		snprintf(cmd, sizeof(cmd), "AT%%CMNG=0,%d,0,\"%s\"\r\n", 100 + i, body);
		simproc_send(&p, cmd);
	}
	/* Count the writes acknowledged so far, then kill without warning. */
	while (acked < 8) {
		got = simproc_expect(&p, "OK\r\n", LIMIT);
		ck_assert_ptr_nonnull(got);
		free(got);
		acked++;
	}
	kill(p.pid, SIGKILL);
	waitpid(p.pid, NULL, 0);
	p.pid = 0;
	simproc_stop(&p);

	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	simproc_send(&p, "AT%CMNG=1\r\n");
	got = expect(&p, "\r\nOK\r\n");
	for (char *s = strstr(got, "%CMNG: "); s; s = strstr(s + 1, "%CMNG: ")) {
		int tag, type;

		ck_assert_int_eq(sscanf(s, "%%CMNG: %d,%d", &tag, &type), 2);
		ck_assert_msg(tag >= 100 && tag < 130 && type == 0, "stray credential %d,%d", tag, type);
		listed++;
	}
	free(got);
	ck_assert_int_ge(listed, acked);
	/* Every stored credential is whole. */
	for (int i = 0; i < listed; i++) {
		char want[1200];

		snprintf(cmd, sizeof(cmd), "AT%%CMNG=2,%d,0\r\n", 100 + i);
		simproc_send(&p, cmd);
		got = expect(&p, "\r\nOK\r\n");
		memset(body, 'A' + i % 26, 1000);
		body[1000] = '\0';
		snprintf(want, sizeof(want), ",\"%s\"\r\n", body);
		ck_assert_msg(strstr(got, want) != NULL, "credential %d not intact", 100 + i);
		free(got);
	}
	simproc_stop(&p);
}
END_TEST

START_TEST(scheduled_network_loss)
{
	const char *args[] = { "--virtual-time", "-q", "--fault", "net-loss=10:5", "--linger", "30000", NULL };
	char out[4096];

	ck_assert_int_eq(simproc_run_stdio("AT+CEREG=1\r\nAT+CFUN=1\r\n", args, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Ready\r\n\r\nOK\r\n\r\nOK\r\n\r\n+CEREG: 2\r\n\r\n+CEREG: 5\r\n"
			 "\r\n+CEREG: 2\r\n\r\n+CEREG: 5\r\n");
}
END_TEST

START_TEST(hostile_lines)
{
	struct simproc p;
	char *big = malloc(70000), *got;
	const char *args[] = { NULL };

	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	/* Errata: the 4096th byte of a line ends it at once with ERROR; what
	 * followed in that chunk is lost.  However the pty cut the 4200 bytes,
	 * the line end sent next gives exactly one more ERROR (for the tail,
	 * or for an empty line), and the modem then serves again. */
	memset(big, 'A', 4200);
	big[4200] = '\0';
	simproc_send(&p, big);
	got = expect(&p, "ERROR\r\n");
	ck_assert_str_eq(got, "\r\nERROR\r\n");
	free(got);
	simproc_send(&p, "\r\n");
	got = expect(&p, "ERROR\r\n");
	ck_assert_str_eq(got, "\r\nERROR\r\n");
	free(got);
	simproc_send(&p, "AT\r\n");
	got = expect(&p, "OK\r\n");
	ck_assert_str_eq(got, "\r\nOK\r\n");
	free(got);
	/* An unterminated quote holds line ends until it closes. */
	simproc_send(&p, "AT+CGMI=\"abc\r\nAT\r\n\"\r\n");
	got = expect(&p, "\r\n");
	ck_assert_str_eq(got, "\r\n");
	free(got);
	got = expect(&p, "\r\n");
	ck_assert_str_eq(got, "ERROR\r\n");
	free(got);
	/* Binary garbage, then a normal command. */
	simproc_send(&p, "\x01\x02\xfe\xff\x80garbage\r\n");
	got = expect(&p, "ERROR\r\n");
	ck_assert_str_eq(got, "\r\nERROR\r\n");
	free(got);
	simproc_send(&p, "AT+CGMM\r\n");
	got = expect(&p, "nRF9160-SICA\r\nOK\r\n");
	ck_assert_str_eq(got, "\r\nnRF9160-SICA\r\nOK\r\n");
	free(got);
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
	free(big);
}
END_TEST

START_TEST(keys_stay_out_of_the_log)
{
	char logf[300], keyf[512], cmd[8192], key[4096], line2[128];
	const char *args[] = { "--log", logf, "-q", NULL };
	struct simproc p;
	FILE *f;
	size_t n;

	snprintf(logf, sizeof(logf), "%s/diag.log", dir);
	snprintf(keyf, sizeof(keyf), "%s/client-ec.key", certs_dir());
	f = fopen(keyf, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(key, 1, sizeof(key) - 1, f);
	fclose(f);
	key[n] = '\0';
	while (n && key[n - 1] == '\n')
		key[--n] = '\0';
	sscanf(strchr(key, '\n') + 1, "%127s", line2);	/* first base64 line */
	ck_assert_int_ge(strlen(line2), 60);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	snprintf(cmd, sizeof(cmd), "AT%%CMNG=0,3,2,\"%s\"\r\n", key);
	simproc_send(&p, cmd);
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT%CMNG=2,3,2\r\n");
	simproc_must_see(&p, "ERROR\r\n");	/* private keys cannot be read back */
	simproc_stop(&p);
	snprintf(cmd, sizeof(cmd), "grep -q -- '%s' %s", line2, logf);
	ck_assert_int_ne(system(cmd), 0);
	snprintf(cmd, sizeof(cmd), "grep -q 'private key redacted' %s", logf);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("faults");
	TCase *tc = tcase_create("faults");
	int failed;
	char cmd[128];

	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, terminal_gone_mid_pem_and_mid_command);
	tcase_add_test(tc, kill_9_during_credential_burst);
	tcase_add_test(tc, scheduled_network_loss);
	tcase_add_test(tc, hostile_lines);
	tcase_add_test(tc, keys_stay_out_of_the_log);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
