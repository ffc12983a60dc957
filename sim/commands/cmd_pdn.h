/* Packet data contexts: +CGDCONT, +CGACT, +CGPADDR. */
#ifndef SLMSIM_CMD_PDN_H
#define SLMSIM_CMD_PDN_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cgact_schema, cgdcont_schema, cgpaddr_schema;

int cgdcont_set(struct modem *m, const struct at_cmd *cmd);
int cgdcont_read(struct modem *m, const struct at_cmd *cmd);
int cgact_set(struct modem *m, const struct at_cmd *cmd);
int cgact_read(struct modem *m, const struct at_cmd *cmd);
void pdn_net_changed(struct modem *m);
/* The address +CGPADDR=<cid> shows; false when it shows none. */
bool pdn_address(const struct modem *m, int cid, char *out, size_t len);
/* Its IPv6 address (INET6_ADDRSTRLEN); false when the context has none. */
bool pdn_address6(const struct modem *m, int cid, char *out, size_t len);
/* Whether a socket of family (AF_INET, AF_INET6) has a route on context
 * cid: false with why (ENETUNREACH) when the context has no address of it. */
bool pdn_routes(const struct modem *m, int family, int cid, char *why, size_t whylen);
int cgpaddr_set(struct modem *m, const struct at_cmd *cmd);
int cgpaddr_test(struct modem *m, const struct at_cmd *cmd);

#endif
