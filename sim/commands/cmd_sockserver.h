/* SLM socket commands of the server role: #XBIND, #XLISTEN, #XACCEPT. */
#ifndef SLMSIM_CMD_SOCKSERVER_H
#define SLMSIM_CMD_SOCKSERVER_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xbind_schema, xlisten_schema, xaccept_schema;

int xbind_set(struct modem *m, const struct at_cmd *cmd);
int xlisten_set(struct modem *m, const struct at_cmd *cmd);
int xaccept_set(struct modem *m, const struct at_cmd *cmd);
int xaccept_read(struct modem *m, const struct at_cmd *cmd);

#endif
