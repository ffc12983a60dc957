/* The SLM profile a replay runs against: --slm, else the scenario's own
 * modem.slm_profile, else what the log shows (profile_detect.c).  It goes
 * into the scenario's modem settings, so the emulator, the step facts and
 * --world all see the same one. */
#include "profile_choice.h"

#include <stdio.h>
#include <string.h>

#include "slm_profiles.h"

/* The profile spec names into s->cfg (modem.slm_profile, applied so the
 * steps read commands with it): 0, or -1 when no profile has it. */
static int apply(struct scenario *s, const char *spec)
{
	const struct slm_profile *p;
	char err[160], copy[sizeof(s->cfg.slm_spec)];

	snprintf(copy, sizeof(copy), "%s", spec);	/* spec may be the setting itself */
	if (config_set(&s->cfg, "modem", "slm_profile", copy, err, sizeof(err)) ||
	    slm_profile_apply(&s->cfg, err, sizeof(err)))
		return -1;
	p = slm_profile_of(&s->cfg);
	/* A replay judges the SLM as built (scenario_defaults): CR LF unless
	 * the generation ends lines otherwise, or the scenario says. */
	if (!scenario_sets(s, "modem.terminator"))
		config_set(&s->cfg, "modem", "terminator", p->framing.term == AT_TERM_CR ? "cr" :
			   p->framing.term == AT_TERM_LF ? "lf" : "crlf", err, sizeof(err));
	return 0;
}

const struct slm_profile *profile_for(const struct replay_log *log, const struct scenario *s)
{
	struct profile_guess g;
	const struct slm_profile *p;

	if (s->slm_override) {
		p = slm_profile_find(s->slm_override);
	} else if (scenario_sets(s, "modem.slm_profile")) {
		p = slm_profile_find(s->cfg.slm_spec);
	} else {
		profile_detect(log, &g);
		p = slm_profile_find(g.spec);
	}
	return p ? p : slm_profile_default();
}

int profile_choose(const struct replay_log *log, struct scenario *s, struct profile_guess *g,
		   char *note, size_t len, char *conflict, size_t clen)
{
	char detected[320];

	profile_detect(log, g);
	profile_guess_note(g, detected, sizeof(detected));
	profile_conflict_note(g, conflict, clen);
	if (s->slm_override) {
		snprintf(note, len, "profile %s (--slm %s; the log alone: %s)",
			 slm_profile_find(s->slm_override) ? slm_profile_find(s->slm_override)->name :
			 s->slm_override, s->slm_override, detected);
		return apply(s, s->slm_override);
	}
	if (scenario_sets(s, "modem.slm_profile")) {
		snprintf(note, len, "profile %s (the scenario's modem.slm_profile %s; the log alone: %s)",
			 slm_profile_find(s->cfg.slm_spec) ? slm_profile_find(s->cfg.slm_spec)->name : "?",
			 s->cfg.slm_spec, detected);
		return apply(s, s->cfg.slm_spec);
	}
	if (!apply(s, g->spec)) {
		snprintf(note, len, "%s", detected);
		return 0;
	}
	/* A generation the emulator has no profile for yet: the default's. */
	snprintf(note, len, "%s; slmsim has no such profile: judged on %s", detected,
		 slm_profile_default()->name);
	return apply(s, slm_profile_default()->name);
}
