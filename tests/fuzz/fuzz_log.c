/* Link Monitor log parser and the script model built from it. */
#include <stdint.h>

#include "log_parser.h"
#include "scenario.h"
#include "script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_log log;
	struct scenario s;
	struct script sc;
	char err[256];

	log_parse_buffer((const char *)data, size, "fuzz.log", &log);
	scenario_defaults(&s);
	if (script_build(&sc, &log, &s, "/nonexistent-certs", err, sizeof(err)) == 0)
		script_free(&sc);
	else
		script_free(&sc);
	scenario_free(&s);
	log_free(&log);
	return 0;
}
