/* LTE network model: what the modem's registration does after the radio is
 * switched on or off.  It reports every change to its owner, which turns it
 * into +CEREG URCs; it never writes to the host itself. */
#ifndef SLMSIM_NET_MODEL_H
#define SLMSIM_NET_MODEL_H

#include <stdbool.h>

#include "clock.h"
#include "config.h"

enum net_stat {
	NET_STAT_NOT_REGISTERED = 0,
	NET_STAT_HOME = 1,
	NET_STAT_SEARCHING = 2,
	NET_STAT_DENIED = 3,
	NET_STAT_UNKNOWN = 4,
	NET_STAT_ROAMING = 5,
};

struct net_model {
	struct sim_clock *clk;
	const struct net_config *cfg;
	enum net_stat stat;
	bool cell_known;	/* tac/ci/act are meaningful */
	bool radio_on;
	bool blocked;		/* no suitable cell: manual PLMN, band lock, COPS=2 */
	struct sim_timer timer;
	void (*notify)(void *arg);
	void *arg;
};

void net_init(struct net_model *n, struct sim_clock *clk, const struct net_config *cfg,
	      void (*notify)(void *arg), void *arg);
void net_fini(struct net_model *n);
void net_radio_on(struct net_model *n);
void net_radio_off(struct net_model *n);
static inline bool net_registered(const struct net_model *n)
{
	return n->stat == NET_STAT_HOME || n->stat == NET_STAT_ROAMING;
}
/* Loss and recovery, for faults and replays. */
void net_lose(struct net_model *n, enum net_stat stat);
void net_regain(struct net_model *n);
/* The network repeats the current registration (a TAU, a cell change). */
void net_reannounce(struct net_model *n);
/* Whether the modem may register on the network's cell; blocking a
 * registered modem drops it to searching. */
void net_set_blocked(struct net_model *n, bool blocked);

#endif
