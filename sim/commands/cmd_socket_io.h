/* SLM socket data commands: #XCONNECT, #XSEND, #XRECV, #XSENDTO,
 * #XRECVFROM, #XGETADDRINFO. */
#ifndef SLMSIM_CMD_SOCKET_IO_H
#define SLMSIM_CMD_SOCKET_IO_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xconnect_schema, xsend_schema, xsendto_schema,
	xrecv_schema, xrecvfrom_schema, xgetaddrinfo_schema, xrecv21_schema, xrecvfrom21_schema;

int xsendto_set(struct modem *m, const struct at_cmd *cmd);
int xrecvfrom_set(struct modem *m, const struct at_cmd *cmd);
int xconnect_set(struct modem *m, const struct at_cmd *cmd);
int xsend_set(struct modem *m, const struct at_cmd *cmd);
/* <flags> and data mode on empty data (about NCS 3.1, SLM_FEAT_SEND_FLAGS). */
extern const struct at_schema xsend31_schema, xsendto31_schema;
int xsend31_set(struct modem *m, const struct at_cmd *cmd);
int xsendto31_set(struct modem *m, const struct at_cmd *cmd);
int xrecv_set(struct modem *m, const struct at_cmd *cmd);
/* The header first (2.0+), the sender's port (2.5+): cmd_socket_recv.c. */
int xrecv20_set(struct modem *m, const struct at_cmd *cmd);
int xrecvfrom20_set(struct modem *m, const struct at_cmd *cmd);
int xrecvfrom25_set(struct modem *m, const struct at_cmd *cmd);
int xgetaddrinfo_set(struct modem *m, const struct at_cmd *cmd);
void socket_net_changed(struct modem *m);
/* The peer of the modem's stream socket closes it (slmctl); -ENOTCONN when
 * no connection is open, -EPROTOTYPE for a UDP socket. */
int socket_peer_closes(struct modem *m);

#endif
