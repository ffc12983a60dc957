/* AT#XGPS (SLM v1.8 gnss/slm_at_gnss.c): AT#XGPS=1,<interval>[,<timeout>]
 * starts the modem's GNSS, AT#XGPS=0 stops it; each fix is a
 * "#XGPS: <lat>,<lon>,<alt>,<accuracy>,<speed>,<heading>,"<UTC>"" URC (the
 * SLM's %lf and %f: six decimals, the float fields as floats).  There is no
 * read form.  The SLM keeps its run type until AT#XGPS=0, so a second start
 * answers ERROR even after a single fix ended the search, and a stop with
 * nothing started too.  <interval> 0 is a single fix, 1 continuous (a fix a
 * second), 10..65535 periodic (a search every <interval> s); <timeout> is the
 * modem's fix retry, kept across starts (60 s until set; 0 no limit; ignored
 * in continuous mode), and a <timeout> that does not read as an unsigned
 * short is ignored as the SLM ignores it.  The start fails while GNSS is off
 * in %XSYSTEMMODE or the functional mode (+CFUN=1 or 31 runs it); the
 * receiver stops when +CFUN turns GNSS off.  The position comes from the
 * gnss.* settings (gnss_track.h), the fix's time from the clock. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "at_cmd.h"
#include "at_schema.h"
#include "cmd_gps.h"
#include "gnss_track.h"
#include "rsp_table.h"

enum { GPS_STOP, GPS_START };
enum gps_phase { GPS_SEARCH, GPS_SLEEP };

struct gps_state {
	bool running;		/* the SLM's RUN_TYPE_GPS: until AT#XGPS=0 */
	bool searching;		/* the receiver is on */
	bool fixed;		/* a fix came since the start: later ones are hot */
	enum gps_phase phase;
	int interval, retry_s;
	int64_t started, wake;	/* clock ms */
	struct gnss_track track;
	struct sim_timer timer;
};

static const struct at_param_def xgps_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535,
	       .why = "expected AT#XGPS=<op>[,<interval>[,<timeout>]]: <op> an unsigned short"),
	AT_LATE("interval", AT_R_NONE),
	AT_LATE("timeout", AT_R_TIMEOUT),
};

const struct at_schema xgps_schema = {
	.forms = (const struct at_form[]){ { .p = xgps_params, .n = 3 } }, .n_forms = 1,
	.test = "#XGPS: (0,1),<interval>,<timeout>",
};

static void report(struct modem *m)
{
	struct gps_state *g = m->gps;
	int64_t now = sim_clock_now(m->ctx->clock);
	struct gnss_point p = gnss_track_at(&g->track, (double)(now - g->started) / 1000.0);
	time_t secs = (time_t)(sim_clock_epoch_ms(m->ctx->clock) / 1000);
	struct tm utc;

	gmtime_r(&secs, &utc);
	at_reply(m, &RSP_XGPS, "%lf,%lf,%f,%f,%f,%f,\"%04u-%02u-%02u %02u:%02u:%02u\"", p.lat,
		 p.lon, (double)(float)p.alt, (double)strtof(m->cfg.gnss.accuracy, NULL),
		 (double)(float)p.speed, (double)(float)p.heading, (unsigned)utc.tm_year + 1900,
		 (unsigned)utc.tm_mon + 1, (unsigned)utc.tm_mday, (unsigned)utc.tm_hour,
		 (unsigned)utc.tm_min, (unsigned)utc.tm_sec);
}

/* A search begins now: its fix comes after the time to fix unless the
 * retry time runs out first (continuous mode has no retry limit). */
static void search(struct modem *m)
{
	struct gps_state *g = m->gps;
	int64_t ttf = g->fixed ? m->cfg.gnss.refix_ms : m->cfg.gnss.fix_ms;

	g->wake = sim_clock_now(m->ctx->clock);
	if (g->interval == 1 || g->retry_s == 0 || ttf <= (int64_t)g->retry_s * 1000) {
		g->phase = GPS_SEARCH;
		sim_timer_start(m->ctx->clock, &g->timer, ttf);
	} else if (g->interval >= 10) {
		g->phase = GPS_SLEEP;
		sim_timer_start(m->ctx->clock, &g->timer, (int64_t)g->interval * 1000);
	} else {
		/* A single fix that timed out: the receiver sleeps for good. */
		g->searching = false;
	}
}

static void tick(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct gps_state *g = m->gps;
	int64_t next;

	(void)t;
	if (g->phase == GPS_SLEEP) {
		search(m);
		return;
	}
	report(m);
	g->fixed = true;
	if (g->interval == 1) {
		sim_timer_start(m->ctx->clock, &g->timer, 1000);
	} else if (g->interval == 0) {
		g->searching = false;
	} else {
		next = g->wake + (int64_t)g->interval * 1000 - sim_clock_now(m->ctx->clock);
		g->phase = GPS_SLEEP;
		sim_timer_start(m->ctx->clock, &g->timer, next > 0 ? next : 0);
	}
}

static int start(struct modem *m, const struct at_cmd *cmd)
{
	struct gps_state *g = m->gps;
	int64_t interval, timeout;
	char err[300];

	if (at_param_int_range(cmd, 1, 0, 65535, &interval) != 0)
		return at_why(m, AT_ERROR, "expected AT#XGPS=1,<interval>[,<timeout>]: <interval> "
			      "an unsigned short");
	if (interval != 0 && interval != 1 && interval < 10)
		return at_why(m, AT_ERROR, "<interval> %lld: 0 single fix, 1 continuous, "
			      "10..65535 s periodic", (long long)interval);
	if (at_param_int_range(cmd, 2, 0, 65535, &timeout) == 0)
		g->retry_s = (int)timeout;
	if (!m->radio.gnss_on)
		return at_why(m, AT_ERROR, "GNSS is not running in the modem (%s): "
			      "nrf_modem_gnss_start() fails; AT+CFUN=1 or AT+CFUN=31 with GNSS on "
			      "in %%XSYSTEMMODE runs it", m->radio.sysmode[2] ?
			      "the functional mode has it off" : "%XSYSTEMMODE has GNSS off");
	if (gnss_track_load(&g->track, &m->cfg.gnss, err, sizeof(err)))
		return at_why(m, AT_ERROR, "no position for GNSS (gnss.track): %s", err);
	g->interval = (int)interval;
	g->running = g->searching = true;
	g->fixed = false;
	g->started = sim_clock_now(m->ctx->clock);
	search(m);
	return AT_OK;
}

static void stop(struct gps_state *g)
{
	sim_timer_stop(&g->timer);
	g->running = g->searching = false;
}

int xgps_set(struct modem *m, const struct at_cmd *cmd)
{
	struct gps_state *g = m->gps;
	int64_t op = at_int(cmd, "op");

	if (op == GPS_START && !g->running)
		return start(m, cmd);
	if (op == GPS_STOP && g->running) {
		stop(g);
		return AT_OK;
	}
	if (op == GPS_START || op == GPS_STOP)
		return at_why(m, AT_ERROR, "GNSS is %s: the SLM %s", g->running ? "started" :
			      "not started", g->running ? "stops it first with AT#XGPS=0 (even "
			      "after a single fix ended)" : "has nothing to stop");
	return at_why(m, AT_ERROR, "<op> %lld: 0 stop, 1 start", (long long)op);
}

/* +CFUN turned GNSS off: the receiver stops; the SLM still counts it
 * started until AT#XGPS=0. */
void gps_radio_changed(struct modem *m)
{
	struct gps_state *g = m->gps;

	if (!g->searching || m->radio.gnss_on)
		return;
	sim_timer_stop(&g->timer);
	g->searching = false;
	modem_log(m, SLOG_WHY, "#XGPS: GNSS turned off by +CFUN: no more fixes");
}

void gps_uninit(struct modem *m)
{
	stop(m->gps);
}

int gps_init(struct modem *m, char *err, size_t errlen)
{
	struct gps_state *g = calloc(1, sizeof(*g));

	if (!g) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	g->retry_s = 60;	/* the modem's default fix retry */
	sim_timer_init(&g->timer, tick, m);
	m->gps = g;
	return 0;
}

void gps_fini(struct modem *m)
{
	if (!m->gps)
		return;
	sim_timer_stop(&m->gps->timer);
	gnss_track_free(&m->gps->track);
	free(m->gps);
	m->gps = NULL;
}
