/* The set-up before a log's first event: credentials it never wrote, the
 * +CEREG subscription and +CFUN mode it shows without setting them, and a
 * registration it starts after.  What the set-up causes is not judged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fill.h"
#include "rsp_table.h"
#include "runner.h"

#define PREAMBLE_LIMIT_MS 120000

/* Set-up commands before the log starts: each must answer OK. */
static int setup_cmd(struct target *t, struct result *r, const char *cmd)
{
	struct out_line *l;
	int64_t deadline = t->now(t) + 30000;

	t->send(t, cmd, strlen(cmd));
	t->send(t, "\r\n", 2);
	for (;;) {
		while ((l = target_next_line(t))) {
			if (!strcmp(l->text, "OK"))
				return 0;
			if (log_is_final(l->text)) {
				snprintf(r->summary, sizeof(r->summary),
					 "set-up command %.60s answered %s", cmd, l->text);
				return -1;
			}
		}
		if (t->now(t) >= deadline) {
			snprintf(r->summary, sizeof(r->summary),
				 "set-up command %.60s got no answer", cmd);
			return -1;
		}
		t->advance(t, deadline);
	}
}

static bool registered(struct target *t)
{
	struct out_line *l;
	int64_t stat;
	bool yes = false;

	t->send(t, "AT+CEREG?\r\n", 11);
	for (int64_t deadline = t->now(t) + 10000; t->now(t) < deadline;) {
		t->advance(t, deadline);
		while ((l = target_next_line(t))) {
			if (at_rsp_int(&RSP_CEREG_READ, l->text, "stat", &stat))
				yes = stat == 1 || stat == 5;
			if (log_is_final(l->text))
				return yes;
		}
	}
	return false;
}

int run_preamble(struct target *t, const struct script *sc, const struct world *wd,
		 const struct scenario *s, const struct run_opts *o, struct result *r)
{
	char cmd[64], what[600], err[256];

	if (wd->n_unwritten && setup_cmd(t, r, "AT+CFUN=4"))
		return -1;
	for (size_t i = 0; i < wd->n_unwritten; i++) {
		for (int type = 0; type <= 4; type++) {
			char *w = fill_setup_write(wd->unwritten_tags[i], wd->unwritten_types[i], type,
						   s, o->certs_dir, what, sizeof(what), err, sizeof(err));
			int rc;

			if (!w && err[0]) {
				snprintf(r->summary, sizeof(r->summary), "%s", err);
				return -1;
			}
			if (!w)
				continue;
			rc = setup_cmd(t, r, w);
			free(w);
			if (rc)
				return -1;
			sb_appendf(&r->transcript, "  set-up: %s\n", what);
		}
	}
	if (sc->cereg_n >= 0) {
		snprintf(cmd, sizeof(cmd), "AT+CEREG=%d", sc->cereg_n);
		if (setup_cmd(t, r, cmd))
			return -1;
		sb_appendf(&r->transcript, "  set-up: %s\n", cmd);
	}
	/* A mode the log shows first; 1 without registration: the log starts
	 * while the modem searches. */
	if (wd->start_cfun >= 1 && !wd->needs_registration) {
		snprintf(cmd, sizeof(cmd), "AT+CFUN=%d", wd->start_cfun);
		if (setup_cmd(t, r, cmd))
			return -1;
		sb_appendf(&r->transcript, "  set-up: %s\n", cmd);
	}
	if (wd->needs_registration) {
		int64_t deadline = t->now(t) + PREAMBLE_LIMIT_MS;

		if (setup_cmd(t, r, "AT+CFUN=1"))
			return -1;
		while (!registered(t)) {
			if (t->now(t) > deadline) {
				snprintf(r->summary, sizeof(r->summary),
					 "set-up: the target did not register within %d s", PREAMBLE_LIMIT_MS / 1000);
				return -1;
			}
			t->advance(t, t->now(t) + 1000);
		}
		sb_appendf(&r->transcript, "  set-up: AT+CFUN=1, registered\n");
	}
	/* What the set-up caused is not part of the log. */
	for (int64_t end = t->now(t) + 100; t->now(t) < end;)
		t->advance(t, end);
	while (target_next_line(t))
		;
	return 0;
}
