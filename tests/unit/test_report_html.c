/* The picture of a replay: escaping, folding and redaction of log text,
 * where the first difference is marked, and the names of a corpus's pages. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "log_parser.h"
#include "report_html.h"
#include "script.h"

static char *out;
static size_t outlen;

static FILE *open_out(void)
{
	free(out);
	out = NULL;
	return open_memstream(&out, &outlen);
}

static void teardown(void)
{
	free(out);
	out = NULL;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

START_TEST(escapes_markup_quotes_and_control_bytes)
{
	FILE *f = open_out();

	html_text(f, "<a href=\"x\">&'\x01\x7f</a>\tok\n");
	fclose(f);
	ck_assert_str_eq(out, "&lt;a href=&quot;x&quot;&gt;&amp;&#39;\\x01\\x7f&lt;/a&gt;\tok\n");
}
END_TEST

START_TEST(folds_a_pem_command_and_hides_the_key)
{
	FILE *f = open_out();

	html_block(f, "AT%CMNG=0,9,2,\"-----BEGIN PRIVATE KEY-----\nMIIsecretA\nMIIsecretB\n"
		      "-----END PRIVATE KEY-----\"");
	fclose(f);
	ck_assert_ptr_nonnull(strstr(out, "<code>AT%CMNG=0,9,2,&quot;-----BEGIN PRIVATE KEY-----"
					  "</code><details><summary>3 more lines</summary>"));
	ck_assert_uint_eq(count(out, "[private key redacted]"), 2);
	ck_assert_ptr_null(strstr(out, "secret"));
	ck_assert_ptr_nonnull(strstr(out, "-----END PRIVATE KEY-----&quot;</pre></details>"));
}
END_TEST

/* A log, its script and a result as the runner leaves them: AT answered,
 * then AT+CGMI answered with something other than the log's line. */
static const char two_commands[] =
	"2024-06-01T09:00:00.000Z DEBUG modem >> AT\n"
	"2024-06-01T09:00:00.010Z DEBUG modem << OK\n"
	"2024-06-01T09:00:02.000Z DEBUG modem >> AT+CGMI\n"
	"2024-06-01T09:00:02.010Z DEBUG modem << Foo & <Co>\n"
	"2024-06-01T09:00:02.020Z DEBUG modem << OK\n";

static char *page_of(enum verdict v)
{
	struct replay_log log;
	struct script sc;
	struct scenario scen;
	struct result r = { .name = "t.log", .path = "dir/t.log", .verdict = v };
	char err[256];
	FILE *f;

	scenario_defaults(&scen);
	log_parse_buffer(two_commands, strlen(two_commands), "t.log", &log);
	ck_assert_int_eq(script_build(&sc, &log, &scen, ".", err, sizeof(err)), 0);
	ck_assert_uint_eq(sc.n, 5);
	r.steps = calloc(sc.n, sizeof(*r.steps));
	r.n_steps = sc.n;
	r.steps[1].matched = true;
	result_got(&r, sc.steps[1].ev->t_ms, "OK");
	result_got_mark(&r, GOT_MATCHED, 1);
	r.steps_run = 3;
	result_got(&r, sc.steps[3].ev->t_ms - 5, "Nordic <Semiconductor>");
	if (v == VERDICT_DIFFERS) {
		result_differs_at(&r, &sc, 1);
		snprintf(r.summary, sizeof(r.summary), "log line 4: expected 'Foo & <Co>'");
	}
	f = open_out();
	ck_assert_int_eq(report_html_page(f, &(struct html_replay){ &r, &log, &sc, NULL }), 0);
	fclose(f);
	r.name = r.path = NULL;
	result_free(&r);
	script_free(&sc);
	log_free(&log);
	scenario_free(&scen);
	return out;
}

START_TEST(marks_the_first_difference_once)
{
	const char *p = page_of(VERDICT_DIFFERS), *diff, *end;

	ck_assert_uint_eq(count(p, "id=\"first-difference\""), 1);
	diff = strstr(p, "<tbody id=\"first-difference\">");
	end = strstr(diff, "</tbody>");
	/* The line that came instead, and the reason, inside the marked body. */
	ck_assert_ptr_nonnull(strstr(diff, "Nordic &lt;Semiconductor&gt;"));
	ck_assert(strstr(diff, "Nordic &lt;Semiconductor&gt;") < end);
	ck_assert(strstr(diff, "log line 4: expected &#39;Foo &amp; &lt;Co&gt;&#39;") < end);
	ck_assert_ptr_nonnull(strstr(p, "<tr id=\"L4\" class=\"expected\">"));
	ck_assert_ptr_null(strstr(p, "<Co>"));
	ck_assert_ptr_null(strstr(p, "http"));
}
END_TEST

START_TEST(a_pass_marks_nothing)
{
	const char *p = page_of(VERDICT_PASS);

	ck_assert_ptr_null(strstr(p, "id=\"first-difference\""));
	ck_assert_ptr_nonnull(strstr(p, "v-pass"));
}
END_TEST

START_TEST(pages_beside_the_index_get_distinct_names)
{
	char *paths[] = { "a/same.log", "b/same.log", "c/odd name#1.log", "d/.hidden" };
	char **n = report_html_names("out/report.html", paths, 4);

	ck_assert_str_eq(n[0], "out/report-same.html");
	ck_assert_str_eq(n[1], "out/report-same-2.html");
	ck_assert_str_eq(n[2], "out/report-odd_name_1.html");
	ck_assert_str_eq(n[3], "out/report-.hidden.html");
	ck_assert_ptr_null(n[4]);
	report_html_names_free(n);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report_html");
	TCase *tc = tcase_create("html");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, escapes_markup_quotes_and_control_bytes);
	tcase_add_test(tc, folds_a_pem_command_and_hides_the_key);
	tcase_add_test(tc, marks_the_first_difference_once);
	tcase_add_test(tc, a_pass_marks_nothing);
	tcase_add_test(tc, pages_beside_the_index_get_distinct_names);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
