/* The SLM generations slmsim emulates, and the lookups that take one:
 * a command's row by name or by the line that runs it. */
#ifndef SLMSIM_SLM_PROFILES_H
#define SLMSIM_SLM_PROFILES_H

#include <stddef.h>

#include "at_term.h"
#include "slm_profile.h"

/* NCS 1.8's SLM (profile A of slm-versions.md): the whole command table. */
extern const struct slm_profile slm_profile_ncs18;
/* The later generations' own rows (cmd_table_gen.c). */
extern const struct slm_rows rows_v20, rows_v21, rows_v25, rows_v26;
/* The Serial Modem's (cmd_table_sm.c). */
extern const struct slm_rows rows_sm02, rows_sm03, rows_sm20;
/* MQTT rows of 2.0 (#XMQTTPUB), 2.5 and 2.6 (#XMQTTCFG), cmd_table_mqtt.c. */
extern const struct slm_rows rows_mqtt_v20, rows_mqtt_v25, rows_mqtt_v26;

const struct slm_profile *slm_profile_default(void);
/* NULL-terminated, for --help and errors. */
const struct slm_profile *const *slm_profile_all(void);
/* "ncs-2.6" (a profile's name), "1.8", "ncs-1.8.1", "v3.1.0", "sm-1.0":
 * the profile whose range holds that release of its line ("sm-" the
 * Serial Modem's, else NCS), or NULL; *at gets the release it runs at
 * (a name: the first of its range). */
const struct slm_profile *slm_profile_find_at(const char *spec, struct slm_version *at);
const struct slm_profile *slm_profile_find(const char *spec);
/* cfg's modem.slm_profile made its profile, with the defaults it decides
 * (slm_profile_configure); nothing when that is empty.  -1 with a
 * message when it names no profile. */
int slm_profile_apply(struct modem_config *cfg, char *err, size_t errlen);
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
