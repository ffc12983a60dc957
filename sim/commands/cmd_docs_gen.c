/* docs/generations.md: what each SLM generation has that NCS 1.8's does
 * not, and what slmsim does with it, printed from the profiles' rows and
 * lists (slmsim --list-commands=generations). */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"
#include "slm_profiles.h"

/* " (from 2.3)" when p's 'added' list dates name inside its range. */
static const char *from_note(const struct slm_profile *p, const char *name, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t i = 0; p->added && p->added[i].name; i++) {
		if (strcasecmp(p->added[i].name, name))
			continue;
		slm_version_format(p->range.line, &p->added[i].from, buf + 7, len - 7);
		memcpy(buf, " (from ", 7);
		strncat(buf, ")", len - strlen(buf) - 1);
	}
	return buf;
}

static void own_rows(const struct slm_profile *p, FILE *out)
{
	char note[40];

	for (size_t s = 0; s < p->n_row_sets; s++) {
		const struct slm_rows *set = p->row_sets[s];

		if (set == &at_table)
			continue;
		for (size_t i = 0; i < set->n; i++) {
			const struct at_cmd_def *d = &set->rows[i];

			if (!slm_profile_has(p, d))
				continue;
			fprintf(out, "| %s | `AT%s` | %s%s | emulated: %s |\n", p->name, d->name,
				at_cmd_find(&slm_profile_ncs18, d->name) ? "answers as its generation" :
				"added", from_note(p, d->name, note, sizeof(note)), d->summary);
		}
	}
}

/* Rows it lacks that its AT#XCLAC does not list either (one it lists is
 * not emulated for it, and said so below). */
static void lacks(const struct slm_profile *p, FILE *out)
{
	for (size_t i = 0; p->without && p->without[i]; i++)
		if (at_cmd_find(&slm_profile_ncs18, p->without[i]) &&
		    !slm_profile_in_clac(p, p->without[i]))
			fprintf(out, "| %s | `AT%s` | gone | `ERROR`: \"not %s %s command\" |\n",
				p->name, p->without[i], p->label[0] == 'S' ? "an" : "a", p->label);
}

static bool in_list(const char *const *names, const char *name)
{
	for (size_t i = 0; names && names[i]; i++)
		if (!strcasecmp(names[i], name))
			return true;
	return false;
}

/* Whether name was on p's list or one of its first k later lists. */
static bool listed_before(const struct slm_profile *p, size_t k, const char *name)
{
	if (in_list(p->clac, name))
		return true;
	for (size_t j = 0; j < k; j++)
		if (in_list(p->clac_later[j].names, name))
			return true;
	return false;
}

/* Its AT#XCLAC names slmsim has no row for: the first list whole, a later
 * one's new names. */
static void not_emulated(const struct slm_profile *p, const char *const *names, size_t k,
			 bool later, FILE *out)
{
	char note[40];

	for (size_t i = 0; names && names[i]; i++) {
		if (later && listed_before(p, k, names[i]))
			continue;
		if (!at_cmd_find(p, names[i] + 2))
			fprintf(out, "| %s | `%s` | on its AT#XCLAC list%s | not emulated: `ERROR` |\n",
				p->name, names[i], from_note(p, names[i] + 2, note, sizeof(note)));
	}
}

void at_cmd_list_generations(FILE *out)
{
	fputs("| profile | command | in that generation | slmsim |\n|---|---|---|---|\n", out);
	for (const struct slm_profile *const *pp = slm_profile_all(); *pp; pp++) {
		const struct slm_profile *p = *pp;

		if (p == &slm_profile_ncs18)
			continue;	/* docs/fidelity.md */
		own_rows(p, out);
		lacks(p, out);
		not_emulated(p, p->clac, 0, false, out);
		for (size_t k = 0; p->clac_later && p->clac_later[k].names; k++)
			not_emulated(p, p->clac_later[k].names, k, true, out);
	}
}
