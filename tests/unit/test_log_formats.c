/* The capture readers other than Link Monitor's and a plain terminal's:
 * each shape's lines become the host's commands and the modem's lines, the
 * rest is skipped and counted (docs/log-formats.md). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "log_parser.h"

static struct replay_log rlog;

static void parse(const char *text)
{
	log_parse_buffer(text, strlen(text), "t.log", &rlog);
}

static void teardown(void) { log_free(&rlog); }

/* The events as "> command" / "< line", one per line. */
static const char *events(void)
{
	static char buf[2048];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rlog.nev && at < sizeof(buf); i++) {
		if (rlog.ev[i].kind == EV_NOTE)
			continue;
		at += (size_t)snprintf(buf + at, sizeof(buf) - at, "%c %s\n",
				       rlog.ev[i].kind == EV_SEND ? '>' : '<', rlog.ev[i].text);
	}
	return buf;
}

START_TEST(zephyr_shell_session)
{
	parse("*** Booting nRF Connect SDK v3.2.0-aa11bb22cc33 ***\n"
	      "[00:00:00.402,111] <inf> main: sensor hub up\n"
	      "uart:~$ slm AT+CPIN?\r\n"
	      "slm AT+CPIN?\n\n+CPIN: READY\n\nOK\n"
	      "uart:~$ device list\n"
	      "devices:\n- uart@8000 (READY)\n"
	      "uart:~$ at at%XTEMP?\n"
	      "%XTEMP: 31\nOK\n"
	      "uart:~$ \n");
	ck_assert_int_eq(rlog.format, LOG_SHELL);
	ck_assert_str_eq(events(), "> AT+CPIN?\n< +CPIN: READY\n< OK\n> at%XTEMP?\n< %XTEMP: 31\n< OK\n");
	ck_assert(!rlog.timed);
	/* The banner, the log line, the other command and its output. */
	ck_assert_int_eq(rlog.read.skipped, 5);
	ck_assert_int_eq(rlog.read.first_skipped_line, 1);
	ck_assert_int_eq(rlog.ev[0].line, 3);
}
END_TEST

START_TEST(zephyr_stamps_are_since_boot)
{
	parse("[00:00:01.250,000] <dbg> app: tx: AT+CGMR\n"
	      "[00:00:01.262,500] <dbg> app: rx: mfw_nrf9160_1.3.5\n"
	      "[00:00:01.263,000] <dbg> app: rx: OK\n"
	      "[00:00:01.300,000] <inf> app: version read\n");
	ck_assert_str_eq(events(), "> AT+CGMR\n< mfw_nrf9160_1.3.5\n< OK\n");
	ck_assert(rlog.timed);
	ck_assert_int_eq(rlog.ev[0].t_ms, 1250);
	ck_assert_int_eq(rlog.ev[1].t_ms, 1262);
	ck_assert_int_eq(rlog.read.skipped, 1);
}
END_TEST

START_TEST(nrf_modem_traces)
{
	parse("1.004117 TRACE AT -> AT+CEREG=5\n"
	      "\xe2\x94\x94\xe2\x94\x80 nrf_modem::at::{impl#0}::poll @ src/at.rs:176\n"
	      "1.005210 TRACE AT <- OK\n"
	      "2.118000 TRACE AT -> AT+CEREG?\n"
	      "2.119453 TRACE AT <- +CEREG: 5,2,\"5A1F\",\"01A2B3C4\",7\n"
	      "OK\n"
	      "\n");
	ck_assert_int_eq(rlog.format, LOG_ARROW);
	ck_assert_str_eq(events(), "> AT+CEREG=5\n< OK\n> AT+CEREG?\n< +CEREG: 5,2,\"5A1F\",\"01A2B3C4\",7\n< OK\n");
	ck_assert(rlog.timed);
	ck_assert_int_eq(rlog.ev[4].t_ms, 2119);
}
END_TEST

/* Arrows pointing the other way: the host's are the ones before commands. */
START_TEST(arrows_either_way)
{
	parse("<- AT+CSQ\n-> \n-> +CSQ: 17,99\n-> OK\n<- AT+COPS?\n-> +COPS: 0\n-> OK\n");
	ck_assert_str_eq(events(), "> AT+CSQ\n< +CSQ: 17,99\n< OK\n> AT+COPS?\n< +COPS: 0\n< OK\n");
	log_free(&rlog);
	parse("> AT+CGATT?\n< +CGATT: 1\n< OK\n>> AT\n<< OK\n");
	ck_assert_str_eq(events(), "> AT+CGATT?\n< +CGATT: 1\n< OK\n> AT\n< OK\n");
}
END_TEST

/* ESP-IDF's log prefix; a Python console's ">>>"; a prefixed line after
 * the answer's final result is not more of it. */
START_TEST(esp_idf_and_long_arrows)
{
	parse("I (318) main: start\nI (1290) modem: >> AT+CGMM\nI (1301) modem: << nRF9160-SICA\n"
	      "I (1302) modem: << OK\nW (1400) modem: slow\n");
	ck_assert_str_eq(events(), "> AT+CGMM\n< nRF9160-SICA\n< OK\n");
	ck_assert_int_eq(rlog.read.skipped, 2);
	log_free(&rlog);
	parse(">>> AT+CFUN?\n<<< +CFUN: 4\n<<< OK\n");
	ck_assert_str_eq(events(), "> AT+CFUN?\n< +CFUN: 4\n< OK\n");
}
END_TEST

START_TEST(zephyr_hexdump_split_command)
{
	parse("[00:00:03.100,000] <dbg> slm_at_host: RX\n"
	      "                                      41 54 2b 43 47 44 43 4f  |AT+CGDCO\n"
	      "                                      4e 54 3f 0d 00          |NT?..\n"
	      "[00:00:03.150,000] <dbg> slm_at_host: TX\n"
	      "                                      0d 0a 2b 43 47 44 43 4f  4e 54 3a 20 30 2c 22 49 |..+CGDCO NT: 0,\"I\n"
	      "                                      50 22 2c 22 69 6f 74 22  0d 0a 4f 4b 0d 0a       |P\",\"iot\" ..OK..\n");
	ck_assert_int_eq(rlog.format, LOG_HEXDUMP);
	ck_assert_str_eq(events(), "> AT+CGDCONT?\n< +CGDCONT: 0,\"IP\",\"iot\"\n< OK\n");
	ck_assert(rlog.timed);
	ck_assert_int_eq(rlog.ev[0].t_ms, 3100);
	ck_assert_int_eq(rlog.ev[0].line, 2);
	ck_assert_int_eq(rlog.ev[1].t_ms, 3150);
}
END_TEST

START_TEST(nrf5_and_rtt_hexdumps)
{
	parse("00> <info> app: UART out\n"
	      "00> <info> app:  41 54 23 58 50 49 4E 47|AT#XPING\n"
	      "00> <info> app:  3D 22 31 30 2E 30 2E 30|=\"10.0.0\n"
	      "00> <info> app:  2E 37 22 2C 34 35 2C 35|.7\",45,5\n"
	      "00> <info> app:  30 30 30 0D 0A        |000..\n"
	      "00> <info> app: UART in\n"
	      "00> <info> app:  0D 0A 4F 4B 0D 0A      |..OK..\n");
	ck_assert_int_eq(rlog.format, LOG_HEXDUMP);
	ck_assert_str_eq(events(), "> AT#XPING=\"10.0.0.7\",45,5000\n< OK\n");
	ck_assert_int_eq(rlog.read.skipped, 2);
}
END_TEST

/* One file, two shapes: a terminal capture with a dump pasted in it. */
START_TEST(hexdump_beside_text)
{
	parse("AT+CGMM\nnRF9160-SICA\nOK\nthe driver then sent, from the analyser:\n"
	      "0000: 41 54 2B 43 46 55 4E 3D 34 0D  AT+CFUN=4.\n0000: 0D 0A 4F 4B 0D 0A  ..OK..\n");
	ck_assert_str_eq(events(), "> AT+CGMM\n< nRF9160-SICA\n< OK\n> AT+CFUN=4\n< OK\n");
	ck_assert_uint_eq(rlog.read.formats, 1u << LOG_PLAIN | 1u << LOG_HEXDUMP);
	ck_assert_int_eq(rlog.read.skipped, 1);
}
END_TEST

START_TEST(at_library_dump)
{
	parse("Initializing modem...AT\r\n"
	      "OK\n"
	      "[2310] ### Modem: nRF9160\n"
	      "Waiting for network...AT+CEREG?\n"
	      "+CEREG: 0,5\n"
	      "OKAT#XSOCKET=1,2,0\n"
	      "#XSOCKET: 0,2,17\n"
	      "OK\n");
	ck_assert_int_eq(rlog.format, LOG_ATLIB);
	ck_assert_str_eq(events(), "> AT\n< OK\n> AT+CEREG?\n< +CEREG: 0,5\n< OK\n> AT#XSOCKET=1,2,0\n"
			 "< #XSOCKET: 0,2,17\n< OK\n");
	ck_assert_int_eq(rlog.read.skipped, 3);
}
END_TEST

START_TEST(poster_annotations)
{
	parse("First I set the mode:\n"
	      "AT%XSYSTEMMODE=0,1,0,0   -> OK\n"
	      "AT+CFUN=1\n"
	      "\xe2\x86\x92 OK\n"
	      "then after a minute it shows\n"
	      "...\n"
	      ":\n"
	      "[...]\n"
	      "AT+CEREG?\n"
	      "+CEREG: 0,2\n"
	      "OK\n"
	      "// it never attaches\n");
	ck_assert_str_eq(events(), "> AT%XSYSTEMMODE=0,1,0,0\n< OK\n> AT+CFUN=1\n< OK\n> AT+CEREG?\n"
			 "< +CEREG: 0,2\n< OK\n");
	ck_assert_int_eq(rlog.read.annotations, 2);
	ck_assert_int_eq(rlog.read.first_annotation_line, 2);
	ck_assert(rlog.ev[2].annotation);
	ck_assert_int_eq(rlog.read.skipped, 6);
}
END_TEST

START_TEST(link_monitor_timed_out)
{
	parse("2024-06-11T09:14:02.118Z DEBUG modem >> AT+CGDCONT?\n"
	      "2024-06-11T09:14:12.120Z ERROR Error: 'AT#XCONNECT=\"198.51.100.9\",6000\n"
	      "' timed out\n"
	      "2024-06-11T09:14:20.001Z DEBUG modem >> AT\n");
	ck_assert_uint_eq(rlog.nev, 3);
	ck_assert(rlog.ev[1].from_error);
	ck_assert(rlog.ev[1].timed_out);
	ck_assert(!rlog.ev[0].timed_out);
	ck_assert_uint_eq(rlog.nprobs, 0);
}
END_TEST

START_TEST(read_summary)
{
	char buf[320];

	parse("uart:~$ slm AT\nOK\nuart:~$ help\nPlease press the <Tab> button\n");
	log_read_summary(&rlog, buf, sizeof(buf));
	ck_assert_str_eq(buf, "Zephyr shell session, 4 lines; 2 skipped, not the link's "
			 "(first, line 3: \"uart:~$ help\")");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("log_formats");
	TCase *tc = tcase_create("read");
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, zephyr_shell_session);
	tcase_add_test(tc, zephyr_stamps_are_since_boot);
	tcase_add_test(tc, nrf_modem_traces);
	tcase_add_test(tc, arrows_either_way);
	tcase_add_test(tc, esp_idf_and_long_arrows);
	tcase_add_test(tc, zephyr_hexdump_split_command);
	tcase_add_test(tc, nrf5_and_rtt_hexdumps);
	tcase_add_test(tc, hexdump_beside_text);
	tcase_add_test(tc, at_library_dump);
	tcase_add_test(tc, poster_annotations);
	tcase_add_test(tc, link_monitor_timed_out);
	tcase_add_test(tc, read_summary);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
