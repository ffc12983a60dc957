/* Power saving: +CPSMS, +CEDRXS, +CEDRXRDP. */
#ifndef SLMSIM_CMD_PSM_H
#define SLMSIM_CMD_PSM_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cpsms_schema, cedrxs_schema;

int cpsms_set(struct modem *m, const struct at_cmd *cmd);
int cpsms_read(struct modem *m, const struct at_cmd *cmd);
int cedrxs_set(struct modem *m, const struct at_cmd *cmd);
int cedrxs_read(struct modem *m, const struct at_cmd *cmd);
int cedrxrdp_action(struct modem *m, const struct at_cmd *cmd);
void psm_net_changed(struct modem *m);

#endif
