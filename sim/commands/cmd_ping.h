/* AT#XPING and the module that keeps its echoes. */
#ifndef SLMSIM_CMD_PING_H
#define SLMSIM_CMD_PING_H

#include <stddef.h>

struct at_cmd;
struct modem;

int xping_set(struct modem *m, const struct at_cmd *cmd);
int ping_init(struct modem *m, char *err, size_t errlen);
void ping_fini(struct modem *m);

#endif
