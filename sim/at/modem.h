/* One emulated modem, as its owners see it (slmsim's main, slmreplay's
 * target, the tests): make it, give it a line to write to, feed it input,
 * move its network.  Everything else about it is private to the AT layer
 * (modem_state.h). */
#ifndef SLMSIM_MODEM_H
#define SLMSIM_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "sim_ctx.h"

struct modem;
struct cred_store;

typedef void (*modem_tx_fn)(void *arg, const char *buf, size_t len);

/* err receives why creation failed (a damaged state directory, say). */
struct modem *modem_new(struct sim_ctx *ctx, int index, const struct modem_config *cfg,
			char *err, size_t errlen);
void modem_free(struct modem *m);
void modem_set_tx(struct modem *m, modem_tx_fn tx, void *arg);
/* Greets with "Ready" like the SLM after boot. */
void modem_start(struct modem *m);
void modem_input(struct modem *m, const uint8_t *buf, size_t len);
/* The terminal program closed the line: drop a half-typed command. */
void modem_host_gone(struct modem *m);
/* A command is still running (a connect, a receive). */
bool modem_busy(const struct modem *m);
const struct modem_config *modem_config_of(const struct modem *m);
const struct cred_store *modem_creds(const struct modem *m);
/* The name of the TLS profile m uses: --profile's or its firmware's. */
const char *modem_tls_name(const struct modem *m);

/* The interface GPIO: wakes a modem put to sleep by #XSLEEP ("Ready"). */
void modem_wake(struct modem *m);
/* A reset from outside (slmctl reset): as #XRESET without its OK, a cold
 * boot that answers "Ready" after modem.boot_ms, asleep or not. */
void modem_reset(struct modem *m);

/* The network, driven from outside (faults, replays).  stat is a +CEREG
 * <stat>: 1 or 5 registers (or repeats the registration when already
 * registered), anything else drops it. */
void modem_net_drive(struct modem *m, int stat);
void modem_net_lose(struct modem *m, int stat);
void modem_net_regain(struct modem *m);

#endif
