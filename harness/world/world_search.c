/* The network search as %MDMEV shows it: SEARCH STATUS 1 some time after
 * LTE went on (the light search found no cell it could select), and,
 * when the log never shows the modem registered, SEARCH STATUS 2 once
 * every frequency was scanned.  Both times from the first search of the
 * log become network.light_search_ms and network.full_search_ms. */
#include "world.h"

#include <stdio.h>
#include <string.h>

#include "rsp_table.h"

static void set_ms(struct world *wd, struct scenario *s, const char *key, int64_t ms, int line)
{
	char full[64], v[24], err[200];

	snprintf(full, sizeof(full), "network.%s", key);
	if (ms < 0 || scenario_sets(s, full))
		return;
	snprintf(v, sizeof(v), "%lld", (long long)ms);
	if (!config_set(&s->cfg, "network", key, v, err, sizeof(err)))
		world_note(wd, "log line %d: network.%s = %s (the search status it shows)", line,
			    key, v);
}

static bool registered_shown(const char *text)
{
	int64_t stat;

	return at_rsp_int(&RSP_CEREG, text, "stat", &stat) && (stat == 1 || stat == 5);
}

/* A %MDMEV whose event is the search status n. */
static bool search_status(const char *text, int n)
{
	char v[32], want[32];

	snprintf(want, sizeof(want), "SEARCH STATUS %d", n);
	return at_rsp_is(&RSP_MDMEV, text) && at_rsp_field(&RSP_MDMEV, text, "event", v, sizeof(v)) &&
	       !strcmp(v, want);
}

void world_search(const struct script *sc, struct world *wd, struct scenario *s)
{
	int64_t on = -1, light = -1, full = -1;
	int full_line = 0;

	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND) {
			if (on < 0 && !st->raw && world_lte_on(st))
				on = st->ev->t_ms;
			continue;
		}
		if (on < 0)
			continue;
		if (st->role != ROLE_RESPONSE && registered_shown(st->ev->text))
			return;	/* a cell was found: the attach's timing is world_attach's */
		if (light < 0 && search_status(st->ev->text, 1)) {
			light = st->ev->t_ms - on;
			set_ms(wd, s, "light_search_ms", light, st->ev->line);
		} else if (light >= 0 && full < 0 && search_status(st->ev->text, 2)) {
			full = st->ev->t_ms - on;
			full_line = st->ev->line;
		}
	}
	set_ms(wd, s, "full_search_ms", full, full_line);
}
