/* SLM TCP proxy commands: #XTCPCLI, #XTCPSVR, #XTCPSEND, #XTCPHANGUP. */
#ifndef SLMSIM_CMD_TCP_PROXY_H
#define SLMSIM_CMD_TCP_PROXY_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xtcpcli_schema, xtcpsvr_schema, xtcpsend_schema,
	xtcphangup_schema;

int xtcpcli_set(struct modem *m, const struct at_cmd *cmd);
int xtcpcli_read(struct modem *m, const struct at_cmd *cmd);
int xtcpsvr_set(struct modem *m, const struct at_cmd *cmd);
int xtcpsvr_read(struct modem *m, const struct at_cmd *cmd);
int xtcpsend_set(struct modem *m, const struct at_cmd *cmd);
int xtcphangup_set(struct modem *m, const struct at_cmd *cmd);
int tcp_proxy_init(struct modem *m, char *err, size_t errlen);
void tcp_proxy_fini(struct modem *m);

#endif
