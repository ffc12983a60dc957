/* The socket rows of NCS 2.0-3.1: several sockets, <cid>, #XSOCKETSELECT
 * (cmd_socket_ncs.c). */
#ifndef SLMSIM_CMD_SOCKET_NCS_H
#define SLMSIM_CMD_SOCKET_NCS_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsocket20_schema, xsocket21_schema, xssocket20_schema,
	xssocket21_schema, xsocketselect_schema;

int xsocket20_set(struct modem *m, const struct at_cmd *cmd);
int xssocket20_set(struct modem *m, const struct at_cmd *cmd);
int xsocket20_read(struct modem *m, const struct at_cmd *cmd);
int xssocket20_read(struct modem *m, const struct at_cmd *cmd);
int xsocket21_read(struct modem *m, const struct at_cmd *cmd);
int xssocket21_read(struct modem *m, const struct at_cmd *cmd);
int xsocket21_test(struct modem *m, const struct at_cmd *cmd);
int xsocketselect20_set(struct modem *m, const struct at_cmd *cmd);
int xsocketselect21_set(struct modem *m, const struct at_cmd *cmd);
int xsocketselect20_read(struct modem *m, const struct at_cmd *cmd);
int xsocketselect21_read(struct modem *m, const struct at_cmd *cmd);
int xsocketselect_test(struct modem *m, const struct at_cmd *cmd);

#endif
