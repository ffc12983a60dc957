/* SLM HTTP client commands (#XHTTPCCON, #XHTTPCREQ) and their module. */
#ifndef SLMSIM_CMD_HTTPC_H
#define SLMSIM_CMD_HTTPC_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xhttpccon_schema, xhttpcreq_schema;

int xhttpccon_set(struct modem *m, const struct at_cmd *cmd);
int xhttpccon_read(struct modem *m, const struct at_cmd *cmd);
int xhttpcreq_set(struct modem *m, const struct at_cmd *cmd);
int xhttpcreq_guard(struct modem *m, const struct at_cmd *cmd);
int httpc_init(struct modem *m, char *err, size_t errlen);
void httpc_fini(struct modem *m);

#endif
