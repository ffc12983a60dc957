/* Everything read from a log before anything runs, in one direction: the
 * log's steps with their facts and the broker's side (script.c,
 * script_broker.c), the world they imply (world.c, into the scenario),
 * the socket peers' plan (peer_plan.c).  slmreplay and the fuzz target
 * both go through here, so both run the same pipeline. */
#ifndef SLMREPLAY_REPLAY_PREPARE_H
#define SLMREPLAY_REPLAY_PREPARE_H

#include <stddef.h>

#include "judgeable.h"
#include "log_parser.h"
#include "peer_plan.h"
#include "scenario.h"
#include "script.h"
#include "strbuf.h"
#include "world.h"

/* The script is only read once built (script_build() makes it whole, the
 * dead link included): the world stage's set-up and notes are in world, the
 * peers' in plan and world. */
struct prepared {
	const struct script *sc;	/* never NULL after replay_prepare() */
	struct world world;
	struct peer_plan plan;
	enum judgeable judge;
};

/* The log at path (or in buf) read with the SLM generation it is judged on
 * (--slm, the scenario's modem.slm_profile, else what a first reading with
 * the default shows): a terminal capture's payload lines follow the
 * commands that generation's rows say enter data mode.  0, or -1 with err
 * when the file cannot be read.  log_free() after. */
int replay_read_file(const char *path, const struct scenario *scen, struct replay_log *log,
		     char *err, size_t errlen);
void replay_read_buffer(const char *buf, size_t len, const char *name,
			const struct scenario *scen, struct replay_log *log);

/* From a parsed log and its scenario (defaults, or loaded; the world the
 * log implies goes into it): 0 when ready to run, 1 when the log holds
 * nothing to judge, -1 when it cannot be replayed (err says why in both).
 * Notes on how the log was read go to notes.  prepared_free() after any. */
int replay_prepare(const struct replay_log *log, struct scenario *scen, const char *certs,
		   struct prepared *p, struct strbuf *notes, char *err, size_t errlen);
void prepared_free(struct prepared *p);

#endif
