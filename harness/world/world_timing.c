/* The network's timing as the log shows it.
 *
 * When the network registers the modem: after the
 * first command that switches LTE on, the first line showing the modem
 * registered (a +CEREG URC, or a read of +CEREG or %XMONITOR), bounded
 * below by the last read still showing it unregistered and above by the
 * first command that needed registration and worked.  The emulated
 * network's search and register delays are set to match, so a host that
 * polls +CEREG? while the modem searches sees what the log shows.  The
 * RRC release (+CSCON: 0) after the last sign of traffic sets how long
 * the network keeps an idle connection, the #XPING replies give every
 * echo its round trip, keep-alives with nothing sent between them the
 * MQTT keep-alive the SLM was built with, and the first +CCLK? answer how
 * far the network's clock is from the log's.
 *
 * Polls bound the same way: a context read (+CGDCONT?, +CGPADDR, +CGACT?)
 * with context 0 and no address is a read still unregistered, one with an
 * address a read registered; a log that polls a searching modem before any
 * AT+CFUN= starts with LTE on and the attach under way; +CPIN?, +CIMI or
 * %XICCID answering ERROR after the UICC was powered, then a value (or
 * %XSIM: 1), bound when the SIM became ready. */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "rsp_table.h"

/* LTE on: AT+CFUN=1 or 21 (a row whose set form causes +CEREG). */
bool world_lte_on(const struct step *st)
{
	const struct at_cmd_facts *f = st->facts;

	if (!f || !f->set || !at_rsp_caused_by(&RSP_CEREG, f->def))
		return false;
	return script_first_int(st) == 1 || script_first_int(st) == 21;
}

/* The SEND step st is a command of the row r answers, in mode (any mode
 * when mode is -1), as the parameters parsed with the step say. */
static bool asks(const struct step *st, const struct at_rsp *r, int mode)
{
	return st && st->cmd && !strcmp(st->cmd->name, r->answers) &&
	       (mode < 0 || st->cmd->mode == (enum at_mode)mode);
}

/* Field name of a line of shape r as a number, or -1. */
static int64_t int_of(const struct at_rsp *r, const char *t, const char *name)
{
	int64_t v;

	return at_rsp_int(r, t, name, &v) ? v : -1;
}

/* A field of a line of shape r that is there and not empty. */
static bool filled(const struct at_rsp *r, const char *t, const char *name)
{
	char v[64];

	return at_rsp_field(r, t, name, v, sizeof(v)) && v[0];
}

/* A context read's line for context 0 (answering the SEND step cause): 1
 * with an address (attached), 0 without one, -1 when it is no such line. */
static int context_shown(const struct step *cause, const char *t)
{
	if (asks(cause, &RSP_CGACT, AT_MODE_READ) && int_of(&RSP_CGACT, t, "state") >= 0)
		return int_of(&RSP_CGACT, t, "cid") ? -1 : int_of(&RSP_CGACT, t, "state") == 1;
	if (asks(cause, &RSP_CGPADDR, -1) && !int_of(&RSP_CGPADDR, t, "cid"))
		return filled(&RSP_CGPADDR, t, "pdp_addr_1") || filled(&RSP_CGPADDR, t, "pdp_addr_2");
	if (!asks(cause, &RSP_CGDCONT, AT_MODE_READ) || int_of(&RSP_CGDCONT, t, "cid") ||
	    !at_rsp_field(&RSP_CGDCONT, t, "pdp_addr", NULL, 0))
		return -1;
	return filled(&RSP_CGDCONT, t, "pdp_addr");
}

/* The registration state a modem line shows, or -1. */
static int stat_shown(const struct script *sc, const struct step *st)
{
	const char *t = st->ev->text;
	const struct step *cause = st->cause >= 0 ? &sc->steps[st->cause] : NULL;
	int stat;

	if (st->role == ROLE_RESPONSE && (stat = context_shown(cause, t)) >= 0)
		return stat;	/* 0: not attached, 1: attached */
	if (st->role == ROLE_RESPONSE && asks(cause, &RSP_CEREG_READ, AT_MODE_READ))
		return (int)int_of(&RSP_CEREG_READ, t, "stat");
	if (st->role == ROLE_RESPONSE && asks(cause, &RSP_XMONITOR, -1))
		return (int)int_of(&RSP_XMONITOR, t, "reg_status");
	if (st->role == ROLE_URC || st->role == ROLE_NET_EVENT)
		return (int)int_of(&RSP_CEREG, t, "stat");
	return -1;
}

struct attach {
	int64_t on;		/* LTE switched on */
	int64_t search;		/* the searching URC; -1 */
	int64_t low;		/* still unregistered then */
	int64_t high;		/* registered by then; -1 */
	bool exact;		/* high is a URC's own time */
	bool unregistered;	/* a line showed the modem not registered */
	bool by_command;	/* high is a command that needed registration */
};

/* Walks from step `from` (after LTE went on) to the first sign of registration. */
static void walk(const struct script *sc, size_t from, struct attach *a)
{
	for (size_t j = from; j < sc->n; j++) {
		const struct step *st = &sc->steps[j];
		const struct at_cmd_facts *f = st->facts;
		int64_t when;
		int stat;

		if (st->role == ROLE_SEND) {
			if (!f)
				continue;
			if (at_rsp_caused(f->def) && f->set)
				return;	/* the radio changes again */
			if (f->needs_registration && !strcmp(script_final_of(sc, j), "OK")) {
				a->high = st->ev->t_ms;
				a->by_command = true;
				return;
			}
			continue;
		}
		if ((stat = stat_shown(sc, st)) < 0)
			continue;
		when = st->role == ROLE_RESPONSE ? sc->steps[st->cause].ev->t_ms : st->ev->t_ms;
		/* Registered, or denied: either way the network answered the attach. */
		if (stat == 1 || stat == 5 || stat == 3) {
			a->high = when;
			a->exact = st->role != ROLE_RESPONSE;
			return;
		}
		a->unregistered = true;
		if (stat == 2 && st->role != ROLE_RESPONSE && a->search < 0)
			a->search = st->ev->t_ms;
		if (st->role == ROLE_RESPONSE)
			a->low = when;
	}
}

static void set_in(struct world *wd, struct scenario *s, const char *section, const char *key,
		   int64_t ms, const char *why)
{
	char v[24], err[200], full[64];

	snprintf(full, sizeof(full), "%s.%s", section, key);
	if (scenario_sets(s, full))
		return;
	snprintf(v, sizeof(v), "%lld", (long long)ms);
	if (!config_set(&s->cfg, section, key, v, err, sizeof(err)))
		world_note(wd, "%s.%s = %s (%s)", section, key, v, why);
}

static void set_delay(struct world *wd, struct scenario *s, const char *key, int64_t ms,
		      const char *why)
{
	set_in(wd, s, "network", key, ms, why);
}

/* A radio command: the state before it no longer holds after it. */
static bool radio_cmd(const struct step *st)
{
	const struct at_cmd_facts *f = st->facts;

	return st->role == ROLE_SEND && f && at_rsp_caused(f->def) && f->set;
}

/* The log polls a searching modem before any AT+CFUN=: LTE went on before
 * it, so the set-up switches it on without waiting, and the attach ends
 * where the log's polls say.  The step after that first sign, or 0. */
static size_t searching_at_start(const struct script *sc, struct world *wd)
{
	for (size_t j = 0; j < sc->n && !radio_cmd(&sc->steps[j]); j++) {
		int stat = sc->steps[j].role == ROLE_SEND ? -1 : stat_shown(sc, &sc->steps[j]);

		if (stat < 0)
			continue;
		if (stat != 2 || (wd->start_cfun >= 0 && wd->start_cfun != 1))
			return 0;
		wd->start_cfun = 1;
		wd->needs_registration = false;	/* what the log shows wins */
		world_note(wd, "log line %d: the modem searches before the log's first AT+CFUN=: LTE "
			    "is switched on first, the attach already under way", sc->steps[j].ev->line);
		return j + 1;
	}
	return 0;
}

void world_attach(const struct script *sc, struct world *wd, struct scenario *s)
{
	struct attach a = { .search = -1, .high = -1 };
	int64_t total, search, deflt = s->cfg.net.search_delay_ms + s->cfg.net.register_delay_ms;
	size_t i = 0;

	while (i < sc->n && (sc->steps[i].role != ROLE_SEND || sc->steps[i].raw ||
			     !world_lte_on(&sc->steps[i])))
		i++;
	if (i < sc->n) {
		a.on = a.low = sc->steps[i].ev->t_ms;
		walk(sc, i + 1, &a);
	} else if ((i = searching_at_start(sc, wd))) {
		/* A read shows the search under way at the start: it takes no
		 * time here; a URC shows when it began. */
		a.on = a.low = sc->t0;
		a.search = sc->steps[i - 1].role == ROLE_RESPONSE ? sc->t0 : -1;
		walk(sc, i - 1, &a);
	} else {
		return;
	}
	if (a.high < 0) {
		/* Searching, and nothing in the log after shows it registered. */
		if (a.unregistered)
			set_delay(wd, s, "register_delay_ms", DAY_MS, "the log never shows the "
				  "modem registered after it searched");
		return;
	}
	if (a.exact)
		total = a.high - a.on;
	else if (a.by_command && !a.unregistered && deflt < a.high - a.on)
		return;	/* the defaults fit */
	else
		total = (a.low + a.high) / 2 - a.on;
	search = a.search >= 0 ? a.search - a.on : total / 2;
	if (a.search < 0 && search > s->cfg.net.search_delay_ms)
		search = s->cfg.net.search_delay_ms;
	if (search > total)
		search = total;
	set_delay(wd, s, "search_delay_ms", search, "registration follows the log");
	set_delay(wd, s, "register_delay_ms", total - search, "registration follows the log");
}

/* The <mode> of a +CSCON URC (1 connected, 0 idle); -1 for any other line,
 * an AT+CSCON? answer too. */
static int64_t rrc_mode(const struct step *st)
{
	int64_t mode;

	return st->role != ROLE_SEND && st->role != ROLE_RESPONSE &&
	       at_rsp_int(&RSP_CSCON, st->ev->text, "mode", &mode) ? mode : -1;
}

/* A line that means data moved: a command that talks to the network, or an
 * MQTT or socket event. */
static bool traffic(const struct step *st)
{
	if (st->role == ROLE_SEND)
		return st->facts && st->facts->needs_registration;
	return at_rsp_is(&RSP_XMQTTEVT, st->ev->text) || at_rsp_is(&RSP_XMQTTMSG, st->ev->text) ||
	       rrc_mode(st) == 1;
}

void world_rrc(const struct script *sc, struct world *wd, struct scenario *s)
{
	int64_t last = -1;

	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (rrc_mode(st) == 0 && last >= 0) {
			set_delay(wd, s, "rrc_idle_ms", st->ev->t_ms - last, "the log's RRC release");
			return;
		}
		if (traffic(st))
			last = st->ev->t_ms;
	}
}

/* An #XPING <rtt> of "<s>.<ms> seconds" (not the average line): the round
 * trip in ms. */
static int echo_reply(const char *text)
{
	char v[64];
	int s, ms, n = 0;

	if (!at_rsp_is(&RSP_XPING, text) || !at_rsp_field(&RSP_XPING, text, "rtt", v, sizeof(v)) ||
	    sscanf(v, "%d.%3d seconds%n", &s, &ms, &n) != 2 || !n || v[n])
		return -1;
	return s * 1000 + ms;
}

void world_ping(const struct script *sc, struct world *wd, struct scenario *s)
{
	char list[128] = "", err[200];
	size_t len = 0;

	for (size_t i = 0; i < sc->n; i++) {
		const struct at_cmd *cmd = sc->steps[i].cmd;
		int64_t count = 1;
		int replies = 0, rtt;

		if (sc->steps[i].role != ROLE_SEND || !cmd || strcmp(cmd->name, "#XPING") ||
		    cmd->mode != AT_MODE_SET || strcmp(script_final_of(sc, i), "OK"))
			continue;
		if (at_param_present(cmd, 3))
			at_param_int(cmd, 3, &count);
		for (size_t j = i + 1; j < sc->n && sc->steps[j].role != ROLE_SEND; j++)
			if ((rtt = echo_reply(sc->steps[j].ev->text)) >= 0 && replies++ < count)
				len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%d", len ? "," : "", rtt);
		for (; replies < count && len + 3 < sizeof(list); replies++)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s-", len ? "," : "");
		if (len >= sizeof(list) - 8)
			break;
	}
	if (!len || scenario_sets(s, "network.ping_rtt_ms"))
		return;
	if (!config_set(&s->cfg, "network", "ping_rtt_ms", list, err, sizeof(err)))
		world_note(wd, "network.ping_rtt_ms = %s (each echo's round trip as the log shows it)",
			    list);
}

/* PINGRESP events with no command between them are one keep-alive apart
 * (Zephyr pings keepalive seconds after the last packet sent). */
void world_keepalive(const struct script *sc, struct world *wd, struct scenario *s)
{
	int64_t last = -1, best = -1;
	char v[24], err[200];

	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND) {
			last = -1;
		} else if ((at_rsp_is(&RSP_XMQTTEVT, st->ev->text) &&
			    !strcmp(at_rsp_values(&RSP_XMQTTEVT, st->ev->text), "9,0"))) {
			if (last >= 0 && (best < 0 || st->ev->t_ms - last < best))
				best = st->ev->t_ms - last;
			last = st->ev->t_ms;
		}
	}
	/* Made-up times of a capture put events milliseconds apart: no period. */
	if (best < 500 || scenario_sets(s, "mqtt.keepalive_s"))
		return;
	snprintf(v, sizeof(v), "%lld", (long long)((best + 500) / 1000));
	if (atoi(v) != s->cfg.mqtt_keepalive_s && !config_set(&s->cfg, "mqtt", "keepalive_s", v, err,
							   sizeof(err)))
		world_note(wd, "mqtt.keepalive_s = %s (the log's keep-alives are %s s apart)", v, v);
}

/* The first network time a dated log shows (+CCLK? before any AT+CCLK=):
 * the network's clock is that far from the log's, placed mid-second. */
void world_clock(const struct script *sc, struct world *wd, struct scenario *s)
{
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i], *cmd;
		struct tm tm = { 0 };
		char sign, v[64], err[200];
		int q;
		int64_t utc, off;

		if (st->role == ROLE_SEND && st->cmd && !strcmp(st->cmd->name, "+CCLK") &&
		    (st->cmd->mode == AT_MODE_SET || st->cmd->mode == AT_MODE_TEST))
			return;	/* the host set the clock: it is no network's */
		if (st->role != ROLE_RESPONSE || st->cause < 0 || !at_rsp_is(&RSP_CCLK, st->ev->text) ||
		    !at_rsp_field(&RSP_CCLK, st->ev->text, "time", v, sizeof(v)) ||
		    sscanf(v, "%2d/%2d/%2d,%2d:%2d:%2d%c%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &sign, &q) != 8)
			continue;
		cmd = &sc->steps[st->cause];
		if (cmd->ev->t_ms < LOG_DATED_MS || scenario_sets(s, "network.clock_offset_ms"))
			return;
		tm.tm_year += 100;
		tm.tm_mon -= 1;
		utc = ((int64_t)timegm(&tm) - (int64_t)q * (sign == '-' ? -900 : 900)) * 1000;
		off = utc + 500 - cmd->ev->t_ms;
		snprintf(v, sizeof(v), "%lld", (long long)off);
		if (off > -DAY_MS && off < DAY_MS && !config_set(&s->cfg, "network", "clock_offset_ms",
								  v, err, sizeof(err)))
			world_note(wd, "network.clock_offset_ms = %s (log line %d: the network's clock "
				    "against the log's)", v, st->ev->line);
		return;
	}
}

/* A command that powers the UICC: AT+CFUN=1, 21 or 41. */
static bool uicc_on(const struct step *st)
{
	int64_t fun = script_first_int(st);

	return radio_cmd(st) && (fun == 1 || fun == 21 || fun == 41);
}

/* A read the UICC answers only once it is ready. */
static bool sim_read(const struct step *st)
{
	const struct at_cmd *c = st->cmd;

	return c && ((!strcmp(c->name, "+CPIN") && c->mode == AT_MODE_READ) ||
		     !strcmp(c->name, "+CIMI") || !strcmp(c->name, "%XICCID"));
}

/* A %XSIM URC of the UICC ready (<state> 1). */
static bool xsim_ready(const char *text)
{
	int64_t state;

	return at_rsp_int(&RSP_XSIM_URC, text, "state", &state) && state == 1;
}

/* SIM reads that fail, then work, before any radio command: the UICC was
 * powered as the log began (an application's AT+CFUN at boot): the set-up
 * powers it alone (AT+CFUN=41) unless the log starts LTE anyway. */
static bool uicc_at_start(struct world *wd, int line)
{
	/* +CFUN: 4 is also what the modem shows with only the UICC on. */
	if (wd->needs_registration || (wd->start_cfun >= 0 && wd->start_cfun != 1 &&
				       wd->start_cfun != 4))
		return false;
	if (wd->start_cfun != 1)
		world_note(wd, "log line %d: the SIM fails, then answers, before any AT+CFUN=: the "
			    "UICC is powered as the log starts (AT+CFUN=41 first)", line);
	wd->start_cfun = wd->start_cfun != 1 ? 41 : 1;
	return true;
}

void world_uicc(const struct script *sc, struct world *wd, struct scenario *s)
{
	int64_t on = -1, low = -1, high = -1;
	bool exact = false, radio = false;
	int first = 0;
	char why[96];

	for (size_t i = 0; i < sc->n && high < 0; i++) {
		const struct step *st = &sc->steps[i];
		const char *fin;

		if (st->role != ROLE_SEND) {
			exact = on >= 0 && st->role != ROLE_RESPONSE && xsim_ready(st->ev->text);
			high = exact ? st->ev->t_ms : -1;
			continue;
		}
		if (on < 0 && !radio && !st->raw && sim_read(st)) {
			on = sc->t0;	/* maybe powered as the log began: decided below */
			first = st->ev->line;
		}
		if (uicc_on(st) && (on < 0 || first)) {
			/* Powered here: reads before it were of a UICC that was off. */
			on = st->ev->t_ms;
			first = 0;
			low = -1;
			radio = true;
		} else if (radio_cmd(st)) {
			radio = true;
			if (on >= 0)
				break;	/* the radio changes again */
		} else if (on >= 0 && !st->raw && sim_read(st) && *(fin = script_final_of(sc, i)))
			*(strcmp(fin, "OK") ? &low : &high) = st->ev->t_ms;
	}
	if (on < 0 || (low < 0 && !exact) || (first && (high < 0 || !uicc_at_start(wd, first))))
		return;	/* nothing shows the SIM not ready: the default fits */
	if (high < 0) {
		set_in(wd, s, "modem", "uicc_init_ms", DAY_MS, "the log never shows the SIM ready "
		       "after it was powered");
		return;
	}
	snprintf(why, sizeof(why), "the SIM became ready %s the log shows", exact ?
		 "when %XSIM: 1" : "between the reads");
	set_in(wd, s, "modem", "uicc_init_ms", exact ? high - on : ((low > on ? low : on) + high) / 2 - on,
	       why);
}
