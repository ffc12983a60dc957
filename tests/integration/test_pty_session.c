/* slmsim as a separate process on its pty, driven as a terminal program
 * would drive it: the report's pre-connect sequence, reopening the pty,
 * --link, --record and clean shutdown. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_run.h"
#include "proc.h"

#define LIMIT 20000

static char tmpdir[] = "/tmp/slmsim-test-XXXXXX";

START_TEST(report_pre_connect_sequence)
{
	/* Another cell than the report's default, on NB-IoT. */
	const char *args[] = { "--virtual-time", "--set", "network.tac=5B10", "--set",
			       "network.ci=01A2B3C4", "--set", "network.act=9", "--set",
			       "modem.systemmode=0,1,0,0", NULL };
	struct simproc p;
	char *got;

	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	simproc_send(&p, "AT\r\n");
	got = simproc_expect(&p, "OK\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\nOK\r\n");
	free(got);
	simproc_send(&p, "AT+CFUN?\r\n");
	got = simproc_expect(&p, "OK\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\n+CFUN: 0\r\nOK\r\n");
	free(got);
	simproc_send(&p, "AT+CEREG=5\r\n");
	simproc_must_see(&p, "\r\nOK\r\n");
	simproc_send(&p, "AT+CFUN=1\r\n");
	got = simproc_expect(&p, "\"11100000\"\r\n", LIMIT);
	ck_assert_str_eq(got, "\r\nOK\r\n"
			 "\r\n+CEREG: 2,\"5B10\",\"01A2B3C4\",9\r\n"
			 "\r\n+CEREG: 5,\"5B10\",\"01A2B3C4\",9,,,\"00011110\",\"11100000\"\r\n");
	free(got);
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}
END_TEST

START_TEST(reopen_link_record)
{
	char link[256], rec[256], target[256];
	const char *args[] = { "--virtual-time", "--link", link, "--record", rec, NULL };
	struct simproc p;
	FILE *f;
	char line[512];
	int n = 0, found = 0;
	ssize_t len;

	snprintf(link, sizeof(link), "%s/slm0", tmpdir);
	snprintf(rec, sizeof(rec), "%s/session.log", tmpdir);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	len = readlink(link, target, sizeof(target) - 1);
	ck_assert_int_gt(len, 0);
	target[len] = '\0';
	ck_assert_str_eq(target, p.pty);

	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	/* Half a command, then the terminal program goes away ... */
	simproc_send(&p, "AT+CFUN=");
	simproc_close_tty(&p);
	usleep(300000);
	/* ... and a new one gets a working modem. */
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_send(&p, "AT+CGMM\r");
	simproc_must_see(&p, "\r\nnRF9160-SICA\r\nOK\r\n");
	simproc_send(&p, "AT%CMNG=0,1,0,\"-----BEGIN CERTIFICATE-----\r\nAB\r\n-----END CERTIFICATE-----\"\r\n");
	simproc_must_see(&p, "\r\nOK\r\n");
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
	ck_assert_int_ne(access(link, F_OK), 0);	/* link removed on exit */

	f = fopen(rec, "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		n++;
		/* Link Monitor's format; the first lines, notes, name the SLM
		 * profile and the modem firmware. */
		ck_assert_msg(strlen(line) > 30 && line[4] == '-' && line[23] == 'Z' &&
			      (!strncmp(line + 24, " DEBUG modem ", 13) ||
			       (n == 1 && !strcmp(line + 24, " INFO slmsim: SLM profile 1.8.0 (ncs-1.8)\n")) ||
			       (n == 2 && !strcmp(line + 24, " INFO slmsim: modem firmware 1.3.1 "
						  "(mfw-1.3.x)\n"))),
			      "bad record line: %s", line);
		if (strstr(line, ">> AB\n"))
			found++;
		if (strstr(line, "<< nRF9160-SICA"))
			found++;
	}
	fclose(f);
	ck_assert_int_eq(found, 2);
	ck_assert_int_ge(n, 8);
}
END_TEST

START_TEST(usage_errors)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "%s --no-such-option 2>/dev/null", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
	snprintf(cmd, sizeof(cmd), "%s --set network.act=5 2>/dev/null", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 2);
	snprintf(cmd, sizeof(cmd), "%s --help | grep -q -- --virtual-time", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 0);
	snprintf(cmd, sizeof(cmd), "%s --version | grep -q '^slmsim '", simproc_bin());
	ck_assert_int_eq(WEXITSTATUS(system(cmd)), 0);
}
END_TEST

START_TEST(stdio_pipe)
{
	const char *args[] = { "--virtual-time", "--linger", "60000", "-q", NULL };
	char out[4096];

	ck_assert_int_eq(simproc_run_stdio("AT+CEREG=1\r\nAT+CFUN=1\r\n", args, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Ready\r\n\r\nOK\r\n\r\nOK\r\n\r\n+CEREG: 2\r\n\r\n+CEREG: 5\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pty_session");
	TCase *tc = tcase_create("pty");
	int failed;

	if (!mkdtemp(tmpdir))
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, report_pre_connect_sequence);
	tcase_add_test(tc, reopen_link_record);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, stdio_pipe);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	if (!failed) {
		char cmd[128];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpdir);
		failed = system(cmd) != 0;
	}
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
