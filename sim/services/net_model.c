#include "net_model.h"

static void set_stat(struct net_model *n, enum net_stat stat, bool cell)
{
	if (n->stat == stat && n->cell_known == cell)
		return;
	n->stat = stat;
	n->cell_known = cell;
	if (n->notify)
		n->notify(n->arg);
}

static void timer_cb(struct sim_timer *t, void *arg)
{
	struct net_model *n = arg;

	if (!n->radio_on)
		return;
	if (n->stat != NET_STAT_SEARCHING) {
		set_stat(n, NET_STAT_SEARCHING, true);
		sim_timer_start(n->clk, t, n->cfg->register_delay_ms);
	} else if (n->cfg->reject_cause) {
		set_stat(n, NET_STAT_DENIED, true);	/* the network rejects the attach */
	} else if (!n->blocked) {
		set_stat(n, (enum net_stat)n->cfg->reg_stat, true);
	}
}

void net_init(struct net_model *n, struct sim_clock *clk, const struct net_config *cfg,
	      void (*notify)(void *arg), void *arg)
{
	n->clk = clk;
	n->cfg = cfg;
	n->stat = NET_STAT_NOT_REGISTERED;
	n->cell_known = false;
	n->radio_on = false;
	n->notify = notify;
	n->arg = arg;
	sim_timer_init(&n->timer, timer_cb, n);
}

void net_fini(struct net_model *n)
{
	sim_timer_stop(&n->timer);
}

void net_radio_on(struct net_model *n)
{
	if (n->radio_on)
		return;
	n->radio_on = true;
	sim_timer_start(n->clk, &n->timer, n->cfg->search_delay_ms);
}

void net_radio_off(struct net_model *n)
{
	n->radio_on = false;
	sim_timer_stop(&n->timer);
	set_stat(n, NET_STAT_NOT_REGISTERED, false);
}

void net_lose(struct net_model *n, enum net_stat stat)
{
	if (!n->radio_on)
		return;	/* nothing to lose with the radio off */
	sim_timer_stop(&n->timer);
	set_stat(n, stat, stat == NET_STAT_SEARCHING);
}

void net_reannounce(struct net_model *n)
{
	if (n->notify)
		n->notify(n->arg);
}

void net_set_blocked(struct net_model *n, bool blocked)
{
	n->blocked = blocked;
	if (!n->radio_on)
		return;
	if (blocked && net_registered(n)) {
		set_stat(n, NET_STAT_SEARCHING, true);
	} else if (!blocked && n->stat == NET_STAT_SEARCHING && !sim_timer_active(&n->timer)) {
		sim_timer_start(n->clk, &n->timer, n->cfg->register_delay_ms);
	}
}

void net_regain(struct net_model *n)
{
	if (!n->radio_on || n->blocked || n->cfg->reject_cause)
		return;
	sim_timer_stop(&n->timer);
	set_stat(n, (enum net_stat)n->cfg->reg_stat, true);
}
