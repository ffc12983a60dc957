/* slmreplay end to end: a session recorded with slmsim --record replays
 * and passes, against the in-process emulator and with --tty against a
 * second slmsim; a pasted log replays with no scenario file. */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_run.h"
#include "proc.h"

#define LIMIT 30000

static char dir[] = "/tmp/slmreplay-test-XXXXXX";
static char rec[300];

static const char *replay_bin(void)
{
	const char *b = getenv("SLMREPLAY");

	return b ? b : "build/harness/slmreplay";
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

/* Records a session through a pty, as a terminal program would drive it. */
static void record_session(void)
{
	const char *args[] = { "--virtual-time", "--record", rec, NULL };
	struct simproc p;

	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	simproc_send(&p, "AT\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT+CGMM\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT%CMNG=0,42,0,\"-----BEGIN CERTIFICATE-----\r\nQUJD\r\n-----END CERTIFICATE-----\"\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT%CMNG=1,42\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT+CEREG=5\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT+CFUN=1\r\n");
	simproc_must_see(&p, "\"11100000\"\r\n");
	simproc_send(&p, "AT+CEREG?\r\n");
	simproc_must_see(&p, "OK\r\n");
	/* The modem reports leaving the network before it answers OK. */
	simproc_send(&p, "AT+CFUN=4\r\n");
	simproc_must_see(&p, "+CEREG: 0\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT+CMEE=1\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT%CMNG=2,42,2\r\n");
	simproc_must_see(&p, "+CME ERROR: 513\r\n");
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}

START_TEST(record_then_replay_in_process)
{
	char junit[300];
	FILE *f;
	char buf[8192];
	size_t n;

	snprintf(junit, sizeof(junit), "%s/junit.xml", dir);
	ck_assert_int_eq(run("%s -q --junit %s %s", replay_bin(), junit, rec), 0);
	f = fopen(junit, "r");
	ck_assert_ptr_nonnull(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	ck_assert(strstr(buf, "<testsuite name=\"slmreplay\" tests=\"1\" failures=\"0\" errors=\"0\""));
	ck_assert(strstr(buf, "&lt;&lt; +CEREG: 0"));
}
END_TEST

START_TEST(edited_record_differs)
{
	char edited[300];

	/* The record says a missing key is one the modem refuses to show: no
	 * world the log could imply makes the modem say that. (An edited
	 * model name would not do: the replay takes the identity from the log.) */
	snprintf(edited, sizeof(edited), "%s/edited.log", dir);
	ck_assert_int_eq(run("sed 's/<< +CME ERROR: 513/<< +CME ERROR: 514/' %s > %s", rec, edited), 0);
	ck_assert_int_eq(run("%s -q %s > %s/edited.out", replay_bin(), edited, dir), 1);
	ck_assert_int_eq(run("grep -q \"expected '+CME ERROR: 514'.*got '+CME ERROR: 513'\" %s/edited.out",
			     dir), 0);
}
END_TEST

START_TEST(tty_against_second_slmsim)
{
	const char *args[] = { "--virtual-time", NULL };
	struct simproc p;

	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(run("%s --tty %s --time 20 %s > %s/tty.out", replay_bin(), p.pty, rec, dir), 0);
	ck_assert_int_eq(run("grep -q 'pass' %s/tty.out", dir), 0);
	simproc_stop(&p);
}
END_TEST

START_TEST(pasted_log_needs_no_scenario)
{
	const char *src = getenv("SLMSIM_SRC");

	ck_assert_int_eq(run("cp %s/fixtures/reports/devzone-ec-private-key/ec-key.log %s/pasted.log",
			     src ? src : ".", dir), 0);
	ck_assert_int_eq(run("%s %s/pasted.log > %s/pasted.out", replay_bin(), dir, dir), 0);
	ck_assert_int_eq(run("grep -q 'rule ec-parameters-block' %s/pasted.out", dir), 0);
	ck_assert_int_eq(run("grep -q 'body filled with client-ec-params.key' %s/pasted.out", dir), 0);
}
END_TEST

/* The negative control: under a profile that accepts the key, the report
 * must differ at the connect's ERROR, and for that reason alone. */
START_TEST(lenient_profile_differs_at_the_connect)
{
	const char *src = getenv("SLMSIM_SRC");

	ck_assert_int_eq(run("%s --profile generic-mbedtls %s/fixtures/reports/devzone-ec-private-key/"
			     "ec-key.log > %s/lenient.out", replay_bin(), src ? src : ".", dir), 1);
	ck_assert_int_eq(run("grep -q '^== ec-key.log: differs' %s/lenient.out", dir), 0);
	/* The connect answers OK where the log shows ERROR... */
	ck_assert_int_eq(run("grep -q \"^   log line 35: expected 'ERROR' (logged at 08:26:50.994), "
			     "got 'OK'\" %s/lenient.out", dir), 0);
	/* ...and that step is the only difference: no missing explanation
	 * is reported in its place. */
	ck_assert_int_eq(run("grep -c '^  !! ' %s/lenient.out | grep -qx 1", dir), 0);
	ck_assert_int_eq(run("grep -q 'expects the explanation' %s/lenient.out", dir), 1);
}
END_TEST

START_TEST(usage_and_errors)
{
	ck_assert_int_eq(run("%s > /dev/null 2>&1", replay_bin()), 2);
	ck_assert_int_eq(run("%s --time nope x.log > /dev/null 2>&1", replay_bin()), 2);
	ck_assert_int_eq(run("%s --help | grep -q -- --tty", replay_bin()), 0);
	/* A log that cannot be read is an error verdict, and exit 1. */
	ck_assert_int_eq(run("%s -q /nonexistent.log | grep -q ': error'", replay_bin()), 0);
	ck_assert_int_eq(run("%s -q /nonexistent.log > /dev/null", replay_bin()), 1);
	ck_assert_int_eq(run("%s -q --tap %s | grep -q '^ok 1 - '", replay_bin(), rec), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("replay");
	int failed;

	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	snprintf(rec, sizeof(rec), "%s/session.log", dir);
	tcase_set_timeout(tc, 120);
	tcase_add_unchecked_fixture(tc, record_session, NULL);
	tcase_add_test(tc, record_then_replay_in_process);
	tcase_add_test(tc, edited_record_differs);
	tcase_add_test(tc, tty_against_second_slmsim);
	tcase_add_test(tc, pasted_log_needs_no_scenario);
	tcase_add_test(tc, lenient_profile_differs_at_the_connect);
	tcase_add_test(tc, usage_and_errors);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	if (!failed)
		run("rm -rf %s", dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
