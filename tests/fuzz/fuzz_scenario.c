/* Scenario reader (libinih underneath, our handlers on top). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scenario s;
	char err[512];
	char *text = malloc(size + 1);

	memcpy(text, data, size);
	text[size] = '\0';
	scenario_defaults(&s);
	scenario_parse_string(&s, text, err, sizeof(err));
	scenario_free(&s);
	free(text);
	return 0;
}
