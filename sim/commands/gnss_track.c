/* A track file is text, one point a line:
 *   <s>,<lat>,<lon>,<alt>[,<speed>,<heading>]
 * seconds since GNSS started (rising), degrees, degrees, m, m/s, degrees;
 * blank lines and lines starting with '#' are skipped.  Between two points
 * the position moves in a straight line (speed and heading are the earlier
 * point's); before the first point it is the first, after the last the
 * last: a receiver that keeps reporting where the track ended. */
#include "gnss_track.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

static int parse_point(const char *line, struct gnss_point *p)
{
	int n = 0;

	p->speed = p->heading = 0;
	if (sscanf(line, "%lf,%lf,%lf,%lf%n", &p->t, &p->lat, &p->lon, &p->alt, &n) != 4)
		return -1;
	line += n;
	if (*line == ',' && sscanf(line, ",%lf,%lf%n", &p->speed, &p->heading, &n) == 2)
		line += n;
	line += strspn(line, " \t\r\n");
	if (*line || p->lat < -90 || p->lat > 90 || p->lon < -180 || p->lon > 180 ||
	    p->t < 0 || p->speed < 0 || p->heading < 0 || p->heading >= 360)
		return -1;
	return 0;
}

static int add_point(struct gnss_track *t, const struct gnss_point *p)
{
	struct gnss_point *grown = realloc(t->p, (t->n + 1) * sizeof(*grown));

	if (!grown)
		return -1;
	t->p = grown;
	t->p[t->n++] = *p;
	return 0;
}

static int read_file(struct gnss_track *t, FILE *f, const char *path, char *err, size_t errlen)
{
	char line[256];
	struct gnss_point p;

	for (int no = 1; fgets(line, sizeof(line), f); no++) {
		const char *s = line + strspn(line, " \t");

		if (*s == '#' || *s == '\n' || *s == '\r' || !*s)
			continue;
		if (parse_point(s, &p) || (t->n && p.t <= t->p[t->n - 1].t)) {
			snprintf(err, errlen, "%s:%d: expected <s>,<lat>,<lon>,<alt>[,<speed>,"
				 "<heading>] with the seconds rising", path, no);
			return -1;
		}
		if (add_point(t, &p)) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
	}
	if (!t->n)
		snprintf(err, errlen, "%s: no points", path);
	return t->n ? 0 : -1;
}

int gnss_track_load(struct gnss_track *t, const struct gnss_config *cfg, char *err,
		    size_t errlen)
{
	struct gnss_point p = { 0 };
	FILE *f;
	int rc;

	gnss_track_free(t);
	if (!cfg->track[0]) {
		p.lat = strtod(cfg->lat, NULL);
		p.lon = strtod(cfg->lon, NULL);
		p.alt = strtod(cfg->alt, NULL);
		return add_point(t, &p) ? (snprintf(err, errlen, "out of memory"), -1) : 0;
	}
	f = fopen(cfg->track, "r");
	if (!f) {
		snprintf(err, errlen, "%s: %s", cfg->track, strerror(errno));
		return -1;
	}
	rc = read_file(t, f, cfg->track, err, errlen);
	fclose(f);
	if (rc)
		gnss_track_free(t);
	return rc;
}

void gnss_track_free(struct gnss_track *t)
{
	free(t->p);
	t->p = NULL;
	t->n = 0;
}

struct gnss_point gnss_track_at(const struct gnss_track *t, double s)
{
	size_t i = 0;
	struct gnss_point a, b;
	double f;

	while (i + 1 < t->n && t->p[i + 1].t <= s)
		i++;
	a = t->p[i];
	if (i + 1 == t->n || s <= a.t)
		return a;
	b = t->p[i + 1];
	f = (s - a.t) / (b.t - a.t);
	a.lat += (b.lat - a.lat) * f;
	a.lon += (b.lon - a.lon) * f;
	a.alt += (b.alt - a.alt) * f;
	a.t = s;
	return a;
}
