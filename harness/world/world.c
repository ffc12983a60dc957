/* The world a log reveals: one table says which field of which response
 * line fills which configuration key of the emulated modem and network.
 * The first value a log shows wins; a scenario's own settings win over
 * everything. */
#include "world.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "rsp_table.h"
#include "world_reveals.h"

#define MAX_FIELDS 20

/* The walk through the steps: what it has seen so far. */
struct scan {
	const struct script *sc;
	struct world *wd;
	struct scenario *s;
	char applied[64][40];
	size_t n_applied;
	bool cfun_set;		/* an AT+CFUN=<n> came before */
	bool reg_known;		/* the registration at the start is decided */
	bool sysmode_seen;
	bool registered;	/* as far as the log has shown */
	bool attached;		/* registered once since the log began */
	uint32_t written[64];	/* sec_tag << 4 | type the log wrote so far */
	size_t n_written;
	int act;
};

/* Fields after "PREFIX: ", quotes removed; commas inside quotes kept. */
static int split(const char *s, char f[MAX_FIELDS][80])
{
	int n = 0;
	size_t k = 0;
	bool q = false;

	f[0][0] = '\0';
	for (; *s && n < MAX_FIELDS; s++) {
		if (*s == '"') {
			q = !q;
		} else if (*s == ',' && !q) {
			f[n++][k] = '\0';
			k = 0;
			if (n < MAX_FIELDS)
				f[n][0] = '\0';
		} else if (k + 1 < 80) {
			f[n][k++] = *s;
		}
	}
	if (n < MAX_FIELDS)
		f[n++][k] = '\0';
	return n;
}

static bool masked(const char *v)
{
	return strstr(v, "xx") || strstr(v, "XX") || strchr(v, '*');
}

static bool taken(const struct scan *w, const char *key)
{
	for (size_t i = 0; i < w->n_applied; i++)
		if (!strcmp(w->applied[i], key))
			return true;
	return false;
}

/* Sets section.key = v unless the scenario or an earlier line did. */
static void apply(struct scan *w, const char *key, const char *v, int line)
{
	char sec[16], err[200];
	const char *dot = strchr(key, '.');

	if (!*v || masked(v) || taken(w, key) || scenario_sets(w->s, key) || w->n_applied == 64)
		return;
	snprintf(sec, sizeof(sec), "%.*s", (int)(dot - key), key);
	if (config_set(&w->s->cfg, sec, dot + 1, v, err, sizeof(err))) {
		world_note(w->wd, "log line %d shows %s '%s', which the emulator cannot take: %s",
			    line, key, v, err);
		return;
	}
	snprintf(w->applied[w->n_applied++], sizeof(w->applied[0]), "%s", key);
	if (line)
		world_note(w->wd, "log line %d: %s = %s", line, key, v);
	else
		world_note(w->wd, "%s = %s (the log's AcT needs it)", key, v);
	if (!strcmp(key, "network.act"))
		w->act = atoi(v);
	if (!strcmp(key, "network.active_time")) {
		apply(w, "network.psm", "1", line);
		apply(w, "modem.psm_requested", "1", line);
	}
}

/* "<type>,<protocol>" of a socket opener's answer: 1 with TCP (6) or TLS
 * (258), 2 with UDP (17) or DTLS (273).  The read form's
 * "<family>,<role>" never pairs so. */
static bool opener_answer(const char *type, const char *proto)
{
	int t = atoi(type), p = atoi(proto);

	return (t == 1 && (p == 6 || p == 258)) || (t == 2 && (p == 17 || p == 273));
}

/* A modem line split by its shape. */
struct shaped {
	const struct at_rsp *rsp;	/* NULL: a shape the table does not know */
	char f[MAX_FIELDS][80];
	int nf;
};

/* Field name of the line; NULL when its shape has none or the line ends
 * before it. */
static const char *field(const struct shaped *l, const char *name)
{
	int i = l->rsp ? at_rsp_field_index(l->rsp, name) : -1;

	return i >= 0 && i < l->nf ? l->f[i] : NULL;
}

static bool is_field(const struct shaped *l, const char *name, const char *v)
{
	const char *f = field(l, name);

	return f && !strcmp(f, v);
}

/* Of the family of r: the same prefix (+CEREG's URC and its read). */
static bool family(const struct shaped *l, const struct at_rsp *r)
{
	return l->rsp && (l->rsp == r || (r->prefix[0] && !strcmp(l->rsp->prefix, r->prefix)));
}

/* +CCLK's "yy/MM/dd,hh:mm:ss+zz": the zone in quarter hours. */
static bool tz_quarters(const char *v, char *out, size_t len)
{
	const char *z = strpbrk(v, "+-");

	if (!z || strlen(z) > 3)
		return false;
	snprintf(out, len, "%d", atoi(z));
	return true;
}

static void apply_field(struct scan *w, const struct reveal *r, const struct shaped *l, int line)
{
	const char *v = field(l, r->field);
	char out[88];

	if (!v)
		return;
	switch (r->kind) {
	case W_STAT:
		if (!strcmp(v, "1") || !strcmp(v, "5"))
			apply(w, r->key, v[0] == '1' ? "home" : "roaming", line);
		return;
	case W_TIMER:
		/* Active-Time "deactivated": the modem has no PSM in force. */
		if (strcmp(v, "11100000"))
			apply(w, r->key, v, line);
		else if (!strcmp(r->key, "network.active_time"))
			apply(w, "network.psm", "0", line);
		return;
	case W_CID0:
	case W_CID0_IDLE:
	case W_CID0_UP:
		if (is_field(l, "cid", "0") &&
		    (r->kind == W_CID0 || w->registered == (r->kind == W_CID0_UP)))
			apply(w, r->key, v, line);
		return;
	case W_INDEX:
		if (strcmp(v, "255") && strcmp(v, "99"))
			apply(w, r->key, v, line);
		return;
	case W_TEXT:
		apply(w, r->key, v, line);
		return;
	case W_REJECT:
		if (is_field(l, "stat", "3") && strspn(v, "0123456789") == strlen(v))
			apply(w, r->key, v, line);
		return;
	case W_BAND:
		if (v[0] != '(' && strcmp(v, "0"))
			apply(w, r->key, v, line);
		return;
	case W_HANDLE:
		if (l->nf == 3 && opener_answer(field(l, "type"), field(l, "protocol")))
			apply(w, r->key, v, line);
		return;
	case W_TZ:
		if (tz_quarters(v, out, sizeof(out)))
			apply(w, r->key, out, line);
		return;
	case W_OPER:
		apply(w, is_field(l, "format", "0") ? "network.operator_long" :
		      is_field(l, "format", "1") ? "network.operator_short" : r->key, v, line);
		return;
	case W_CONEVAL:
		if (is_field(l, "result", "0"))
			apply(w, r->key, v, line);
		return;
	case W_HW_MODEL:
	case W_HW_REV:
		if (world_hwversion(v, r->kind == W_HW_REV, out, sizeof(out)))
			apply(w, r->key, out, line);
		return;
	case W_MFW:
		snprintf(out, sizeof(out), "mfw_%s", v);
		apply(w, r->key, out, line);
		return;
	case W_MFW_RELEASE:
		apply(w, r->key, world_mfw_release(v, out, sizeof(out)), line);
		return;
	case W_ADDR4:
	case W_ADDR6:
		if (is_field(l, "cid", "0") &&
		    world_pdp_addr(v, r->kind == W_ADDR6, out, sizeof(out)))
			apply(w, r->key, out, line);
		return;
	case W_EF_ICCID:
		if (is_field(l, "sw1", "144") && world_ef_iccid(v, out, sizeof(out)))
			apply(w, r->key, out, line);
		return;
	}
}

/* "+CFUN" of a step sending "AT+CFUN?", from its parsed command; "" for
 * none (no SEND, raw bytes, a line that does not parse). */
static const char *cmd_of(const struct step *st)
{
	return st->role == ROLE_SEND && st->cmd ? st->cmd->name : "";
}

static enum at_mode mode_of(const struct step *st)
{
	return st->cmd ? st->cmd->mode : AT_MODE_ACTION;
}

/* What the log's +CEREG and +CFUN lines say about the modem at the start. */
static void start_state(struct scan *w, const struct shaped *l, int line)
{
	const char *stat = family(l, &RSP_CEREG) ? field(l, "stat") : NULL;

	if (w->reg_known || w->cfun_set)
		return;
	if (stat) {
		w->reg_known = true;
		if ((!strcmp(stat, "1") || !strcmp(stat, "5")) && !w->wd->needs_registration) {
			w->wd->needs_registration = true;
			world_note(w->wd, "log line %d: registered before the log's first command: "
				    "the modem registers first", line);
		}
	}
	if (l->rsp == &RSP_CFUN && field(l, "fun") && w->wd->start_cfun < 0) {
		w->wd->start_cfun = atoi(field(l, "fun"));
		world_note(w->wd, "log line %d: the modem starts in +CFUN mode %d", line,
			    w->wd->start_cfun);
		if (w->wd->start_cfun == 1 || w->wd->start_cfun == 21) {
			w->wd->needs_registration = true;
		} else if (w->wd->needs_registration) {
			/* What the log shows wins over what its commands suggest. */
			w->wd->needs_registration = false;
			world_note(w->wd, "log line %d shows LTE off before any AT+CFUN=: the modem is "
				    "not registered first", line);
		}
	}
}

/* A line's shape: a URC's unless it is the response of the command it
 * answers (+CEREG's read has <n> first). */
static void shape_line(const struct step *st, const char *cmd, struct shaped *l)
{
	const char *text = st->ev->text;
	const struct at_rsp *urc = at_rsp_classify(text, NULL);

	l->rsp = urc && st->role != ROLE_RESPONSE ? urc : at_rsp_classify(text, cmd);
	l->nf = split(l->rsp ? at_rsp_values(l->rsp, text) : text, l->f);
}

static void sysmode_and_bands(struct scan *w, const struct step *st, const struct shaped *l)
{
	const char *text = st->ev->text;

	/* The test form's list, "(1,2,3,...)", is the modem's supported bands. */
	if (l->rsp == &RSP_XCBAND && at_rsp_values(l->rsp, text)[0] == '(') {
		char v[128];

		if (sscanf(at_rsp_values(l->rsp, text), "(%127[0-9,])", v) == 1)
			apply(w, "modem.bands", v, st->ev->line);
	}
	if (l->rsp == &RSP_XSYSTEMMODE && !w->sysmode_seen) {
		const char *nb = field(l, "nb_iot"), *gnss = field(l, "gnss");
		const char *pref = field(l, "preference");
		char v[4 * 80 + 4];

		w->sysmode_seen = true;
		snprintf(v, sizeof(v), "%s,%s,%s,%s", l->f[0], nb ? nb : "0", gnss ? gnss : "0",
			 pref ? pref : "0");
		apply(w, "modem.systemmode", v, st->ev->line);
	}
}

static void modem_line(struct scan *w, const struct step *st, const char *cmd)
{
	struct shaped l;
	const char *stat;

	shape_line(st, cmd, &l);
	start_state(w, &l, st->ev->line);
	if (family(&l, &RSP_CEREG) && (stat = field(&l, "stat")))
		w->registered = !strcmp(stat, "1") || !strcmp(stat, "5");
	/* Context 0 with an address: attached. */
	if (l.rsp == &RSP_CGDCONT && is_field(&l, "cid", "0") && field(&l, "pdp_addr") &&
	    field(&l, "pdp_addr")[0])
		w->registered = true;
	w->registered |= w->wd->needs_registration && !w->cfun_set;
	w->attached |= w->registered;
	sysmode_and_bands(w, st, &l);
	for (size_t i = 0; i < world_n_reveals; i++) {
		const struct reveal *r = &world_reveals[i];

		if (!family(&l, r->rsp))
			continue;
		if (!r->rsp->prefix[0] && (st->role != ROLE_RESPONSE || l.nf != 1))
			continue;
		apply_field(w, r, &l, st->ev->line);
	}
}

static bool wrote(const struct scan *w, uint32_t tag, unsigned type)
{
	for (size_t i = 0; i < w->n_written; i++)
		if (w->written[i] == (tag << 4 | type))
			return true;
	return false;
}

/* A credential the log writes: from then on, a listing of it says nothing
 * about the modem before the log. */
static void credential_write(struct scan *w, const struct at_cmd_facts *f)
{
	if (f && (f->cred_write || f->key_made) && w->n_written < 64)
		w->written[w->n_written++] = f->sec_tag << 4 | (unsigned)(f->key_made ? 2 : f->cred_type);
}

/* "%CMNG: <tag>,<type>,..." of a list or read the log shows before it wrote
 * that credential: the modem had it.  The set-up writes exactly those. */
static void credential_listed(struct scan *w, const char *text)
{
	struct world *wd = w->wd;
	int64_t tag, type;
	size_t i = 0;

	if (!at_rsp_int(&RSP_CMNG, text, "sec_tag", &tag) || !at_rsp_int(&RSP_CMNG, text, "type", &type) ||
	    type < 0 || type > 2 || tag < 0 || tag > UINT32_MAX || wrote(w, (uint32_t)tag, (unsigned)type))
		return;
	while (i < wd->n_unwritten && wd->unwritten_tags[i] != tag)
		i++;
	if (i == 16)
		return;
	if (i == wd->n_unwritten) {
		wd->unwritten_tags[wd->n_unwritten++] = (uint32_t)tag;
		wd->unwritten_types[i] = 0;
	}
	if (!(wd->unwritten_types[i] & (1u << type)))
		world_note(wd, "sec_tag %lld type %lld is listed before the log writes it: the modem had "
			    "it, so it is written first", (long long)tag, (long long)type);
	wd->unwritten_types[i] |= (uint8_t)(1u << type);
}

/* A read of the contexts before any attach: whether context 0 is listed
 * then (modem.idle_context; unconfirmed for mfw 1.3.x) is what it shows. */
static void idle_context(struct scan *w, size_t i, const char *cmd)
{
	const struct script *sc = w->sc;
	bool listed = false;
	int64_t cid;

	if (w->attached || (strcmp(cmd, RSP_CGDCONT.answers) && strcmp(cmd, RSP_CGACT.answers)) ||
	    (mode_of(&sc->steps[i]) != AT_MODE_READ && mode_of(&sc->steps[i]) != AT_MODE_TEST) ||
	    strcmp(script_final_of(sc, i), "OK"))
		return;
	for (size_t j = i + 1; j < sc->n && sc->steps[j].role != ROLE_SEND; j++) {
		const char *t = sc->steps[j].ev->text;
		const struct at_rsp *r = at_rsp_classify(t, cmd);

		listed |= sc->steps[j].cause == (int)i && r && r->kind == AT_RSP_ANSWER &&
			  at_rsp_int(r, t, "cid", &cid) && !cid && strchr(at_rsp_values(r, t), ',');
	}
	apply(w, "modem.idle_context", listed ? "yes" : "no", sc->steps[i].ev->line);
}

/* A modem-only transcript is judged against the modem without the SLM
 * layer: no Ready, no #X commands, and input sent while a command runs is
 * kept (a modem library call waits its turn; only the SLM's UART loses it). */
static void without_slm(const struct script *sc, struct world *wd, struct scenario *s)
{
	char err[200];

	if (!sc->modem_only || scenario_sets(s, "modem.slm"))
		return;
	config_set(&s->cfg, "modem", "slm", "no", err, sizeof(err));
	if (!scenario_sets(s, "modem.busy_input"))
		config_set(&s->cfg, "modem", "busy_input", "keep", err, sizeof(err));
	world_note(wd, "no SLM command (#X...), no Ready, no word of the SLM: a modem-only "
		    "transcript, as an application on the modem library logs it (the SLM would pass "
		    "these commands through unchanged); judged against the modem without the SLM "
		    "layer (modem.slm = no, modem.busy_input = keep)");
}

void world_infer(const struct script *sc, struct scenario *s, struct world *wd)
{
	struct scan w = { .sc = sc, .wd = wd, .s = s };

	memset(wd, 0, sizeof(*wd));
	wd->start_cfun = -1;
	wd->needs_registration = sc->needs_registration;
	wd->n_unwritten = sc->n_unwritten;
	memcpy(wd->unwritten_tags, sc->unwritten_tags, sizeof(wd->unwritten_tags));
	memcpy(wd->unwritten_types, sc->unwritten_types, sizeof(wd->unwritten_types));

	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];
		const char *cmd = "";

		if (st->role == ROLE_SEND) {
			cmd = cmd_of(st);
			w.cfun_set |= !strcmp(cmd, "+CFUN") && mode_of(st) == AT_MODE_SET;
			w.sysmode_seen |= !strcmp(cmd, "%XSYSTEMMODE") &&
					  (mode_of(st) == AT_MODE_SET || mode_of(st) == AT_MODE_TEST);
			credential_write(&w, st->facts);
			idle_context(&w, i, cmd);
			continue;
		}
		if (st->role == ROLE_BOOT || st->role == ROLE_FINAL)
			continue;
		if ((st->role == ROLE_RESPONSE || st->role == ROLE_URC) && st->cause >= 0 &&
		    sc->steps[st->cause].role == ROLE_SEND)
			cmd = cmd_of(&sc->steps[st->cause]);
		if (st->role == ROLE_RESPONSE && !strcmp(cmd, RSP_CMNG.answers))
			credential_listed(&w, st->ev->text);
		/* Responses, and URCs of the shapes the table knows. */
		if (st->role != ROLE_RESPONSE && st->role != ROLE_URC && st->role != ROLE_NET_EVENT)
			continue;
		modem_line(&w, st, cmd);
	}
	without_slm(sc, wd, s);
	world_errors(sc, wd, s);
	world_attach(sc, wd, s);
	world_search(sc, wd, s);
	world_uicc(sc, wd, s);
	world_rrc(sc, wd, s);
	world_ping(sc, wd, s);
	world_keepalive(sc, wd, s);
	world_clock(sc, wd, s);
	/* NB-IoT needs a system mode that allows it. */
	if (w.act == 9 && !w.sysmode_seen && !scenario_sets(s, "modem.systemmode"))
		apply(&w, "modem.systemmode", "1,1,0,0", 0);
}
