/* Finding an SLM generation (the data: slm_generations.c) and a command's
 * row in one. */
#include "slm_profiles.h"

#include <stdio.h>
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"

const struct slm_profile *slm_profile_default(void) { return &slm_profile_ncs18; }

const struct slm_profile *slm_profile_of(const struct modem_config *cfg)
{
	return cfg->slm_profile ? cfg->slm_profile : slm_profile_default();
}

static const struct slm_profile *by_name(const char *spec)
{
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++)
		if (!strcasecmp((*p)->name, spec))
			return *p;
	return NULL;
}

/* The profile covering release v of a line, and the release it runs at:
 * v itself, or the release of its own line a wire-identical one stands
 * for (SM v0.1.0 is NCS 3.1.99's SLM). */
static const struct slm_profile *by_release(enum slm_line line, const struct slm_version *v,
					    struct slm_version *at)
{
	for (const struct slm_profile *const *p = slm_profile_all(); *p; p++) {
		if (!slm_profile_covers(*p, line, v))
			continue;
		*at = (*p)->range.line == line ? *v : (*p)->same_as;
		return *p;
	}
	return NULL;
}

const struct slm_profile *slm_profile_find_at(const char *spec, struct slm_version *at)
{
	const struct slm_profile *p = by_name(spec);
	enum slm_line line = SLM_LINE_NCS;
	struct slm_version v;

	if (p) {
		*at = p->range.from;
		return p;
	}
	if (!strncasecmp(spec, "sm-", 3)) {
		line = SLM_LINE_SM;
		spec += 3;
	} else if (!strncasecmp(spec, "ncs-", 4)) {
		spec += 4;
	}
	if (slm_version_parse(spec, &v))
		return NULL;
	return by_release(line, &v, at);
}

const struct slm_profile *slm_profile_find(const char *spec)
{
	struct slm_version at;

	return slm_profile_find_at(spec, &at);
}

int slm_profile_apply(struct modem_config *cfg, char *err, size_t errlen)
{
	const struct slm_profile *p;
	struct slm_version at;

	if (!cfg->slm_spec[0])
		return 0;
	p = slm_profile_find_at(cfg->slm_spec, &at);
	if (!p) {
		snprintf(err, errlen, "no SLM profile for '%s' (slmsim --list-profiles lists them)",
			 cfg->slm_spec);
		return -1;
	}
	p = slm_profile_at(p, &at);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	slm_profile_configure(cfg, p);
	return 0;
}

static bool slm_casecmp(const char *line, size_t len, const char *name, size_t slack)
{
	size_t n;

	/* Most rows differ in their first character: skip them before strlen. */
	if (len < 3 || tolower((unsigned char)line[2]) != tolower((unsigned char)name[0]))
		return false;
	n = strlen(name);
	if (len < n + 2 || strncasecmp(line, "AT", 2) || strncasecmp(line + 2, name, n))
		return false;
	if (len > n + 2 + slack)
		return line[n + 2] == '=' || line[n + 2] == '?';
	return true;
}

/* An SLM row matching the line's start; else remember the first modem row
 * of the exact name in *modem. */
static inline bool row_matches(const struct at_cmd_def *d, const char *line, size_t len,
			       const char *name, size_t slack, const struct at_cmd_def **modem)
{
	if (d->origin == AT_ORIGIN_SLM)
		return slm_casecmp(line, len, d->name, slack);
	if (!*modem && d->origin == AT_ORIGIN_MODEM && !strcasecmp(d->name, name))
		*modem = d;
	return false;
}

const struct at_cmd_def *at_cmd_match(const struct slm_profile *p, const char *line, size_t len,
				      const char *name, enum at_term term)
{
	size_t slack = term == AT_TERM_CR || term == AT_TERM_LF ? 1 : 2;
	const struct at_cmd_def *d, *modem = NULL;
	size_t i = 0;

	/* One pass (it runs for every line): an SLM row matching the line's
	 * start wins at once, else the first modem row of the exact name.  A
	 * plain table (the default profile) is walked as an array. */
	if (!p->resolved && p->n_row_sets == 1 && !p->without && !p->added) {
		const struct slm_rows *set = p->row_sets[0];

		for (size_t k = 0; k < set->n; k++)
			if (row_matches(&set->rows[k], line, len, name, slack, &modem))
				return &set->rows[k];
		return modem;
	}
	while ((d = slm_profile_next(p, &i)))
		if (row_matches(d, line, len, name, slack, &modem))
			return d;
	return modem;
}

const struct at_cmd_def *at_cmd_find(const struct slm_profile *p, const char *name)
{
	const struct at_cmd_def *d;
	size_t i = 0;

	while ((d = slm_profile_next(p, &i)))
		if (!strcasecmp(d->name, name))
			return d;
	return NULL;
}
