/* Exact bytes of AT#XGPS (SLM v1.8 gnss/slm_at_gnss.c) on the fixture's
 * frozen clock: a fix URC after the time to fix, single, continuous and
 * periodic modes with the fix retry, the GNSS rules of +CFUN and
 * %XSYSTEMMODE, the SLM's run type until AT#XGPS=0, and a track file. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck_run.h"
#include "clock.h"
#include "modem_fixture.h"
#include "sim_ctx.h"

static struct mfix f;

static void start_with(const char *const *settings)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	for (; *settings; settings++)
		ck_assert_msg(config_set_arg(&cfg, *settings, err, sizeof(err)) == 0, "%s", err);
	mfix_setup(&f, &cfg);
	/* 2025-03-14 09:26:53 UTC at clock time 0 */
	sim_clock_set_epoch(f.ctx->clock, 1741944413000);
}

static const char *const point[] = { "gnss.lat=-33.8688", "gnss.lon=151.2093",
	"gnss.alt=112.4", "gnss.accuracy=8.2", "gnss.fix_ms=12000", "gnss.refix_ms=1500", NULL };

static void setup(void) { start_with(point); }
static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define AT_TIME(t) "\"2025-03-14 09:" t "\""
#define FIX(t) "\r\n#XGPS: -33.868800,151.209300,112.400002,8.200000,0.000000,0.000000," \
	AT_TIME(t) "\r\n"

START_TEST(single_fix)
{
	EXPECT("AT+CFUN=31\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1,0\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 11999), "");
	ck_assert_str_eq(mfix_advance(&f, 1), FIX("27:05"));
	ck_assert_str_eq(mfix_advance(&f, 120000), "");
	/* The SLM's run type stays until a stop. */
	EXPECT("AT#XGPS=1,0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,0,0\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 12000), FIX("29:17"));
}
END_TEST

START_TEST(continuous_then_cfun)
{
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	/* The fix retry does not limit continuous mode. */
	EXPECT("AT#XGPS=1,1,5\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 12000), FIX("27:05"));
	ck_assert_str_eq(mfix_advance(&f, 2000), FIX("27:06") FIX("27:07"));
	mfix_cmd(&f, "AT+CFUN=30\r\n");
	ck_assert_str_eq(mfix_advance(&f, 10000), "");
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "functional mode"));
}
END_TEST

START_TEST(periodic_with_retry)
{
	EXPECT("AT+CFUN=31\r\n", "\r\nOK\r\n");
	/* A cold search of 12 s does not fit a 10 s retry: nothing. */
	EXPECT("AT#XGPS=1,30,10\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	/* The retry stays 10 s when the next start leaves it out. */
	EXPECT("AT#XGPS=1,0\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	/* An unreadable <timeout> is ignored as the SLM ignores it. */
	EXPECT("AT#XGPS=1,10,\"x\"\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	/* Started at 3:00 clock time: fixes at 3:12, then 1.5 s into each wake-up. */
	EXPECT("AT#XGPS=1,20,15\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 12000), FIX("30:05"));
	ck_assert_str_eq(mfix_advance(&f, 9499), "");
	ck_assert_str_eq(mfix_advance(&f, 1), FIX("30:14"));
	ck_assert_str_eq(mfix_advance(&f, 20000), FIX("30:34"));
}
END_TEST

START_TEST(refusals)
{
	EXPECT("AT#XGPS=?\r\n", "\r\n#XGPS: (0,1),<interval>,<timeout>\r\n\r\nOK\r\n");
	EXPECT("AT#XGPS?\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS\r\n", "\r\nERROR\r\n");
	/* CFUN=0 at boot: GNSS does not run. */
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT%XSYSTEMMODE=1,0,0,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "%XSYSTEMMODE has GNSS off"));
	EXPECT("AT+CFUN=0\r\n", "\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=1,0,1,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,5\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,-1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,65536\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,\"1\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=2,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=\"1\",1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPS=1,65535\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_advance(&f, 12000), FIX("27:05"));
}
END_TEST

START_TEST(track_file)
{
	char path[] = "/tmp/slmsim-track-XXXXXX", setting[64];
	int fd = mkstemp(path);
	FILE *t = fdopen(fd, "w");
	const char *const cfg[] = { "gnss.fix_ms=4000", setting, NULL };

	ck_assert_ptr_nonnull(t);
	fputs("# s,lat,lon,alt,speed,heading\n\n0,-33.8688,151.2093,-2\n"
	      "10,-33.8123,151.2601,14,5.5,87.3\n", t);
	fclose(t);
	snprintf(setting, sizeof(setting), "gnss.track=%s", path);
	mfix_teardown(&f);
	start_with(cfg);
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPS=1,1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 4000), "\r\n#XGPS: -33.846200,151.229620,4.400000,"
			 "8.200000,0.000000,0.000000," AT_TIME("26:57") "\r\n");
	mfix_advance(&f, 5000);
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\n#XGPS: -33.812300,151.260100,14.000000,"
			 "8.200000,5.500000,87.300003," AT_TIME("27:03") "\r\n");
	EXPECT("AT#XGPS=0\r\n", "\r\nOK\r\n");
	/* A track that does not read refuses the start, with the line. */
	t = fopen(path, "w");
	fputs("0,-33.8688,151.2093,-2\n0,1,2,3\n", t);
	fclose(t);
	EXPECT("AT#XGPS=1,1\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, ":2: expected"));
	unlink(path);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gps");
	TCase *tc = tcase_create("gps");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, single_fix);
	tcase_add_test(tc, continuous_then_cfun);
	tcase_add_test(tc, periodic_with_retry);
	tcase_add_test(tc, refusals);
	tcase_add_test(tc, track_file);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
