/* Where the emulated GNSS receiver finds the modem: a fixed point from the
 * settings, or a track file read when #XGPS starts. */
#ifndef SLMSIM_GNSS_TRACK_H
#define SLMSIM_GNSS_TRACK_H

#include <stddef.h>

struct gnss_config;

struct gnss_point {
	double t;		/* s since GNSS started */
	double lat, lon, alt;	/* degrees, degrees, m */
	double speed, heading;	/* m/s, degrees */
};

struct gnss_track {
	struct gnss_point *p;
	size_t n;
};

/* The settings' fixed point, or the points of their track file; 0, or -1
 * with the reason in err. */
int gnss_track_load(struct gnss_track *t, const struct gnss_config *cfg, char *err,
		    size_t errlen);
void gnss_track_free(struct gnss_track *t);
/* The position s seconds after the start (t->n > 0). */
struct gnss_point gnss_track_at(const struct gnss_track *t, double s);

#endif
