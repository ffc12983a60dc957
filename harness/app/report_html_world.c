/* The top of a replay's page: what the emulator explained, and the world
 * the log implies as the replay printed it (its notes: settings with the
 * log line they come from, the set-up, what else it inferred), with every
 * setting as the INI slmsim --config reads. */
#include "report_html.h"

#include <stdlib.h>
#include <string.h>

#include "config.h"

/* A note that sets a value: "[log line N: ]section.key = value". */
static bool setting(const char *note, int *line, char *key, size_t keylen, const char **value)
{
	int n = 0, kn = 0;
	char fmt[32];

	*line = 0;
	if (sscanf(note, "log line %d: %n", line, &n) == 1 && n)
		note += n;
	snprintf(fmt, sizeof(fmt), "%%%zu[a-z0-9_.] = %%n", keylen - 1);
	if (sscanf(note, fmt, key, &kn) != 1 || !kn || !strchr(key, '.'))
		return false;
	*value = note + kn;
	return true;
}

/* Each "  note: " / "  set-up: " line of the transcript, NUL-terminated. */
static char **notes(const struct result *r, size_t *n)
{
	const char *p = r->transcript.data ? r->transcript.data : "";
	char **v = NULL;

	*n = 0;
	while (*p) {
		size_t len = strcspn(p, "\n");
		bool note = !strncmp(p, "  note: ", 8), setup = !strncmp(p, "  set-up: ", 10);

		if (note || setup) {
			v = realloc(v, (*n + 1) * sizeof(*v));
			v[(*n)++] = strndup(setup ? p + 2 : p + 8, len - (setup ? 2 : 8));
		}
		p += len + (p[len] == '\n');
	}
	return v;
}

static void settings_table(FILE *f, char **v, size_t n)
{
	char key[64];
	const char *value, *why;
	int line;
	bool any = false;

	for (size_t i = 0; i < n; i++) {
		if (!setting(v[i], &line, key, sizeof(key), &value))
			continue;
		if (!any)
			fputs("<table class=\"world\">\n<tr><th>setting</th><th>value</th>"
			      "<th>from</th></tr>\n", f);
		any = true;
		fputs("<tr><td><code>", f);
		html_text(f, key);
		fputs("</code></td><td><code>", f);
		/* "1940 (registration follows the log)": the why goes to "from". */
		why = strstr(value, " (");
		html_escape(f, value, why && value[strlen(value) - 1] == ')' ? (size_t)(why - value) :
			    strlen(value));
		fputs("</code></td><td>", f);
		if (line)
			fprintf(f, "<a href=\"#L%d\">log line %d</a>", line, line);
		else if (why && value[strlen(value) - 1] == ')')
			html_escape(f, why + 2, strlen(why + 2) - 1);
		fputs("</td></tr>\n", f);
	}
	if (any)
		fputs("</table>\n", f);
}

static void world_ini(FILE *f, const struct scenario *scen)
{
	char *ini = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&ini, &len);

	if (!m)
		return;
	config_write_ini(&scen->cfg, m);
	if (!fclose(m) && len) {
		fputs("<details><summary>every setting, as an INI for slmsim --config (what "
		      "slmreplay --world writes)</summary><pre>", f);
		html_escape(f, ini, len);
		fputs("</pre></details>\n", f);
	}
	free(ini);
}

static void explanations(FILE *f, const struct result *r)
{
	const char *p = r->why.data;

	if (!r->why.len)
		return;
	fputs("<h2>The emulator explains</h2>\n<ul class=\"whys\">\n", f);
	while (*p) {
		size_t len = strcspn(p, "\n");

		fputs("<li>", f);
		html_escape(f, p, len);
		fputs("</li>\n", f);
		p += len + (p[len] == '\n');
	}
	fputs("</ul>\n", f);
}

void report_html_world(FILE *f, const struct result *r, const struct scenario *scen)
{
	size_t n;
	char **v = notes(r, &n);
	char key[64];
	const char *value;
	int line;
	bool any = false;

	explanations(f, r);
	fputs("<h2>The world the log implies</h2>\n", f);
	settings_table(f, v, n);
	for (size_t i = 0; i < n; i++) {
		if (setting(v[i], &line, key, sizeof(key), &value))
			continue;
		fputs(any ? "" : "<ul class=\"notes\">\n", f);
		any = true;
		fputs("<li>", f);
		html_text(f, v[i]);
		fputs("</li>\n", f);
	}
	fputs(any ? "</ul>\n" : "", f);
	if (!n)
		fputs("<p>Nothing inferred: the emulator's defaults.</p>\n", f);
	if (scen)
		world_ini(f, scen);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
