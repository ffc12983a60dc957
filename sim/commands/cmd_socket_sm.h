/* The Serial Modem's socket commands (SM v0.2.0+): handle-first syntax,
 * #XCLOSE, automatic reception (#XRECVCFG) and #XAPOLL.  Rows in
 * cmd_table_sm.c. */
#ifndef SLMSIM_CMD_SOCKET_SM_H
#define SLMSIM_CMD_SOCKET_SM_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsocket_sm_schema, xssocket_sm_schema, xclose_schema,
	xconnect_sm_schema, xsend_sm_schema, xsendto_sm_schema, xrecv_sm_schema,
	xrecvfrom_sm_schema, xrecvcfg_schema, xapoll_schema, xbind_sm_schema, xlisten_sm_schema,
	xaccept_sm_schema;
extern const struct at_schema xapoll_v02_schema;

int xsocket_sm_set(struct modem *m, const struct at_cmd *cmd);
int xsocket_sm_read(struct modem *m, const struct at_cmd *cmd);
int xssocket_sm_set(struct modem *m, const struct at_cmd *cmd);
int xssocket_sm_read(struct modem *m, const struct at_cmd *cmd);
int xclose_set(struct modem *m, const struct at_cmd *cmd);
int xclose_action(struct modem *m, const struct at_cmd *cmd);
int xconnect_sm_set(struct modem *m, const struct at_cmd *cmd);
int xsend_sm_set(struct modem *m, const struct at_cmd *cmd);
int xsendto_sm_set(struct modem *m, const struct at_cmd *cmd);
int xrecv_sm_set(struct modem *m, const struct at_cmd *cmd);
int xrecvfrom_sm_set(struct modem *m, const struct at_cmd *cmd);
int xrecvcfg_set(struct modem *m, const struct at_cmd *cmd);
int xrecvcfg_read(struct modem *m, const struct at_cmd *cmd);
int xapoll_set(struct modem *m, const struct at_cmd *cmd);
int xapoll_read(struct modem *m, const struct at_cmd *cmd);
int xapoll_v02_set(struct modem *m, const struct at_cmd *cmd);
int xapoll_v02_read(struct modem *m, const struct at_cmd *cmd);
int xbind_sm_set(struct modem *m, const struct at_cmd *cmd);
int xlisten_sm_set(struct modem *m, const struct at_cmd *cmd);
int xlisten_sm_read(struct modem *m, const struct at_cmd *cmd);
int xaccept_sm_set(struct modem *m, const struct at_cmd *cmd);

/* The module of the SM's per-socket state (cmd_modules). */
int smsock_init(struct modem *m, char *err, size_t errlen);
void smsock_fini(struct modem *m);

#endif
