/* The framing errata of the fact sheet (section 9), each checked against
 * the bytes SLM v1.8.0 would send: every test here failed on the code
 * before the fidelity work. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup(void)
{
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;	/* the SLM's Kconfig default */
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

START_TEST(empty_line_and_leading_space_are_errors)
{
	EXPECT("\r\n", "\r\nERROR\r\n");
	EXPECT(" AT\r\n", "\r\nERROR\r\n");
	EXPECT("\tAT\r\n", "\r\nERROR\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(lone_cr_is_data_in_crlf_mode)
{
	EXPECT("AT\rAT\r\n", "\r\nERROR\r\n");
	EXPECT("AT\r\n", "\r\nOK\r\n");
}
END_TEST

START_TEST(slm_name_matching)
{
	/* A trailing '=' is a set command; a name up to 2 characters longer
	 * still matches (slm_util_cmd_casecmp); 3 longer does not. */
	EXPECT("AT#XSLMVER=\r\n", "\r\n#XSLMVER: \"1.8.0\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMVERX\r\n", "\r\n#XSLMVER: \"1.8.0\"\r\n\r\nOK\r\n");
	EXPECT("at#xslmverxy\r\n", "\r\n#XSLMVER: \"1.8.0\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSLMVERXYZ\r\n", "\r\nERROR\r\n");
	{
		char *plain = strdup(mfix_cmd(&f, "AT#XCLAC\r\n"));

		EXPECT("AT#XCLAC=\r\n", plain);
		free(plain);
	}
	/* Modem commands are the modem's: exact names only. */
	EXPECT("AT+CGMMX\r\n", "\r\nERROR\r\n");
}
END_TEST

START_TEST(xclac_is_the_dk_build)
{
	const char *out = mfix_cmd(&f, "AT#XCLAC\r\n");

	ck_assert_ptr_null(strstr(out, "#XTWI"));
	ck_assert(strstr(out, "AT#XHTTPCREQ\r\nAT#XGPIOCFG\r\nAT#XGPIO\r\n\r\nOK\r\n"));
}
END_TEST

START_TEST(input_during_a_command_is_lost)
{
	/* Two commands in one chunk: the SLM stops reading at the first's end. */
	EXPECT("AT+CGMI\r\nAT+CGMM\r\n", "\r\nNordic Semiconductor ASA\r\nOK\r\n");
	EXPECT("AT+CGMM\r\n", "\r\nnRF9160-SICA\r\nOK\r\n");
}
END_TEST

START_TEST(input_kept_when_configured)
{
	struct modem_config cfg;

	mfix_teardown(&f);
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	cfg.busy_input = BUSY_INPUT_KEEP;
	mfix_setup(&f, &cfg);
	EXPECT("AT+CGMI\r\nAT+CGMM\r\n",
	       "\r\nNordic Semiconductor ASA\r\nOK\r\n\r\nnRF9160-SICA\r\nOK\r\n");
}
END_TEST

START_TEST(overflow_answers_at_once)
{
	char *big = malloc(5000);

	memset(big, 'A', 4999);
	big[4999] = '\0';
	/* No line end yet: the 4096th byte ends it. */
	EXPECT(big, "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "longer than 4095"));
	EXPECT("AT\r\n", "\r\nOK\r\n");
	free(big);
}
END_TEST

START_TEST(urc_before_the_result_code)
{
	EXPECT("AT+CEREG=1\r\n", "\r\nOK\r\n");
	EXPECT("AT+CFUN=1\r\n", "\r\nOK\r\n");
	mfix_advance(&f, 60000);
	EXPECT("AT+CFUN=4\r\n", "\r\n+CEREG: 0\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("errata");
	TCase *tc = tcase_create("framing");
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, empty_line_and_leading_space_are_errors);
	tcase_add_test(tc, lone_cr_is_data_in_crlf_mode);
	tcase_add_test(tc, slm_name_matching);
	tcase_add_test(tc, xclac_is_the_dk_build);
	tcase_add_test(tc, input_during_a_command_is_lost);
	tcase_add_test(tc, input_kept_when_configured);
	tcase_add_test(tc, overflow_answers_at_once);
	tcase_add_test(tc, urc_before_the_result_code);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
