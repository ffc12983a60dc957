/* AT%MDMEV: modem domain events, and the network search they report. */
#ifndef SLMSIM_CMD_MDMEV_H
#define SLMSIM_CMD_MDMEV_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema mdmev_schema;

int mdmev_init(struct modem *m, char *err, size_t errlen);
void mdmev_fini(struct modem *m);
void mdmev_net_changed(struct modem *m);
/* After +CFUN: a search may begin or end; CFUN=0 drops the subscription. */
void mdmev_radio_changed(struct modem *m);
int mdmev_set(struct modem *m, const struct at_cmd *cmd);

#endif
