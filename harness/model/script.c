#include "script.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "fill.h"
#include "judgeable.h"
#include "rsp_table.h"

/* "+CFUN" of "AT+CFUN?" */
static void cmd_name(const char *cmd, char *out, size_t len)
{
	size_t i = 0;

	out[0] = '\0';
	if (strncasecmp(cmd, "AT", 2) || !cmd[2])
		return;
	for (cmd += 2; *cmd && *cmd != '=' && *cmd != '?' && i + 1 < len; cmd++)
		out[i++] = (char)toupper((unsigned char)*cmd);
	out[i] = '\0';
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static int cereg_stat(const char *line)
{
	int64_t stat;

	return at_rsp_int(&RSP_CEREG, line, "stat", &stat) ? (int)stat : -1;
}

/* Subscription level a +CEREG URC's shape needs: its fields by name. */
static int cereg_level(const char *line)
{
	char v[16];

	return at_rsp_field(&RSP_CEREG, line, "cause_type", v, sizeof(v)) ? 5 :
	       at_rsp_field(&RSP_CEREG, line, "tac", v, sizeof(v)) ? 2 : 1;
}

static int fill_send(struct step *st, const struct at_cmd_facts *f, const struct logged_facts *lf,
		     const struct scenario *s, const char *certs_dir, char *err, size_t errlen)
{
	char file[512], why[160];
	bool overridden = false;

	st->send = strdup(st->ev->text);
	if (!f->cred_write)
		return 0;
	for (size_t i = 0; s && i < s->n_creds; i++)
		overridden |= s->creds[i].sec_tag == f->sec_tag && s->creds[i].type == f->cred_type;
	if (!st->ev->elided && !overridden) {
		char *full = fill_full_body(certs_dir, f->sec_tag, f->cred_type, st->send, st->note,
					    sizeof(st->note));

		if (full) {
			free(st->send);
			st->send = full;
		}
		return 0;
	}
	fill_pick(lf, s, f->sec_tag, f->cred_type, file, sizeof(file), why, sizeof(why));
	free(st->send);
	st->send = fill_cmng_write(certs_dir, s ? s->dir : NULL, f->sec_tag, f->cred_type, file, err,
				   errlen);
	if (!st->send)
		return -1;
	snprintf(st->note, sizeof(st->note), "body filled with %s (%s)", file, why);
	return 0;
}

/* The facts of what a SEND step sends (the logged line's, unless a
 * credential body was filled in): kept with the step, so no later stage
 * parses the line again. */
static const struct at_cmd_facts *send_facts(const struct slm_profile *p, const struct step *st,
					     const struct at_cmd_facts *logged)
{
	struct at_cmd_facts *f;

	if (logged && !strcmp(st->send, st->ev->text))
		return logged;	/* the step takes them over */
	if (!(f = malloc(sizeof(*f))))
		return NULL;
	if (!at_cmd_facts_of(p, st->send, f)) {
		free(f);
		return NULL;
	}
	return f;
}

/* What the walk through a log remembers between events. */
struct build {
	struct script *sc;
	const struct replay_log *log;
	const struct scenario *s;
	/* The SLM generation the commands are read with: the scenario's. */
	const struct slm_profile *profile;
	struct logged_facts lf;	/* every send's, parsed once */
	int pending, last_send;
	bool cfun1_seen, cereg_set, secure;
	uint32_t socket_tag;
	int cfun_ceregs;	/* +CEREG URCs the last radio command may still cause */
	int msg_left;		/* payload lines of an #XMQTTMSG still to come */
	bool datamode;		/* the host's sends are payload until "+++" */
	size_t datamode_left;	/* ... or until this many bytes went (0: "+++") */
	uint32_t keygen_tag[16];	/* sec_tags whose key a %KEYGEN made, with a CSR */
	int keygen_step[16];
	size_t n_keygen;
};

/* A %KEYGEN makes a tag's key and a %CMNG write of a key replaces it: a
 * client certificate written after a %KEYGEN is for that key's CSR. */
static void track_keygen(struct build *b, struct step *st, const struct at_cmd_facts *f)
{
	size_t i = 0;

	if (!f->key_made && !f->cred_write)
		return;
	while (i < b->n_keygen && b->keygen_tag[i] != f->sec_tag)
		i++;
	if (f->cred_write && f->cred_type == 1 && i < b->n_keygen)
		st->csr_from = b->keygen_step[i];
	if (f->cred_write && f->cred_type == 2 && i < b->n_keygen)
		b->keygen_step[i] = -1;
	if (f->key_made && (i < b->n_keygen || b->n_keygen < ARRAY_SIZE(b->keygen_tag))) {
		b->keygen_tag[i] = f->sec_tag;
		b->keygen_step[i] = f->key_csr ? (int)b->sc->n : -1;
		b->n_keygen += i == b->n_keygen;
	}
}

/* The send's parameters, for the stages that read a value the facts do
 * not name (a ping's count, a credential's text). */
static const struct at_cmd *send_cmd(const struct step *st)
{
	struct at_cmd *cmd;

	if (!st->facts || !(cmd = malloc(sizeof(*cmd))))
		return NULL;
	if (at_cmd_parse(cmd, st->send, strlen(st->send))) {
		free(cmd);
		return NULL;
	}
	return cmd;
}

static int send_step(struct build *b, struct step *st, const char *certs_dir, char *err,
		     size_t errlen)
{
	static const struct at_cmd_facts none;
	struct script *sc = b->sc;
	const struct at_cmd_facts *logged = b->lf.of[st->ev - b->log->ev], *f = logged ? logged : &none;

	st->role = ROLE_SEND;
	if (b->datamode) {
		/* Payload, then the "+++" that ends data mode: bytes, not lines. */
		st->raw = true;
		st->send = strdup(st->ev->text);
		st->ends_datamode = !b->datamode_left && !strcmp(st->ev->text, DATAMODE_TERMINATOR);
		b->datamode = !st->ends_datamode;
		if (b->datamode_left) {
			b->datamode_left -= strlen(st->send) < b->datamode_left ?
					    strlen(st->send) : b->datamode_left;
			b->datamode = b->datamode_left > 0;
		}
		b->pending = b->last_send = (int)sc->n;
		return 0;
	}
	b->datamode = f->enters_datamode;
	b->datamode_left = f->datamode_len;
	track_keygen(b, st, f);
	if (fill_send(st, f, &b->lf, b->s, certs_dir, err, errlen))
		return -1;
	st->facts = send_facts(b->profile, st, logged);
	st->cmd = send_cmd(st);
	if (at_rsp_caused_by(&RSP_CEREG, f->def)) {
		b->cfun1_seen |= f->set && script_first_int(st) == 1;
		b->cfun_ceregs = f->set ? 2 : 0;
	}
	if (at_rsp_subscribed_by(&RSP_CEREG, f->def) && f->set)
		b->cereg_set = true;
	if (script_scan_send(sc, &b->lf, b->s, st->ev, f, &b->secure, &b->socket_tag) &&
	    !b->cfun1_seen && !sc->needs_registration) {
		sc->needs_registration = true;
		script_note(sc, "the log starts after registration: the modem is registered first");
	}
	b->pending = b->last_send = (int)sc->n;
	return 0;
}

/* A +CEREG line no command asked for: caused by the last radio command,
 * or an event of the network. */
static void cereg_line(struct build *b, struct step *st)
{
	struct script *sc = b->sc;
	int stat = cereg_stat(st->ev->text);

	if (!b->cereg_set && cereg_level(st->ev->text) > sc->cereg_n)
		sc->cereg_n = cereg_level(st->ev->text);
	if (b->cfun_ceregs > 0) {
		st->role = ROLE_URC;
		st->cause = b->last_send;
		b->cfun_ceregs -= stat == 2 ? 1 : 2;
	} else {
		st->role = ROLE_NET_EVENT;
		st->net_stat = stat;
	}
}

/* Raw lines after a URC of shape r: #XMQTTMSG's topic, and its payload
 * unless empty. */
static int lines_after(const struct at_rsp *r, const char *text)
{
	char len[16];

	if (!r->lines_after)
		return 0;
	return at_rsp_field(r, text, "message_length", len, sizeof(len)) && atoi(len) == 0 ?
	       r->lines_after - 1 : r->lines_after;
}

/* The SEND at step i reboots the modem once it has answered (#XRESET). */
static bool reboots(const struct script *sc, int i)
{
	const struct at_cmd_facts *f = i >= 0 ? sc->steps[i].facts : NULL;

	return f && f->def && (f->def->flags & AT_F_REBOOTS);
}

static bool fresh_output(const struct step *send)
{
	return send->facts && send->facts->def && (send->facts->def->flags & AT_F_FRESH);
}

static void modem_step(struct build *b, struct step *st)
{
	const char *text = st->ev->text;
	const struct at_rsp *shape;
	char name[32];
	int64_t tl;

	cmd_name(b->pending >= 0 ? b->sc->steps[b->pending].ev->text : "", name, sizeof(name));
	/* A pending AT+CEREG? makes its +CEREG line the read's, <n> first. */
	shape = at_rsp_classify(text, name);
	if (b->msg_left > 0) {
		/* The payload lines of #XMQTTMSG. */
		st->role = ROLE_URC;
		st->cause = b->last_send;
		b->msg_left--;
	} else if (script_is_final(text) && b->pending >= 0) {
		st->role = ROLE_FINAL;
		st->cause = b->pending;
		b->pending = -1;
	} else if (!strcmp(text, "Ready") && reboots(b->sc, b->last_send)) {
		st->role = ROLE_URC;	/* the boot the last command asked for */
		st->cause = b->last_send;
	} else if (!strcmp(text, "Ready")) {
		st->role = ROLE_BOOT;
	} else if (shape == &RSP_CEREG) {
		cereg_line(b, st);
	} else if (shape == &RSP_CEREG_READ && !b->cereg_set &&
		   at_rsp_int(&RSP_CEREG_READ, text, "n", &tl) && tl > b->sc->cereg_n) {
		/* A read shows the level the host chose before the log began. */
		b->sc->cereg_n = (int)tl;
		st->role = ROLE_RESPONSE;
		st->cause = b->pending;
	} else if (shape && shape->kind != AT_RSP_ANSWER) {
		st->role = ROLE_URC;
		st->cause = b->last_send;
		b->msg_left = lines_after(shape, text);
	} else {
		st->role = b->pending >= 0 ? ROLE_RESPONSE : ROLE_URC;
		st->cause = b->pending >= 0 ? b->pending : b->last_send;
		st->fresh = st->role == ROLE_RESPONSE && fresh_output(&b->sc->steps[b->pending]);
	}
}

/* Commands the log shows no final result for (a partial log, a command a
 * tool timed out on): the ones that enter data mode answer nothing. */
static void mark_unanswered(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND)
			st->unanswered = !st->raw;
		else if (st->role == ROLE_FINAL && st->cause >= 0)
			sc->steps[st->cause].unanswered = false;
	}
	for (size_t i = 0; i < sc->n; i++)
		if (sc->steps[i].unanswered && sc->steps[i].facts && sc->steps[i].facts->enters_datamode)
			sc->steps[i].unanswered = false;
}

/* Modem commands only, and no boot banner: the log of an application that
 * drives the modem through the modem library (at_client under Link
 * Monitor, an app's own AT log), not of a host talking to the SLM. */
static void detect_modem_only(struct script *sc, const struct replay_log *log)
{
	size_t cmds = 0, modem = 0;

	if (log->slm_shown)
		return;
	for (size_t i = 0; i < sc->n; i++) {
		const struct step *st = &sc->steps[i];

		if (st->role == ROLE_BOOT || (st->role != ROLE_SEND && !strcmp(st->ev->text, "Ready")))
			return;
		modem += st->role != ROLE_SEND;
		if (st->role != ROLE_SEND)
			continue;
		/* Every SLM command is an #X one (at-surface.md 2). */
		if (st->raw || !strncasecmp(st->send, "AT#", 3))
			return;
		cmds++;
	}
	/* A log without a line of the modem says nothing of what answered. */
	sc->modem_only = cmds > 0 && modem > 0;
}

/* A record of the link with not one line of the modem (judgeable.c). */
static void dead_link(struct script *sc, const struct replay_log *log)
{
	char why[200];

	sc->dead_link = log_judgeable(log, why, sizeof(why)) == JUDGE_DEAD_LINK;
	if (sc->dead_link)
		log_link_hint(log, sc->dead_link_hint, sizeof(sc->dead_link_hint));
}

/* The facts the steps took are theirs (script_free()); the rest go. */
static void release_logged(struct build *b)
{
	for (size_t i = 0; i < b->sc->n; i++) {
		const struct step *st = &b->sc->steps[i];

		if (st->facts && st->facts == b->lf.of[st->ev - b->log->ev])
			b->lf.of[st->ev - b->log->ev] = NULL;
	}
	logged_facts_free(&b->lf);
}

int script_build(struct script *sc, const struct replay_log *log, const struct scenario *s,
		 const char *certs_dir, char *err, size_t errlen)
{
	struct build b = { .sc = sc, .log = log, .s = s, .pending = -1, .last_send = -1,
			   .profile = s ? slm_profile_of(&s->cfg) : slm_profile_default() };

	memset(sc, 0, sizeof(*sc));
	sc->cereg_n = -1;
	sc->t0 = -1;
	if (logged_facts_parse(&b.lf, log, b.profile)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < log->nev; i++) {
		const struct log_event *ev = &log->ev[i];
		struct step *st;

		if (ev->kind == EV_NOTE)
			continue;
		if (sc->t0 < 0)
			sc->t0 = ev->t_ms;
		sc->steps = realloc(sc->steps, (sc->n + 1) * sizeof(*st));
		st = &sc->steps[sc->n];
		memset(st, 0, sizeof(*st));
		st->ev = ev;
		st->cause = st->csr_from = -1;
		if (ev->kind == EV_SEND) {
			if (send_step(&b, st, certs_dir, err, errlen)) {
				release_logged(&b);
				return -1;
			}
		} else {
			modem_step(&b, st);
			for (size_t k = 0; s && k < s->n_tolerate; k++)
				st->optional |= starts(ev->text, s->tolerate[k]);
		}
		sc->n++;
	}
	release_logged(&b);
	mark_unanswered(sc);
	detect_modem_only(sc, log);
	dead_link(sc, log);
	script_hosts_note(sc, s);
	if (sc->cereg_n >= 0)
		script_note(sc, "+CEREG of level %d shows without AT+CEREG=: it is set first", sc->cereg_n);
	if (sc->t0 < 0)
		sc->t0 = 0;
	/* The broker's side is part of the steps: none is changed once built. */
	script_broker_events(sc);
	return 0;
}

void script_free(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->steps[i].send);
		free((void *)sc->steps[i].facts);
		if (sc->steps[i].cmd) {
			at_cmd_free((struct at_cmd *)sc->steps[i].cmd);
			free((void *)sc->steps[i].cmd);
		}
	}
	for (size_t i = 0; i < sc->n_notes; i++)
		free(sc->notes[i]);
	free(sc->notes);
	free(sc->logins);
	free(sc->steps);
	memset(sc, 0, sizeof(*sc));
}
