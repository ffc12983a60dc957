/* AT#XPING and the module that keeps its echoes. */
#ifndef SLMSIM_CMD_PING_H
#define SLMSIM_CMD_PING_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xping_schema;

int xping_set(struct modem *m, const struct at_cmd *cmd);
int ping_init(struct modem *m, char *err, size_t errlen);
void ping_fini(struct modem *m);
/* The next echo the modem sends, from any socket: its round trip in ms
 * (network.ping_rtt_ms), or -1 when it is lost. */
int ping_next_rtt(struct modem *m);

#endif
