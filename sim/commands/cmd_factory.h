/* AT%XFACTORYRESET: the modem's settings back to the factory's. */
#ifndef SLMSIM_CMD_FACTORY_H
#define SLMSIM_CMD_FACTORY_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xfactoryreset_schema;

int xfactoryreset_set(struct modem *m, const struct at_cmd *cmd);

#endif
