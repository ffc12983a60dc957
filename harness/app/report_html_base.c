/* What every page of a replay's picture is written with: escaping, the
 * folding of long commands, the style sheet. */
#include "report_html.h"

#include <string.h>

#include "redact.h"
#include "sim_log.h"

void html_escape(FILE *f, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			/* Control bytes are no characters HTML may hold: shown as
			 * slmsim's --log shows them. */
			if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
	}
}

void html_text(FILE *f, const char *s)
{
	if (s)
		html_escape(f, s, strlen(s));
}

void html_block(FILE *f, const char *s)
{
	struct strbuf b = { 0 };
	bool in_key = false;
	const char *p;
	size_t first;
	int more = 0;

	redact_keys(s ? s : "", s ? strlen(s) : 0, &in_key, &b);
	p = b.data ? b.data : "";
	first = strcspn(p, "\n");
	fputs("<code>", f);
	html_escape(f, p, first);
	fputs("</code>", f);
	if (p[first]) {
		for (const char *q = p + first; *q; q++)
			more += *q == '\n';
		fprintf(f, "<details><summary>%d more line%s</summary><pre>", more,
			more == 1 ? "" : "s");
		html_text(f, p + first + 1);
		fputs("</pre></details>", f);
	}
	sb_free(&b);
}

void html_clock(int64_t ms, char *buf, size_t len)
{
	char full[32];

	slog_format_time(ms, full, sizeof(full));
	snprintf(buf, len, "%.12s", full + 11);
}

/* Plain colours, system fonts: the page looks the same offline anywhere. */
static const char style[] =
	"body{font:14px/1.45 'DejaVu Sans',system-ui,sans-serif;margin:1.2em 1.6em;"
	"color:#1f2328;background:#fff}\n"
	"h1{font-size:1.35em;margin:0 0 .3em}h2{font-size:1.05em;margin:1.2em 0 .4em}\n"
	"code,pre,.t,.ln{font-family:'DejaVu Sans Mono',monospace;font-size:12.5px}\n"
	"pre{margin:.2em 0;white-space:pre-wrap;word-break:break-all}\n"
	"details summary{cursor:pointer;color:#57606a;font-size:12px}\n"
	".verdict{background:#6e7781;display:inline-block;white-space:nowrap;padding:.05em .55em;border-radius:.3em;color:#fff;"
	"font-size:.85em;vertical-align:.1em}\n"
	".v-pass{background:#1a7f37}.v-differs{background:#cf222e}.v-error{background:#6e7781}.v-inconclusive{background:#9a6700}\n"
	".reason{font-weight:bold}.facts td{padding:0 1em 0 0;vertical-align:top}"
	".facts td:first-child{color:#57606a}\n"
	"ul{margin:.2em 0;padding-left:1.4em}\n"
	"table.world{border-collapse:collapse}.world td,.world th{padding:.05em .8em .05em 0;"
	"text-align:left}.world th{color:#57606a;font-weight:normal}\n"
	"table.tl,table.index{border-collapse:collapse;width:100%;margin-top:.3em}\n"
	".tl th,.index th{position:sticky;top:0;background:#f6f8fa;text-align:left;"
	"padding:.25em .5em;border-bottom:1px solid #d0d7de;font-weight:600;white-space:nowrap}\n"
	".tl td,.index td{padding:.12em .5em;vertical-align:top;border-bottom:1px solid #eaeef2}\n"
	".tl td.log,.tl td.tgt,.index td{overflow-wrap:anywhere}\n"
	".index td:first-child{min-width:22em}\n"
	".tl td.log,.tl td.tgt{width:40%}\n"
	".t{white-space:nowrap;color:#57606a}.ln{color:#8c959f;text-align:right}\n"
	".dir{color:#8c959f;margin-right:.3em}.role{color:#8c959f;font-size:11px;"
	"white-space:nowrap}\n"
	".late{color:#9a6700}.fill{color:#57606a;font-size:12px}\n"
	".mark{white-space:nowrap;font-size:12px}.m-ok{color:#1a7f37}.m-sent{color:#0969da}"
	".m-tol{color:#9a6700}.m-diff{color:#cf222e;font-weight:bold}.m-none{color:#8c959f}\n"
	"tr.unreached td{color:#8c959f}tr.why td.tgt{color:#57606a;font-style:italic}\n"
	"tr.expected td{background:#fff8c5}\n"
	"#first-difference td{background:#ffebe9}"
	"#first-difference tr.why-row td{border-left:4px solid #cf222e}\n"
	".diff-reason{font-weight:bold;color:#82071e}\n"
	"a{color:#0969da}\n";

void html_head(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"slmreplay " SLMSIM_VERSION "\">\n<title>", f);
	html_text(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", style);
}
