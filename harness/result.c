/* A replay's result: its verdict's name, and freeing it. */
#include <stdlib.h>

#include "runner.h"

const char *verdict_name(enum verdict v)
{
	return v == VERDICT_PASS ? "pass" : v == VERDICT_DIFFERS ? "differs" : "error";
}

void result_free(struct result *r)
{
	free(r->name);
	free(r->path);
	sb_free(&r->transcript);
	sb_free(&r->why);
}
