/* A replay's result: its verdict's name, and freeing it. */
#include <stdlib.h>
#include <string.h>

#include "runner.h"

const char *verdict_name(enum verdict v)
{
	static const char *const names[] = {
		[VERDICT_PASS] = "pass", [VERDICT_DIFFERS] = "differs", [VERDICT_ERROR] = "error",
		[VERDICT_INCONCLUSIVE] = "inconclusive",
	};

	return names[v];
}

void result_free(struct result *r)
{
	free(r->name);
	free(r->path);
	sb_free(&r->transcript);
	sb_free(&r->why);
	for (size_t i = 0; i < r->n_got; i++)
		free(r->got[i].text);
	free(r->got);
	for (size_t i = 0; i < r->n_steps; i++) {
		free(r->steps[i].got);
		free(r->steps[i].send);
	}
	free(r->steps);
}

const struct step_run *result_step(const struct result *r, size_t i)
{
	return i < r->n_steps ? &r->steps[i] : NULL;
}

bool result_step_optional(const struct result *r, const struct script *sc, size_t i)
{
	return sc->steps[i].optional || (i < r->n_steps && r->steps[i].optional);
}

int result_got(struct result *r, int64_t t_ms, const char *text)
{
	size_t n = r->n_got;

	/* Room for 16, then doubled at each power of two: a long log's target
	 * says thousands of lines. */
	if (!n || (n >= 16 && !(n & (n - 1))))
		r->got = realloc(r->got, (n ? n * 2 : 16) * sizeof(*r->got));
	r->got[n] = (struct got_line){ t_ms, strdup(text), GOT_TAKEN, -1 };
	return (int)r->n_got++;
}

void result_got_mark(struct result *r, enum got_kind kind, int step)
{
	if (r->n_got) {
		r->got[r->n_got - 1].kind = kind;
		r->got[r->n_got - 1].step = step;
	}
}

void result_why(struct result *r, int64_t t_ms, const char *text)
{
	result_got(r, t_ms, text);
	result_got_mark(r, GOT_WHY, -1);
}

void result_differs_at(struct result *r, const struct script *sc, int got)
{
	r->diff_step = -1;
	for (size_t i = 0; i < sc->n && r->diff_step < 0; i++)
		if (!(i < r->n_steps && r->steps[i].matched) && sc->steps[i].role != ROLE_SEND &&
		    !result_step_optional(r, sc, i))
			r->diff_step = (int)i;
	r->diff_got = got;
	if (got >= 0)
		r->got[got].kind = GOT_UNEXPECTED;
}
