/* AT+CFUN and AT%XSYSTEMMODE: functional and system modes. */
#ifndef SLMSIM_CMD_CFUN_H
#define SLMSIM_CMD_CFUN_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cfun_schema, xsystemmode_schema;

int cfun_set(struct modem *m, const struct at_cmd *cmd);
int cfun_read(struct modem *m, const struct at_cmd *cmd);
int xsystemmode_set(struct modem *m, const struct at_cmd *cmd);
int xsystemmode_read(struct modem *m, const struct at_cmd *cmd);

#endif
