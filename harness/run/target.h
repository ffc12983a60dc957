/* What a replay drives: an in-process slmsim (virtual time under the
 * runner's control, network model drivable, explanations collected) or any
 * serial device (another slmsim's pty, a real board) in real or scaled time. */
#ifndef SLMREPLAY_TARGET_H
#define SLMREPLAY_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct out_line {
	char *text;
	int64_t t;		/* target ms when it arrived */
};

struct why_line {
	char *text;
	int64_t t;
};

struct target {
	char desc[160];
	bool can_drive_net;
	bool can_boot;
	/* Output lines not yet taken by the runner. */
	struct out_line *lines;
	size_t nlines, head;
	struct strbuf partial;
	struct why_line *whys;
	size_t nwhys;

	int64_t (*now)(struct target *t);
	int (*send)(struct target *t, const char *buf, size_t len);
	/* Runs until target time until, or sooner once a new line arrived. */
	void (*advance)(struct target *t, int64_t until);
	int (*drive_net)(struct target *t, int stat);
	void (*boot)(struct target *t);
	/* Lets real I/O in flight arrive (up to real_ms of wall time) without
	 * moving the target's clock; NULL when its clock is real anyway. */
	void (*settle)(struct target *t, int real_ms);
	/* The target's clock reads Unix time epoch_ms now (its +CCLK, its
	 * log); NULL when its clock is its own. */
	void (*set_wall)(struct target *t, int64_t epoch_ms);
	void (*close)(struct target *t);
	void *impl;
};

struct sim_target_opts {
	const char *profile;
	const void *cfg;		/* struct modem_config * */
	const char *log_path;		/* slmsim diagnostic log, or NULL */
	int64_t epoch_at_zero;		/* stamps for the emulator's log */
	int64_t handshake_stall_ms;	/* fault */
};

struct target *target_sim_new(const struct sim_target_opts *o, char *err, size_t errlen);
/* Maps host:port to 127.0.0.1:to_port in the in-process emulator's DNS
 * (port 0: the name, any port); shown (or NULL) is the address the modem
 * reports for host. */
int target_sim_resolve(struct target *t, const char *host, int port, int to_port,
		       const char *shown);
/* factor: log seconds per real second (1 = real time). */
struct target *target_tty_new(const char *path, double factor, char *err, size_t errlen);

/* Shared by both: split output into lines, dropping empty ones. */
void target_take_bytes(struct target *t, const char *buf, size_t len, int64_t now);
struct out_line *target_next_line(struct target *t);
void target_free_lines(struct target *t);

#endif
