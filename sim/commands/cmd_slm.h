/* SLM housekeeping: #XSLMUART, #XDATACTRL, #XUUID, #XRESET, #XSLEEP. */
#ifndef SLMSIM_CMD_SLM_H
#define SLMSIM_CMD_SLM_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xdatactrl_schema, xsleep_schema, xsleep20_schema, xslmuart_schema;

int xslmuart_set(struct modem *m, const struct at_cmd *cmd);
int xslmuart_read(struct modem *m, const struct at_cmd *cmd);
int xdatactrl_set(struct modem *m, const struct at_cmd *cmd);
int xdatactrl_read(struct modem *m, const struct at_cmd *cmd);
int xuuid_set(struct modem *m, const struct at_cmd *cmd);
int xreset_set(struct modem *m, const struct at_cmd *cmd);
int xsleep_set(struct modem *m, const struct at_cmd *cmd);
int xsleep20_set(struct modem *m, const struct at_cmd *cmd);
int xshutdown_set(struct modem *m, const struct at_cmd *cmd);
int xmodemreset_set(struct modem *m, const struct at_cmd *cmd);
int ate_set(struct modem *m, const struct at_cmd *cmd);

#endif
