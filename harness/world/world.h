/* The world follows the log: every value a log's responses and URCs reveal
 * about the network and the modem (registration, cell, AcT, PSM timers,
 * operator, APN, address, signal, identities) becomes the emulated
 * network's and modem's configuration before the replay starts, each
 * printed as a note.  A scenario's own settings win. */
#ifndef SLMREPLAY_WORLD_H
#define SLMREPLAY_WORLD_H

#include "scenario.h"
#include "script.h"

void world_infer(struct script *sc, struct scenario *s);
/* The registration's timing after LTE is switched on (world_timing.c). */
void world_attach(struct script *sc, struct scenario *s);
/* How long the network keeps an idle RRC connection (world_timing.c). */
void world_rrc(struct script *sc, struct scenario *s);
/* The MQTT keep-alive the log's PINGRESP events show (world_timing.c). */
void world_keepalive(struct script *sc, struct scenario *s);
/* How far the network's clock is from the log's (world_timing.c). */
void world_clock(struct script *sc, struct scenario *s);
/* When the SIM became ready after it was powered (world_timing.c). */
void world_uicc(struct script *sc, struct scenario *s);
/* The states logged errors imply: a system mode without GNSS, a modem that
 * starts active (world_errors.c). */
void world_errors(struct script *sc, struct scenario *s);
/* Each #XPING echo's round trip (world_timing.c). */
void world_ping(struct script *sc, struct scenario *s);
/* An AT+CFUN= that switches LTE on (1 or 21) (world_timing.c). */
bool world_lte_on(const struct step *st);
/* How long the network search runs before %MDMEV's search status URCs
 * (world_search.c). */
void world_search(struct script *sc, struct scenario *s);
/* A reply's value in its setting's shape (world_shapes.c): %HWVERSION's
 * "nRF9160 SICA B0A" gives the model "nRF9160-SICA" (part 0) or the
 * revision "B0A" (part 1); EF_ICCID's bytes give the ICCID.  false: the
 * text holds no such value. */
bool world_hwversion(const char *v, int part, char *out, size_t len);
bool world_ef_iccid(const char *hex, char *out, size_t len);

#endif
