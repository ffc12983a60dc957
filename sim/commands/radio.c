#include "radio.h"

#include <stdio.h>
#include <string.h>

#include "at_cmd.h"

void radio_reset(struct modem *m)
{
	struct radio_state *r = &m->radio;
	int *s = r->sysmode;

	memset(r, 0, sizeof(*r));
	if (sscanf(m->cfg.systemmode, "%d,%d,%d,%d", &s[0], &s[1], &s[2], &s[3]) != 4)
		s[0] = 1;
	r->psm_req = m->cfg.psm_requested;
	r->pdn[0].defined = m->cfg.idle_context;
	snprintf(r->pdn[0].type, sizeof(r->pdn[0].type), "%s", m->cfg.pdp_type);
	snprintf(r->pdn[0].apn, sizeof(r->pdn[0].apn), "%s", m->cfg.apn);
	r->cops_format = 2;
	m->cfun = 0;
	net_radio_off(&m->net);
}

bool radio_lte_on(const struct modem *m)
{
	const struct radio_state *r = &m->radio;

	return (r->lte_cfun == 1 || r->lte_cfun == 21) && (r->sysmode[0] || r->sysmode[1]);
}

bool radio_uicc_on(const struct modem *m)
{
	return m->radio.uicc_on;
}

int radio_act(const struct modem *m)
{
	const int *s = m->radio.sysmode;

	if (s[0] && !s[1])
		return 7;
	if (s[1] && !s[0])
		return 9;
	if (s[3] == 1 || s[3] == 3)
		return 7;
	if (s[3] == 2 || s[3] == 4)
		return 9;
	return m->cfg.net.act;
}

bool radio_psm(const struct modem *m)
{
	return m->radio.psm_req && m->cfg.net.psm;
}

bool radio_edrx(const struct modem *m)
{
	int i = radio_act(m) == 9;

	return m->radio.edrx_mode[i] && m->cfg.net.edrx[0];
}

/* What +CFUN? shows: 1 while LTE or GNSS runs, 2 receiving only, 0 after
 * a power-off with nothing since, 4 otherwise (UNCONFIRMED past 0/1/4). */
static void summarise(struct modem *m)
{
	struct radio_state *r = &m->radio;

	if (radio_lte_on(m) || r->gnss_on)
		m->cfun = 1;
	else if (r->lte_cfun == 2)
		m->cfun = 2;
	else if (r->lte_cfun == 0 && !r->uicc_on)
		m->cfun = 0;
	else
		m->cfun = 4;
}

/* LTE, GNSS and UICC per mode (modem-commands.md section 4). */
static int apply(struct radio_state *r, int fun)
{
	switch (fun) {
	case 0: case 4: r->lte_cfun = fun; r->gnss_on = false; r->uicc_on = false; break;
	case 1: r->lte_cfun = 1; r->gnss_on = r->sysmode[2]; r->uicc_on = true; break;
	case 2: r->lte_cfun = 2; r->uicc_on = true; break;
	case 20: r->lte_cfun = 20; break;
	case 21: r->lte_cfun = 21; r->uicc_on = true; break;
	case 30: r->gnss_on = false; break;
	case 31: r->gnss_on = r->sysmode[2]; break;
	case 40: r->uicc_on = false; break;
	case 41:
		if (!r->sysmode[0] && !r->sysmode[1])
			return -1;
		r->uicc_on = true;
		break;
	case 44: r->lte_cfun = 44; r->gnss_on = false; break;
	default: return -1;
	}
	return 0;
}

int radio_set_cfun(struct modem *m, int fun)
{
	if (fun == 31 && !m->radio.sysmode[2] && m->cfg.cfun31_needs_gnss)
		return -1;
	if (apply(&m->radio, fun))
		return -1;
	summarise(m);
	if (radio_lte_on(m))
		net_radio_on(&m->net);
	else
		net_radio_off(&m->net);
	return 0;
}

/* Band b (1..88) is allowed by a lock string (LSB = band 1, at the end). */
static bool band_allowed(const char *lock, int b)
{
	size_t n = strlen(lock);

	return !n || (b >= 1 && (size_t)b <= n && lock[n - (size_t)b] == '1');
}

void radio_update_access(struct modem *m)
{
	const struct radio_state *r = &m->radio;
	bool ok = r->cops_mode != 2 &&
		  (r->cops_mode != 1 || !strcmp(r->cops_plmn, m->cfg.net.plmn)) &&
		  band_allowed(r->bandlock[0], m->cfg.net.band) &&
		  band_allowed(r->bandlock[1], m->cfg.net.band);

	net_set_blocked(&m->net, !ok);
}
