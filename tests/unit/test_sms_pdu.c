/* SMS PDUs and alphabets: 7-bit packing against known vectors, SUBMIT as
 * NCS's sms library builds it, DELIVER as it reads it, UCS-2, and
 * concatenated parts split the library's way. */
#include <check.h>
#include <string.h>

#include "ck_run.h"
#include "sms_pdu.h"

START_TEST(pack_known_vector)
{
	uint8_t sept[16], packed[16], back[16];
	size_t n;

	ck_assert_uint_eq(sms_gsm7_from_text("hellohello", 10, sept, 160, &n), 10);
	ck_assert_uint_eq(n, 10);
	ck_assert_uint_eq(sms_pack7(sept, n, 0, packed), 9);
	ck_assert_mem_eq(packed, "\xE8\x32\x9B\xFD\x46\x97\xD9\xEC\x37", 9);
	ck_assert_uint_eq(sms_unpack7(packed, 9, 0, 10, back), 10);
	ck_assert_mem_eq(back, sept, 10);
	/* One fill bit, as after a concatenation header. */
	ck_assert_uint_eq(sms_pack7(sept, 2, 1, packed), 2);
	ck_assert_uint_eq(sms_unpack7(packed, 2, 1, 2, back), 2);
	ck_assert_mem_eq(back, sept, 2);
}
END_TEST

START_TEST(gsm7_alphabet)
{
	uint8_t sept[32];
	char text[64];
	size_t n;

	/* '@' '$' '_' have their own codes; brackets take the escape. */
	sms_gsm7_from_text("@$_[`", 5, sept, 32, &n);
	ck_assert_uint_eq(n, 6);
	ck_assert_mem_eq(sept, "\x00\x02\x11\x1B\x3C\x27", 6);
	sms_gsm7_to_text(sept, n, text);
	ck_assert_str_eq(text, "@$_['");
	/* An escape that does not fit stops the text before it. */
	ck_assert_uint_eq(sms_gsm7_from_text("a[", 2, sept, 2, &n), 1);
	ck_assert(sms_gsm7_fits("plain text {ok}", 15));
	ck_assert(!sms_gsm7_fits("caf\xC3\xA9", 5));
}
END_TEST

START_TEST(ucs2_round_trip)
{
	const char *s = "caf\xC3\xA9 \xE2\x82\xAC";	/* "café €" */
	uint8_t u[32];
	char back[32];
	int n = sms_ucs2_from_utf8(s, strlen(s), u, sizeof(u));

	ck_assert_int_eq(n, 12);
	ck_assert_mem_eq(u, "\x00" "c" "\x00" "a" "\x00" "f" "\x00\xE9\x00 \x20\xAC", 12);
	sms_ucs2_to_utf8(u, (size_t)n, back);
	ck_assert_str_eq(back, s);
	ck_assert_int_eq(sms_ucs2_from_utf8("\xF0\x9F\x98\x80", 4, u, sizeof(u)), -1);
	ck_assert_int_eq(sms_ucs2_from_utf8("\xC3", 1, u, sizeof(u)), -1);
}
END_TEST

START_TEST(submit_like_the_library)
{
	struct sms_submit s = { .da = "+1234567890" }, r;
	char hex[SMS_HEX_MAX];

	ck_assert_int_eq(sms_text_parts("hello", false), 1);
	sms_text_ud("hello", false, 1, 1, 0, &s.ud);
	ck_assert_int_eq(sms_submit_hex(&s, true, hex, sizeof(hex)), 17);
	ck_assert_str_eq(hex, "0021000A912143658709000005E8329BFD06");
	ck_assert_int_eq(sms_submit_parse(hex, 17, &r), 0);
	ck_assert_str_eq(r.da, "+1234567890");
	ck_assert_uint_eq(r.ud.udl, 5);
	ck_assert_mem_eq(r.ud.ud, s.ud.ud, s.ud.ud_len);
	/* The length must be the TPDU's; the type a SUBMIT. */
	ck_assert_int_eq(sms_submit_parse(hex, 16, &r), -1);
	ck_assert_int_eq(sms_submit_parse("0004000A912143658709000005E8329BFD06", 17, &r), -1);
	ck_assert_int_eq(sms_submit_parse("0021000A91214365870900000XE8329BFD06", 17, &r), -1);
	strcpy(s.da, "12ab");
	ck_assert_int_eq(sms_submit_hex(&s, true, hex, sizeof(hex)), -1);
}
END_TEST

START_TEST(deliver_known_vector)
{
	struct sms_deliver d;

	ck_assert_int_eq(sms_deliver_parse("07917283010010F5040BC87238880900F10000993092516195800A"
					   "E8329BFD4697D9EC37", &d), 0);
	ck_assert_str_eq(d.oa, "27838890001");
	ck_assert_str_eq(d.text, "hellohello");
	ck_assert_int_eq(d.scts.year, 99);
	ck_assert_int_eq(d.scts.month, 3);
	ck_assert_int_eq(d.scts.second, 59);
	ck_assert_int_eq(d.scts.tz_quarters, 8);
	ck_assert_int_eq(d.concat.total, 0);
}
END_TEST

START_TEST(deliver_round_trip_concatenated)
{
	char text[301], hex[SMS_HEX_MAX];
	struct sms_time t = { 26, 1, 2, 3, 4, 5, -4 };
	struct sms_deliver d;
	struct sms_ud ud;
	int len;

	for (int i = 0; i < 300; i++)
		text[i] = (char)('a' + i % 26);
	text[300] = '\0';
	ck_assert_int_eq(sms_text_parts(text, false), 2);	/* 153 + 147 */
	sms_text_ud(text, false, 2, 2, 7, &ud);
	ck_assert_uint_eq(ud.udl, 7 + 147);
	len = sms_deliver_hex("+4915", "+4930123", &t, &ud, hex, sizeof(hex));
	ck_assert_int_gt(len, 0);
	ck_assert_int_eq((int)strlen(hex) / 2 - 4, len);	/* SMSC: 03 91 94 51 */
	ck_assert_int_eq(sms_deliver_parse(hex, &d), 0);
	ck_assert_str_eq(d.oa, "4930123");
	ck_assert_int_eq(d.concat.ref, 7);
	ck_assert_int_eq(d.concat.seq, 2);
	ck_assert_int_eq(d.concat.total, 2);
	ck_assert_int_eq(d.scts.tz_quarters, -4);
	ck_assert_str_eq(d.text, text + 153);
}
END_TEST

START_TEST(ucs2_parts_and_the_library)
{
	char text[160], hex[SMS_HEX_MAX];
	struct sms_time t = { 26, 1, 2, 3, 4, 5, 0 };
	struct sms_deliver d;
	struct sms_ud ud;

	strcpy(text, "\xC3\xA9");
	for (int i = 1; i < 71; i++)
		strcat(text, "x");
	ck_assert_int_eq(sms_text_parts(text, true), 2);	/* 71 > 70: 67 a part */
	ck_assert_int_eq(sms_text_ud(text, true, 2, 2, 1, &ud), 0);
	ck_assert_uint_eq(ud.ud_len, 6 + 2 * 4);
	ck_assert_int_eq(sms_text_ud("\xC3\xA9t\xC3\xA9", true, 1, 1, 0, &ud), 0);
	ck_assert_uint_eq(ud.udl, 6);
	ck_assert_int_gt(sms_deliver_hex("+1", "+2", &t, &ud, hex, sizeof(hex)), 0);
	/* NCS 1.8's library does not decode UCS-2. */
	ck_assert_int_eq(sms_deliver_parse(hex, &d), -1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sms_pdu");
	TCase *tc = tcase_create("pdu");

	tcase_add_test(tc, pack_known_vector);
	tcase_add_test(tc, gsm7_alphabet);
	tcase_add_test(tc, ucs2_round_trip);
	tcase_add_test(tc, submit_like_the_library);
	tcase_add_test(tc, deliver_known_vector);
	tcase_add_test(tc, deliver_round_trip_concatenated);
	tcase_add_test(tc, ucs2_parts_and_the_library);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
