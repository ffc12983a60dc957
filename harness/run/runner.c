#include "runner.h"

#include "clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "at_parser.h"
#include "broker_proc.h"
#include "cmd_table.h"
#include "fill.h"
#include "keygen_cert.h"
#include "match.h"
#include "sim_log.h"

struct run {
	struct target *t;
	const struct script *sc;
	const struct scenario *s;
	struct result *r;
	int64_t base;		/* target time of the log's t0 */
	size_t next_send;	/* steps before this index have been sent/handled */
	int broker_port;	/* where other clients publish; 0: none */
	const char *certs;	/* the replay's PKI */
	size_t unanswered_from;	/* unanswered commands before this one are closed */
	int cur_got;		/* the target's line being judged (in the result's got); -1 */
	bool failed;
	const struct run_opts *o;
	int64_t released;	/* the peers' answers due by this log time have been let go */
};

static void tr(struct run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tr(struct run *run, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vappendf(&run->r->transcript, fmt, ap);
	va_end(ap);
}

static void clock_str(int64_t log_ms, char *buf, size_t len)
{
	char full[32];

	slog_format_time(log_ms, full, sizeof(full));
	snprintf(buf, len, "%.12s", full + 11);	/* HH:MM:SS.mmm */
}


static int64_t to_log(struct run *run, int64_t target_ms)
{
	return target_ms - run->base + run->sc->t0;
}

static int64_t to_target(struct run *run, int64_t log_ms)
{
	return log_ms - run->sc->t0 + run->base;
}

static void differs(struct run *run, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void differs(struct run *run, const char *fmt, ...)
{
	va_list ap;

	if (run->failed)
		return;
	result_differs_at(run->r, run->sc, run->cur_got);
	va_start(ap, fmt);
	vsnprintf(run->r->summary, sizeof(run->r->summary), fmt, ap);
	va_end(ap);
	run->r->verdict = VERDICT_DIFFERS;
	run->failed = true;
	tr(run, "  !! %s\n", run->r->summary);
}

static bool sent(const struct run *run, int cause)
{
	return cause < 0 || (size_t)cause < run->next_send;
}

/* The runner's own record of a step: the script is only read. */
static struct step_run *rec(struct run *run, const struct step *st)
{
	return &run->r->steps[st - run->sc->steps];
}

/* The line is the step's, when it says the same: mark it matched. */
static bool take(struct run *run, const struct step *st, const struct out_line *l, int64_t lt,
		 const char *when)
{
	if (!line_matches(st->ev->text, l->text) && !(st->alt && line_matches(st->alt, l->text)) &&
	    !(st->fresh && fresh_matches(st->ev->text, l->text)))
		return false;
	rec(run, st)->matched = true;
	rec(run, st)->got_at = lt;
	result_got_mark(run->r, GOT_MATCHED, (int)(st - run->sc->steps));
	if (st->fresh && !rec(run, st)->got)
		rec(run, st)->got = strdup(l->text);
	tr(run, "  %s  << %s\n", when, l->text);
	return true;
}

/* Some SLM generation has a row for the command: a profile without it
 * answers ERROR as that generation does, which is the modem's answer. */
static bool some_generation_has(const struct at_cmd *cmd)
{
	for (const struct slm_profile *const *p = slm_profile_all(); cmd && *p; p++)
		if (at_cmd_find(*p, cmd->name))
			return true;
	return false;
}

/* The pending command is one slmsim does not emulate and it answered
 * ERROR: its logged answer is taken as it is (no verdict on the modem). */
static bool not_emulated(struct run *run, const struct out_line *l, const char *when)
{
	const struct script *sc = run->sc;
	int cause = -1;

	if (!script_is_final(l->text) || strcmp(l->text, "ERROR"))
		return false;
	for (size_t i = 0; i < sc->n && cause < 0; i++)
		if (!run->r->steps[i].matched && (sc->steps[i].role == ROLE_RESPONSE ||
					      sc->steps[i].role == ROLE_FINAL))
			cause = sc->steps[i].cause;
	if (cause < 0 || !sent(run, cause) || !sc->steps[cause].facts || sc->steps[cause].facts->def ||
	    some_generation_has(sc->steps[cause].cmd))
		return false;
	for (size_t i = 0; i < sc->n; i++)
		if (sc->steps[i].cause == cause && sc->steps[i].role != ROLE_URC)
			run->r->steps[i].matched = true;
	run->r->not_emulated++;
	result_got_mark(run->r, GOT_NOT_EMULATED, -1);
	tr(run, "  %s  << %s   (not emulated: slmsim does not know %.40s; the log's answer is "
	   "taken as it is)\n", when, l->text, sc->steps[cause].send);
	return true;
}

/* The oldest command sent that the log shows no answer to and whose
 * answer has not come yet; NULL when none. */
static const struct step *open_unanswered(struct run *run)
{
	for (size_t i = run->unanswered_from; i < run->next_send; i++) {
		const struct step *st = &run->sc->steps[i];

		if (st->role == ROLE_SEND && st->unanswered && !rec(run, st)->matched)
			return st;
	}
	run->unanswered_from = run->next_send;
	return NULL;
}

/* A line nothing expects while a command the log shows no answer to is
 * open: its answer, taken without a verdict (its final result closes it);
 * on a log whose link showed nothing at all, the finding that it was dead. */
static bool unanswered_answer(struct run *run, const struct out_line *l, const char *when)
{
	const struct step *st = open_unanswered(run);

	if (!st)
		return false;
	tr(run, "  %s  << %s", when, l->text);
	if (run->sc->dead_link) {
		tr(run, "\n");
		differs(run, "log line %d: the log shows no line from the modem at all, yet the target "
			"answers '%s': the real link looked dead (check the wiring, the baud rate, flow "
			"control and the line termination)%s", st->ev->line, l->text,
			run->sc->dead_link_hint);
		return true;
	}
	tr(run, "   (the answer to log line %d, which the log does not show: not judged)\n",
	   st->ev->line);
	rec(run, st)->matched = script_is_final(l->text);
	return true;
}

/* Puts one line the target sent against what the log expects. */
static void match_line(struct run *run, struct out_line *l)
{
	const struct script *sc = run->sc;
	int64_t lt = to_log(run, l->t);
	char when[16];

	run->cur_got = result_got(run->r, lt, l->text);
	clock_str(lt, when, sizeof(when));
	/* The pending command's next response line, in order. */
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (rec(run, st)->matched || (st->role != ROLE_RESPONSE && st->role != ROLE_FINAL))
			continue;
		if (!sent(run, st->cause))
			break;
		if (take(run, st, l, lt, when)) {
			/* Answers come in order: commands before this one are done. */
			if (st->role == ROLE_FINAL && (size_t)st->cause > run->unanswered_from)
				run->unanswered_from = (size_t)st->cause;
			return;
		}
		break;	/* responses come in order: only the first unmatched one counts */
	}
	/* A URC: after its cause, within the window of its log time. */
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];
		int64_t d;

		if (rec(run, st)->matched || st->role == ROLE_SEND || st->role == ROLE_RESPONSE ||
		    st->role == ROLE_FINAL || !sent(run, st->cause))
			continue;
		d = lt - st->ev->t_ms;
		if (d < -run->s->urc_window_ms || d > run->s->urc_window_ms)
			continue;
		if (take(run, st, l, lt, when))
			return;
	}
	if (unanswered_answer(run, l, when) || not_emulated(run, l, when))
		return;
	for (size_t k = 0; k < run->s->n_tolerate; k++) {
		if (!strncmp(l->text, run->s->tolerate[k], strlen(run->s->tolerate[k]))) {
			tr(run, "  %s  << %s   (tolerated by rule '%s')\n", when, l->text, run->s->tolerate[k]);
			result_got_mark(run->r, GOT_TOLERATED, -1);
			return;
		}
	}
	/* Nothing expects it: name what was expected next. */
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (rec(run, st)->matched || st->role == ROLE_SEND || st->optional || rec(run, st)->optional)
			continue;
		char want[16];

		clock_str(st->ev->t_ms, want, sizeof(want));
		tr(run, "  %s  << %s\n", when, l->text);
		differs(run, "log line %d: expected '%s' (logged at %s), got '%s' at %s", st->ev->line,
			st->ev->text, want, l->text, when);
		return;
	}
	tr(run, "  %s  << %s\n", when, l->text);
	differs(run, "unexpected '%s' at %s after everything the log shows", l->text, when);
}

static void drain(struct run *run)
{
	struct out_line *l;

	while (!run->failed && (l = target_next_line(run->t))) {
		match_line(run, l);
		run->cur_got = -1;
	}
}

static void advance_to(struct run *run, int64_t log_t, const struct step *stop)
{
	int64_t until = to_target(run, log_t);

	drain(run);
	while (!run->failed && !(stop && rec(run, stop)->matched) && run->t->now(run->t) < until) {
		run->t->advance(run->t, until);
		drain(run);
	}
}

/* Runs the target to log time T, judging every line on the way; stops
 * early when stop (if any) is matched.  On the way, at each log time a
 * socket peer's answer is due, the peer is told and its bytes let in
 * without the clock moving (they arrive in real time). */
static void run_to(struct run *run, int64_t log_t, const struct step *stop)
{
	for (;;) {
		int64_t due = run->o->plan ? peer_plan_next_at(run->o->plan, run->released) : INT64_MAX;

		advance_to(run, due < log_t ? due : log_t, stop);
		if (due > log_t || run->failed || (stop && rec(run, stop)->matched) ||
		    run->t->now(run->t) < to_target(run, due))
			return;
		run->released = due;
		sock_peer_release(run->o->peer, due);
		if (run->t->settle)
			run->t->settle(run->t, 2000);
	}
}

static double wall_now(void)
{
	return (double)clock_mono_ms() / 1000.0;
}

/* What another client does at the step's log time: publish the message the
 * log shows arriving, or take the session over; false when the step came
 * (or the run failed) before. */
static bool broker_side(struct run *run, const struct step *st)
{
	int rc = -1;

	run_to(run, st->ev->t_ms, NULL);
	if (rec(run, st)->matched || run->failed)
		return false;
	if (run->broker_port)
		rc = st->inject ? broker_publish(run->broker_port, st->topic, st->payload)
				: broker_takeover(run->broker_port, st->client_id);
	if (rc)
		tr(run, "       (no broker for what the log shows another client doing)\n");
	else if (st->inject)
		tr(run, "       (another client publishes on '%s' at its log time)\n", st->topic);
	else
		tr(run, "       (another client connects as '%s': the broker drops the session)\n",
		   st->client_id);
	/* Real I/O arrives without the clock moving on. */
	if (!rc && run->t->settle)
		run->t->settle(run->t, 2000);
	return true;
}

/* A step the runner causes itself (a command, a boot, a network event);
 * false when nothing more is to be done for it. */
static bool cause_step(struct run *run, size_t i)
{
	struct target *t = run->t;
	const struct step *st = &run->sc->steps[i];
	const char *send, *note;
	char when[16];

	if (st->role == ROLE_SEND) {
		run_to(run, st->ev->t_ms, NULL);
		if (run->failed)
			return false;
		if (st->csr_from >= 0)
			rec(run, st)->send = keygen_cert_issue(run->sc, st, run->r->steps, run->certs,
							       rec(run, st)->note,
							       sizeof(rec(run, st)->note));
		send = rec(run, st)->send ? rec(run, st)->send : st->send;
		note = rec(run, st)->send ? rec(run, st)->note : st->note;
		clock_str(st->ev->t_ms, when, sizeof(when));
		tr(run, "  %s  >> %.*s%s\n", when, (int)strcspn(send, "\n"), send,
		   strchr(send, '\n') ? " ..." : "");
		if (note[0])
			tr(run, "       (%s)\n", note);
		if (st->unanswered) {
			tr(run, "       (log line %d: the log shows no answer%s)\n", st->ev->line,
			   st->ev->timed_out ? ": the tool that wrote it timed out waiting" : "");
			run->r->unanswered++;
		}
		t->send(t, send, strlen(send));
		if (!st->raw)
			t->send(t, "\r\n", 2);
		run->next_send = i + 1;
		return false;
	}
	if (st->role == ROLE_BOOT && !rec(run, st)->matched) {
		if (!t->can_boot) {
			rec(run, st)->optional = true;
			return false;
		}
		run_to(run, st->ev->t_ms, NULL);
		t->boot(t);
	}
	if ((st->inject || st->takeover) && !rec(run, st)->matched && !broker_side(run, st))
		return false;
	if (st->role == ROLE_NET_EVENT && !rec(run, st)->matched) {
		if (!t->can_drive_net) {
			rec(run, st)->optional = true;
			tr(run, "       (tolerated: '%s' is a network event this target cannot be "
			   "driven to; it may or may not appear)\n", st->ev->text);
			return false;
		}
		run_to(run, st->ev->t_ms, NULL);
		if (!rec(run, st)->matched && !run->failed) {
			tr(run, "       (network event driven at its log time: stat %d)\n", st->net_stat);
			t->drive_net(t, st->net_stat);
		}
	}
	return true;
}

static void run_step(struct run *run, size_t i)
{
	const struct step *st = &run->sc->steps[i];
	int64_t window;
	char when[16];

	if (!cause_step(run, i) || rec(run, st)->matched || run->failed)
		return;
	window = (st->role == ROLE_RESPONSE || st->role == ROLE_FINAL) ?
		 run->s->response_window_ms : run->s->urc_window_ms;
	run_to(run, st->ev->t_ms + window, st);
	if (!rec(run, st)->matched && !run->failed && !st->optional && !rec(run, st)->optional) {
		clock_str(st->ev->t_ms, when, sizeof(when));
		differs(run, "log line %d: expected '%s' (logged at %s); nothing came within %lld s",
			st->ev->line, st->ev->text, when, (long long)(window / 1000));
	}
}

/* After the last step: the explanations, timing notes, and the reasons a
 * scenario expects. */
static void conclude(struct run *run, size_t why_seen)
{
	struct target *t = run->t;
	const struct script *sc = run->sc;
	struct result *r = run->r;
	char when[16];

	for (; why_seen < t->nwhys; why_seen++)
		tr(run, "       why: %s\n", t->whys[why_seen].text);
	for (size_t i = 0; i < t->nwhys; i++) {
		sb_appendf(&r->why, "%s\n", t->whys[i].text);
		result_why(r, to_log(run, t->whys[i].t), t->whys[i].text);
	}
	/* Timing notes: a final that came much earlier than logged. */
	for (size_t i = 0; i < sc->n && !run->failed; i++) {
		const struct step *st = &sc->steps[i];

		const struct step_run *sr = &run->r->steps[i];

		if (st->role == ROLE_FINAL && sr->matched && st->ev->t_ms - sr->got_at > 60000) {
			clock_str(st->ev->t_ms, when, sizeof(when));
			tr(run, "  note: '%s' (log line %d) came %lld s earlier than the log's %s: the "
			   "emulator fails as fast as the handshake does (the log's wait is not modelled "
			   "unless a fault asks for it)\n", st->ev->text, st->ev->line,
			   (long long)((st->ev->t_ms - sr->got_at) / 1000), when);
		}
	}
	for (size_t k = 0; k < run->s->n_expect_why && !run->failed; k++)
		if (!strstr(r->why.data ? r->why.data : "", run->s->expect_why[k]))
			differs(run, "the scenario expects the explanation '%s', which the emulator did "
				"not log", run->s->expect_why[k]);
}

void run_script(struct target *t, const struct script *sc, const struct world *wd,
		const struct scenario *s, const struct run_opts *o, struct result *r)
{
	struct run run = { .t = t, .sc = sc, .s = s, .r = r, .broker_port = o->broker_port,
			   .certs = o->certs_dir, .cur_got = -1, .o = o };
	double w0 = wall_now();
	size_t why_seen = 0;

	r->verdict = VERDICT_PASS;
	r->steps = calloc(sc->n ? sc->n : 1, sizeof(*r->steps));
	r->n_steps = r->steps ? sc->n : 0;
	r->modem_only = sc->modem_only;
	r->diff_step = r->diff_got = -1;
	for (size_t i = 0; i < sc->n_notes; i++)
		tr(&run, "  note: %s\n", sc->notes[i]);
	for (size_t i = 0; i < wd->n_notes; i++)
		tr(&run, "  note: %s\n", wd->notes[i]);
	if (sc->n && sc->steps[sc->n - 1].ev)
		r->log_span_ms = sc->steps[sc->n - 1].ev->t_ms - sc->t0;
	if (run_preamble(t, sc, wd, run.s, o, r)) {
		r->verdict = VERDICT_ERROR;
		tr(&run, "  !! %s\n", r->summary);
		r->wall_s = wall_now() - w0;
		return;
	}
	run.base = t->now(t);
	/* The log's own times are wall-clock times: the modem's clock shows
	 * them too (made-up times of a capture are no dates). */
	if (t->set_wall && sc->t0 > LOG_DATED_MS)
		t->set_wall(t, sc->t0);
	for (size_t i = 0; i < sc->n && !run.failed; i++) {
		/* Explanations logged so far go next to the steps they explain. */
		for (; why_seen < t->nwhys; why_seen++)
			tr(&run, "       why: %s\n", t->whys[why_seen].text);
		run_step(&run, i);
	}
	/* A dead link's last command: what the target answers is the finding. */
	if (sc->dead_link && sc->n && !run.failed)
		run_to(&run, sc->steps[sc->n - 1].ev->t_ms + s->response_window_ms, NULL);
	drain(&run);
	r->steps_run = (int)run.next_send;
	conclude(&run, why_seen);
	r->wall_s = wall_now() - w0;
}
