/* Event reports a host subscribes to: +CNEC, +CGEREP, +CIND, %XSIM,
 * +CSCON; the module that keeps their state. */
#ifndef SLMSIM_CMD_EVENTS_H
#define SLMSIM_CMD_EVENTS_H

#include <stdbool.h>
#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cnec_schema, cgerep_schema, cind_schema, xsim_schema, cscon_schema;

int events_init(struct modem *m, char *err, size_t errlen);
void events_fini(struct modem *m);
void events_net_changed(struct modem *m);
/* After +CFUN: the UICC may have changed. */
void events_radio_changed(struct modem *m);
/* The RRC connection is up (traffic within network.rrc_idle_ms). */
bool events_rrc_connected(const struct modem *m);
/* The UICC is powered and initialised (%XSIM: 1). */
bool events_uicc_ready(const struct modem *m);
int cnec_set(struct modem *m, const struct at_cmd *cmd);
int cnec_read(struct modem *m, const struct at_cmd *cmd);
int cgerep_set(struct modem *m, const struct at_cmd *cmd);
int cgerep_read(struct modem *m, const struct at_cmd *cmd);
int cind_set(struct modem *m, const struct at_cmd *cmd);
int cind_read(struct modem *m, const struct at_cmd *cmd);
int xsim_set(struct modem *m, const struct at_cmd *cmd);
int xsim_read(struct modem *m, const struct at_cmd *cmd);
int cscon_set(struct modem *m, const struct at_cmd *cmd);
int cscon_read(struct modem *m, const struct at_cmd *cmd);

#endif
