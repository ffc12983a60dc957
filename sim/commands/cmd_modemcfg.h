/* The modem's own settings a host writes and reads back: %XDATAPRFL,
 * %REL14FEAT, %XRAI, %RAI, %XPTW, %XMODEMTRACE, %XMAGPIO, %XCOEX0; the module
 * that keeps them. */
#ifndef SLMSIM_CMD_MODEMCFG_H
#define SLMSIM_CMD_MODEMCFG_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xmodemtrace_schema;

extern const struct at_schema xdataprfl_schema, rel14feat_schema, xptw_schema, xrai_schema;
extern const struct at_schema xmagpio_schema, xcoex0_schema, rai_schema;

int modemcfg_init(struct modem *m, char *err, size_t errlen);
void modemcfg_fini(struct modem *m);
/* Every setting here back to the firmware's own (%XFACTORYRESET). */
void modemcfg_factory(struct modem *m);
int xdataprfl_set(struct modem *m, const struct at_cmd *cmd);
int xdataprfl_read(struct modem *m, const struct at_cmd *cmd);
int rel14feat_set(struct modem *m, const struct at_cmd *cmd);
int rel14feat_read(struct modem *m, const struct at_cmd *cmd);
int xrai_run(struct modem *m, const struct at_cmd *cmd);
int xrai_read(struct modem *m, const struct at_cmd *cmd);
int rai_run(struct modem *m, const struct at_cmd *cmd);
int rai_read(struct modem *m, const struct at_cmd *cmd);
int xptw_set(struct modem *m, const struct at_cmd *cmd);
int xptw_read(struct modem *m, const struct at_cmd *cmd);
int xmodemtrace_set(struct modem *m, const struct at_cmd *cmd);
int xmagpio_run(struct modem *m, const struct at_cmd *cmd);
int xmagpio_read(struct modem *m, const struct at_cmd *cmd);
int xcoex0_run(struct modem *m, const struct at_cmd *cmd);
int xcoex0_read(struct modem *m, const struct at_cmd *cmd);

#endif
