/* Exact bytes of the modem's own commands (modem-commands.md) and the SLM
 * housekeeping commands, from the network model and the configuration:
 * set, read and test forms, with CMEE 0 and 1 where errors differ. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup(void)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	/* Not the bundled report's cell: nothing here leans on it. */
	ck_assert_int_eq(config_set_arg(&cfg, "network.tac=1A2B", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.ci=0BEEF001", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.plmn=24405", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.operator_long=Elisa", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.operator_short=ELISA", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.status=home", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.apn=apn.test", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.pdn_addr=10.1.2.3", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.edrx=0101", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "network.ipv6_addr=2001:DB8:2:0:0:0:0:A", err,
					sizeof(err)), 0);
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(before_and_after_registration)
{
	EXPECT("AT+CPIN?\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CIMI\r\n", "\r\nERROR\r\n");	/* UICC off: plain ERROR */
	EXPECT("AT+CESQ\r\n", "\r\n+CESQ: 99,99,255,255,255,255\r\nOK\r\n");
	EXPECT("AT%XMONITOR\r\n", "\r\n%XMONITOR: 0\r\nOK\r\n");
	EXPECT("AT+COPS?\r\n", "\r\n+COPS: 0\r\nOK\r\n");
	EXPECT("AT+CGDCONT?\r\n", "\r\n+CGDCONT: 0,\"IP\",\"\",\"\",0,0\r\nOK\r\n");
	EXPECT("AT+CCLK?\r\n", "\r\nERROR\r\n");
	mfix_register(&f);
	EXPECT("AT+CPIN?\r\n", "\r\n+CPIN: READY\r\nOK\r\n");
	EXPECT("AT+CIMI\r\n", "\r\n901280012345678\r\nOK\r\n");
	EXPECT("AT%XICCID\r\n", "\r\n%XICCID: 8988228066601234567F\r\nOK\r\n");
	EXPECT("AT+CESQ\r\n", "\r\n+CESQ: 99,99,255,255,31,62\r\nOK\r\n");
	EXPECT("AT+COPS?\r\n", "\r\n+COPS: 0,2,\"24405\",7\r\nOK\r\n");
	EXPECT("AT+COPS=3,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+COPS?\r\n", "\r\n+COPS: 0,0,\"Elisa\",7\r\nOK\r\n");
	EXPECT("AT+COPS=?\r\n", "\r\n+COPS: (2,\"\",\"\",\"24405\",7)\r\nOK\r\n");
	EXPECT("AT%XMONITOR\r\n", "\r\n%XMONITOR: 1,\"Elisa\",\"ELISA\",\"24405\",\"1A2B\",7,20,"
	       "\"0BEEF001\",281,6400,62,42,\"\",\"00011110\",\"11100000\",\"00000000\"\r\nOK\r\n");
	EXPECT("AT+CGDCONT?\r\n", "\r\n+CGDCONT: 0,\"IP\",\"apn.test\",\"10.1.2.3\",0,0\r\nOK\r\n");
	EXPECT("AT+CGACT?\r\n", "\r\n+CGACT: 0,1\r\nOK\r\n");
	EXPECT("AT+CGPADDR\r\n", "\r\n+CGPADDR: 0,\"10.1.2.3\"\r\nOK\r\n");
	EXPECT("AT+CGPADDR=0\r\n", "\r\n+CGPADDR: 0,\"10.1.2.3\"\r\nOK\r\n");
	EXPECT("AT+CGPADDR=?\r\n", "\r\n+CGPADDR: (0)\r\nOK\r\n");
	ck_assert(!strncmp(mfix_cmd(&f, "AT+CCLK?\r\n"), "\r\n+CCLK: \"", 10));
}
END_TEST

/* The PDP type decides the families: IPV4V6 gets both addresses from a
 * network that gives IPv6 ("<v4> <v6>" in +CGDCONT?, two in +CGPADDR),
 * IPV6 the IPv6 one alone; a network without IPv6 leaves a dual-stack
 * context IPv4 only and says so in +CGEV (reason 0). */
START_TEST(pdp_type_and_ipv6_address)
{
	struct modem_config cfg;
	char err[128];

	EXPECT("AT+CGDCONT=0,\"IPV4V6\",\"v6.test\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGDCONT=1,\"IPV6\",\"only6\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGEREP=1\r\n", "\r\nOK\r\n");
	mfix_register(&f);
	EXPECT("AT+CGACT=1,1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CGDCONT?\r\n", "\r\n+CGDCONT: 0,\"IPV4V6\",\"v6.test\",\"10.1.2.3 "
	       "2001:DB8:2:0:0:0:0:A\",0,0\r\n+CGDCONT: 1,\"IPV6\",\"only6\",\"2001:DB8:2:0:0:0:0:B\","
	       "0,0\r\nOK\r\n");
	EXPECT("AT+CGPADDR\r\n", "\r\n+CGPADDR: 0,\"10.1.2.3\",\"2001:DB8:2:0:0:0:0:A\"\r\n"
	       "+CGPADDR: 1,\"2001:DB8:2:0:0:0:0:B\"\r\nOK\r\n");
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "network.ipv6_addr=", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "modem.pdp_type=IPV4V6", err, sizeof(err)), 0);
	ck_assert_int_ne(config_set_arg(&cfg, "network.ipv6_addr=2001:db8::g", err, sizeof(err)), 0);
	ck_assert_int_ne(config_set_arg(&cfg, "modem.pdp_type=IPv6", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	mfix_cmd(&f, "AT\r\n");
	EXPECT("AT+CGEREP=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert(strstr(mfix_advance(&f, 60000), "\r\n+CGEV: ME PDN ACT 0,0\r\n"));
	EXPECT("AT+CGPADDR=0\r\n", "\r\n+CGPADDR: 0,\"10.160.36.21\"\r\nOK\r\n");
}
END_TEST

START_TEST(system_mode_decides_the_act)
{
	EXPECT("AT%XSYSTEMMODE?\r\n", "\r\n%XSYSTEMMODE: 1,0,1,0\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=0,1,0,0\r\n", "\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=0,0,1,2\r\n", "\r\nERROR\r\n");	/* preference without LTE */
	EXPECT("AT+CEREG=2\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	mfix_advance(&f, 60000);
	EXPECT("AT+CEREG?\r\n", "\r\n+CEREG: 2,1,\"1A2B\",\"0BEEF001\",9\r\nOK\r\n");
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=1,0,0,0\r\n", "\r\n+CME ERROR: 518\r\n");
	/* GNSS only: CFUN=1 registers nothing. */
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=0,0,1,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 1\r\nOK\r\n");
	EXPECT("AT+CFUN=41\r\n", "\r\nERROR\r\n");	/* UICC needs LTE-M or NB-IoT */
}
END_TEST

START_TEST(cfun_modes_and_cmng_gating)
{
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=21\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,5,0,\"x\"\r\n", "\r\n+CME ERROR: 518\r\n");
	EXPECT("AT+CFUN=20\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=0,5,0,\"x\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=2\r\n", "\r\nOK\r\n");
	EXPECT("AT%CMNG=3,5,0\r\n", "\r\n+CME ERROR: 518\r\n");
	EXPECT("AT+CFUN=44\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");	/* the UICC initialises */
	EXPECT("AT+CPIN?\r\n", "\r\n+CPIN: READY\r\nOK\r\n");	/* 44 keeps the UICC */
	EXPECT("AT%CMNG=3,5,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=40\r\n", "\r\nOK\r\n");
	EXPECT("AT+CPIN?\r\n", "\r\nERROR\r\n");
}
END_TEST

/* The UICC answers once initialised; GNSS starts only where the system
 * mode allows it (modem.cfun31_needs_gnss). */
START_TEST(uicc_initialising_and_gnss_mode)
{
	struct modem_config cfg;
	char err[128];

	EXPECT("AT+CFUN=41\r\n", "\r\nOK\r\n");
	EXPECT("AT+CIMI\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CPIN?\r\n", "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");
	EXPECT("AT+CPIN?\r\n", "\r\n+CPIN: READY\r\nOK\r\n");
	EXPECT("AT+CFUN=4\r\n", "\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=0,1,0,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=31\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 4\r\nOK\r\n");
	EXPECT("AT%XSYSTEMMODE=0,1,1,0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=31\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 1\r\nOK\r\n");
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.cfun31_needs_gnss=no", err, sizeof(err)), 0);
	ck_assert_int_eq(config_set_arg(&cfg, "modem.systemmode=1,0,0,0", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	EXPECT("AT+CFUN=31\r\n", "\r\nOK\r\n");
}
END_TEST

/* The modem without the SLM (modem.slm = no): no Ready at boot, #X
 * commands unknown, the modem's own commands as before. */
START_TEST(modem_without_slm)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.slm=no", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	modem_start(f.m);
	ck_assert_str_eq(mfix_cmd(&f, ""), "");
	EXPECT("AT#XSLMVER\r\n", "\r\nERROR\r\n");
	EXPECT("AT+CFUN?\r\n", "\r\n+CFUN: 0\r\nOK\r\n");
	cfg.slm = true;
	mfix_restart(&f, &cfg);
	modem_start(f.m);
	ck_assert_str_eq(mfix_cmd(&f, ""), "Ready\r\n");
	EXPECT("AT#XSLMVER\r\n", "\r\n#XSLMVER: \"1.8.0\"\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(psm_and_edrx)
{
	EXPECT("AT+CPSMS?\r\n", "\r\n+CPSMS: 1,,,\"00000011\",\"00100001\"\r\nOK\r\n");
	EXPECT("AT+CPSMS=0\r\n", "\r\nOK\r\n");
	EXPECT("AT+CPSMS?\r\n", "\r\n+CPSMS: 0\r\nOK\r\n");
	EXPECT("AT+CEREG=5\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEDRXS=2,4,\"0010\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CEDRXS?\r\n", "\r\n+CEDRXS: 4,\"0010\"\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	/* Registered with no PSM (both timers deactivated); the eDRX URC comes with it. */
	ck_assert_str_eq(mfix_advance(&f, 60000),
			 "\r\n+CEREG: 2,\"1A2B\",\"0BEEF001\",7\r\n\r\n+CEREG: 1,\"1A2B\",\"0BEEF001\",7,,,"
			 "\"11100000\",\"11100000\"\r\n"
			 "\r\n+CEDRXP: 4,\"0010\",\"0101\",\"0011\"\r\n");
	EXPECT("AT+CEDRXRDP\r\n", "\r\n+CEDRXRDP: 4,\"0010\",\"0101\",\"0011\"\r\nOK\r\n");
	/* Asking for PSM: the network grants its timers at once. */
	EXPECT("AT+CPSMS=1,,,\"00000110\",\"00000101\"\r\n",
	       "\r\n+CEREG: 1,\"1A2B\",\"0BEEF001\",7,,,\"00011110\",\"11100000\"\r\n"
	       "\r\n+CEDRXP: 4,\"0010\",\"0101\",\"0011\"\r\n\r\nOK\r\n");
	EXPECT("AT+CEDRXS=3\r\n",
	       "\r\n+CEREG: 1,\"1A2B\",\"0BEEF001\",7,,,\"00011110\",\"11100000\"\r\n\r\nOK\r\n");
	EXPECT("AT+CEDRXRDP\r\n", "\r\n+CEDRXRDP: 0\r\nOK\r\n");
}
END_TEST

START_TEST(manual_plmn_and_band_lock_block_registration)
{
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+COPS=1,2,\"24491\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 2\r\n");
	EXPECT("AT+COPS=0\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 1\r\n");
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
	/* Band 20 is outside the lock (bands 3 and 1). */
	EXPECT("AT%XBANDLOCK=2,\"101\"\r\n", "\r\nOK\r\n");
	EXPECT("AT%XBANDLOCK?\r\n", "\r\n%XBANDLOCK: \"\",\"101\"\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 60000), "\r\n+CEREG: 2\r\n");
	EXPECT("AT%XBANDLOCK=0\r\n", "\r\nERROR\r\n");	/* LTE is active */
}
END_TEST

START_TEST(identity_and_stats)
{
	EXPECT("AT%XMODEMUUID\r\n", "\r\n%XMODEMUUID: 25c95751-efa4-40d4-8b4a-1dcaab81fac9\r\nOK\r\n");
	EXPECT("AT%XCONNSTAT?\r\n", "\r\nERROR\r\n");
	EXPECT("AT%XCONNSTAT=1\r\n", "\r\nOK\r\n");
	EXPECT("AT%XCONNSTAT?\r\n", "\r\n%XCONNSTAT: 0,0,0,0,0,0\r\nOK\r\n");
	EXPECT("AT+CCLK=\"22/02/23,07:48:23+04\"\r\n", "\r\nOK\r\n");
	EXPECT("AT+CCLK?\r\n", "\r\n+CCLK: \"22/02/23,07:48:23+04\"\r\nOK\r\n");
	mfix_advance(&f, 61000);
	EXPECT("AT+CCLK?\r\n", "\r\n+CCLK: \"22/02/23,07:49:24+04\"\r\nOK\r\n");
}
END_TEST

START_TEST(slm_housekeeping)
{
	const char *out;

	EXPECT("AT#XSLMUART?\r\n", "\r\n#XSLMUART: 115200,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMUART=9600,1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSLMUART=9601\r\n", "\r\nERROR\r\n");
	/* Unsigned getters whose failure it ignores: a negative number, or one
	 * beyond the getter's type, leaves the setting as it was. */
	EXPECT("AT#XSLMUART=-1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSLMUART=19200,-1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSLMUART=-9600,65536\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSLMUART?\r\n", "\r\n#XSLMUART: 19200,1\r\n\r\nOK\r\n");
	/* A bad <hwfc> fails after the rate was taken. */
	EXPECT("AT#XSLMUART=9600,2\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSLMUART?\r\n", "\r\n#XSLMUART: 9600,1\r\n\r\nOK\r\n");
	EXPECT("AT#XDATACTRL?\r\n", "\r\n#XDATACTRL: 0,276\r\n\r\nOK\r\n");
	EXPECT("AT#XDATACTRL=100\r\n", "\r\nERROR\r\n");	/* below 276 ms at 9600 baud */
	EXPECT("AT#XDATACTRL=300\r\n", "\r\nOK\r\n");
	EXPECT("AT#XDATACTRL=?\r\n", "\r\n#XDATACTRL=<time_limit>\r\n\r\nOK\r\n");
	EXPECT("AT#XSLEEP=?\r\n", "\r\n#XSLEEP: (0,1,2)\r\n\r\nOK\r\n");
	out = mfix_cmd(&f, "AT#XUUID\r\n");
	ck_assert(!strncmp(out, "\r\n#XUUID: ", 10) && strlen(out) == 10 + 36 + 8);
	/* #XRESET: OK at once, Ready after the boot, settings in RAM gone. */
	EXPECT("AT+CMEE=1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XRESET\r\n", "\r\nOK\r\n");
	EXPECT("AT\r\n", "");	/* rebooting: lost */
	ck_assert_str_eq(mfix_advance(&f, 1000), "Ready\r\n");
	EXPECT("AT+CMEE?\r\n", "\r\n+CMEE: 0\r\nOK\r\n");
	EXPECT("AT#XDATACTRL?\r\n", "\r\n#XDATACTRL: 0,276\r\n\r\nOK\r\n");
	/* #XSLEEP: OK, then input and output are lost until a wake-up. */
	EXPECT("AT#XSLEEP=2\r\n", "\r\nOK\r\n");
	mfix_advance(&f, 200);
	EXPECT("AT\r\n", "");
	modem_wake(f.m);
	ck_assert_str_eq(mfix_advance(&f, 0), "Ready\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

/* CR LF only: a lone CR or LF is command data, and the explanation says
 * which terminal setting sends CR LF. */
START_TEST(lone_cr_and_lf_explained)
{
	EXPECT("AT\r", "");
	ck_assert(!strstr(f.why, "CR without LF"));
	EXPECT("AT\r\n", "\r\nERROR\r\n");	/* "AT\rAT": one command */
	ck_assert(strstr(f.why, "CR without LF") && strstr(f.why, "--omap crcrlf"));
	EXPECT("AT\n", "");
	ck_assert(strstr(f.why, "LF without CR"));
	EXPECT("\r\n", "\r\nERROR\r\n");
	f.why[0] = '\0';
	EXPECT("AT\r\n", "\r\nOK\r\n");
	ck_assert(!strstr(f.why, "CR without LF"));
}
END_TEST

/* busy_input=consume, as SLM v1.8's cmd_rx_handler: the rest of a chunk
 * after a line end goes on into the command buffer over the ended command. */
START_TEST(chunk_after_line_end_consumed)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.busy_input=consume", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
	EXPECT("AT+CMEE=1\r\nAT+CMEE?\r\n", "\r\n+CMEE: 0\r\nOK\r\n");	/* =1 never ran */
	EXPECT("AT#XSLMVER\r\nhi", "\r\nERROR\r\n");	/* "hi#XSLMVER" ran */
	EXPECT("AT\r\n", "\r\nERROR\r\n");	/* "hiAT": the rest stays */
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("modem_cmds");
	TCase *tc = tcase_create("modem_cmds");
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, before_and_after_registration);
	tcase_add_test(tc, pdp_type_and_ipv6_address);
	tcase_add_test(tc, system_mode_decides_the_act);
	tcase_add_test(tc, cfun_modes_and_cmng_gating);
	tcase_add_test(tc, uicc_initialising_and_gnss_mode);
	tcase_add_test(tc, modem_without_slm);
	tcase_add_test(tc, psm_and_edrx);
	tcase_add_test(tc, manual_plmn_and_band_lock_block_registration);
	tcase_add_test(tc, identity_and_stats);
	tcase_add_test(tc, slm_housekeeping);
	tcase_add_test(tc, lone_cr_and_lf_explained);
	tcase_add_test(tc, chunk_after_line_end_consumed);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
