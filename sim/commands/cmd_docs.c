/* The command table as documents: --list-commands, docs/commands.md and
 * docs/fidelity.md all print from the rows, so they cannot drift. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"

static void forms(const struct at_cmd_def *d, char *out, size_t len)
{
	bool plain = d->action || (d->origin == AT_ORIGIN_SLM && d->set);
	int n = snprintf(out, len, "%s%s%s%s", plain ? " AT" : "", d->set ? " =" : "",
			 d->read ? " ?" : "", d->test || d->test_fn ||
			 (d->schema && d->schema->test) ? " =?" : "");

	if (n > 0)
		memmove(out, out + 1, strlen(out));
}

bool at_cmd_list_style(const char *name, enum at_list_style *style)
{
	static const char *const names[] = { "text", "markdown", "fidelity", "generations" };

	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(name, names[i])) {
			*style = (enum at_list_style)i;
			return true;
		}
	return false;
}

static void fidelity_row(FILE *out, const struct at_cmd_def *d)
{
	char f[32];

	forms(d, f, sizeof(f));
	fprintf(out, "| `AT%s` | %s | %s | %s | %s |\n", d->name,
		d->origin == AT_ORIGIN_SLM ? "SLM" : "modem",
		d->limits ? "partial" : "emulated", f, d->limits ? d->limits : "");
}

/* The SLM's list first (what a DK prints for AT#XCLAC), then the modem's
 * commands slmsim answers; an SLM command without a row is not emulated. */
static void list_fidelity(const struct slm_profile *p, FILE *out)
{
	fputs("| command | from | status | forms | not emulated, and what it answers |\n"
	      "|---|---|---|---|---|\n", out);
	const struct at_cmd_def *d;
	const char *c;
	size_t i = 0;

	while ((c = slm_profile_clac_next(p, &i))) {
		d = at_cmd_find(p, c + 2);

		if (d)
			fidelity_row(out, d);
		else
			fprintf(out, "| `%s` | SLM | not emulated | | every form answers `ERROR`; "
				"the log says it is not emulated |\n", c);
	}
	i = 0;
	while ((d = slm_profile_next(p, &i)))
		if (d->origin == AT_ORIGIN_MODEM)
			fidelity_row(out, d);
}

void at_cmd_list(const struct slm_profile *p, FILE *out, enum at_list_style style)
{
	const struct at_cmd_def *d;
	size_t i = 0;
	char f[32];

	if (style == AT_LIST_FIDELITY) {
		list_fidelity(p, out);
		return;
	}
	if (style == AT_LIST_GENERATIONS) {
		at_cmd_list_generations(out);
		return;
	}
	if (style == AT_LIST_MARKDOWN)
		fputs("| command | forms | since | what |\n|---|---|---|---|\n", out);
	while ((d = slm_profile_next(p, &i))) {
		forms(d, f, sizeof(f));
		if (style == AT_LIST_MARKDOWN)
			fprintf(out, "| `AT%s` | %s | %s | %s |\n", d->name, f, d->since, d->summary);
		else
			fprintf(out, "AT%-14s %-14s %-10s %s\n", d->name, f, d->since, d->summary);
	}
}
