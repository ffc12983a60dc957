/* The log parser (every format) and all that is read from the log before
 * a replay, through slmreplay's own replay_prepare(): the steps and their
 * facts, the broker's side, the world and the socket peers' plan. */
#include <stdint.h>

#include "log_parser.h"
#include "replay_prepare.h"
#include "scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct replay_log log;
	struct scenario s;
	struct prepared p;
	struct strbuf notes = { 0 };
	char err[256], read[320];

	scenario_defaults(&s);
	replay_read_buffer((const char *)data, size, "fuzz.log", &s, &log);
	log_read_summary(&log, read, sizeof(read));
	replay_prepare(&log, &s, "/nonexistent-certs", &p, &notes, err, sizeof(err));
	prepared_free(&p);
	sb_free(&notes);
	scenario_free(&s);
	log_free(&log);
	return 0;
}
