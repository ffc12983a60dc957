#include "report.h"

#include <string.h>

void report_read(struct result *r, const struct replay_log *log)
{
	unsigned plain = 1u << LOG_LINK_MONITOR | 1u << LOG_PLAIN;

	if (!(log->read.formats & ~plain) && !log->read.skipped && !log->read.annotations)
		return;
	log_read_summary(log, r->read, sizeof(r->read));
	sb_appendf(&r->transcript, "  read: %s\n", r->read);
}

void report_duration(int64_t ms, char *buf, size_t len)
{
	if (ms >= 60000)
		snprintf(buf, len, "%lld min %lld s", (long long)(ms / 60000), (long long)(ms % 60000 / 1000));
	else
		snprintf(buf, len, "%.1f s", (double)ms / 1000.0);
}

void report_terminal(FILE *f, const struct result *r, const char *target, bool quiet)
{
	char span[48];

	report_duration(r->log_span_ms, span, sizeof(span));
	if (!quiet) {
		fprintf(f, "== %s against %s\n", r->path, target);
		if (r->transcript.len)
			fputs(r->transcript.data, f);
	}
	fprintf(f, "== %s: %s%s, %.2f s wall for %s of log\n", r->name, verdict_name(r->verdict),
		r->verdict == VERDICT_PASS ? " (the target behaves as the log shows: reproduced)" :
		r->verdict == VERDICT_INCONCLUSIVE ? " (the log holds nothing to judge)" : "",
		r->wall_s, span);
	if (r->verdict != VERDICT_PASS)
		fprintf(f, "   %s\n", r->summary);
	if (r->modem_only)
		fprintf(f, "   judged as a modem-only transcript: the modem without the SLM layer\n");
	if (r->unanswered && r->verdict != VERDICT_INCONCLUSIVE)
		fprintf(f, "   %d command(s) the log shows no answer to: sent, their answers not judged\n",
			r->unanswered);
	if (quiet && r->read[0] && strlen(r->read) <= 180)
		fprintf(f, "   read: %s\n", r->read);
	if (r->not_emulated)
		fprintf(f, "   %d command(s) slmsim does not emulate were taken as logged "
			"(docs/fidelity.md)\n", r->not_emulated);
	if (r->why.len) {
		const char *p = r->why.data;

		fprintf(f, "   the emulator explains:\n");
		while (*p) {
			const char *nl = strchr(p, '\n');

			fprintf(f, "     %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
			p = nl ? nl + 1 : p + strlen(p);
		}
	}
}

static void xml_escaped(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s < 0x20 && *s != '\n' && *s != '\t')
				fprintf(f, "&#x%x;", (unsigned char)*s == 0 ? 0xfffd : (unsigned char)*s);
			else
				fputc(*s, f);
		}
	}
}

int report_junit(const char *path, const struct result *rs, size_t n)
{
	FILE *f = fopen(path, "w");
	size_t failures = 0, errors = 0, skipped = 0;
	double total = 0;

	if (!f)
		return -1;
	for (size_t i = 0; i < n; i++) {
		failures += rs[i].verdict == VERDICT_DIFFERS;
		errors += rs[i].verdict == VERDICT_ERROR;
		skipped += rs[i].verdict == VERDICT_INCONCLUSIVE;
		total += rs[i].wall_s;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites>\n<testsuite name=\"slmreplay\" tests=\"%zu\" failures=\"%zu\" "
		"errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n", n, failures, errors, skipped, total);
	for (size_t i = 0; i < n; i++) {
		const struct result *r = &rs[i];

		fprintf(f, "  <testcase classname=\"slmreplay\" name=\"");
		xml_escaped(f, r->path);
		fprintf(f, "\" time=\"%.3f\">\n", r->wall_s);
		if (r->verdict == VERDICT_INCONCLUSIVE) {
			/* Nothing to judge is no failure: JUnit's skipped. */
			fprintf(f, "    <skipped message=\"");
			xml_escaped(f, r->summary);
			fprintf(f, "\"/>\n");
		} else if (r->verdict != VERDICT_PASS) {
			fprintf(f, "    <%s message=\"", r->verdict == VERDICT_DIFFERS ? "failure" : "error");
			xml_escaped(f, r->summary);
			fprintf(f, "\" type=\"%s\"/>\n", verdict_name(r->verdict));
		}
		fprintf(f, "    <system-out>");
		xml_escaped(f, r->transcript.data);
		if (r->why.len) {
			fprintf(f, "\nthe emulator explains:\n");
			xml_escaped(f, r->why.data);
		}
		fprintf(f, "</system-out>\n  </testcase>\n");
	}
	fprintf(f, "</testsuite>\n</testsuites>\n");
	return fclose(f);
}

void report_tap(FILE *f, const struct result *rs, size_t n)
{
	fprintf(f, "TAP version 13\n1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		const struct result *r = &rs[i];

		if (r->verdict == VERDICT_INCONCLUSIVE) {
			/* TAP's directive: not run, not failed; the reason on one line. */
			fprintf(f, "ok %zu - %s # SKIP inconclusive: ", i + 1, r->path);
			for (const char *p = r->summary; *p; p++)
				fputc(*p == '\n' || *p == '#' ? ' ' : *p, f);
			fputc('\n', f);
			continue;
		}
		fprintf(f, "%s %zu - %s # %s\n", r->verdict == VERDICT_PASS ? "ok" : "not ok", i + 1,
			r->path, r->verdict == VERDICT_PASS ? "reproduced" : verdict_name(r->verdict));
		if (r->verdict != VERDICT_PASS) {
			fputs("  ---\n  message: \"", f);
			for (const char *p = r->summary; *p; p++)
				fputc(*p == '"' ? '\'' : *p, f);
			fputs("\"\n  ...\n", f);
		}
	}
}
