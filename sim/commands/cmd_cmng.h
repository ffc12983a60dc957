/* AT%CMNG: the modem's credential store. */
#ifndef SLMSIM_CMD_CMNG_H
#define SLMSIM_CMD_CMNG_H

struct at_cmd;
struct modem;

int cmng_set(struct modem *m, const struct at_cmd *cmd);

#endif
