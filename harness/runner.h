/* Replays one script against a target and judges it: pass (the target did
 * what the log shows: for a bug report, reproduced), differs (first
 * differing step, expected vs got), error (could not run) or inconclusive
 * (a readable log with nothing to judge: no command, or commands and no
 * sign of the modem at all). */
#ifndef SLMREPLAY_RUNNER_H
#define SLMREPLAY_RUNNER_H

#include <stdbool.h>
#include <stdint.h>

#include "scenario.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"

enum verdict { VERDICT_PASS, VERDICT_DIFFERS, VERDICT_ERROR, VERDICT_INCONCLUSIVE };

struct result {
	char *name;		/* log file name */
	char *path;
	enum verdict verdict;
	char summary[1024];
	struct strbuf transcript;
	struct strbuf why;	/* the emulator's explanations, one per line */
	int not_emulated;	/* steps on commands slmsim lacks, taken as logged */
	int unanswered;		/* commands sent that the log shows no answer to */
	char read[320];		/* what reading the log took (log_read_summary), "" when plain */
	char target[160];	/* what it ran against */
	bool done;		/* judged (corpus runs) */
	double wall_s;
	int64_t log_span_ms;
};

struct run_opts {
	const char *certs_dir;
	int broker_port;	/* the local broker's plain anonymous port; 0: none */
	bool quiet;
};

void run_script(struct target *t, struct script *sc, const struct scenario *s,
		const struct run_opts *o, struct result *r);
/* runner_setup.c: the set-up before the log's first event; -1 with
 * r->summary filled when it fails. */
int run_preamble(struct target *t, struct script *sc, const struct scenario *s,
		 const struct run_opts *o, struct result *r);
const char *verdict_name(enum verdict v);
void result_free(struct result *r);

#endif
