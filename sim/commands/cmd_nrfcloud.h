/* AT#XNRFCLOUD as the SLM answers with no nRF Cloud reachable. */
#ifndef SLMSIM_CMD_NRFCLOUD_H
#define SLMSIM_CMD_NRFCLOUD_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xnrfcloud_schema;

int xnrfcloud_set(struct modem *m, const struct at_cmd *cmd);
int xnrfcloud_read(struct modem *m, const struct at_cmd *cmd);
int nrfcloud_init(struct modem *m, char *err, size_t errlen);
void nrfcloud_fini(struct modem *m);

#endif
