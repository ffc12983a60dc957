/* Exact bytes of AT#XGPIOCFG and AT#XGPIO (SLM v1.8 gpio/slm_at_gpio.c):
 * the configured-pin list in first-configured order, <op> before <pin> in
 * #XGPIO, OK without effect on an unconfigured pin, and every error path. */
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
	ck_assert_int_eq(config_set_arg(&cfg, "modem.gpio_inputs=9=0,14=1", err, sizeof(err)), 0);
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(configure_and_list)
{
	EXPECT("AT#XGPIOCFG?\r\n", "\r\n#XGPIOCFG\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=22,14\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=1,31\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=21,0\r\n", "\r\nOK\r\n");
	/* Reconfiguring keeps the pin's place; disabling drops it. */
	EXPECT("AT#XGPIOCFG=21,14\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG?\r\n", "\r\n#XGPIOCFG\r\n21,14\r\n1,31\r\n21,0\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=0,31\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=0,5\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG?\r\n", "\r\n#XGPIOCFG\r\n21,14\r\n21,0\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(configure_errors)
{
	EXPECT("AT#XGPIOCFG=1,32\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=2,3\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=23,3\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=-1,3\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=1,\"3\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG=?\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIOCFG?\r\n", "\r\n#XGPIOCFG\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(read_write_toggle)
{
	EXPECT("AT#XGPIOCFG=21,3\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=22,4\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=21,9\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=22,14\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=1,20\r\n", "\r\nOK\r\n");
	/* Undriven inputs read their pull; driven ones what drives them. */
	EXPECT("AT#XGPIO=1,3\r\n", "\r\n#XGPIO: 3,1\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,4\r\n", "\r\n#XGPIO: 4,0\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,9\r\n", "\r\n#XGPIO: 9,0\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,14\r\n", "\r\n#XGPIO: 14,1\r\n\r\nOK\r\n");
	/* An output's input buffer is disconnected: it reads 0. */
	EXPECT("AT#XGPIO=0,20,1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,20\r\n", "\r\n#XGPIO: 20,0\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=2,20\r\n", "\r\nOK\r\n");
	/* A pin not configured: nothing, OK. */
	EXPECT("AT#XGPIO=1,21\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=0,21,1\r\n", "\r\nOK\r\n");
	/* Read and toggle never look at a third parameter. */
	EXPECT("AT#XGPIO=1,3,\"x\"\r\n", "\r\n#XGPIO: 3,1\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(output_reads_back)
{
	char err[128];

	mfix_teardown(&f);
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.gpio_output_reads_back=yes", err,
					sizeof(err)), 0);
	mfix_setup(&f, &cfg);
	EXPECT("AT#XGPIOCFG=1,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,7\r\n", "\r\n#XGPIO: 7,0\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=0,7,1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,7\r\n", "\r\n#XGPIO: 7,1\r\n\r\nOK\r\n");
	EXPECT("AT#XGPIO=2,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,7\r\n", "\r\n#XGPIO: 7,0\r\n\r\nOK\r\n");
	/* Disabled and configured again: the latch is the port's, it stays. */
	EXPECT("AT#XGPIO=2,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=0,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIOCFG=1,7\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=1,7\r\n", "\r\n#XGPIO: 7,1\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(operate_errors)
{
	EXPECT("AT#XGPIOCFG=1,5\r\n", "\r\nOK\r\n");
	EXPECT("AT#XGPIO=3,5\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=1,32\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=0,5\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=0,5,2\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=0,5,\"1\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=0,5,-1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=\"1\",5\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO?\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XGPIO=?\r\n", "\r\nERROR\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gpio");
	TCase *tc = tcase_create("gpio");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, configure_and_list);
	tcase_add_test(tc, configure_errors);
	tcase_add_test(tc, read_write_toggle);
	tcase_add_test(tc, output_reads_back);
	tcase_add_test(tc, operate_errors);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
