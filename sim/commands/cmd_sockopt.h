/* AT#XSOCKETOPT: SLM v1.8's and the Serial Modem's. */
#ifndef SLMSIM_CMD_SOCKOPT_H
#define SLMSIM_CMD_SOCKOPT_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsocketopt_schema, xsocketopt_sm_schema;

int xsocketopt_set(struct modem *m, const struct at_cmd *cmd);
/* The Serial Modem's AT#XSOCKETOPT=<handle>,<op>,<name>[,<value>]: its
 * options of v0.2.0, and v2.0.0-preview1's with 55 TCP_SRV_SESSTIMEO. */
int xsocketopt_sm02_set(struct modem *m, const struct at_cmd *cmd);
int xsocketopt_sm20_set(struct modem *m, const struct at_cmd *cmd);

#endif
