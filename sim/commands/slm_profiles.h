/* The SLM generations slmsim emulates, and the lookups that take one:
 * a command's row by name or by the line that runs it. */
#ifndef SLMSIM_SLM_PROFILES_H
#define SLMSIM_SLM_PROFILES_H

#include <stddef.h>

#include "at_term.h"
#include "slm_profile.h"

/* NCS 1.8's SLM (profile A of slm-versions.md): the whole command table. */
extern const struct slm_profile slm_profile_ncs18;

const struct slm_profile *slm_profile_default(void);
/* NULL-terminated, for --help and errors. */
const struct slm_profile *const *slm_profile_all(void);
/* "1.8", "ncs-1.8.1", "sm-1.0": the profile whose range holds that release
 * of its line ("sm-" the Serial Modem's, else NCS), or NULL. */
const struct slm_profile *slm_profile_find(const char *spec);
/* cfg's profile, the default when it names none. */
const struct slm_profile *slm_profile_of(const struct modem_config *cfg);

/* p's row of a command name such as "+CFUN" (case-insensitive), or NULL. */
const struct at_cmd_def *at_cmd_find(const struct slm_profile *p, const char *name);
/* p's row that runs line[0..len) (its parsed name given): an SLM command
 * matched as slm_util_cmd_casecmp() does (a case-insensitive prefix, the
 * line at most 2 characters longer, 1 with a CR or LF terminator, unless
 * '=' or '?' follows), in the SLM's table order; else a modem command of
 * exactly that name. */
const struct at_cmd_def *at_cmd_match(const struct slm_profile *p, const char *line, size_t len,
				      const char *name, enum at_term term);

#endif
