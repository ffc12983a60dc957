/* Exact bytes of SMS between two modems of one process: AT#XSMS as SLM
 * v1.8.0's slm_at_sms.c answers it, the modem's +CNMI, +CMGS (PDU mode),
 * +CNMA and +CMT, and an SMS from the control channel. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"
#include "modem_state.h"
#include "modem_world.h"

#define A_NUM "+33600000041"
#define B_NUM "+33600000042"
/* The default SMS centre, +15550109999, as a +CMT PDU's first field. */
#define SMSC "07915155109099F9"
#define OK "\r\nOK\r\n"
#define ERR "\r\nERROR\r\n"

static struct mfix f;	/* modem A */
static struct modem *b;
static struct strbuf b_out;
static char *b_last;

static void capture_b(void *arg, const char *buf, size_t len)
{
	(void)arg;
	sb_append(&b_out, buf, len);
}

static const char *b_take(void)
{
	free(b_last);
	b_last = strdup(b_out.data ? b_out.data : "");
	sb_clear(&b_out);
	return b_last;
}

static const char *b_cmd(const char *text)
{
	modem_input(b, (const uint8_t *)text, strlen(text));
	return b_take();
}

static void setup(void)
{
	struct modem_config cfg;
	char err[256];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	cfg.net.sms_delay_ms = 1500;
	strcpy(cfg.msisdn, A_NUM);
	mfix_setup(&f, &cfg);
	strcpy(cfg.msisdn, B_NUM);
	b = modem_new(f.ctx, 1, &cfg, err, sizeof(err));
	ck_assert_msg(b, "%s", err);
	modem_set_tx(b, capture_b, NULL);
}

static void teardown(void)
{
	modem_free(b);
	mfix_teardown(&f);
	sb_free(&b_out);
	free(b_last);
	b_last = NULL;
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
#define EXPECT_B(cmd, out) ck_assert_str_eq(b_cmd(cmd), out)

/* Both registered; B's clock at 26-01-02 03:04:05, one hour east. */
static void both_registered(void)
{
	mfix_register(&f);
	EXPECT_B("AT+CFUN=1\r\n", OK);
	mfix_advance(&f, 60000);
	b_take();
	EXPECT_B("AT+CCLK=\"26/01/02,03:04:05+04\"\r\n", OK);
}

START_TEST(xsms_between_modems)
{
	both_registered();
	EXPECT_B("AT#XSMS=1\r\n", OK);
	EXPECT_B("AT+CNMI?\r\n", "\r\n+CNMI: 3,2,0,1,0\r\nOK\r\n");
	EXPECT("AT#XSMS=1\r\n", OK);
	EXPECT("AT#XSMS=2,\"" B_NUM "\",\"Hi B\"\r\n", OK);
	ck_assert_str_eq(mfix_advance(&f, 1499), "");
	ck_assert_str_eq(b_take(), "");
	mfix_advance(&f, 1);
	/* 04 DELIVER; 0B91 and A's 11 digits; PID, DCS 0; the time 26-01-02
	 * 03:04:06 +1h in semi-octets; 4 septets "Hi B". */
	ck_assert_str_eq(b_take(), "\r\n+CMT: \"+33600000041\",23\r\n" SMSC "040B913306000040F10000621020304060"
				   "4004C8344808\r\n"
				   "\r\n#XSMS: \"26-01-02 03:04:06\",\"33600000041\",\"Hi B\"\r\n");
	/* The library acknowledged it: not the host's to acknowledge. */
	EXPECT_B("AT+CNMA=1\r\n", "\r\n+CMS ERROR: 302\r\n");
	EXPECT_B("AT#XSMS=0\r\n", OK);
	EXPECT_B("AT+CNMI?\r\n", "\r\n+CNMI: 0,0,0,0,0\r\nOK\r\n");
	/* Nobody subscribed now: the message is dropped. */
	EXPECT("AT#XSMS=2,\"" B_NUM "\",\"again\"\r\n", OK);
	mfix_advance(&f, 2000);
	ck_assert_str_eq(b_take(), "");
}
END_TEST

START_TEST(concatenated)
{
	char cmd[600], text[301], urc[400];
	const char *out, *x;

	for (int i = 0; i < 300; i++)
		text[i] = (char)('A' + i % 26);
	text[300] = '\0';
	both_registered();
	EXPECT_B("AT#XSMS=1\r\n", OK);
	EXPECT("AT#XSMS=1\r\n", OK);
	snprintf(cmd, sizeof(cmd), "AT#XSMS=2,\"%s\",\"%s\"\r\n", B_NUM, text);
	EXPECT(cmd, OK);
	mfix_advance(&f, 1500);
	out = b_take();
	/* Two +CMT, each with a header 05 00 03 <id 1> <2 parts> <seq>. */
	ck_assert_ptr_nonnull(x = strstr(out, "\r\n+CMT: \"+33600000041\",159\r\n" SMSC "440B91"));
	ck_assert_ptr_nonnull(strstr(x, "A0050003010201"));
	ck_assert_ptr_nonnull(x = strstr(x + 1, "\r\n+CMT: \"+33600000041\",154\r\n" SMSC "440B91"));
	ck_assert_ptr_nonnull(strstr(x, "9A050003010202"));
	snprintf(urc, sizeof(urc), "\r\n#XSMS: \"26-01-02 03:04:06\",\"33600000041\",\"%s\"\r\n",
		 text);
	ck_assert_ptr_nonnull(strstr(out, urc));
	ck_assert_ptr_eq(strstr(out, "#XSMS"), strstr(out, urc) + 2);
}
END_TEST

START_TEST(host_pdu_mode)
{
	both_registered();
	EXPECT_B("AT+CNMI=3,2,0,1\r\n", OK);
	/* The sms library refuses to start while another client is registered. */
	EXPECT_B("AT#XSMS=1\r\n", ERR);
	/* SUBMIT to B: 0B91 3306000040F2, 2 septets "ok". */
	EXPECT("AT+CMGS=15\r0001000B913306000040F2000002EF35\x1a\r\n", "\r\n+CMGS: 1\r\nOK\r\n");
	EXPECT("AT+CMGS=15\r0001000B913306000040F2000002EF35\r\n", "\r\n+CMGS: 2\r\nOK\r\n");
	mfix_advance(&f, 1500);
	ck_assert_str_eq(b_take(), "\r\n+CMT: \"+33600000041\",21\r\n" SMSC "040B913306000040F1000062102030406040"
				   "02EF35\r\n\r\n+CMT: \"+33600000041\",21\r\n" SMSC "040B913306000040F1000062102030"
				   "40604002EF35\r\n");
	EXPECT_B("AT+CNMA=1\r\n", OK);
	EXPECT_B("AT+CNMA\r\n", "\r\n+CMS ERROR: 302\r\n");
	EXPECT_B("AT+CNMA=3\r\n", ERR);
	EXPECT_B("AT+CNMI=1\r\n", ERR);
	EXPECT_B("AT+CNMI=0,1\r\n", ERR);
	/* A length that is not the TPDU's, a DELIVER, no PDU: ERROR. */
	EXPECT("AT+CMGS=14\r0001000B913306000040F2000002EF35\x1a\r\n", ERR);
	EXPECT("AT+CMGS=15\r0000000B913306000040F2000002EF35\x1a\r\n", ERR);
	EXPECT("AT+CMGS=15\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "same line"));
}
END_TEST

START_TEST(xsms_errors)
{
	EXPECT("AT#XSMS=?\r\n", "\r\n#XSMS: (0,1,2),<number>,<message>\r\n\r\nOK\r\n");
	EXPECT("AT#XSMS?\r\n", ERR);
	EXPECT("AT#XSMS=0\r\n", ERR);
	EXPECT("AT#XSMS=2,\"+1234\",\"x\"\r\n", ERR);
	EXPECT("AT#XSMS=3\r\n", OK);	/* an unknown op: the code answers OK */
	EXPECT("AT#XSMS=1\r\n", OK);
	EXPECT("AT#XSMS=1\r\n", ERR);
	EXPECT("AT#XSMS=2,1234,\"x\"\r\n", ERR);
	EXPECT("AT#XSMS=2,\"+12345678901234567890\",\"x\"\r\n", ERR);
	EXPECT("AT#XSMS=2,\"+1234\"\r\n", ERR);
	/* Not registered: the modem refuses the +CMGS the library sends. */
	EXPECT("AT#XSMS=2,\"+1234\",\"x\"\r\n", ERR);
	ck_assert_ptr_nonnull(strstr(f.why, "registration"));
	EXPECT("AT+CMGS=15\r0001000B913306000040F2000002EF35\x1a\r\n", ERR);
	mfix_register(&f);
	EXPECT("AT#XSMS=2,\"+12a4\",\"x\"\r\n", ERR);
	EXPECT("AT#XSMS=2,\"\",\"x\"\r\n", ERR);
	/* A number nobody in this slmsim has: accepted, then nothing. */
	EXPECT("AT#XSMS=2,\"+4915199999\",\"x\"\r\n", OK);
	ck_assert_str_eq(mfix_advance(&f, 5000), "");
}
END_TEST

START_TEST(from_the_control)
{
	char err[256];

	ck_assert_int_eq(world_sms(b, "+4930123456", "hello", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "not registered"));
	both_registered();
	ck_assert_int_eq(world_sms(b, "+4930123456", "hello", err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "AT+CNMI=3,2"));
	EXPECT_B("AT#XSMS=1\r\n", OK);
	ck_assert_int_eq(world_sms(b, "+4930123456", "hello", err, sizeof(err)), 0);
	ck_assert_str_eq(b_take(), "\r\n+CMT: \"+4930123456\",23\r\n" SMSC "040A9194032143650000621020304050400"
				   "5E8329BFD06\r\n"
				   "\r\n#XSMS: \"26-01-02 03:04:05\",\"4930123456\",\"hello\"\r\n");
	/* Text GSM 7-bit cannot carry goes as UCS-2, which the library cannot
	 * read: +CMT only. */
	ck_assert_int_eq(world_sms(b, "4930", "\xC3\xA9t\xC3\xA9", err, sizeof(err)), 0);
	ck_assert_str_eq(b_take(), "\r\n+CMT: \"4930\",21\r\n" SMSC "04048194030008621020304050400600E9"
				   "007400E9\r\n");
	/* Without the +CMT when the setting says the SLM does not show it. */
	b->cfg.xsms_shows_cmt = false;
	ck_assert_int_eq(world_sms(b, "+4930123456", "hello", err, sizeof(err)), 0);
	ck_assert_str_eq(b_take(), "\r\n#XSMS: \"26-01-02 03:04:05\",\"4930123456\",\"hello\"\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sms");
	TCase *tc = tcase_create("sms");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, xsms_between_modems);
	tcase_add_test(tc, concatenated);
	tcase_add_test(tc, host_pdu_mode);
	tcase_add_test(tc, xsms_errors);
	tcase_add_test(tc, from_the_control);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
