/* A replay's result: its verdict's name, and freeing it. */
#include <stdlib.h>

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
}
