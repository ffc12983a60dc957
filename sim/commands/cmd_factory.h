/* AT%XFACTORYRESET: the modem's settings back to the factory's. */
#ifndef SLMSIM_CMD_FACTORY_H
#define SLMSIM_CMD_FACTORY_H

struct at_cmd;
struct modem;

int xfactoryreset_set(struct modem *m, const struct at_cmd *cmd);

#endif
