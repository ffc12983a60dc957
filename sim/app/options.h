/* slmsim's command line: what it asks for, parsed and checked before
 * anything starts. */
#ifndef SLMSIM_OPTIONS_H
#define SLMSIM_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

#include "cmd_table.h"
#include "config.h"
#include "sim_ctx.h"

#define MAX_MODEMS 4096
#define MAX_RESOLVE 64

/* --fault net-loss=AT:FOR[:STAT] */
struct net_loss_spec {
	int64_t at_ms, for_ms;
	int stat;
};

struct sim_options {
	struct modem_config cfg;
	struct sim_faults faults;
	struct net_loss_spec loss;
	const struct tls_profile *profile;	/* --profile; NULL: the firmware's */
	int nmodems;
	bool stdio;
	const char *link;
	int64_t linger_ms;
	bool virtual_time;
	double time_scale;
	bool quiet;
	const char *resolve[MAX_RESOLVE];
	int nresolve;
	const char *log_path, *record_path;
	const char *control_path;	/* --control: the control socket */
	bool list_commands;	/* --list-commands: list, then exit */
	enum at_list_style list_style;
};

/* Fills o from argv.  Returns -1 to go on running, or the exit status when
 * the command line is done (--help, --version, a listing: 0; a usage
 * error, reported on stderr: 2). */
int options_parse(int argc, char **argv, struct sim_options *o);

#endif
