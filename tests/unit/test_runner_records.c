/* The runner's own records (run/runner.c), alone: a small script against a
 * scripted target that answers each command with given lines, and what
 * the runner kept of each step; the script is the same after the run. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "runner.h"

/* Answers by command, as the target sends them. */
struct answer {
	const char *cmd;
	const char *lines;	/* CRLF separated */
};

struct fake {
	struct target t;
	int64_t now;
	const struct answer *answers;
};

static int64_t fake_now(struct target *t)
{
	return ((struct fake *)t)->now;
}

static int fake_send(struct target *t, const char *buf, size_t len)
{
	struct fake *f = (struct fake *)t;

	for (const struct answer *a = f->answers; a->cmd; a++)
		if (strlen(a->cmd) == len && !memcmp(a->cmd, buf, len))
			target_take_bytes(t, a->lines, strlen(a->lines), f->now + 10);
	return 0;
}

static void fake_advance(struct target *t, int64_t until)
{
	((struct fake *)t)->now = until;
}

static void fake_close(struct target *t)
{
	target_free_lines(t);
}

static struct replay_log rlog;
static struct script sc;
static struct world wd;
static struct scenario scen;
static struct result r;

static void replay(const char *log, const struct answer *answers)
{
	struct fake f = { .t = { .now = fake_now, .send = fake_send, .advance = fake_advance,
				 .close = fake_close }, .answers = answers };
	struct run_opts o = { .certs_dir = "/nonexistent" };
	char err[256];

	log_parse_buffer(log, strlen(log), "t.log", &rlog);
	scenario_defaults(&scen);
	ck_assert_int_eq(script_build(&sc, &rlog, &scen, "/nonexistent", err, sizeof(err)), 0);
	world_infer(&sc, &scen, &wd);
	memset(&r, 0, sizeof(r));
	run_script(&f.t, &sc, &wd, &scen, &o, &r);
	f.t.close(&f.t);
}

static void teardown(void)
{
	result_free(&r);
	world_free(&wd);
	script_free(&sc);
	scenario_free(&scen);
	log_free(&rlog);
}

#define T "2023-11-20T08:15:"

static const char two_reads[] =
	T "10.000Z DEBUG modem >> AT+CGMI\n" T "10.020Z DEBUG modem << Nordic Semiconductor ASA\n"
	T "10.030Z DEBUG modem << OK\n"
	T "13.000Z DEBUG modem >> AT+CGMM\n" T "13.020Z DEBUG modem << nRF9160-SICA\n"
	T "13.030Z DEBUG modem << OK\n";

START_TEST(records_what_came)
{
	static const struct answer answers[] = {
		{ "AT+CGMI", "\r\nNordic Semiconductor ASA\r\nOK\r\n" },
		{ "AT+CGMM", "\r\nnRF9160-SICA\r\nOK\r\n" },
		{ NULL, NULL },
	};

	replay(two_reads, answers);
	ck_assert_int_eq(r.verdict, VERDICT_PASS);
	ck_assert_uint_eq(r.n_steps, sc.n);
	for (size_t i = 0; i < sc.n; i++)
		ck_assert_int_eq(r.steps[i].matched, sc.steps[i].role != ROLE_SEND);
	/* Log time: the answer came 10 ms after the command was sent. */
	ck_assert_int_eq(r.steps[1].got_at, sc.steps[0].ev->t_ms + 10);
	/* The last command sent was step 3. */
	ck_assert_int_eq(r.steps_run, 4);
}
END_TEST

START_TEST(first_difference_unmatched)
{
	static const struct answer answers[] = {
		{ "AT+CGMI", "\r\nNordic Semiconductor ASA\r\nOK\r\n" },
		{ "AT+CGMM", "\r\nnRF9151-LACA\r\nOK\r\n" },
		{ NULL, NULL },
	};

	replay(two_reads, answers);
	ck_assert_int_eq(r.verdict, VERDICT_DIFFERS);
	ck_assert(r.steps[1].matched && r.steps[2].matched);
	ck_assert(!r.steps[4].matched && !r.steps[5].matched);
	ck_assert_int_eq(r.diff_step, 4);
	ck_assert_int_ge(r.diff_got, 0);
	ck_assert_str_eq(r.got[r.diff_got].text, "nRF9151-LACA");
	/* The runner wrote nothing into the script. */
	ck_assert_str_eq(sc.steps[3].send, "AT+CGMM");
	ck_assert(!sc.steps[4].optional);
}
END_TEST

START_TEST(boot_it_cannot_cause_is_optional_in_its_record)
{
	static const struct answer answers[] = {
		{ "AT", "\r\nOK\r\n" },
		{ NULL, NULL },
	};

	replay(T "01.000Z DEBUG modem << Ready\n" T "02.000Z DEBUG modem >> AT\n"
	       T "02.010Z DEBUG modem << OK\n", answers);
	ck_assert_int_eq(sc.steps[0].role, ROLE_BOOT);
	ck_assert(r.steps[0].optional);
	ck_assert(!sc.steps[0].optional);
	ck_assert(result_step_optional(&r, &sc, 0));
	ck_assert_int_eq(r.verdict, VERDICT_PASS);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("runner_records");
	TCase *tc = tcase_create("runner_records");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, records_what_came);
	tcase_add_test(tc, first_difference_unmatched);
	tcase_add_test(tc, boot_it_cannot_cause_is_optional_in_its_record);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
