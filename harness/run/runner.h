/* Replays one script against a target and judges it: pass (the target did
 * what the log shows: for a bug report, reproduced), differs (first
 * differing step, expected vs got), error (could not run) or inconclusive
 * (a readable log with nothing to judge: no command, or commands and no
 * sign of the modem at all). */
#ifndef SLMREPLAY_RUNNER_H
#define SLMREPLAY_RUNNER_H

#include <stdbool.h>
#include <stdint.h>

#include "peer_plan.h"
#include "scenario.h"
#include "sock_peer.h"
#include "script.h"
#include "strbuf.h"
#include "target.h"
#include "world.h"

enum verdict { VERDICT_PASS, VERDICT_DIFFERS, VERDICT_ERROR, VERDICT_INCONCLUSIVE };

/* A line the target sent during the replay, or an explanation it logged,
 * for a picture of the replay (report_html.c). */
enum got_kind {
	GOT_TAKEN,		/* judged no difference, nor matched to a step */
	GOT_MATCHED,		/* a step's line */
	GOT_TOLERATED,		/* by a scenario's rule */
	GOT_NOT_EMULATED,	/* ERROR to a command slmsim lacks, taken as logged */
	GOT_UNEXPECTED,		/* the first difference */
	GOT_WHY,		/* an explanation the emulator logged */
};
struct got_line {
	int64_t t_ms;		/* log time */
	char *text;
	enum got_kind kind;
	int step;		/* GOT_MATCHED: the step it answered; -1 */
};

/* What the runner found for one step: its own record, beside the script,
 * which it only reads. */
struct step_run {
	bool matched;		/* the target's line was the step's; an unanswered SEND: its answer came */
	bool optional;		/* a boot or network event this target cannot cause: it may not come */
	int64_t got_at;		/* log-time ms when it arrived */
	char *got;		/* a fresh step: the target's own line */
	char *send;		/* sent instead of the step's send (a certificate for the
				 * target's own CSR); NULL: the step's */
	char note[160];		/* what send is */
};

struct result {
	char *name;		/* log file name */
	char *path;
	enum verdict verdict;
	char summary[1024];
	struct strbuf transcript;
	struct strbuf why;	/* the emulator's explanations, one per line */
	int not_emulated;	/* steps on commands slmsim lacks, taken as logged */
	int unanswered;		/* commands sent that the log shows no answer to */
	int modem_only;		/* judged as a modem-only transcript (no SLM layer) */
	char read[320];		/* what reading the log took (log_read_summary), "" when plain */
	char target[160];	/* what it ran against */
	bool done;		/* judged (corpus runs) */
	double wall_s;
	int64_t log_span_ms;
	/* What the target said, in order, and where the first difference is
	 * (kept in the process that ran the replay, not sent over corpus pipes). */
	struct got_line *got;
	size_t n_got;
	int diff_step;		/* the step it expected; -1 */
	int diff_got;		/* the line it got instead; -1 */
	int steps_run;		/* the steps before this one were sent or waited for */
	struct step_run *steps;	/* the runner's record of each step of the script */
	size_t n_steps;
};

struct run_opts {
	const char *certs_dir;
	int broker_port;	/* the local broker's plain anonymous port; 0: none */
	/* The socket peers and their plan: answers due at a log time go when
	 * the replay reaches it (NULL: none). */
	struct sock_peer *peer;
	const struct peer_plan *plan;
	bool quiet;
};

void run_script(struct target *t, const struct script *sc, const struct world *wd,
		const struct scenario *s, const struct run_opts *o, struct result *r);
/* runner_setup.c: the set-up before the log's first event; -1 with
 * r->summary filled when it fails. */
int run_preamble(struct target *t, const struct script *sc, const struct world *wd,
		 const struct scenario *s, const struct run_opts *o, struct result *r);
const char *verdict_name(enum verdict v);
/* Keeps a line the target sent (taken, until marked); its index. */
int result_got(struct result *r, int64_t t_ms, const char *text);
/* Says what the last line kept was. */
void result_got_mark(struct result *r, enum got_kind kind, int step);
/* Keeps an explanation the emulator logged at log time t_ms. */
void result_why(struct result *r, int64_t t_ms, const char *text);
/* The first difference is about the first step still expected and the
 * line got (an index into got, or -1). */
void result_differs_at(struct result *r, const struct script *sc, int got);
/* The runner's record of step i, or NULL when there is none (not run). */
const struct step_run *result_step(const struct result *r, size_t i);
/* A step that may or may not come: by a scenario's rule, or because this
 * target cannot cause it. */
bool result_step_optional(const struct result *r, const struct script *sc, size_t i);
void result_free(struct result *r);

#endif
