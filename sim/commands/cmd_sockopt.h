/* AT#XSOCKETOPT. */
#ifndef SLMSIM_CMD_SOCKOPT_H
#define SLMSIM_CMD_SOCKOPT_H

struct at_cmd;
struct modem;

int xsocketopt_set(struct modem *m, const struct at_cmd *cmd);

#endif
