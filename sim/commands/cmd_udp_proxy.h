/* SLM UDP proxy commands: #XUDPSVR, #XUDPCLI, #XUDPSEND. */
#ifndef SLMSIM_CMD_UDP_PROXY_H
#define SLMSIM_CMD_UDP_PROXY_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xudpsvr_schema, xudpcli_schema, xudpsend_schema;

int xudpsvr_set(struct modem *m, const struct at_cmd *cmd);
int xudpsvr_read(struct modem *m, const struct at_cmd *cmd);
int xudpcli_set(struct modem *m, const struct at_cmd *cmd);
int xudpcli_read(struct modem *m, const struct at_cmd *cmd);
int xudpsend_set(struct modem *m, const struct at_cmd *cmd);
int udp_proxy_init(struct modem *m, char *err, size_t errlen);
void udp_proxy_fini(struct modem *m);

#endif
