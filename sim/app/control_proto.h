/* slmsim's control protocol (docs/control.md): one request line, read and
 * checked in full before anything acts on it, and the quoting slmctl uses
 * to write one.  No I/O here, so slmsim, slmctl, the unit test and the
 * fuzzer share exactly this. */
#ifndef SLMSIM_CONTROL_PROTO_H
#define SLMSIM_CONTROL_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define CTL_MAX_LINE 4096	/* a request, its line end excluded */
#define CTL_MAX_MODEM 4095	/* slmsim serves at most 4096 */
#define CTL_MAX_TOPIC 256
#define CTL_MAX_WAIT_S 86400	/* net-loss, stall: at most a day */

enum ctl_cmd {
	CTL_HELP, CTL_STATUS, CTL_NET_LOSS, CTL_REGISTER, CTL_DEREGISTER, CTL_SIGNAL, CTL_CELL,
	CTL_PSM, CTL_EDRX, CTL_BROKER_DISCONNECT, CTL_PUBLISH, CTL_PEER_CLOSE, CTL_SMS,
	CTL_RESET, CTL_WAKE, CTL_STALL,
};

struct ctl_request {
	enum ctl_cmd cmd;
	int modem;		/* "@I" prefix; 0 when not given */
	int64_t ms;		/* net-loss, stall */
	int stat;		/* net-loss, deregister: the +CEREG <stat> while lost */
	int rsrp, rsrq;		/* signal: +CESQ indices; rsrq -1 keeps the current one */
	bool off;		/* psm off, edrx off */
	char tac[5], ci[9];	/* cell, upper-case hex */
	char active_time[9], periodic_tau[9];	/* psm grant: GPRS timer bit strings */
	char edrx[5], ptw[5];	/* edrx grant; ptw "" keeps the current one */
	char topic[CTL_MAX_TOPIC + 1];
	char text[CTL_MAX_LINE + 1];	/* publish payload, sms text */
	size_t text_len;
	int qos;
	bool retain;
	char from[21];		/* sms */
};

/* Parses line[0..len) (no line end).  0, or -1 with the reason in err
 * (one line, no final period). */
int ctl_parse(const char *line, size_t len, struct ctl_request *r, char *err, size_t errlen);

/* The name and argument syntax of each command, in order; NULL ends it. */
struct ctl_cmd_info {
	const char *name, *args, *what;
};
extern const struct ctl_cmd_info ctl_commands[];
/* Every command, one per line ("  name ARGS  what"), for slmctl --help. */
void ctl_describe(FILE *out);

/* Appends s to out[*pos..cap) as one protocol word, quoted when it needs to
 * be; false when it does not fit. */
bool ctl_quote(const char *s, char *out, size_t cap, size_t *pos);

#endif
