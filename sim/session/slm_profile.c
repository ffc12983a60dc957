/* Versions as numbers and the questions every layer asks a profile: which
 * rows it has, what its #XCLAC lists.  The profiles themselves are data
 * (sim/commands/slm_profiles.c). */
#include "slm_profile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static bool zero(const struct slm_version *v)
{
	return !v->major && !v->minor && !v->patch;
}

static bool in_range(const struct slm_range *r, enum slm_line line, const struct slm_version *v)
{
	return r->line == line && slm_version_cmp(&r->from, v) <= 0 &&
	       (zero(&r->to) || slm_version_cmp(v, &r->to) < 0);
}

bool slm_profile_covers(const struct slm_profile *p, enum slm_line line,
			const struct slm_version *v)
{
	return in_range(&p->range, line, v) || (!zero(&p->also.from) && in_range(&p->also, line, v));
}

/* Whether something that came with release 'from' is in p at its release. */
static bool reached(const struct slm_profile *p, const struct slm_version *from)
{
	return zero(&p->release) || slm_version_cmp(from, &p->release) <= 0;
}

bool slm_has(const struct slm_profile *p, enum slm_feature f)
{
	for (size_t i = 0; i < p->n_features; i++)
		if (p->features[i].feature == f)
			return reached(p, &p->features[i].from);
	return false;
}

void slm_version_format(enum slm_line line, const struct slm_version *v, char *out, size_t len)
{
	snprintf(out, len, "%s%u.%u.%u", line == SLM_LINE_SM ? "sm-" : "", v->major, v->minor,
		 v->patch);
}

static bool named(const char *const *list, const char *name)
{
	for (size_t i = 0; list && list[i]; i++)
		if (!strcasecmp(list[i], name))
			return true;
	return false;
}

static bool added_later(const struct slm_profile *p, const char *name)
{
	for (size_t i = 0; p->added && p->added[i].name; i++)
		if (!strcasecmp(p->added[i].name, name))
			return !reached(p, &p->added[i].from);
	return false;
}

bool slm_profile_has(const struct slm_profile *p, const struct at_cmd_def *d)
{
	if (named(p->without, d->name) || added_later(p, d->name))
		return false;
	for (size_t s = 0; s < p->n_row_sets; s++) {
		const struct slm_rows *set = p->row_sets[s];

		for (size_t i = 0; i < set->n; i++) {
			if (&set->rows[i] == d)
				return true;
			if (!strcasecmp(set->rows[i].name, d->name))
				return false;	/* an earlier row of that name shadows it */
		}
	}
	return false;
}

/* slm_profile_next for profiles whose rows may shadow each other; *i
 * counts rows over all sets, shadowed and left-out ones included. */
const struct at_cmd_def *slm_profile_next_shadowed(const struct slm_profile *p, size_t *i)
{
	for (;;) {
		size_t k = (*i)++, s = 0;

		while (s < p->n_row_sets && k >= p->row_sets[s]->n)
			k -= p->row_sets[s++]->n;
		if (s == p->n_row_sets)
			return NULL;
		if (slm_profile_has(p, &p->row_sets[s]->rows[k]))
			return &p->row_sets[s]->rows[k];
	}
}

static const struct slm_clac *clac_in_force(const struct slm_profile *p)
{
	const struct slm_clac *in_force = NULL;

	for (const struct slm_clac *c = p->clac_later; c && c->names; c++)
		if (reached(p, &c->from))
			in_force = c;
	return in_force;
}

bool slm_profile_clac_crlf(const struct slm_profile *p)
{
	const struct slm_clac *c = clac_in_force(p);

	return c && c->crlf_first;
}

const char *slm_profile_clac_next(const struct slm_profile *p, size_t *i)
{
	const struct slm_clac *c = clac_in_force(p);
	const char *const *names = c ? c->names : p->clac;

	while (names && names[*i]) {
		const char *name = names[(*i)++];

		if (strncasecmp(name, "AT", 2) || !added_later(p, name + 2))
			return name;
	}
	return NULL;
}

bool slm_profile_in_clac(const struct slm_profile *p, const char *name)
{
	const char *c;
	size_t i = 0;

	while ((c = slm_profile_clac_next(p, &i)))
		if (!strncasecmp(c, "AT", 2) && !strcasecmp(c + 2, name))
			return true;
	return false;
}

/* The copies slm_profile_at made: few (one per release a process runs),
 * kept until exit, shared by every modem of a fleet. */
struct made {
	struct slm_profile p;
	struct made *next;
};
static struct made *made;

static int resolve(struct slm_profile *p)
{
	const struct at_cmd_def *d, **rows;
	size_t n = 0, i = 0;

	for (size_t s = 0; s < p->n_row_sets; s++)
		n += p->row_sets[s]->n;
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows)
		return -1;
	n = 0;
	while ((d = slm_profile_next_shadowed(p, &i)))
		rows[n++] = d;
	p->resolved = rows;
	p->n_resolved = n;
	return 0;
}

const struct slm_profile *slm_profile_at(const struct slm_profile *p, const struct slm_version *r)
{
	struct slm_version release = r && !zero(r) ? *r : p->range.from;
	struct made *x;

	for (x = made; x; x = x->next)
		if (!strcmp(x->p.name, p->name) && !slm_version_cmp(&x->p.release, &release))
			return &x->p;
	x = calloc(1, sizeof(*x));
	if (!x)
		return NULL;
	x->p = *p;
	x->p.release = release;
	if (resolve(&x->p)) {
		free(x);
		return NULL;
	}
	x->next = made;
	made = x;
	return &x->p;
}

static void version_text(char *out, size_t len, const char *prefix, const struct slm_version *v)
{
	snprintf(out, len, "%s%u.%u.%u", prefix, v->major, v->minor, v->patch);
}

/* The NCS an SM release is built on (its west.yml). */
static const char *pinned_ncs(const struct slm_profile *p, const struct slm_version *r)
{
	const char *ncs = "";

	for (size_t i = 0; p->pins && p->pins[i].ncs; i++)
		if (slm_version_cmp(&p->pins[i].sm, r) <= 0)
			ncs = p->pins[i].ncs;
	return ncs;
}

/* What the version command answers at p's release: #XSLMVER's NCS and
 * libmodem fields (the libmodem build is taken to be the NCS release's
 * number: UNCONFIRMED), #XSMVER's tag and the NCS it pins. */
static void version_defaults(struct modem_config *cfg, const struct slm_profile *p)
{
	const struct slm_version *r = zero(&p->release) ? &p->range.from : &p->release;

	if (p->range.line == SLM_LINE_SM) {
		if (!config_is_set(cfg, "modem", "slm_version"))
			version_text(cfg->slm_version, sizeof(cfg->slm_version), "v", r);
		if (!config_is_set(cfg, "modem", "slm_version2"))
			snprintf(cfg->slm_version2, sizeof(cfg->slm_version2), "%s", pinned_ncs(p, r));
		return;
	}
	if (!config_is_set(cfg, "modem", "slm_version"))
		version_text(cfg->slm_version, sizeof(cfg->slm_version), "", r);
	if (!config_is_set(cfg, "modem", "slm_version2"))
		version_text(cfg->slm_version2, sizeof(cfg->slm_version2), "", r);
}

void slm_profile_configure(struct modem_config *cfg, const struct slm_profile *p)
{
	cfg->slm_profile = p;
	if (!config_is_set(cfg, "modem", "terminator"))
		cfg->term = p->framing.term;
	version_defaults(cfg, p);
}
