/* The world follows the log: every value a log's responses and URCs reveal
 * about the network and the modem (registration, cell, AcT, PSM timers,
 * operator, APN, address, signal, identities) becomes the emulated
 * network's and modem's configuration before the replay starts, each
 * printed as a note.  A scenario's own settings win. */
#ifndef SLMREPLAY_WORLD_H
#define SLMREPLAY_WORLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scenario.h"
#include "script.h"

/* What the world stage makes of a script, beside it (the script is only
 * read): the set-up the replay writes before the log's first event and the
 * notes on what was inferred.  The configuration goes into the scenario. */
struct world {
	int start_cfun;		/* the +CFUN mode the log shows before setting one; -1 */
	bool needs_registration;
	uint32_t unwritten_tags[16];
	uint8_t unwritten_types[16];	/* bit per %CMNG type to write; 0: a working set */
	size_t n_unwritten;
	char **notes;		/* what was inferred, for the transcript */
	size_t n_notes;
};

/* Starts from what the script's steps imply, then adds what the log's
 * responses reveal.  world_free() after. */
void world_infer(const struct script *sc, struct scenario *s, struct world *wd);
void world_free(struct world *wd);
void world_note(struct world *wd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The registration's timing after LTE is switched on (world_timing.c). */
void world_attach(const struct script *sc, struct world *wd, struct scenario *s);
/* How long the network keeps an idle RRC connection (world_timing.c). */
void world_rrc(const struct script *sc, struct world *wd, struct scenario *s);
/* The MQTT keep-alive the log's PINGRESP events show (world_timing.c). */
void world_keepalive(const struct script *sc, struct world *wd, struct scenario *s);
/* How far the network's clock is from the log's (world_timing.c). */
void world_clock(const struct script *sc, struct world *wd, struct scenario *s);
/* When the SIM became ready after it was powered (world_timing.c). */
void world_uicc(const struct script *sc, struct world *wd, struct scenario *s);
/* The states logged errors imply: a system mode without GNSS, a modem that
 * starts active (world_errors.c). */
void world_errors(const struct script *sc, struct world *wd, struct scenario *s);
/* Each #XPING echo's round trip (world_timing.c). */
void world_ping(const struct script *sc, struct world *wd, struct scenario *s);
/* An AT+CFUN= that switches LTE on (1 or 21) (world_timing.c). */
bool world_lte_on(const struct step *st);
/* How long the network search runs before %MDMEV's search status URCs
 * (world_search.c). */
void world_search(const struct script *sc, struct world *wd, struct scenario *s);
/* A reply's value in its setting's shape (world_shapes.c): %HWVERSION's
 * "nRF9160 SICA B0A" gives the model "nRF9160-SICA" (part 0) or the
 * revision "B0A" (part 1); EF_ICCID's bytes give the ICCID.  false: the
 * text holds no such value. */
bool world_hwversion(const char *v, int part, char *out, size_t len);
bool world_ef_iccid(const char *hex, char *out, size_t len);
/* A context's IPv4 or IPv6 address (v6) out of a +CGDCONT or +CGPADDR
 * address field ("<v4>", "<v6>" or "<v4> <v6>"). */
bool world_pdp_addr(const char *v, bool v6, char *out, size_t len);
/* The firmware release of a +CGMR revision ("mfw_nrf91x1_2.0.1": "2.0.1")
 * or of %SHORTSWVER's ("nrf91x1_2.0.1"); "" when no firmware profile has
 * it (the modem then keeps its default).  Returns out. */
const char *world_mfw_release(const char *v, char *out, size_t len);

#endif
