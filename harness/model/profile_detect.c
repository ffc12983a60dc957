/* Reads a log for its SLM generation: the version answer, else the
 * intersection of the shape rows (profile_rules.c) it shows.  With shapes
 * alone the oldest profile they all allow is judged (the nearest to the
 * default); a row that would leave none is set aside as a conflict. */
#include "profile_detect.h"

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The log's host and modem lines (its tool's notes left out). */
struct lines {
	const struct log_event **ev;
	size_t n;
};

struct compiled {
	regex_t line, other;
	bool line_ok, other_ok;
};

static bool matches(const regex_t *re, const char *text)
{
	return regexec(re, text, 0, NULL, 0) == 0;
}

/* The last host line before index i, or NULL. */
static const struct log_event *last_send(const struct lines *l, size_t i)
{
	while (i-- > 0)
		if (l->ev[i]->kind == EV_SEND)
			return l->ev[i];
	return NULL;
}

static bool context_holds(const struct det_rule *r, const struct compiled *c,
			  const struct lines *l, size_t i)
{
	const struct log_event *prev = i ? l->ev[i - 1] : NULL;
	const struct log_event *next = i + 1 < l->n ? l->ev[i + 1] : NULL;
	const struct log_event *send = last_send(l, i);

	switch (r->ctx) {
	case CTX_LINE: return true;
	case CTX_NEXT_IS: return next && next->kind == EV_RECV && matches(&c->other, next->text);
	case CTX_NEXT_NOT: return next && !(next->kind == EV_RECV && matches(&c->other, next->text));
	case CTX_AFTER_SEND: return prev && prev->kind == EV_SEND && matches(&c->other, prev->text);
	case CTX_AFTER_DATA:
		return prev && prev->kind == EV_RECV && send && matches(&c->other, send->text);
	case CTX_LAST_SEND: return send && matches(&c->other, send->text);
	case CTX_UNASKED: return !send || !matches(&c->other, send->text);
	case CTX_ECHO: return prev && prev->kind == EV_SEND && !strcmp(prev->text, l->ev[i]->text);
	}
	return false;
}

static void compile_rules(struct compiled *c)
{
	for (size_t k = 0; k < det_n_rules; k++) {
		const struct det_rule *r = &det_rules[k];
		int flags = REG_EXTENDED | REG_NOSUB | (r->side == EV_SEND ? REG_ICASE : 0);

		c[k].line_ok = regcomp(&c[k].line, r->line, flags) == 0;
		c[k].other_ok = r->other && regcomp(&c[k].other, r->other,
						    REG_EXTENDED | REG_NOSUB | REG_ICASE) == 0;
	}
}

static void free_rules(struct compiled *c)
{
	for (size_t k = 0; k < det_n_rules; k++) {
		if (c[k].line_ok)
			regfree(&c[k].line);
		if (c[k].other_ok)
			regfree(&c[k].other);
	}
}

/* A row whose expressions compiled (the unit tests compile every one). */
static bool usable(const struct det_rule *r, const struct compiled *c)
{
	return c->line_ok && (!r->other || c->other_ok);
}

void det_set_text(unsigned set, char *buf, size_t len)
{
	int lo = -1, hi = -1;
	size_t used = 0;

	buf[0] = '\0';
	for (int p = 0; p < DET_N; p++)
		if (set & PROF(p))
			hi = p, lo = lo < 0 ? p : lo;
	if (lo < 0)
		return;
	if (lo == hi || set == PROFS(lo, hi)) {
		snprintf(buf, len, lo == hi ? "%s" : "%s..%s", det_names[lo],
			 det_names[hi]);
		return;
	}
	for (int p = lo; p <= hi && used < len; p++)
		if (set & PROF(p))
			used += (size_t)snprintf(buf + used, len - used, "%s%s", used ? "/" : "",
						 det_names[p]);
}

/* "<line> -- <what>", the line cut to fit, with its number and the set. */
static void evidence(struct det_evidence *e, const struct log_event *ev, const char *what,
		     unsigned set)
{
	e->line = ev->line;
	if (what)
		snprintf(e->text, sizeof(e->text), "%.48s%s -- %s", ev->text,
			 strlen(ev->text) > 48 ? "..." : "", what);
	else
		snprintf(e->text, sizeof(e->text), "%.80s%s", ev->text, strlen(ev->text) > 80 ? "..." : "");
	det_set_text(set, e->says, sizeof(e->says));
}

/* The first line each row matches, in the log's order. */
struct hit {
	size_t rule;
	const struct log_event *ev;
};

static size_t find_hits(const struct lines *l, struct hit *hits)
{
	struct compiled *c = calloc(det_n_rules, sizeof(*c));
	bool *seen = calloc(det_n_rules, sizeof(*seen));
	size_t n = 0;

	if (!c || !seen) {
		free(c);
		free(seen);
		return 0;
	}
	compile_rules(c);
	for (size_t i = 0; i < l->n; i++)
		for (size_t k = 0; k < det_n_rules; k++) {
			const struct det_rule *r = &det_rules[k];

			if (seen[k] || !usable(r, &c[k]) || l->ev[i]->kind != r->side ||
			    !matches(&c[k].line, l->ev[i]->text) || !context_holds(r, &c[k], l, i))
				continue;
			seen[k] = true;
			hits[n++] = (struct hit){ k, l->ev[i] };
		}
	free_rules(c);
	free(c);
	free(seen);
	return n;
}

/* Whether a row allows profile p at release rel (NULL: its first). */
static bool fits(const struct det_rule *r, int p, const struct slm_version *rel)
{
	struct slm_version since;

	if (!(r->set & PROF(p)))
		return false;
	if (!r->since || !rel || slm_version_parse(r->since, &since) ||
	    !slm_profile_covers(det_profile(p), SLM_LINE_NCS, &since))
		return true;
	return slm_version_cmp(rel, &since) >= 0;
}

static void conflict(struct profile_guess *g, const struct det_evidence *a, const struct det_evidence *b)
{
	if (g->conflict)
		return;
	g->conflict = true;
	g->a = *a;
	g->b = *b;
}

/* The release a version answer named (its profile's first after a
 * nearest guess). */
static void guessed_release(const struct profile_guess *g, struct slm_version *rel)
{
	const char *s = !strncmp(g->spec, "sm-", 3) ? g->spec + 3 : g->spec;

	if (slm_version_parse(s, rel))
		*rel = det_profile(g->profile)->range.from;
}

/* The first version answer decides; later ones and the shapes that
 * disagree with it are conflicts. */
static bool by_version(const struct lines *l, const struct hit *hits, size_t n,
		       struct profile_guess *g)
{
	struct profile_guess other;
	struct det_evidence e;
	struct slm_version rel;

	for (size_t i = 0; i < l->n; i++) {
		memset(&other, 0, sizeof(other));
		if (l->ev[i]->kind != EV_RECV || !det_version_answer(l->ev[i]->text, &other))
			continue;
		if (g->how != DET_VERSION) {
			g->profile = other.profile;
			memcpy(g->spec, other.spec, sizeof(g->spec));
			memcpy(g->nearest, other.nearest, sizeof(g->nearest));
			g->how = DET_VERSION;
			evidence(&g->why, l->ev[i], NULL, PROF(g->profile));
		} else if (other.profile != g->profile) {
			evidence(&e, l->ev[i], NULL, PROF(other.profile));
			conflict(g, &g->why, &e);
		}
	}
	if (g->how != DET_VERSION)
		return false;
	guessed_release(g, &rel);
	for (size_t i = 0; i < n; i++) {
		const struct det_rule *r = &det_rules[hits[i].rule];

		if (!fits(r, g->profile, &rel)) {
			evidence(&e, hits[i].ev, r->what, r->set);
			conflict(g, &g->why, &e);
		}
	}
	return true;
}

/* slmsim's record names its profile before any line. */
static void by_record(const struct replay_log *log, struct profile_guess *g)
{
	for (size_t i = 0; i < log->nev; i++)
		if (log->ev[i].kind == EV_NOTE && det_record_header(log->ev[i].text, g)) {
			g->how = DET_VERSION;
			evidence(&g->why, &log->ev[i], NULL, PROF(g->profile));
			return;
		}
}

static int lowest(unsigned set)
{
	for (int p = 0; p < DET_N; p++)
		if (set & PROF(p))
			return p;
	return -1;
}

/* The latest release inside profile p a kept row starts at ("" none). */
static void release_of(const struct hit *hits, const bool *kept, size_t n, int p, char *out,
		       size_t len)
{
	struct slm_version best = det_profile(p)->range.from, v;

	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		const char *since = det_rules[hits[i].rule].since;

		if (kept[i] && since && !fits(&det_rules[hits[i].rule], p, &best) &&
		    !slm_version_parse(since, &v)) {
			best = v;
			snprintf(out, len, "%s", since);
		}
	}
}

/* Shapes alone: their intersection, a row that empties it set aside. */
static void by_shapes(const struct hit *hits, size_t n, struct profile_guess *g)
{
	unsigned set = PROFS(0, DET_N - 1);
	bool kept[n + 1];
	int first = -1, p;
	char since[16];

	for (size_t i = 0; i < n; i++) {
		const struct det_rule *r = &det_rules[hits[i].rule];
		struct det_evidence a, b;
		size_t k = (size_t)first;

		kept[i] = (set & r->set) != 0;
		if (kept[i]) {
			set &= r->set;
			first = first < 0 ? (int)i : first;
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (kept[j] && !(det_rules[hits[j].rule].set & r->set)) {
				k = j;
				break;
			}
		evidence(&a, hits[k].ev, det_rules[hits[k].rule].what, det_rules[hits[k].rule].set);
		evidence(&b, hits[i].ev, r->what, r->set);
		conflict(g, &a, &b);
	}
	if (first < 0)
		return;
	p = lowest(set);
	g->profile = (enum det_profile)p;
	g->how = DET_SHAPE;
	g->set = set;
	/* The deciding line: the narrowest kept row that starts at p. */
	for (size_t i = (size_t)first, best = DET_N + 1; i < n; i++) {
		unsigned rs = det_rules[hits[i].rule].set;

		if (kept[i] && lowest(rs) == p && (size_t)__builtin_popcount(rs) < best) {
			best = (size_t)__builtin_popcount(rs);
			first = (int)i;
		}
	}
	evidence(&g->why, hits[first].ev, det_rules[hits[first].rule].what,
		 det_rules[hits[first].rule].set);
	release_of(hits, kept, n, p, since, sizeof(since));
	snprintf(g->spec, sizeof(g->spec), "%s", since[0] ? since : det_names[p]);
}

void profile_detect(const struct replay_log *log, struct profile_guess *g)
{
	struct lines l = { calloc(log->nev + 1, sizeof(*l.ev)), 0 };
	struct hit *hits = calloc(det_n_rules, sizeof(*hits));
	size_t n = 0;

	memset(g, 0, sizeof(*g));
	g->profile = DET_NCS18;
	snprintf(g->spec, sizeof(g->spec), "%s", det_names[DET_NCS18]);
	if (l.ev && hits) {
		for (size_t i = 0; i < log->nev; i++)
			if (log->ev[i].kind != EV_NOTE)
				l.ev[l.n++] = &log->ev[i];
		n = find_hits(&l, hits);
		by_record(log, g);
		if (!by_version(&l, hits, n, g))
			by_shapes(hits, n, g);
	}
	free(l.ev);
	free(hits);
}

void profile_guess_note(const struct profile_guess *g, char *buf, size_t len)
{
	const char *name = det_names[g->profile];
	char allows[64];

	det_set_text(g->set, allows, sizeof(allows));
	if (g->how == DET_SHAPE && g->set != PROF(g->profile))
		snprintf(buf, len, "profile %s (line %d: %s; the shapes allow %s: the oldest taken)",
			 name, g->why.line, g->why.text, allows);
	else if (g->how == DET_DEFAULT)
		snprintf(buf, len, "profile %s (default: no version answer or shape in the log)", name);
	else if (g->nearest[0])
		snprintf(buf, len, "profile %s (line %d: %s; %s)", name, g->why.line, g->why.text,
			 g->nearest);
	else
		snprintf(buf, len, "profile %s (line %d: %s)", name, g->why.line, g->why.text);
}

void profile_conflict_note(const struct profile_guess *g, char *buf, size_t len)
{
	if (!g->conflict)
		buf[0] = '\0';
	else
		snprintf(buf, len, "profile evidence conflicts: line %d (%s) says %s, line %d (%s) "
			 "says %s; judged as %s", g->a.line, g->a.text, g->a.says, g->b.line,
			 g->b.text, g->b.says, det_names[g->profile]);
}
