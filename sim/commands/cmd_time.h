/* Network time: +CCLK and %XTIME. */
#ifndef SLMSIM_CMD_TIME_H
#define SLMSIM_CMD_TIME_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cclk_schema;
struct tm;

extern const struct at_schema xtime_schema;

int cclk_set(struct modem *m, const struct at_cmd *cmd);
int cclk_read(struct modem *m, const struct at_cmd *cmd);
int xtime_set(struct modem *m, const struct at_cmd *cmd);
void time_net_changed(struct modem *m);
/* The network's local time (what +CCLK? shows). */
void time_local(const struct modem *m, struct tm *tm);

#endif
