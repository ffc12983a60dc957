/* The world stage's own records: its notes for the transcript. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "world.h"

void world_note(struct world *wd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	notes_vadd(&wd->notes, &wd->n_notes, fmt, ap);
	va_end(ap);
}

void world_free(struct world *wd)
{
	for (size_t i = 0; i < wd->n_notes; i++)
		free(wd->notes[i]);
	free(wd->notes);
	memset(wd, 0, sizeof(*wd));
}
