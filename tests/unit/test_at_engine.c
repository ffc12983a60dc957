#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "at_engine.h"

struct seen {
	char lines[8][AT_MAX_CMD_LEN];
	size_t lens[8];
	enum at_line_status st[8];
	int n;
};

static void on_line(void *arg, const char *line, size_t len, enum at_line_status st)
{
	struct seen *s = arg;

	ck_assert_int_lt(s->n, 8);
	memcpy(s->lines[s->n], line, len);
	s->lines[s->n][len] = '\0';
	s->lens[s->n] = len;
	s->st[s->n] = st;
	s->n++;
}

static struct seen *feed(enum at_term term, const char *data, size_t len)
{
	static struct seen s;
	struct at_engine e;

	memset(&s, 0, sizeof(s));
	at_engine_init(&e, term, on_line, &s);
	ck_assert_uint_eq(at_engine_feed(&e, (const uint8_t *)data, len), len);
	return &s;
}

#define FEED(term, lit) feed(term, lit, sizeof(lit) - 1)

START_TEST(each_terminator)
{
	struct seen *s = FEED(AT_TERM_ANY, "AT\rAT+CFUN?\nAT+CEREG?\r\n");

	ck_assert_int_eq(s->n, 3);
	ck_assert_str_eq(s->lines[0], "AT");
	ck_assert_str_eq(s->lines[1], "AT+CFUN?");
	ck_assert_str_eq(s->lines[2], "AT+CEREG?");
}
END_TEST

START_TEST(crlf_mode_is_strict)
{
	/* SLM's default: a lone CR or LF is an ordinary character. */
	struct seen *s = FEED(AT_TERM_CRLF, "AT\rX\nY\r\n");

	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT\rX\nY");
}
END_TEST

START_TEST(cr_and_lf_modes)
{
	struct seen *s = FEED(AT_TERM_CR, "AT\nX\r");

	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT\nX");
	s = FEED(AT_TERM_LF, "AT\rX\n");
	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT\rX");
}
END_TEST

START_TEST(quoted_terminators_are_content)
{
	struct seen *s = FEED(AT_TERM_ANY,
		"AT%CMNG=0,757,0,\"-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\"\r\n");

	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0],
		"AT%CMNG=0,757,0,\"-----BEGIN CERTIFICATE-----\r\nMIIB\r\n-----END CERTIFICATE-----\"");
}
END_TEST

/* Errata: every quote toggles; a backslash is an ordinary character, so
 * \" closes the string and the line ends at the next CRLF. */
START_TEST(backslash_is_no_escape)
{
	struct seen *s = FEED(AT_TERM_ANY, "AT#XMQTTPUB=\"t\",\"a\\\"b\r\nc\"\r\n");

	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT#XMQTTPUB=\"t\",\"a\\\"b");
	/* The quote after c opens a string that no CRLF ends. */
	s = FEED(AT_TERM_CRLF, "AT+X=\"a\\\"\r\nAT\r\n");
	ck_assert_int_eq(s->n, 2);
	ck_assert_str_eq(s->lines[0], "AT+X=\"a\\\"");
	ck_assert_str_eq(s->lines[1], "AT");
}
END_TEST

START_TEST(multi_line_across_feeds)
{
	static struct seen s;
	struct at_engine e;
	const char *parts[] = { "AT%CMNG=0,1,0,\"-----BEGIN", " CERTIFICATE-----\r\n", "abc\r\n",
				"-----END CERTIFICATE-----\"", "\r\n" };

	memset(&s, 0, sizeof(s));
	at_engine_init(&e, AT_TERM_ANY, on_line, &s);
	for (size_t i = 0; i < 5; i++)
		at_engine_feed(&e, (const uint8_t *)parts[i], strlen(parts[i]));
	ck_assert_int_eq(s.n, 1);
	ck_assert_str_eq(s.lines[0],
		"AT%CMNG=0,1,0,\"-----BEGIN CERTIFICATE-----\r\nabc\r\n-----END CERTIFICATE-----\"");
}
END_TEST

START_TEST(backspace_edits)
{
	struct seen *s = FEED(AT_TERM_ANY, "AT+CFUX\bN?\r");

	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT+CFUN?");
	/* Errata: erasing a quote does not leave quote mode (the SLM keeps
	 * its flag), so the CR is content and the line is still open. */
	s = FEED(AT_TERM_ANY, "AT+X=\"\b\r");
	ck_assert_int_eq(s->n, 0);
	/* Backspace on an empty buffer does nothing. */
	s = FEED(AT_TERM_ANY, "\b\x7f" "AT\r");
	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT");
}
END_TEST

/* Errata: the byte that would overflow the buffer ends the command at
 * once; the rest of that chunk is lost; the next chunk starts anew. */
START_TEST(overlong_line_errors_and_resyncs)
{
	static struct seen sn;
	size_t big = AT_MAX_CMD_LEN + 100;
	char *data = malloc(big + 8);
	struct at_engine e;

	memset(&sn, 0, sizeof(sn));
	at_engine_init(&e, AT_TERM_ANY, on_line, &sn);
	memset(data, 'A', big);
	data[10] = '"';	/* quote state is reset too */
	memcpy(data + big, "\r\nAT\r\n", 6);
	ck_assert_uint_eq(at_engine_feed(&e, (const uint8_t *)data, big + 6), big + 6);
	ck_assert_int_eq(sn.n, 1);
	ck_assert_int_eq(sn.st[0], AT_LINE_OVERFLOW);
	ck_assert_uint_eq(sn.lens[0], AT_MAX_CMD_LEN - 1);
	at_engine_feed(&e, (const uint8_t *)"AT\r\n", 4);
	ck_assert_int_eq(sn.n, 2);
	ck_assert_int_eq(sn.st[1], AT_LINE_OK);
	ck_assert_str_eq(sn.lines[1], "AT");
	free(data);
}
END_TEST

START_TEST(exactly_max_length_fits)
{
	size_t n = AT_MAX_CMD_LEN - 1;
	char *data = malloc(n + 2);
	struct seen *s;

	memset(data, 'B', n);
	data[n] = '\r';
	s = feed(AT_TERM_ANY, data, n + 1);
	ck_assert_int_eq(s->n, 1);
	ck_assert_int_eq(s->st[0], AT_LINE_OK);
	ck_assert_uint_eq(s->lens[0], n);
	free(data);
}
END_TEST

START_TEST(binary_bytes_pass_through)
{
	static const char data[] = { 'A', 'T', 0, (char)0xff, 0x01, '\r', 'A', 'T', '\r' };
	struct seen *s = feed(AT_TERM_ANY, data, sizeof(data));

	ck_assert_int_eq(s->n, 2);
	ck_assert_uint_eq(s->lens[0], 5);
	ck_assert_int_eq(memcmp(s->lines[0], data, 5), 0);
	ck_assert_str_eq(s->lines[1], "AT");
}
END_TEST

/* Errata: an empty line is a command like any other (it fails the
 * grammar check later); in CRLF mode a lone CR or LF is content. */
START_TEST(empty_lines_are_lines)
{
	struct seen *s = FEED(AT_TERM_ANY, "\r\n\r\n\rAT\r\n");

	ck_assert_int_eq(s->n, 4);
	ck_assert_uint_eq(s->lens[0], 0);
	ck_assert_str_eq(s->lines[3], "AT");
	s = FEED(AT_TERM_CRLF, "AT\rAT\r\n");
	ck_assert_int_eq(s->n, 1);
	ck_assert_str_eq(s->lines[0], "AT\rAT");
}
END_TEST

START_TEST(pause_stops_consumption)
{
	static struct seen s;
	struct at_engine e;
	const char *in = "AT+A\rAT+B\r";
	size_t used;

	memset(&s, 0, sizeof(s));
	at_engine_init(&e, AT_TERM_ANY, on_line, &s);
	used = at_engine_feed(&e, (const uint8_t *)in, 2);
	ck_assert_uint_eq(used, 2);
	at_engine_pause(&e);
	ck_assert_uint_eq(at_engine_feed(&e, (const uint8_t *)in + 2, strlen(in) - 2), 0);
	at_engine_resume(&e);
	ck_assert_uint_eq(at_engine_feed(&e, (const uint8_t *)in + 2, strlen(in) - 2), strlen(in) - 2);
	ck_assert_int_eq(s.n, 2);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("at_engine");
	TCase *tc = tcase_create("framing");
	int failed;

	tcase_add_test(tc, each_terminator);
	tcase_add_test(tc, crlf_mode_is_strict);
	tcase_add_test(tc, cr_and_lf_modes);
	tcase_add_test(tc, quoted_terminators_are_content);
	tcase_add_test(tc, backslash_is_no_escape);
	tcase_add_test(tc, multi_line_across_feeds);
	tcase_add_test(tc, backspace_edits);
	tcase_add_test(tc, overlong_line_errors_and_resyncs);
	tcase_add_test(tc, exactly_max_length_fits);
	tcase_add_test(tc, binary_bytes_pass_through);
	tcase_add_test(tc, empty_lines_are_lines);
	tcase_add_test(tc, pause_stops_consumption);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
