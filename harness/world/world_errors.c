/* What a logged error says about the modem's state, where the emulated
 * modem has that state.
 *
 * AT+CFUN=31 refused while nothing in the log has set or shown the system
 * mode yet: %XSYSTEMMODE has GNSS off (modem.systemmode, its third value;
 * the emulator refuses 31 so, modem.cfun31_needs_gnss).  A command refused
 * with +CME ERROR: 518 (not allowed while the modem is active: %CMNG,
 * %KEYGEN, %XSYSTEMMODE, %XBANDLOCK) before any AT+CFUN= and before any
 * +CFUN read, or one of these refused with a bare ERROR there and the same
 * command accepted after AT+CFUN=0 or 4: the modem starts active, in +CFUN
 * mode 1.  Each becomes the
 * emulated modem's before the replay, with a note. */
#include "world.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_parser.h"
#include "rsp_table.h"

/* %XSYSTEMMODE with GNSS off, the rest as configured. */
static void gnss_off(struct world *wd, struct scenario *s, int line)
{
	int m[4] = { 1, 0, 1, 0 };
	char v[32], err[200];

	if (scenario_sets(s, "modem.systemmode"))
		return;
	sscanf(s->cfg.systemmode, "%d,%d,%d,%d", &m[0], &m[1], &m[2], &m[3]);
	if (!m[2])
		return;
	snprintf(v, sizeof(v), "%d,%d,0,%d", m[0], m[1], m[3]);
	if (!config_set(&s->cfg, "modem", "systemmode", v, err, sizeof(err)))
		world_note(wd, "log line %d: AT+CFUN=31 refused: %%XSYSTEMMODE has GNSS off "
			    "(modem.systemmode = %s)", line, v);
}

/* Refused as not allowed while active, before the log set a mode. */
static void started_active(struct world *wd, int line, const char *cmd, const char *how)
{
	if (wd->start_cfun >= 0)
		return;
	wd->start_cfun = 1;
	wd->needs_registration = true;
	world_note(wd, "log line %d: %.40s refused %s before any AT+CFUN=: the modem starts in "
		    "+CFUN mode 1", line, cmd, how);
}

/* A send of the command name in its set or test form ("AT<name>=..."),
 * from the parameters parsed with the step. */
static bool sets(const struct step *st, const char *name)
{
	return st->role == ROLE_SEND && st->cmd && !strcmp(st->cmd->name, name) &&
	       (st->cmd->mode == AT_MODE_SET || st->cmd->mode == AT_MODE_TEST);
}

/* A set of name whose only parameter is the number n ("AT+CFUN=4"). */
static bool sets_to(const struct step *st, const char *name, int64_t n)
{
	int64_t v;

	return sets(st, name) && st->cmd->mode == AT_MODE_SET && st->cmd->nparams == 1 &&
	       !at_param_int(st->cmd, 0, &v) && v == n;
}

/* A command the modem takes only while it is not active: a %CMNG write or
 * delete, a %KEYGEN, a system mode or band lock set. */
static bool offline_only(const struct step *st)
{
	int64_t op;

	if (sets(st, "%CMNG"))
		return st->cmd->nparams >= 2 && !at_param_int(st->cmd, 0, &op) && (op == 0 || op == 3);
	return sets(st, "%KEYGEN") || sets(st, "%XSYSTEMMODE") || sets(st, "%XBANDLOCK");
}

void world_errors(const struct script *sc, struct world *wd, struct scenario *s)
{
	bool sysmode_known = false, cfun_known = false, sysmode_then = false, cfun_then = false;
	const struct step *refused = NULL;	/* refused with a bare ERROR, mode unknown */
	bool offline_since = false;		/* AT+CFUN=0 or 4 after it */

	/* One pass: what was known at a command's send decides at its final. */
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i], *cmd;

		if (st->role == ROLE_RESPONSE && at_rsp_is(&RSP_XSYSTEMMODE, st->ev->text))
			sysmode_known = true;
		if (st->role == ROLE_RESPONSE && at_rsp_is(&RSP_CFUN, st->ev->text))
			cfun_known = true;
		if (st->role == ROLE_SEND && !st->raw) {
			sysmode_then = sysmode_known;
			cfun_then = cfun_known;
			sysmode_known |= sets(st, "%XSYSTEMMODE");
			cfun_known |= sets(st, "+CFUN");
			offline_since |= refused && (sets_to(st, "+CFUN", 0) || sets_to(st, "+CFUN", 4));
		}
		if (st->role == ROLE_FINAL && st->cause >= 0 && !strcmp(st->ev->text, "OK") && refused &&
		    offline_since && !strcmp(sc->steps[st->cause].ev->text, refused->ev->text))
			started_active(wd, refused->ev->line, refused->send, "with ERROR, and accepted "
				       "after AT+CFUN=0 or 4,");
		if (st->role != ROLE_FINAL || st->cause < 0 || !strcmp(st->ev->text, "OK"))
			continue;
		cmd = &sc->steps[st->cause];
		if (sets_to(cmd, "+CFUN", 31) && !sysmode_then)
			gnss_off(wd, s, cmd->ev->line);
		if (!cfun_then && !strcmp(st->ev->text, "+CME ERROR: 518"))
			started_active(wd, cmd->ev->line, cmd->send, "with +CME ERROR: 518 (not allowed "
				       "while the modem is active)");
		if (!cfun_then && !refused && !strcmp(st->ev->text, "ERROR") && offline_only(cmd))
			refused = cmd;
	}
}
