/* AT#XGPS: the GNSS receiver with a scripted position. */
#ifndef SLMSIM_CMD_GPS_H
#define SLMSIM_CMD_GPS_H

#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xgps_schema;

int xgps_set(struct modem *m, const struct at_cmd *cmd);
int gps_init(struct modem *m, char *err, size_t errlen);
void gps_fini(struct modem *m);
void gps_radio_changed(struct modem *m);
void gps_uninit(struct modem *m);

#endif
