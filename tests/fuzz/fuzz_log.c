/* The log parser (every format) and what is read from the log: the script
 * model, the broker's side, the world and the socket peers' plan. */
#include <stdint.h>

#include "log_parser.h"
#include "peer_plan.h"
#include "scenario.h"
#include "script.h"
#include "world.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_log log;
	struct scenario s;
	struct script sc;
	char err[256], read[320];

	log_parse_buffer((const char *)data, size, "fuzz.log", &log);
	log_read_summary(&log, read, sizeof(read));
	scenario_defaults(&s);
	if (script_build(&sc, &log, &s, "/nonexistent-certs", err, sizeof(err)) == 0) {
		struct peer_plan plan;

		script_broker_events(&sc);
		world_infer(&sc, &s);
		peer_plan_build(&plan, &sc);
		peer_plan_free(&plan);
	}
	script_free(&sc);
	scenario_free(&s);
	log_free(&log);
	return 0;
}
