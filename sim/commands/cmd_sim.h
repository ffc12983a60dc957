/* The UICC and the modem's identity and settings: +CPIN, +CIMI, %XICCID,
 * %XMODEMUUID, %XBANDLOCK, %XCONNSTAT. */
#ifndef SLMSIM_CMD_SIM_H
#define SLMSIM_CMD_SIM_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xconnstat_schema, cpin_schema, xbandlock_schema;

int cpin_read(struct modem *m, const struct at_cmd *cmd);
int cpin_set(struct modem *m, const struct at_cmd *cmd);
int cimi_action(struct modem *m, const struct at_cmd *cmd);
int xiccid_action(struct modem *m, const struct at_cmd *cmd);
int xmodemuuid_action(struct modem *m, const struct at_cmd *cmd);
int xbandlock_set(struct modem *m, const struct at_cmd *cmd);
int xbandlock_read(struct modem *m, const struct at_cmd *cmd);
int xconnstat_set(struct modem *m, const struct at_cmd *cmd);
int xconnstat_read(struct modem *m, const struct at_cmd *cmd);

#endif
