/* SLM socket commands that open, close and set up the socket, and the
 * module that keeps it. */
#ifndef SLMSIM_CMD_SOCKET_H
#define SLMSIM_CMD_SOCKET_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsocket_schema, xssocket_schema;

int xsocket_set(struct modem *m, const struct at_cmd *cmd);
int xsocket_read(struct modem *m, const struct at_cmd *cmd);
int xsocket_test(struct modem *m, const struct at_cmd *cmd);
int xssocket_set(struct modem *m, const struct at_cmd *cmd);
int xssocket_read(struct modem *m, const struct at_cmd *cmd);
/* Shared by the generations' rows: the current socket closed with its
 * "#XSOCKET: 0,\"closed\"" (OK alone when none is open), and the open
 * ops of #XSOCKET and #XSSOCKET on a checked command (<cid> read when the
 * form has it). */
int socket_close_current(struct modem *m);
int socket_open_plain(struct modem *m, const struct at_cmd *cmd);
int socket_open_secure(struct modem *m, const struct at_cmd *cmd);
int socket_init(struct modem *m, char *err, size_t errlen);
void socket_fini(struct modem *m);
void socket_uninit(struct modem *m);

#endif
