/* Polling the sockets: #XPOLL (NCS 2.0-3.1). */
#ifndef SLMSIM_CMD_SOCKPOLL_H
#define SLMSIM_CMD_SOCKPOLL_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xpoll_schema;

int xpoll20_set(struct modem *m, const struct at_cmd *cmd);
int xpoll21_set(struct modem *m, const struct at_cmd *cmd);

#endif
