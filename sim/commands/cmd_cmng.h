/* AT%CMNG: the modem's credential store. */
#ifndef SLMSIM_CMD_CMNG_H
#define SLMSIM_CMD_CMNG_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cmng_schema;

int cmng_set(struct modem *m, const struct at_cmd *cmd);

#endif
