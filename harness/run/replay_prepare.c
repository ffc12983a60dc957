#include "replay_prepare.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile_choice.h"
#include "world.h"

/* The SLM generation the log is judged on, with its notes; -1 when --slm
 * names none. */
static int choose_profile(const struct replay_log *log, struct scenario *scen,
			  struct strbuf *notes, char *err, size_t errlen)
{
	struct profile_guess g;
	char note[512], conflict[512];

	if (profile_choose(log, scen, &g, note, sizeof(note), conflict, sizeof(conflict))) {
		snprintf(err, errlen, "no SLM profile covers '%s' (slmsim --list-profiles)",
			 scen->slm_override ? scen->slm_override : "?");
		return -1;
	}
	sb_appendf(notes, "  note: %s\n", note);
	if (conflict[0])
		sb_appendf(notes, "  note: %s\n", conflict);
	return 0;
}

/* A record of slmsim names the firmware it ran (sim/app/main.c): the replay
 * runs it too, unless --mfw or the scenario says otherwise. */
static void record_firmware(const struct replay_log *log, struct scenario *scen,
			    struct strbuf *notes)
{
	static const char head[] = "INFO slmsim: modem firmware ";
	char v[24], err[160];

	for (size_t i = 0; i < log->nev && !scenario_sets(scen, "modem.mfw"); i++) {
		if (log->ev[i].kind != EV_NOTE || strncmp(log->ev[i].text, head, sizeof(head) - 1))
			continue;
		snprintf(v, sizeof(v), "%.*s", (int)strcspn(log->ev[i].text + sizeof(head) - 1, " "),
			 log->ev[i].text + sizeof(head) - 1);
		if (!scenario_set(scen, "modem", "mfw", v, err, sizeof(err)))
			sb_appendf(notes, "  note: modem firmware %s (log line %d: the record's)\n", v,
				   log->ev[i].line);
	}
}

/* The profile a capture read with the default is judged on, when its rows
 * could read it differently; NULL when the first reading stands (a Link
 * Monitor log marks every line's way itself). */
static const struct slm_profile *read_again_as(const struct replay_log *log,
					       const struct scenario *scen)
{
	const struct slm_profile *p;

	if (log->format == LOG_LINK_MONITOR || log->format == LOG_BINARY)
		return NULL;
	p = profile_for(log, scen);
	return p != log->read_as ? p : NULL;
}

int replay_read_file(const char *path, const struct scenario *scen, struct replay_log *log,
		     char *err, size_t errlen)
{
	const struct slm_profile *p;

	if (log_parse_file(path, log, err, errlen))
		return -1;
	if (!(p = read_again_as(log, scen)))
		return 0;
	log_free(log);
	return log_parse_file_as(path, p, log, err, errlen);
}

void replay_read_buffer(const char *buf, size_t len, const char *name,
			const struct scenario *scen, struct replay_log *log)
{
	const struct slm_profile *p;

	log_parse_buffer(buf, len, name, log);
	if (!(p = read_again_as(log, scen)))
		return;
	log_free(log);
	log_parse_buffer_as(buf, len, name, p, log);
}

int replay_prepare(const struct replay_log *log, struct scenario *scen, const char *certs,
		   struct prepared *p, struct strbuf *notes, char *err, size_t errlen)
{
	struct script *sc = calloc(1, sizeof(*sc));

	memset(p, 0, sizeof(*p));
	if (!sc) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	p->sc = sc;
	p->judge = log_judgeable(log, err, errlen);
	if (p->judge == JUDGE_NO_COMMAND || p->judge == JUDGE_NO_ANSWER)
		return 1;
	if (log->format != LOG_LINK_MONITOR)
		sb_appendf(notes, "  note: read as a %s%s\n", log_format_name(log->format),
			   log->timed ? "" : " without time stamps: the order is judged, not the timing");
	if (!log->timed)
		scenario_untimed(scen);
	for (size_t i = 0; i < log->nprobs; i++)
		sb_appendf(notes, "  note: line %d not placed (%s): %.80s\n", log->probs[i].line,
			   log->probs[i].why, log->probs[i].text);
	if (choose_profile(log, scen, notes, err, errlen))
		return -1;
	record_firmware(log, scen, notes);
	if (script_build(sc, log, scen, certs, err, errlen))
		return -1;
	world_infer(p->sc, scen, &p->world);
	peer_plan_build(&p->plan, p->sc, &p->world);
	return 0;
}

void prepared_free(struct prepared *p)
{
	peer_plan_free(&p->plan);
	world_free(&p->world);
	if (p->sc)
		script_free((struct script *)p->sc);	/* built here, freed here */
	free((void *)p->sc);
	p->sc = NULL;
}
