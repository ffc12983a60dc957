/* Which SLM profile a replay judges a log on (docs/scenarios.md). */
#ifndef SLMREPLAY_PROFILE_CHOICE_H
#define SLMREPLAY_PROFILE_CHOICE_H

#include <stddef.h>

#include "log_parser.h"
#include "profile_detect.h"
#include "scenario.h"

/* --slm (s->slm_override), else the scenario's modem.slm_profile, else the
 * log's own (g): into s->cfg, with the transcript's notes (conflict ""
 * when the log's evidence agrees).  0, or -1 when the profile asked for
 * does not exist. */
int profile_choose(const struct replay_log *log, struct scenario *s, struct profile_guess *g,
		   char *note, size_t len, char *conflict, size_t clen);
/* The profile profile_choose() would apply, without notes or changes to s:
 * what a capture is read with (replay_read_file()).  The default when the
 * one asked for does not exist (profile_choose() says so). */
const struct slm_profile *profile_for(const struct replay_log *log, const struct scenario *s);

#endif
