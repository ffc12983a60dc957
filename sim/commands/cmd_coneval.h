/* AT%CONEVAL: the connection evaluation (modem-commands.md 17). */
#ifndef SLMSIM_CMD_CONEVAL_H
#define SLMSIM_CMD_CONEVAL_H

struct at_cmd;
struct modem;

int coneval_action(struct modem *m, const struct at_cmd *cmd);

#endif
