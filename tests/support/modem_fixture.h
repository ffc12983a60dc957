/* An in-process modem for unit tests: output captured in a buffer, clock
 * virtual so timers fire on demand. */
#ifndef SLMSIM_TEST_MODEM_FIXTURE_H
#define SLMSIM_TEST_MODEM_FIXTURE_H

#include <ev.h>

#include "modem.h"
#include "sim_log.h"
#include "strbuf.h"

struct mfix {
	struct ev_loop *loop;
	struct sim_ctx *ctx;
	struct sim_log log;
	struct modem *m;
	struct strbuf out;
	struct strbuf raw;	/* the last output taken, NUL bytes included */
	char why[1024];	/* last explanation logged */
	const char *state_dir;
};

void mfix_setup(struct mfix *f, const struct modem_config *cfg);
/* The same under the named TLS profile. */
void mfix_setup_profile(struct mfix *f, const struct modem_config *cfg, const char *profile);
/* A modem on modem firmware mfw ("2.0.4"), CR LF lines, under TLS
 * profile tls (NULL: the firmware's). */
void mfix_setup_mfw(struct mfix *f, const char *mfw, const char *tls);
void mfix_teardown(struct mfix *f);
/* A new modem on the same process services (a reboot); f->m is NULL and
 * f->why says why when it could not start. */
void mfix_restart(struct mfix *f, const struct modem_config *cfg);
/* Feeds text, returns (and clears) everything the modem wrote. */
const char *mfix_cmd(struct mfix *f, const char *text);
/* Runs the clock forward by ms, returning output written meanwhile. */
const char *mfix_advance(struct mfix *f, int64_t ms);
/* Runs the event loop until output contains needle or limit_ms of real time
 * passed (an upper bound only, never a timing assertion). */
const char *mfix_wait_for(struct mfix *f, const char *needle, int limit_ms);
/* A receive: its answer when the peer's bytes were there at once, else
 * what comes up to the final OK (within limit_ms). */
const char *mfix_receive(struct mfix *f, const char *cmd, int limit_ms);

/* AT%CMNG=0,<tag>,<type>,"<file content>" with a fixture file; returns the output. */
const char *mfix_write_cred(struct mfix *f, unsigned tag, int type, const char *file);
/* AT+CFUN=1 and the network model's delays: registered on return (the
 * test fails otherwise). */
void mfix_register(struct mfix *f);

#endif
