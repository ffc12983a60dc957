/* AT%KEYGEN and AT%ATTESTTOKEN. */
#ifndef SLMSIM_CMD_KEYGEN_H
#define SLMSIM_CMD_KEYGEN_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema keygen_schema;

int keygen_set(struct modem *m, const struct at_cmd *cmd);
int attesttoken_action(struct modem *m, const struct at_cmd *cmd);
void keygen_free_identity(struct modem *m);

#endif
