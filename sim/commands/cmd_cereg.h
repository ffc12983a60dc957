/* AT+CEREG: registration status and its URCs. */
#ifndef SLMSIM_CMD_CEREG_H
#define SLMSIM_CMD_CEREG_H

struct at_cmd;
struct modem;

int cereg_set(struct modem *m, const struct at_cmd *cmd);
int cereg_read(struct modem *m, const struct at_cmd *cmd);
void cereg_net_changed(struct modem *m);

#endif
