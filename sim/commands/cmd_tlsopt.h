/* AT#XSSOCKETOPT, with each generation's TLS option numbers (cmd_tlsopt.c). */
#ifndef SLMSIM_CMD_TLSOPT_H
#define SLMSIM_CMD_TLSOPT_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xssocketopt_schema, xssocketopt25_schema, xssocketopt_sm_schema;

int xssocketopt_set(struct modem *m, const struct at_cmd *cmd);
int xssocketopt21_set(struct modem *m, const struct at_cmd *cmd);
int xssocketopt25_set(struct modem *m, const struct at_cmd *cmd);
int xssocketopt26_set(struct modem *m, const struct at_cmd *cmd);
/* The Serial Modem's, handle first: v0.2.0's options, v0.3.0's with 22. */
int xssocketopt_sm02_set(struct modem *m, const struct at_cmd *cmd);
int xssocketopt_sm03_set(struct modem *m, const struct at_cmd *cmd);

#endif
