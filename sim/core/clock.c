#include "clock.h"

#include <ev.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>

struct sim_clock {
	struct ev_loop *loop;
	bool virtual_time;
	int64_t mono_start;	/* monotonic ms at creation */
	int64_t offset;		/* virtual ms skipped so far */
	double scale;		/* clock ms per real ms */
	bool frozen;		/* manual: only advance_to/jumps move the clock */
	int64_t mono_frozen;
	int64_t epoch_at_zero;
	int64_t horizon;
	int holds;
	struct sim_timer *head;	/* sorted by due, FIFO among equals */
	ev_timer tick;
	ev_idle idle;
	bool firing;
};

int64_t clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void rearm(struct sim_clock *c);

static void fire_due(struct sim_clock *c)
{
	if (c->firing)
		return;
	c->firing = true;
	while (c->head && c->head->due <= sim_clock_now(c)) {
		struct sim_timer *t = c->head;

		sim_timer_stop(t);
		t->cb(t, t->arg);
	}
	c->firing = false;
	rearm(c);
}

static void tick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	fire_due(w->data);
}

static void idle_cb(struct ev_loop *loop, ev_idle *w, int revents)
{
	struct sim_clock *c = w->data;
	int64_t now = sim_clock_now(c);

	(void)loop;
	(void)revents;
	if (c->head && c->holds == 0 && c->head->due <= c->horizon && c->head->due > now)
		c->offset += c->head->due - now;
	fire_due(c);
}

static void rearm(struct sim_clock *c)
{
	if (c->firing)
		return;
	ev_timer_stop(c->loop, &c->tick);
	if (c->head && !c->frozen) {
		double delay = (double)(c->head->due - sim_clock_now(c)) / 1000.0 / c->scale;

		ev_timer_set(&c->tick, delay > 0 ? delay : 0, 0);
		ev_timer_start(c->loop, &c->tick);
	}
	if (!c->virtual_time)
		return;
	if (c->head && c->holds == 0 && c->head->due <= c->horizon)
		ev_idle_start(c->loop, &c->idle);
	else
		ev_idle_stop(c->loop, &c->idle);
}

struct sim_clock *sim_clock_new(struct ev_loop *loop, bool virtual_time)
{
	struct sim_clock *c = calloc(1, sizeof(*c));
	struct timeval tv;

	if (!c)
		return NULL;
	c->loop = loop;
	c->virtual_time = virtual_time;
	c->mono_start = clock_mono_ms();
	gettimeofday(&tv, NULL);
	c->epoch_at_zero = (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
	c->horizon = INT64_MAX;
	c->scale = 1.0;
	ev_timer_init(&c->tick, tick_cb, 0, 0);
	c->tick.data = c;
	ev_idle_init(&c->idle, idle_cb);
	c->idle.data = c;
	return c;
}

void sim_clock_free(struct sim_clock *c)
{
	if (!c)
		return;
	while (c->head)
		sim_timer_stop(c->head);
	ev_timer_stop(c->loop, &c->tick);
	ev_idle_stop(c->loop, &c->idle);
	free(c);
}


int64_t sim_clock_now(const struct sim_clock *c)
{
	int64_t mono = c->frozen ? c->mono_frozen : clock_mono_ms();

	return (int64_t)((double)(mono - c->mono_start) * c->scale) + c->offset;
}

struct sim_clock *sim_clock_new_frozen(struct ev_loop *loop)
{
	struct sim_clock *c = sim_clock_new(loop, true);

	/* Pinned at creation, so "now" is exactly 0 however slow the host
	 * (valgrind) is between here and the first timer. */
	if (c) {
		c->mono_frozen = c->mono_start;
		c->frozen = true;
	}
	return c;
}

void sim_clock_set_scale(struct sim_clock *c, double scale)
{
	int64_t now = sim_clock_now(c);

	c->scale = scale > 0 ? scale : 1.0;
	/* Keep "now" continuous across the change. */
	c->offset += now - sim_clock_now(c);
	rearm(c);
}

int64_t sim_clock_epoch_ms(const struct sim_clock *c)
{
	return c->epoch_at_zero + sim_clock_now(c);
}

void sim_clock_set_epoch(struct sim_clock *c, int64_t epoch_ms_at_zero)
{
	c->epoch_at_zero = epoch_ms_at_zero;
}

void sim_timer_init(struct sim_timer *t, sim_timer_cb cb, void *arg)
{
	t->clk = NULL;
	t->prev = t->next = NULL;
	t->due = 0;
	t->cb = cb;
	t->arg = arg;
	t->active = false;
}

void sim_timer_start(struct sim_clock *c, struct sim_timer *t, int64_t delay_ms)
{
	struct sim_timer **pp;
	struct sim_timer *prev = NULL;

	sim_timer_stop(t);
	t->clk = c;
	t->due = sim_clock_now(c) + (delay_ms > 0 ? delay_ms : 0);
	for (pp = &c->head; *pp && (*pp)->due <= t->due; pp = &(*pp)->next)
		prev = *pp;
	t->next = *pp;
	t->prev = prev;
	if (*pp)
		(*pp)->prev = t;
	*pp = t;
	t->active = true;
	rearm(c);
}

void sim_timer_stop(struct sim_timer *t)
{
	struct sim_clock *c = t->clk;

	if (!t->active)
		return;
	if (t->prev)
		t->prev->next = t->next;
	else
		c->head = t->next;
	if (t->next)
		t->next->prev = t->prev;
	t->prev = t->next = NULL;
	t->active = false;
	rearm(c);
}

void sim_clock_hold(struct sim_clock *c)
{
	c->holds++;
	rearm(c);
}

void sim_clock_release(struct sim_clock *c)
{
	if (c->holds > 0)
		c->holds--;
	rearm(c);
}

int sim_clock_holds(const struct sim_clock *c) { return c->holds; }

void sim_clock_set_horizon(struct sim_clock *c, int64_t t)
{
	c->horizon = t;
	rearm(c);
}

void sim_clock_advance_to(struct sim_clock *c, int64_t t)
{
	while (c->virtual_time) {
		int64_t now = sim_clock_now(c);
		int64_t next = c->head ? c->head->due : INT64_MAX;

		if (next <= now) {
			fire_due(c);
			continue;
		}
		if (now >= t)
			break;
		c->offset += (next < t ? next : t) - now;
		fire_due(c);
	}
}

int64_t sim_clock_next_due(const struct sim_clock *c)
{
	return c->head ? c->head->due : INT64_MAX;
}
