/* The process-wide services every modem of one process shares: the event
 * loop, the one clock, the logs, the TLS profile and randomness, the
 * emulated DNS and the faults a user asked for.  Made and freed as a unit so
 * slmsim, slmreplay, the tests and the fuzzers build it the same way. */
#ifndef SLMSIM_SIM_CTX_H
#define SLMSIM_SIM_CTX_H

#include <stdint.h>

struct ev_loop;
struct sim_clock;
struct sim_log;
struct tls_profile;
struct tls_service;
struct resolver;
struct sms_center;

/* Faults a user asks for (--fault, scenario [faults]). */
struct sim_faults {
	int64_t handshake_stall_ms;	/* TLS handshake outcomes arrive this late */
};

enum sim_clock_mode {
	SIM_CLOCK_REAL,		/* follows real time (scaled) */
	SIM_CLOCK_VIRTUAL,	/* real time, but jumps over idle waits */
	SIM_CLOCK_FROZEN,	/* moves only when its owner advances it */
};

struct sim_ctx {
	struct sim_faults faults;
	struct ev_loop *loop;
	struct sim_clock *clock;
	struct sim_log *log;		/* NULL: nothing is logged */
	const struct tls_profile *profile;	/* --profile: every modem's; NULL: each its firmware's */
	struct tls_service *tls;	/* one entropy source and DRBG */
	struct resolver *resolver;	/* --resolve map: the emulated DNS */
	/* The SMS centre of the fleet (services/sms_center.c makes it on first
	 * use and says how to free it: this layer cannot call up). */
	struct sms_center *sms;
	void (*sms_free)(struct sms_center *sms);
};

/* A context on loop with a clock of the given mode, no TLS profile forced
 * and an empty resolver; NULL when out of memory.  log may be NULL. */
struct sim_ctx *sim_ctx_new(struct ev_loop *loop, enum sim_clock_mode mode, struct sim_log *log);
void sim_ctx_free(struct sim_ctx *ctx);

#endif
