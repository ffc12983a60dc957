#include <check.h>
#include <ev.h>
#include <stdlib.h>
#include <time.h>

#include "ck_run.h"
#include "clock.h"

static int fired[8];
static int order[8];
static int norder;

static void cb(struct sim_timer *t, void *arg)
{
	int i = (int)(intptr_t)arg;

	(void)t;
	fired[i]++;
	order[norder++] = i;
}

START_TEST(virtual_jumps_when_idle)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct sim_clock *c = sim_clock_new(loop, true);
	struct sim_timer a, b;

	norder = 0;
	sim_timer_init(&a, cb, (void *)0);
	sim_timer_init(&b, cb, (void *)1);
	/* An hour and a day: both fire in one loop run, in due order. */
	sim_timer_start(c, &b, 86400000);
	sim_timer_start(c, &a, 3600000);
	ev_run(loop, 0);
	ck_assert_int_eq(norder, 2);
	ck_assert_int_eq(order[0], 0);
	ck_assert_int_eq(order[1], 1);
	ck_assert_int_ge(sim_clock_now(c), 86400000);
	sim_clock_free(c);
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(hold_prevents_jump)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct sim_clock *c = sim_clock_new(loop, true);
	struct sim_timer a;

	fired[2] = 0;
	sim_timer_init(&a, cb, (void *)2);
	sim_timer_start(c, &a, 3600000);
	sim_clock_hold(c);
	ev_run(loop, EVRUN_NOWAIT);
	ev_run(loop, EVRUN_NOWAIT);
	ck_assert_int_eq(fired[2], 0);
	sim_clock_release(c);
	ev_run(loop, EVRUN_NOWAIT);
	ck_assert_int_eq(fired[2], 1);
	sim_clock_free(c);
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(stop_and_horizon)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct sim_clock *c = sim_clock_new_frozen(loop);	/* exact due times */
	struct sim_timer a, b;

	fired[3] = fired[4] = 0;
	ck_assert_int_eq(sim_clock_now(c), 0);
	sim_timer_init(&a, cb, (void *)3);
	sim_timer_init(&b, cb, (void *)4);
	sim_clock_set_horizon(c, 0);
	sim_timer_start(c, &a, 1000);
	sim_timer_start(c, &b, 2000);
	sim_timer_stop(&a);
	ck_assert(!sim_timer_active(&a));
	sim_clock_advance_to(c, 1500);
	ck_assert_int_eq(fired[3], 0);
	ck_assert_int_eq(fired[4], 0);
	ck_assert_int_eq(sim_clock_now(c), 1500);
	sim_clock_advance_to(c, 1999);
	ck_assert_int_eq(fired[4], 0);
	sim_clock_advance_to(c, 2000);
	ck_assert_int_eq(fired[4], 1);
	ck_assert_int_eq(sim_clock_next_due(c), INT64_MAX);
	sim_clock_free(c);
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(frozen_ignores_real_time)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct sim_clock *c = sim_clock_new_frozen(loop);
	struct timespec ts = { 0, 20 * 1000000 };

	/* However slow the host, real time never moves a frozen clock. */
	nanosleep(&ts, NULL);
	ck_assert_int_eq(sim_clock_now(c), 0);
	sim_clock_advance_to(c, 250);
	nanosleep(&ts, NULL);
	ck_assert_int_eq(sim_clock_now(c), 250);
	sim_clock_free(c);
	ev_loop_destroy(loop);
}
END_TEST

START_TEST(real_mode_never_jumps)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct sim_clock *c = sim_clock_new(loop, false);
	struct sim_timer a;

	fired[5] = 0;
	sim_timer_init(&a, cb, (void *)5);
	sim_timer_start(c, &a, 3600000);
	ev_run(loop, EVRUN_NOWAIT);
	ck_assert_int_eq(fired[5], 0);
	ck_assert_int_lt(sim_clock_now(c), 3600000);
	sim_timer_stop(&a);
	sim_timer_start(c, &a, 0);
	ev_run(loop, EVRUN_ONCE);
	ck_assert_int_eq(fired[5], 1);
	sim_clock_free(c);
	ev_loop_destroy(loop);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("clock");
	int failed;

	tcase_add_test(tc, virtual_jumps_when_idle);
	tcase_add_test(tc, hold_prevents_jump);
	tcase_add_test(tc, stop_and_horizon);
	tcase_add_test(tc, frozen_ignores_real_time);
	tcase_add_test(tc, real_mode_never_jumps);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
