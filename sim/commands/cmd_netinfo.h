/* What the modem tells of the network: +CEMODE, %XCBAND, +CESQ, %CESQ,
 * +COPS, %XMONITOR. */
#ifndef SLMSIM_CMD_NETINFO_H
#define SLMSIM_CMD_NETINFO_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xcesq_schema, cemode_schema, cops_schema;

int cemode_set(struct modem *m, const struct at_cmd *cmd);
int cemode_read(struct modem *m, const struct at_cmd *cmd);
int xcband_action(struct modem *m, const struct at_cmd *cmd);
int xcband_test(struct modem *m, const struct at_cmd *cmd);
int cesq_action(struct modem *m, const struct at_cmd *cmd);
int xcesq_set(struct modem *m, const struct at_cmd *cmd);
int cops_set(struct modem *m, const struct at_cmd *cmd);
int cops_read(struct modem *m, const struct at_cmd *cmd);
int cops_test(struct modem *m, const struct at_cmd *cmd);
int xmonitor_action(struct modem *m, const struct at_cmd *cmd);
void netinfo_net_changed(struct modem *m);
/* The serving cell's signal moved from these indices (slmctl signal). */
void netinfo_signal_changed(struct modem *m, int old_rsrp, int old_rsrq);

#endif
