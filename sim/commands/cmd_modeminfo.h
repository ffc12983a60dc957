/* What the modem tells of itself and its SIM: +CSQ, %XVBAT, %HWVERSION,
 * %SHORTSWVER, +CEER, +CRSM, +CLAC, +CPINR (modem-commands.md 10, 12, 13, 16). */
#ifndef SLMSIM_CMD_MODEMINFO_H
#define SLMSIM_CMD_MODEMINFO_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cpinr_schema, crsm_schema;

int csq_action(struct modem *m, const struct at_cmd *cmd);
int xvbat_action(struct modem *m, const struct at_cmd *cmd);
int hwversion_action(struct modem *m, const struct at_cmd *cmd);
int shortswver_action(struct modem *m, const struct at_cmd *cmd);
int ceer_action(struct modem *m, const struct at_cmd *cmd);
int crsm_set(struct modem *m, const struct at_cmd *cmd);
int clac_action(struct modem *m, const struct at_cmd *cmd);
int cpinr_set(struct modem *m, const struct at_cmd *cmd);

#endif
