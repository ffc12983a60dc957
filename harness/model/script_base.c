/* What every part of the script model uses: notes for the transcript and
 * the final result a log shows for a command. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_parser.h"
#include "script.h"

void notes_vadd(char ***notes, size_t *n, const char *fmt, va_list ap)
{
	char *s, **grown;

	if (vasprintf(&s, fmt, ap) < 0)
		return;
	grown = realloc(*notes, (*n + 1) * sizeof(char *));
	if (!grown) {
		free(s);
		return;
	}
	*notes = grown;
	(*notes)[(*n)++] = s;
}

void script_note(struct script *sc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	notes_vadd(&sc->notes, &sc->n_notes, fmt, ap);
	va_end(ap);
}

bool script_is_final(const char *l)
{
	return log_is_final(l);
}

const char *script_final_of(const struct script *sc, size_t i)
{
	for (size_t j = i + 1; j < sc->n; j++)
		if (sc->steps[j].cause == (int)i && sc->steps[j].role == ROLE_FINAL)
			return sc->steps[j].ev->text;
	return "";
}

int64_t script_first_int(const struct step *st)
{
	int64_t v;

	return st->cmd && st->cmd->nparams && !at_param_int(st->cmd, 0, &v) ? v : -1;
}
