#include <check.h>
#include <string.h>

#include "ck_run.h"
#include "ftp_client.h"

#define LEN(s) ftp_reply_len((s), strlen(s))

/* One recv() of the modem takes one server reply: a multi-line one to the
 * line that repeats its code with a space, at most the 708-byte MSS. */
START_TEST(reply_length)
{
	char big[900];

	ck_assert_uint_eq(LEN("220 ready.\r\n"), 12);
	ck_assert_uint_eq(LEN("150 Opening.\r\n226 Done.\r\n"), 14);
	ck_assert_uint_eq(LEN("211-status:\r\n Connected\r\n211 End.\r\n"), 35);
	ck_assert_uint_eq(LEN("211-a\r\n200 inside\r\n211-b\r\n211 c\r\n250 next\r\n"), 33);
	ck_assert_uint_eq(LEN("211-a\r\n b\r\n"), 0);
	ck_assert_uint_eq(LEN("220 no line end yet"), 0);
	ck_assert_uint_eq(ftp_reply_len(NULL, 0), 0);	/* nothing received yet */
	ck_assert_uint_eq(LEN("not a reply\r\n220 x\r\n"), 13);
	memset(big, 'x', sizeof(big));
	memcpy(big, "220 ", 4);
	ck_assert_uint_eq(ftp_reply_len(big, sizeof(big)), FTP_MSS);
	memcpy(big, "211-", 4);
	big[100] = '\n';
	ck_assert_uint_eq(ftp_reply_len(big, sizeof(big)), FTP_MSS);
	ck_assert_uint_eq(ftp_reply_len(big, 500), 0);
}
END_TEST

/* parse_return_code(): "<code> " anywhere in what one recv() got. */
START_TEST(reply_code)
{
	ck_assert_int_eq(ftp_reply_code("257 \"/\" is the current directory.\r\n", 257), 257);
	ck_assert_int_eq(ftp_reply_code("150 Opening.\r\n226 Done.\r\n", 226), 226);
	ck_assert_int_eq(ftp_reply_code("550 No such file.\r\n", 250), 500);
	ck_assert_int_eq(ftp_reply_code("200 says 226 inside\r\n", 226), 226);
	ck_assert_int_eq(ftp_reply_code("2260 no\r\n", 226), 500);
	ck_assert_int_eq(ftp_reply_code("530 whatever\r\n", 0), 0);
}
END_TEST

/* The data port from the last two numbers before ')'. */
START_TEST(pasv_port)
{
	ck_assert_int_eq(ftp_pasv_port("227 Entering passive mode (127,0,0,1,147,129).\r\n"),
			 147 * 256 + 129);
	ck_assert_int_eq(ftp_pasv_port("227 Entering Passive Mode (90,130,70,73,86,111)\r\n"),
			 86 * 256 + 111);
	ck_assert_int_eq(ftp_pasv_port("227 =4,5)"), -1);
	ck_assert_int_eq(ftp_pasv_port("227 Entering passive mode.\r\n"), -1);
	ck_assert_int_eq(ftp_pasv_port("227 (1,2,3,4,x,9)"), -1);
	ck_assert_int_eq(ftp_pasv_port("227 (9)"), -1);
	ck_assert_int_eq(ftp_pasv_port("227 ,5) then (1,2"), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ftp_reply");
	TCase *tc = tcase_create("ftp_reply");

	tcase_add_test(tc, reply_length);
	tcase_add_test(tc, reply_code);
	tcase_add_test(tc, pasv_port);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
