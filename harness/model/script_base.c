/* What every part of the script model uses: notes for the transcript and
 * the final result a log shows for a command. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "script.h"

void script_note(struct script *sc, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	sc->notes = realloc(sc->notes, (sc->n_notes + 1) * sizeof(char *));
	sc->notes[sc->n_notes++] = s;
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
