/* One clock for every timer in the emulator.
 *
 * Real mode follows CLOCK_MONOTONIC.  Virtual mode runs at real speed but
 * jumps straight to the next due timer whenever the event loop is idle and
 * nothing holds the clock (a service waiting on a real peer holds it, so a
 * broker's answer is never overtaken by a skipped time-out). */
#ifndef SLMSIM_CLOCK_H
#define SLMSIM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

struct ev_loop;
struct sim_clock;
struct sim_timer;

typedef void (*sim_timer_cb)(struct sim_timer *t, void *arg);

struct sim_timer {
	struct sim_clock *clk;
	struct sim_timer *prev, *next;
	int64_t due;		/* clock ms */
	sim_timer_cb cb;
	void *arg;
	bool active;
};

/* CLOCK_MONOTONIC in milliseconds: real time for measuring, never for
 * emulated timers. */
int64_t clock_mono_ms(void);

struct sim_clock *sim_clock_new(struct ev_loop *loop, bool virtual_time);
void sim_clock_free(struct sim_clock *c);

/* Milliseconds since the clock was created. */
int64_t sim_clock_now(const struct sim_clock *c);
/* Unix epoch milliseconds of "now": the start wall time plus clock time. */
int64_t sim_clock_epoch_ms(const struct sim_clock *c);
/* Pin the epoch (replays stamp records with the log's own dates). */
void sim_clock_set_epoch(struct sim_clock *c, int64_t epoch_ms_at_zero);

void sim_timer_init(struct sim_timer *t, sim_timer_cb cb, void *arg);
void sim_timer_start(struct sim_clock *c, struct sim_timer *t, int64_t delay_ms);
void sim_timer_stop(struct sim_timer *t);
static inline bool sim_timer_active(const struct sim_timer *t) { return t->active; }

/* A virtual clock that real time never moves: it reads exactly 0 until a
 * jump or sim_clock_advance_to() moves it (unit tests, fuzzers, slmreplay's
 * own emulator), so runs are the same on any host. */
struct sim_clock *sim_clock_new_frozen(struct ev_loop *loop);
/* Clock runs scale times faster than real time (--time-scale). */
void sim_clock_set_scale(struct sim_clock *c, double scale);

/* A service waiting on a real peer (broker, TLS server) holds the clock. */
void sim_clock_hold(struct sim_clock *c);
void sim_clock_release(struct sim_clock *c);
int sim_clock_holds(const struct sim_clock *c);

/* Virtual mode: never jump past this clock time (INT64_MAX = free running). */
void sim_clock_set_horizon(struct sim_clock *c, int64_t t);
/* Virtual mode: move "now" forward to t (never backward), firing due timers. */
void sim_clock_advance_to(struct sim_clock *c, int64_t t);
/* Clock time of the earliest timer, or INT64_MAX. */
int64_t sim_clock_next_due(const struct sim_clock *c);

#endif
