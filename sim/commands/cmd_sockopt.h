/* AT#XSOCKETOPT. */
#ifndef SLMSIM_CMD_SOCKOPT_H
#define SLMSIM_CMD_SOCKOPT_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsocketopt_schema;

int xsocketopt_set(struct modem *m, const struct at_cmd *cmd);

#endif
