#include "control_exec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "control_proto.h"
#include "modem.h"
#include "modem_world.h"
#include "mqtt_client.h"
#include "mqtt_other.h"
#include "sim_ctx.h"
#include "strbuf.h"

/* net-loss: the registration comes back after the loss, on the clock. */
struct regain {
	struct sim_timer timer;
	struct modem *m;
};

/* A publish waiting for the broker, and who asked for it. */
struct pending_pub {
	struct ctl_exec *x;
	struct mqtt_other *pub;
	ctl_answer_fn answer;
	void *arg;
	int modem;
	struct pending_pub *next;
};

struct ctl_exec {
	struct sim_ctx *ctx;
	struct modem *const *modems;
	int n;
	struct regain *regain;
	struct pending_pub *pubs;
	unsigned seq;		/* other clients' ids */
};

static void regain_cb(struct sim_timer *t, void *arg)
{
	struct regain *g = arg;

	(void)t;
	modem_net_regain(g->m);
}

struct ctl_exec *ctl_exec_new(struct sim_ctx *ctx, struct modem *const *modems, int n)
{
	struct ctl_exec *x = calloc(1, sizeof(*x));

	if (!x || !(x->regain = calloc((size_t)n, sizeof(*x->regain)))) {
		free(x);
		return NULL;
	}
	x->ctx = ctx;
	x->modems = modems;
	x->n = n;
	for (int i = 0; i < n; i++) {
		x->regain[i].m = modems[i];
		sim_timer_init(&x->regain[i].timer, regain_cb, &x->regain[i]);
	}
	return x;
}

void ctl_exec_free(struct ctl_exec *x)
{
	if (!x)
		return;
	while (x->pubs) {
		struct pending_pub *p = x->pubs;

		x->pubs = p->next;
		mqtt_other_free(p->pub);
		free(p);
	}
	for (int i = 0; i < x->n; i++)
		sim_timer_stop(&x->regain[i].timer);
	free(x->regain);
	free(x);
}

static void unlink_pub(struct ctl_exec *x, struct pending_pub *p)
{
	for (struct pending_pub **pp = &x->pubs; *pp; pp = &(*pp)->next)
		if (*pp == p) {
			*pp = p->next;
			return;
		}
}

static void pub_done(void *arg, int err, const char *why)
{
	struct pending_pub *p = arg;
	char line[CTL_MAX_LINE];

	if (err)
		snprintf(line, sizeof(line), "error the other client could not publish: %s", why);
	else
		snprintf(line, sizeof(line), "ok modem %d: another client published to its broker",
			 p->modem);
	unlink_pub(p->x, p);
	if (p->answer)
		p->answer(p->arg, line);
	free(p);
}

/* The publisher still finishes (and is freed at exit if it has not). */
void ctl_exec_forget(struct ctl_exec *x, void *arg)
{
	for (struct pending_pub *p = x->pubs; p; p = p->next)
		if (p->arg == arg)
			p->answer = NULL;
}

static bool publish(struct ctl_exec *x, const struct ctl_request *r, struct strbuf *out,
		    ctl_answer_fn answer, void *arg)
{
	struct mqtt_client_params params;
	struct pending_pub *p;
	char why[CONN_WHY_MAX], id[48];

	if (world_broker(x->modems[r->modem], &params, why, sizeof(why))) {
		sb_appendf(out, "error %s", why);
		return true;
	}
	if (!(p = calloc(1, sizeof(*p)))) {
		sb_appendf(out, "error out of memory");
		return true;
	}
	snprintf(id, sizeof(id), "slmsim-ctl-%ld-%u", (long)getpid(), ++x->seq);
	*p = (struct pending_pub){ x, NULL, answer, arg, r->modem, x->pubs };
	p->pub = mqtt_other_publish(x->ctx, &params, id, r->topic, r->text, r->text_len, r->qos,
				    r->retain, pub_done, p, why, sizeof(why));
	if (!p->pub) {
		free(p);
		sb_appendf(out, "error the other client could not connect: %s", why);
		return true;
	}
	x->pubs = p;
	return false;
}

static void help(struct strbuf *out)
{
	sb_appendf(out, "ok commands:");
	for (const struct ctl_cmd_info *c = ctl_commands; c->name; c++)
		sb_appendf(out, "%s %s%s%s", c == ctl_commands ? "" : ";", c->name, *c->args ? " " : "",
			   c->args);
}

/* The commands on the network's registration. */
static int registration(struct ctl_exec *x, const struct ctl_request *r, struct strbuf *out,
			char *err, size_t errlen)
{
	struct modem *m = x->modems[r->modem];
	struct sim_timer *t = &x->regain[r->modem].timer;

	if (r->cmd == CTL_REGISTER) {
		if (world_register(m, err, errlen))
			return -1;
		sim_timer_stop(t);
		sb_appendf(out, "ok modem %d: registered", r->modem);
		return 0;
	}
	if (world_net_lose(m, r->stat, err, errlen))
		return -1;
	if (r->cmd == CTL_DEREGISTER) {
		sim_timer_stop(t);
		sb_appendf(out, "ok modem %d: registration lost (+CEREG stat %d) until 'register'",
			   r->modem, r->stat);
		return 0;
	}
	sim_timer_start(x->ctx->clock, t, r->ms);
	sb_appendf(out, "ok modem %d: registration lost (+CEREG stat %d), back in %.3f s of "
		   "emulator time", r->modem, r->stat, r->ms / 1000.0);
	return 0;
}

/* Every command that answers at once; 0, or -1 with err. */
static int run(struct ctl_exec *x, const struct ctl_request *r, struct strbuf *out, char *err,
	       size_t errlen)
{
	struct modem *m = x->modems[r->modem];
	int rc = 0;

	switch (r->cmd) {
	case CTL_HELP: help(out); return 0;
	case CTL_STATUS: sb_appendf(out, "ok "); world_status(m, out); return 0;
	case CTL_NET_LOSS: case CTL_REGISTER: case CTL_DEREGISTER:
		return registration(x, r, out, err, errlen);
	case CTL_SIGNAL: rc = world_signal(m, r->rsrp, r->rsrq, err, errlen); break;
	case CTL_CELL: rc = world_cell(m, r->tac, r->ci, err, errlen); break;
	case CTL_PSM:
		rc = world_psm(m, r->off ? NULL : r->active_time, r->periodic_tau, err, errlen);
		break;
	case CTL_EDRX: rc = world_edrx(m, r->off ? NULL : r->edrx, r->ptw, err, errlen); break;
	case CTL_BROKER_DISCONNECT: rc = world_broker_disconnect(m, err, errlen); break;
	case CTL_PEER_CLOSE: rc = world_peer_close(m, err, errlen); break;
	case CTL_RESET:
		sim_timer_stop(&x->regain[r->modem].timer);
		rc = world_reset(m, err, errlen);
		break;
	case CTL_WAKE: rc = world_wake(m, err, errlen); break;
	case CTL_STALL:
		x->ctx->faults.handshake_stall_ms = r->ms;
		sb_appendf(out, "ok TLS handshakes of every modem now answer %.3f s late", r->ms / 1000.0);
		return 0;
	case CTL_SMS: rc = world_sms(m, r->from, r->text, err, errlen); break;
	case CTL_PUBLISH:
		return -1;	/* answered by publish() */
	}
	if (!rc)
		sb_appendf(out, "ok modem %d: %s", r->modem, ctl_commands[r->cmd].name);
	return rc;
}

bool ctl_exec_line(struct ctl_exec *x, const char *line, size_t len, struct strbuf *out,
		   ctl_answer_fn answer, void *arg)
{
	struct ctl_request *r = malloc(sizeof(*r));
	char err[CONN_WHY_MAX + 128];
	bool answered = true;

	if (!r) {
		sb_appendf(out, "error out of memory");
		return true;
	}
	if (ctl_parse(line, len, r, err, sizeof(err)))
		sb_appendf(out, "error %s", err);
	else if (r->modem >= x->n)
		sb_appendf(out, "error no modem %d: this slmsim serves %d (0..%d)", r->modem, x->n,
			   x->n - 1);
	else if (r->cmd == CTL_PUBLISH)
		answered = publish(x, r, out, answer, arg);
	else if (run(x, r, out, err, sizeof(err)))
		sb_appendf(out, "error modem %d: %s", r->modem, err);
	free(r);
	return answered;
}
