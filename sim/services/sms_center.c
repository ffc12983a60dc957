/* The SMS service centre: numbers to modems, and messages on their way.
 * Delivery goes through the one clock, so it is in order and in virtual
 * time. */
#include "sms_center.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "sim_ctx.h"

struct member {
	struct member *next;
	char msisdn[SMS_ADDR_MAX + 2];
	sms_deliver_fn fn;
	void *arg;
};

struct transit {
	struct transit *next;
	struct sms_center *c;
	struct sim_timer timer;
	void *to;
	char from[SMS_ADDR_MAX + 2];
	struct sms_ud ud;
};

struct sms_center {
	struct sim_ctx *ctx;
	struct member *members;
	struct transit *transit;
	uint8_t ref;
};

static void center_free(struct sms_center *c)
{
	while (c->members) {
		struct member *n = c->members->next;

		free(c->members);
		c->members = n;
	}
	while (c->transit) {
		struct transit *n = c->transit->next;

		sim_timer_stop(&c->transit->timer);
		free(c->transit);
		c->transit = n;
	}
	free(c);
}

struct sms_center *sms_center_of(struct sim_ctx *ctx)
{
	if (!ctx->sms) {
		ctx->sms = calloc(1, sizeof(*ctx->sms));
		if (!ctx->sms)
			return NULL;
		ctx->sms->ctx = ctx;
		ctx->sms_free = center_free;
	}
	return ctx->sms;
}

int sms_number_eq(const char *a, const char *b)
{
	return strcmp(a + (a[0] == '+'), b + (b[0] == '+')) == 0;
}

int sms_center_join(struct sms_center *c, const char *msisdn, sms_deliver_fn fn, void *arg)
{
	struct member *mb = calloc(1, sizeof(*mb));

	if (!mb)
		return -1;
	strncpy(mb->msisdn, msisdn, sizeof(mb->msisdn) - 1);
	mb->fn = fn;
	mb->arg = arg;
	mb->next = c->members;
	c->members = mb;
	return 0;
}

static void unlink_transit(struct sms_center *c, struct transit *t)
{
	for (struct transit **p = &c->transit; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			return;
		}
	}
}

void sms_center_leave(struct sms_center *c, void *arg)
{
	for (struct member **p = &c->members; *p;) {
		struct member *mb = *p;

		if (mb->arg == arg) {
			*p = mb->next;
			free(mb);
		} else {
			p = &mb->next;
		}
	}
	for (struct transit *t = c->transit, *n; t; t = n) {
		n = t->next;
		if (t->to == arg) {
			sim_timer_stop(&t->timer);
			unlink_transit(c, t);
			free(t);
		}
	}
}

static struct member *member_of(struct sms_center *c, const char *number)
{
	for (struct member *mb = c->members; mb; mb = mb->next)
		if (sms_number_eq(mb->msisdn, number))
			return mb;
	return NULL;
}

static void arrive(struct sim_timer *timer, void *arg)
{
	struct transit *t = arg;
	struct sms_center *c = t->c;

	(void)timer;
	unlink_transit(c, t);
	for (struct member *mb = c->members; mb; mb = mb->next) {
		if (mb->arg == t->to) {
			mb->fn(mb->arg, t->from, &t->ud);
			break;
		}
	}
	free(t);
}

int sms_center_submit(struct sms_center *c, const char *from, const char *to,
		      const struct sms_ud *ud, int64_t delay_ms)
{
	struct member *mb = member_of(c, to);
	struct transit *t, **tail;

	if (!mb)
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t)
		return -1;
	t->c = c;
	t->to = mb->arg;
	strncpy(t->from, from, sizeof(t->from) - 1);
	t->ud = *ud;
	/* Appended, so parts sent together arrive in their order. */
	for (tail = &c->transit; *tail; tail = &(*tail)->next)
		;
	*tail = t;
	sim_timer_init(&t->timer, arrive, t);
	sim_timer_start(c->ctx->clock, &t->timer, delay_ms);
	return 1;
}

uint8_t sms_center_ref(struct sms_center *c)
{
	return ++c->ref;
}
