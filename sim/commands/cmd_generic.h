/* Identification and housekeeping: +CMEE, +CGMI/CGMM/CGMR/CGSN,
 * #XSLMVER, #XCLAC. */
#ifndef SLMSIM_CMD_GENERIC_H
#define SLMSIM_CMD_GENERIC_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cmee_schema, cgsn_schema;

int cmee_set(struct modem *m, const struct at_cmd *cmd);
int cmee_read(struct modem *m, const struct at_cmd *cmd);
int cgmi_action(struct modem *m, const struct at_cmd *cmd);
int cgmm_action(struct modem *m, const struct at_cmd *cmd);
int cgmr_action(struct modem *m, const struct at_cmd *cmd);
int cgsn_run(struct modem *m, const struct at_cmd *cmd);
int xslmver_set(struct modem *m, const struct at_cmd *cmd);
int xsmver_set(struct modem *m, const struct at_cmd *cmd);
int xclac_set(struct modem *m, const struct at_cmd *cmd);

#endif
