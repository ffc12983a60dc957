/* The modem's radio as its commands left it: which of LTE, GNSS and the
 * UICC are on, which access technology the network reports, and whether
 * PSM and eDRX are in force.  Shared by the modem's command handlers. */
#ifndef SLMSIM_RADIO_H
#define SLMSIM_RADIO_H

#include <stdbool.h>

struct modem;

/* The state a cold boot leaves (modes off, NVM settings from the config). */
void radio_reset(struct modem *m);
/* Applies +CFUN=<fun>; 0, or -1 for a mode the modem refuses now. */
int radio_set_cfun(struct modem *m, int fun);
bool radio_lte_on(const struct modem *m);
bool radio_uicc_on(const struct modem *m);
/* The access technology the network reports: 7 LTE-M, 9 NB-IoT. */
int radio_act(const struct modem *m);
/* PSM granted: the modem asks and the network grants. */
bool radio_psm(const struct modem *m);
/* Whether the network's cell may be used: +COPS (manual PLMN, 2
 * deregisters) and %XBANDLOCK decide. */
void radio_update_access(struct modem *m);
/* eDRX in force for the current AcT (requested and the network offers it). */
bool radio_edrx(const struct modem *m);

#endif
