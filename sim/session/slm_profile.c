/* Versions as numbers and the questions every layer asks a profile: which
 * rows it has, what its #XCLAC lists.  The profiles themselves are data
 * (sim/commands/slm_profiles.c). */
#include "slm_profile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

static int number(const char **s, uint16_t *out)
{
	char *end;
	unsigned long n;

	if (!isdigit((unsigned char)**s))
		return -1;
	errno = 0;
	n = strtoul(*s, &end, 10);
	if (errno || n > UINT16_MAX)
		return -1;
	*out = (uint16_t)n;
	*s = end;
	return 0;
}

int slm_version_parse(const char *s, struct slm_version *v)
{
	uint16_t *part[3] = { &v->major, &v->minor, &v->patch };
	size_t i = 0;

	*v = (struct slm_version){ 0 };
	if (*s == 'v' || *s == 'V')
		s++;
	for (;;) {
		if (number(&s, part[i]))
			return -1;
		if (*s != '.' || ++i == 3)
			break;
		s++;
	}
	return *s ? -1 : 0;
}

int slm_version_cmp(const struct slm_version *a, const struct slm_version *b)
{
	if (a->major != b->major)
		return a->major < b->major ? -1 : 1;
	if (a->minor != b->minor)
		return a->minor < b->minor ? -1 : 1;
	if (a->patch != b->patch)
		return a->patch < b->patch ? -1 : 1;
	return 0;
}

bool slm_profile_covers(const struct slm_profile *p, enum slm_line line,
			const struct slm_version *v)
{
	return p->line == line && slm_version_cmp(&p->from, v) <= 0 &&
	       slm_version_cmp(v, &p->to) < 0;
}

static bool named(const char *const *list, const char *name)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcasecmp(list[i], name))
			return true;
	return false;
}

bool slm_profile_has(const struct slm_profile *p, const struct at_cmd_def *d)
{
	if (named(p->without, d->name))
		return false;
	for (size_t s = 0; s < p->n_row_sets; s++) {
		const struct slm_rows *set = &p->row_sets[s];

		for (size_t i = 0; i < set->n; i++) {
			if (&set->rows[i] == d)
				return true;
			if (!strcasecmp(set->rows[i].name, d->name))
				return false;	/* an earlier row of that name shadows it */
		}
	}
	return false;
}

/* *i counts rows over all sets, shadowed and left-out ones included. */
/* slm_profile_next for profiles whose rows may shadow each other. */
const struct at_cmd_def *slm_profile_next_shadowed(const struct slm_profile *p, size_t *i)
{
	for (;;) {
		size_t k = (*i)++, s = 0;

		while (s < p->n_row_sets && k >= p->row_sets[s].n)
			k -= p->row_sets[s++].n;
		if (s == p->n_row_sets)
			return NULL;
		if (slm_profile_has(p, &p->row_sets[s].rows[k]))
			return &p->row_sets[s].rows[k];
	}
}

bool slm_profile_in_clac(const struct slm_profile *p, const char *name)
{
	for (size_t i = 0; p->clac && p->clac[i]; i++)
		if (!strncasecmp(p->clac[i], "AT", 2) && !strcasecmp(p->clac[i] + 2, name))
			return true;
	return false;
}

void slm_profile_configure(struct modem_config *cfg, const struct slm_profile *p)
{
	cfg->slm_profile = p;
	cfg->term = p->framing.term;
	snprintf(cfg->slm_version, sizeof(cfg->slm_version), "%s", p->version_answer);
}
