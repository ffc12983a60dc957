/* The world from polls and errors (world_timing.c, world_errors.c), alone:
 * small logs in, the emulated modem's settings out.  Other numbers, hosts
 * and order than the bundled logs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "script.h"
#include "world.h"

static struct replay_log rlog;
static struct script sc;
static struct world wd;
static struct scenario scen;

static void infer(const char *text)
{
	char err[256];

	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	scenario_defaults(&scen);
	ck_assert_int_eq(script_build(&sc, &rlog, &scen, "/nonexistent", err, sizeof(err)), 0);
	world_infer(&sc, &scen, &wd);
}

static void teardown(void)
{
	world_free(&wd);
	script_free(&sc);
	scenario_free(&scen);
	log_free(&rlog);
}

#define T "2020-03-01T10:00:"

START_TEST(sim_ready_between_reads)
{
	infer(T "00.000Z DEBUG modem >> AT+CFUN=21\n" T "00.050Z DEBUG modem << OK\n"
	      T "02.000Z DEBUG modem >> AT+CIMI\n" T "02.010Z DEBUG modem << ERROR\n"
	      T "04.000Z DEBUG modem >> AT%XICCID\n" T "04.010Z DEBUG modem << %XICCID: 8944500601200012345F\n"
	      T "04.012Z DEBUG modem << OK\n");
	ck_assert_int_eq(scen.cfg.uicc_init_ms, 3000);
}
END_TEST

START_TEST(sim_never_ready)
{
	infer(T "00.000Z DEBUG modem >> AT+CFUN=41\n" T "00.050Z DEBUG modem << OK\n"
	      T "09.000Z DEBUG modem >> AT+CPIN?\n" T "09.010Z DEBUG modem << ERROR\n");
	ck_assert_int_eq(scen.cfg.uicc_init_ms, DAY_MS);
}
END_TEST

START_TEST(sim_powered_as_the_log_starts)
{
	infer(T "00.000Z DEBUG modem >> AT%XICCID\n" T "00.010Z DEBUG modem << ERROR\n"
	      T "02.000Z DEBUG modem >> AT%XICCID\n" T "02.010Z DEBUG modem << %XICCID: 8944500601200012345F\n"
	      T "02.012Z DEBUG modem << OK\n");
	ck_assert_int_eq(wd.start_cfun, 41);
	ck_assert_int_eq(scen.cfg.uicc_init_ms, 1000);
	teardown();
	/* Powered by the log's own command: reads before it were of a UICC off. */
	infer(T "00.000Z DEBUG modem >> AT+CPIN?\n" T "00.010Z DEBUG modem << ERROR\n"
	      T "01.000Z DEBUG modem >> AT+CFUN=41\n" T "01.010Z DEBUG modem << OK\n"
	      T "02.000Z DEBUG modem >> AT+CPIN?\n" T "02.010Z DEBUG modem << ERROR\n"
	      T "03.000Z DEBUG modem >> AT+CPIN?\n" T "03.010Z DEBUG modem << +CPIN: READY\n"
	      T "03.012Z DEBUG modem << OK\n");
	ck_assert_int_eq(wd.start_cfun, -1);
	ck_assert_int_eq(scen.cfg.uicc_init_ms, 1500);
}
END_TEST

START_TEST(address_bounds_the_attach)
{
	infer(T "00.000Z DEBUG modem >> AT+CFUN=1\n" T "00.050Z DEBUG modem << OK\n"
	      T "10.000Z DEBUG modem >> AT+CGACT?\n" T "10.010Z DEBUG modem << +CGACT: 0,0\n"
	      T "10.012Z DEBUG modem << OK\n"
	      T "20.000Z DEBUG modem >> AT+CGPADDR=0\n" T "20.010Z DEBUG modem << +CGPADDR: 0,\"172.20.1.9\"\n"
	      T "20.012Z DEBUG modem << OK\n");
	/* Midway between the last read without and the first with it. */
	ck_assert_int_eq(scen.cfg.net.search_delay_ms + scen.cfg.net.register_delay_ms, 15000);
}
END_TEST

/* A dual-stack context 0: its type, and each family's address out of
 * +CGDCONT's "<v4> <v6>" and +CGPADDR's two addresses, as the log wrote them. */
START_TEST(dual_stack_addresses)
{
	infer(T "00.000Z DEBUG modem >> AT+CGDCONT?\n"
	      T "00.010Z DEBUG modem << +CGDCONT: 0,\"IPV4V6\",\"lab.apn\",\"10.9.8.7 2A02:1:2:3:4:5:6:7\",0,0\n"
	      T "00.012Z DEBUG modem << OK\n");
	ck_assert_str_eq(scen.cfg.pdp_type, "IPV4V6");
	ck_assert_str_eq(scen.cfg.net.pdn_addr, "10.9.8.7");
	ck_assert_str_eq(scen.cfg.net.ipv6_addr, "2A02:1:2:3:4:5:6:7");
	teardown();
	infer(T "00.000Z DEBUG modem >> AT+CGPADDR=0\n"
	      T "00.010Z DEBUG modem << +CGPADDR: 0,\"100.64.7.1\",\"2A02:9:8:7:6:5:4:3\"\n"
	      T "00.012Z DEBUG modem << OK\n");
	ck_assert_str_eq(scen.cfg.net.pdn_addr, "100.64.7.1");
	ck_assert_str_eq(scen.cfg.net.ipv6_addr, "2A02:9:8:7:6:5:4:3");
}
END_TEST

START_TEST(polls_before_any_cfun_start_searching)
{
	infer(T "00.000Z DEBUG modem >> AT+CEREG?\n" T "00.010Z DEBUG modem << +CEREG: 0,2\n"
	      T "00.012Z DEBUG modem << OK\n"
	      T "30.000Z DEBUG modem >> AT+CEREG?\n" T "30.010Z DEBUG modem << +CEREG: 0,1\n"
	      T "30.012Z DEBUG modem << OK\n");
	ck_assert_int_eq(wd.start_cfun, 1);
	ck_assert(!wd.needs_registration);
	ck_assert_int_eq(scen.cfg.net.search_delay_ms, 0);
	ck_assert_int_eq(scen.cfg.net.register_delay_ms, 15000);
}
END_TEST

START_TEST(errors_set_states)
{
	infer(T "00.000Z DEBUG modem >> AT+CFUN=31\n" T "00.010Z DEBUG modem << ERROR\n");
	ck_assert_str_eq(scen.cfg.systemmode, "1,0,0,0");
	teardown();
	/* The log showed GNSS on first: the error is not the system mode's. */
	infer(T "00.000Z DEBUG modem >> AT%XSYSTEMMODE?\n" T "00.010Z DEBUG modem << %XSYSTEMMODE: 0,1,1,2\n"
	      T "00.012Z DEBUG modem << OK\n"
	      T "01.000Z DEBUG modem >> AT+CFUN=31\n" T "01.010Z DEBUG modem << ERROR\n");
	ck_assert_str_eq(scen.cfg.systemmode, "0,1,1,2");
	teardown();
	infer(T "00.000Z DEBUG modem >> AT%KEYGEN=88,2,0\n" T "00.010Z DEBUG modem << +CME ERROR: 518\n");
	ck_assert_int_eq(wd.start_cfun, 1);
	ck_assert(wd.needs_registration);
	teardown();
	/* A bare ERROR says why only when the same command works once offline. */
	infer(T "00.000Z DEBUG modem >> AT%XBANDLOCK=2,\"10000000000001000\"\n" T "00.010Z DEBUG modem << ERROR\n"
	      T "01.000Z DEBUG modem >> AT+CFUN=0\n" T "01.100Z DEBUG modem << OK\n"
	      T "02.000Z DEBUG modem >> AT%XBANDLOCK=2,\"10000000000001000\"\n" T "02.010Z DEBUG modem << OK\n");
	ck_assert_int_eq(wd.start_cfun, 1);
	teardown();
	infer(T "00.000Z DEBUG modem >> AT%XBANDLOCK=2,\"10000000000001000\"\n" T "00.010Z DEBUG modem << ERROR\n"
	      T "02.000Z DEBUG modem >> AT%XBANDLOCK=2,\"10000000000001000\"\n" T "02.010Z DEBUG modem << OK\n");
	ck_assert_int_eq(wd.start_cfun, -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("world_polls");
	TCase *tc = tcase_create("world_polls");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, sim_ready_between_reads);
	tcase_add_test(tc, sim_never_ready);
	tcase_add_test(tc, sim_powered_as_the_log_starts);
	tcase_add_test(tc, address_bounds_the_attach);
	tcase_add_test(tc, dual_stack_addresses);
	tcase_add_test(tc, polls_before_any_cfun_start_searching);
	tcase_add_test(tc, errors_set_states);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
