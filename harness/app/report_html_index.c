/* Pictures of a corpus: each log's page beside an index page with one row
 * per log (name, verdict, reason, span, link), and writing them to files. */
#include "report_html.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The last extension of a path's file name goes; characters a file name
 * or a link could trip on become '_'. */
static void log_stem(const char *path, char *out, size_t len)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
	size_t i;

	for (i = 0; i < n && i + 1 < len; i++) {
		char c = base[i];

		out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
			 c == '-' || c == '_' || c == '.' ? c : '_';
	}
	out[i] = '\0';
}

static bool taken(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

char **report_html_names(const char *index, char *const *paths, size_t n)
{
	char **names = calloc(n + 1, sizeof(*names));
	size_t stem = strlen(index);
	char log[256], name[4096 + 300];

	if (stem > 5 && !strcmp(index + stem - 5, ".html"))
		stem -= 5;
	else if (stem > 4 && !strcmp(index + stem - 4, ".htm"))
		stem -= 4;
	for (size_t i = 0; i < n; i++) {
		log_stem(paths[i], log, sizeof(log));
		snprintf(name, sizeof(name), "%.*s-%s.html", (int)stem, index, log);
		for (int k = 2; taken(names, i, name); k++)
			snprintf(name, sizeof(name), "%.*s-%s-%d.html", (int)stem, index, log, k);
		names[i] = strdup(name);
	}
	return names;
}

void report_html_names_free(char **names)
{
	for (size_t i = 0; names && names[i]; i++)
		free(names[i]);
	free(names);
}

/* A file name as a relative link: everything but unreserved characters
 * percent-encoded. */
static void href(FILE *f, const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;

	for (const unsigned char *p = (const unsigned char *)base; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p))
			fputc(*p, f);
		else
			fprintf(f, "%%%02X", *p);
	}
}

static void index_row(FILE *f, const struct result *r, const char *page)
{
	char span[48];

	report_duration(r->log_span_ms, span, sizeof(span));
	fputs("<tr><td><a href=\"", f);
	href(f, page);
	fputs("\">", f);
	html_text(f, r->name);
	fputs("</a><div class=\"fill\">", f);
	html_text(f, r->path);
	fprintf(f, "</div></td><td><span class=\"verdict v-%s\">%s</span></td><td>",
		verdict_name(r->verdict), verdict_name(r->verdict));
	if (r->verdict != VERDICT_PASS)
		html_text(f, r->summary);
	fprintf(f, "</td><td class=\"t\">%s</td><td class=\"t\">%.2f s</td></tr>\n", span,
		r->wall_s);
}

int report_html_index(FILE *f, const struct result *rs, char *const *pages, size_t n)
{
	size_t count[8] = { 0 };
	char title[64];

	for (size_t i = 0; i < n; i++)
		count[(unsigned)rs[i].verdict % 8]++;
	snprintf(title, sizeof(title), "slmreplay: %zu log%s", n, n == 1 ? "" : "s");
	html_head(f, title);
	fprintf(f, "<h1>%zu log%s:", n, n == 1 ? "" : "s");
	for (unsigned v = 0, first = 1; v < 8; v++) {
		if (!count[v])
			continue;
		fprintf(f, "%s %zu <span class=\"verdict v-%s\">%s</span>", first ? "" : ",", count[v],
			verdict_name((enum verdict)v), verdict_name((enum verdict)v));
		first = 0;
	}
	fputs("</h1>\n<table class=\"index\">\n<thead><tr><th>log</th><th>verdict</th>"
	      "<th>reason</th><th>span</th><th>wall</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < n; i++)
		index_row(f, &rs[i], pages[i]);
	fputs("</tbody>\n</table>\n</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}

/* Opens path, has write() fill it, closes it; a message in err on failure. */
static int to_file(const char *path, int (*write)(FILE *f, const void *arg), const void *arg,
		   char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");
	int rc;

	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	errno = 0;
	rc = write(f, arg);
	if (fclose(f) || rc) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno ? errno : EIO));
		return -1;
	}
	return 0;
}

static int page_cb(FILE *f, const void *arg)
{
	return report_html_page(f, arg);
}

int report_html_write_page(const char *path, const struct html_replay *h, char *err,
			   size_t errlen)
{
	return to_file(path, page_cb, h, err, errlen);
}

struct index_arg {
	const struct result *rs;
	char *const *pages;
	size_t n;
};

static int index_cb(FILE *f, const void *arg)
{
	const struct index_arg *a = arg;

	return report_html_index(f, a->rs, a->pages, a->n);
}

int report_html_write_index(const char *path, const struct result *rs, char *const *pages,
			    size_t n, char *err, size_t errlen)
{
	struct index_arg a = { rs, pages, n };

	return to_file(path, index_cb, &a, err, errlen);
}
