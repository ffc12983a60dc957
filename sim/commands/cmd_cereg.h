/* AT+CEREG: registration status and its URCs. */
#ifndef SLMSIM_CMD_CEREG_H
#define SLMSIM_CMD_CEREG_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cereg_schema;

int cereg_set(struct modem *m, const struct at_cmd *cmd);
int cereg_read(struct modem *m, const struct at_cmd *cmd);
void cereg_net_changed(struct modem *m);

#endif
