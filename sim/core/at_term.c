#include "at_term.h"

#include <string.h>

static const struct { const char *name; enum at_term term; } term_names[] = {
	{ "any", AT_TERM_ANY }, { "crlf", AT_TERM_CRLF },
	{ "cr", AT_TERM_CR }, { "lf", AT_TERM_LF },
};

const char *at_term_name(enum at_term t)
{
	for (size_t i = 0; i < sizeof(term_names) / sizeof(term_names[0]); i++)
		if (term_names[i].term == t)
			return term_names[i].name;
	return "any";
}

int at_term_parse(const char *s, enum at_term *out)
{
	for (size_t i = 0; i < sizeof(term_names) / sizeof(term_names[0]); i++) {
		if (strcmp(s, term_names[i].name) == 0) {
			*out = term_names[i].term;
			return 0;
		}
	}
	return -1;
}
