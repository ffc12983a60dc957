/* The page of one replay: verdict, reason, the emulator's explanations and
 * the world the log implies at the top; then one time line, a row per log
 * event with what the target was sent or answered beside it, and rows for
 * what the target said that no log line asked for.  The first difference
 * is the tbody with id="first-difference", its reason inside. */
#include "report_html.h"

#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sim_log.h"

struct page {
	FILE *f;
	const struct result *r;
	const struct replay_log *log;
	const struct script *sc;
	int *got_of;		/* per step: the target's line that answered it; -1 */
	bool differs;
};

/* A step's target-side state, for its mark and class. */
enum side { S_NONE, S_OK, S_SENT, S_UNSENT, S_TOLERATED, S_MISSING, S_EXPECTED, S_UNREACHED };

static const char *const side_mark[] = {
	[S_NONE] = "", [S_OK] = "ok", [S_SENT] = "sent", [S_UNSENT] = "not sent",
	[S_TOLERATED] = "tolerated", [S_MISSING] = "differs", [S_EXPECTED] = "expected",
	[S_UNREACHED] = "not reached",
};
static const char *const side_class[] = {
	[S_NONE] = "m-none", [S_OK] = "m-ok", [S_SENT] = "m-sent", [S_UNSENT] = "m-none",
	[S_TOLERATED] = "m-tol", [S_MISSING] = "m-diff", [S_EXPECTED] = "m-diff",
	[S_UNREACHED] = "m-none",
};

static const char *role_name(enum step_role role)
{
	static const char *const names[] = {
		[ROLE_SEND] = "command", [ROLE_RESPONSE] = "answer", [ROLE_FINAL] = "result",
		[ROLE_URC] = "URC", [ROLE_NET_EVENT] = "network", [ROLE_BOOT] = "boot",
	};

	return names[role];
}

static enum side side_of(const struct page *pg, int k)
{
	const struct step *st;

	if (!pg->sc || k < 0)
		return S_NONE;
	st = &pg->sc->steps[k];
	if (st->role == ROLE_SEND)
		return k < pg->r->steps_run ? S_SENT : S_UNSENT;
	if (result_step(pg->r, (size_t)k) && result_step(pg->r, (size_t)k)->matched)
		return S_OK;
	if (pg->differs && k == pg->r->diff_step)
		return pg->r->diff_got >= 0 ? S_EXPECTED : S_MISSING;
	if (result_step_optional(pg->r, pg->sc, (size_t)k) && pg->r->verdict == VERDICT_PASS)
		return S_TOLERATED;
	return S_UNREACHED;
}

/* "+2.5 s", "-36 min 20 s": how far the target's time is from the log's. */
static void delta(FILE *f, int64_t d)
{
	char buf[48];

	if (d > -1000 && d < 1000) {
		fprintf(f, "%+lld ms", (long long)d);
		return;
	}
	report_duration(d < 0 ? -d : d, buf, sizeof(buf));
	fprintf(f, "%s%s", d < 0 ? "&minus;" : "+", buf);
}

static void target_time(struct page *pg, int64_t log_t, int gi)
{
	const struct got_line *g = &pg->r->got[gi];
	char when[16];

	bool far = g->t_ms - log_t >= 1000 || log_t - g->t_ms >= 1000;

	/* Answers a few ms off the log's are the usual: only a second or more
	 * is worth a look. */
	html_clock(g->t_ms, when, sizeof(when));
	fprintf(pg->f, "<td class=\"t%s\">%s", far ? " late" : "", when);
	if (far) {
		fputs("<br>", pg->f);
		delta(pg->f, g->t_ms - log_t);
	}
	fputs("</td>", pg->f);
}

/* What the target was sent for a command: as logged, or as filled. */
static void sent_cell(struct page *pg, int k, enum side s)
{
	const struct step *st = &pg->sc->steps[k];
	const struct step_run *sr = result_step(pg->r, (size_t)k);
	const char *send = sr && sr->send ? sr->send : st->send;
	const char *note = sr && sr->send ? sr->note : st->note;
	FILE *f = pg->f;

	if (s == S_UNSENT) {
		fputs("<span class=\"fill\">not sent: the replay stopped at the first difference"
		      "</span>", f);
		return;
	}
	if (!send || !strcmp(send, st->ev->text)) {
		fputs("<span class=\"fill\">sent as logged</span>", f);
	} else {
		fputs("<span class=\"dir\">&gt;&gt;</span>", f);
		html_block(f, send);
	}
	if (note[0]) {
		fputs("<div class=\"fill\">", f);
		html_text(f, note);
		fputs("</div>", f);
	}
}

/* The target's side of a log row: what it was sent or answered, when, mark. */
static void target_cells(struct page *pg, int k, enum side s)
{
	FILE *f = pg->f;
	const struct step *st = k >= 0 && pg->sc ? &pg->sc->steps[k] : NULL;
	int gi = st ? pg->got_of[k] : -1;

	fputs("<td class=\"tgt\">", f);
	if (st && st->role == ROLE_SEND) {
		sent_cell(pg, k, s);
	} else if (gi >= 0) {
		fputs("<span class=\"dir\">&lt;&lt;</span>", f);
		html_block(f, pg->r->got[gi].text);
		if (st->inject || st->takeover || st->role == ROLE_NET_EVENT)
			fprintf(f, "<div class=\"fill\">%s at its log time</div>",
				st->role == ROLE_NET_EVENT ? "the network was driven" :
				st->inject ? "another client published" : "another client took the session");
	} else if (s == S_MISSING) {
		fputs("<span class=\"diff-reason\">nothing came</span>", f);
	} else if (s == S_EXPECTED) {
		fputs("<span class=\"diff-reason\">something else came first</span>", f);
	} else if (s == S_TOLERATED) {
		fputs("<span class=\"fill\">did not come (tolerated)</span>", f);
	}
	fputs("</td>", f);
	if (gi >= 0)
		target_time(pg, st->ev->t_ms, gi);
	else
		fputs("<td class=\"t\"></td>", f);
	fprintf(f, "<td class=\"mark %s\">%s</td>", side_class[s], side_mark[s]);
}

static void diff_open(struct page *pg)
{
	fputs("</tbody>\n<tbody id=\"first-difference\">\n", pg->f);
}

/* The reason row of the first difference: the runner's words, then what
 * was expected and what came. */
static void diff_close(struct page *pg)
{
	FILE *f = pg->f;
	const struct result *r = pg->r;
	char when[16];

	fputs("<tr class=\"why-row\"><td colspan=\"7\"><span class=\"diff-reason\">First "
	      "difference:</span> <span class=\"reason-text\">", f);
	html_text(f, r->summary);
	fputs("</span>", f);
	if (r->diff_step >= 0 && pg->sc) {
		const struct log_event *ev = pg->sc->steps[r->diff_step].ev;

		html_clock(ev->t_ms, when, sizeof(when));
		fprintf(f, "<br>expected (<a href=\"#L%d\">log line %d</a>, %s): ", ev->line,
			ev->line, when);
		html_block(f, ev->text);
	}
	if (r->diff_got >= 0) {
		html_clock(r->got[r->diff_got].t_ms, when, sizeof(when));
		fprintf(f, "<br>got (%s): ", when);
		html_block(f, r->got[r->diff_got].text);
	} else if (r->diff_step >= 0) {
		fputs("<br>got: nothing within the step's window", f);
	}
	fputs("</td></tr>\n</tbody>\n<tbody>\n", f);
}

static void event_row(struct page *pg, const struct log_event *ev, int k)
{
	FILE *f = pg->f;
	enum side s = side_of(pg, k);
	bool marked = s == S_MISSING;
	char when[16];

	if (marked)
		diff_open(pg);
	html_clock(ev->t_ms, when, sizeof(when));
	fprintf(f, "<tr id=\"L%d\" class=\"%s\"><td class=\"t\">%s</td><td class=\"ln\">%d</td>"
		"<td class=\"role\">%s</td><td class=\"log\">", ev->line,
		s == S_UNREACHED || s == S_UNSENT ? "unreached" : s == S_EXPECTED ? "expected" : "",
		when, ev->line, k >= 0 && pg->sc ? role_name(pg->sc->steps[k].role) :
		ev->kind == EV_NOTE ? "tool note" : "");
	if (ev->kind != EV_NOTE)
		fprintf(f, "<span class=\"dir\">%s</span>", ev->kind == EV_SEND ? "&gt;&gt;" : "&lt;&lt;");
	html_block(f, ev->text);
	fputs("</td>", f);
	target_cells(pg, k, s);
	fputs("</tr>\n", f);
	if (marked)
		diff_close(pg);
}

/* A line the target said that no log line asked for, or an explanation. */
static void extra_row(struct page *pg, int gi)
{
	static const char *const kinds[] = {
		[GOT_TAKEN] = "not judged", [GOT_MATCHED] = "", [GOT_TOLERATED] = "tolerated",
		[GOT_NOT_EMULATED] = "not emulated", [GOT_UNEXPECTED] = "unexpected",
		[GOT_WHY] = "why",
	};
	FILE *f = pg->f;
	const struct got_line *g = &pg->r->got[gi];
	bool marked = pg->differs && gi == pg->r->diff_got;
	char when[16];

	if (marked)
		diff_open(pg);
	html_clock(g->t_ms, when, sizeof(when));
	fprintf(f, "<tr class=\"%s\"><td class=\"t\">%s</td><td class=\"ln\"></td>"
		"<td class=\"role\">%s</td><td class=\"log\"></td><td class=\"tgt\">",
		g->kind == GOT_WHY ? "why" : "extra", when, g->kind == GOT_WHY ? "explains" : "");
	if (g->kind == GOT_WHY)
		fputs("why: ", f);
	else
		fputs("<span class=\"dir\">&lt;&lt;</span>", f);
	html_block(f, g->text);
	fprintf(f, "</td><td class=\"t\"></td><td class=\"mark %s\">%s</td></tr>\n",
		g->kind == GOT_UNEXPECTED ? "m-diff" : g->kind == GOT_TOLERATED ||
		g->kind == GOT_NOT_EMULATED ? "m-tol" : "m-none",
		kinds[g->kind]);
	if (marked)
		diff_close(pg);
}

struct extra {
	int64_t t;
	int rank;	/* an explanation before the line it explains */
	int gi;
};

static int by_time(const void *a, const void *b)
{
	const struct extra *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank - y->rank;
	return x->gi - y->gi;
}

/* The target's lines no step took, in time order. */
static struct extra *extras(const struct result *r, size_t *n)
{
	struct extra *x = calloc(r->n_got + 1, sizeof(*x));

	*n = 0;
	for (size_t i = 0; i < r->n_got; i++)
		if (r->got[i].kind != GOT_MATCHED)
			x[(*n)++] = (struct extra){ r->got[i].t_ms, r->got[i].kind != GOT_WHY, (int)i };
	qsort(x, *n, sizeof(*x), by_time);
	return x;
}

static void timeline(struct page *pg)
{
	FILE *f = pg->f;
	size_t nx, j = 0, k = 0;
	struct extra *x = extras(pg->r, &nx);

	fprintf(f, "<h2>Time line</h2>\n<table class=\"tl\">\n<thead><tr><th>%s</th><th>line</th>"
		"<th></th><th>the log shows</th><th>the target</th><th>target at</th><th></th>"
		"</tr></thead>\n<tbody>\n", !pg->log || pg->log->timed ? "time" :
		"order (no time stamps)");
	for (size_t i = 0; pg->log && i < pg->log->nev; i++) {
		const struct log_event *ev = &pg->log->ev[i];
		int step = -1;

		/* A line the target said goes before the first log event after it. */
		while (j < nx && x[j].t < ev->t_ms)
			extra_row(pg, x[j++].gi);
		if (pg->sc && k < pg->sc->n && pg->sc->steps[k].ev == ev)
			step = (int)k++;
		event_row(pg, ev, step);
	}
	while (j < nx)
		extra_row(pg, x[j++].gi);
	/* A difference no row shows (an explanation the scenario expects). */
	if (pg->differs && pg->r->diff_step < 0 && pg->r->diff_got < 0) {
		diff_open(pg);
		diff_close(pg);
	}
	fputs("</tbody>\n</table>\n", f);
	free(x);
}

/* The header: name, verdict, reason, what ran against what. */
static void header(struct page *pg)
{
	FILE *f = pg->f;
	const struct result *r = pg->r;
	char span[48];

	fputs("<h1>", f);
	html_text(f, r->name);
	fprintf(f, " <span class=\"verdict v-%s\">%s</span></h1>\n", verdict_name(r->verdict),
		verdict_name(r->verdict));
	if (r->verdict == VERDICT_PASS) {
		fputs("<p>The target behaves as the log shows: for a bug report, reproduced.</p>\n", f);
	} else {
		fputs("<p class=\"reason\">", f);
		html_text(f, r->summary);
		fputs(pg->differs ? " <a href=\"#first-difference\">(to the first difference)</a>" : "",
		      f);
		fputs("</p>\n", f);
	}
	report_duration(r->log_span_ms, span, sizeof(span));
	fputs("<table class=\"facts\">\n<tr><td>log</td><td>", f);
	html_text(f, r->path);
	if (pg->log && pg->log->nev && pg->log->timed && pg->log->ev[0].t_ms > LOG_DATED_MS) {
		char full[32];

		slog_format_time(pg->log->ev[0].t_ms, full, sizeof(full));
		fprintf(f, ", from %.10s %.12s UTC", full, full + 11);
	}
	fputs("</td></tr>\n", f);
	if (r->read[0]) {
		fputs("<tr><td>read</td><td>", f);
		html_text(f, r->read);
		fputs("</td></tr>\n", f);
	}
	fputs("<tr><td>target</td><td>", f);
	html_text(f, r->target);
	fprintf(f, "</td></tr>\n<tr><td>span</td><td>%s of log, replayed in %.2f s</td></tr>\n",
		span, r->wall_s);
	if (r->not_emulated)
		fprintf(f, "<tr><td>not emulated</td><td>%d command(s) slmsim does not emulate were "
			"taken as logged</td></tr>\n", r->not_emulated);
	fputs("</table>\n", f);
}

int report_html_page(FILE *f, const struct html_replay *h)
{
	struct page pg = { .f = f, .r = h->r, .log = h->log, .sc = h->sc,
			   .differs = h->r->verdict == VERDICT_DIFFERS };
	char title[300];

	if (pg.sc && !pg.sc->n)
		pg.sc = NULL;
	if (pg.sc) {
		pg.got_of = malloc(pg.sc->n * sizeof(int));
		for (size_t k = 0; k < pg.sc->n; k++)
			pg.got_of[k] = -1;
		for (size_t i = 0; i < h->r->n_got; i++)
			if (h->r->got[i].kind == GOT_MATCHED && h->r->got[i].step >= 0)
				pg.got_of[h->r->got[i].step] = (int)i;
	}
	snprintf(title, sizeof(title), "%s: %s (slmreplay)", h->r->name,
		 verdict_name(h->r->verdict));
	html_head(f, title);
	header(&pg);
	report_html_world(f, h->r, h->scen);
	timeline(&pg);
	fputs("</body>\n</html>\n", f);
	free(pg.got_of);
	return ferror(f) ? -1 : 0;
}
