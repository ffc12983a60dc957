#include "script.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_parser.h"
#include "cmd_table.h"
#include "fill.h"

void script_note(struct script *sc, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	sc->notes = realloc(sc->notes, (sc->n_notes + 1) * sizeof(char *));
	sc->notes[sc->n_notes++] = s;
}

bool script_is_final(const char *l)
{
	return log_is_final(l);
}

const char *script_final_of(const struct script *sc, size_t i)
{
	for (size_t j = i + 1; j < sc->n; j++)
		if (sc->steps[j].cause == (int)i && sc->steps[j].role == ROLE_FINAL)
			return sc->steps[j].ev->text;
	return "";
}

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

/* "+CEREG: 2,..." is the response of a pending "AT+CEREG?". */
static bool own_response(const char *line, const char *pending_name)
{
	size_t n = strlen(pending_name);

	return n && !strncmp(line, pending_name, n) && line[n] == ':';
}

static int cereg_stat(const char *line)
{
	int stat;

	return sscanf(line, "+CEREG: %d", &stat) == 1 ? stat : -1;
}

/* Subscription level a +CEREG URC's shape needs. */
static int cereg_level(const char *line)
{
	int fields = 1;

	for (const char *p = line; *p; p++)
		fields += *p == ',';
	return fields == 1 ? 1 : fields <= 4 ? 2 : 5;
}

/* The command at event i answers something else than OK in the log. */
static bool logged_failure(const struct replay_log *log, size_t i)
{
	for (size_t k = i + 1; k < log->nev && log->ev[k].kind != EV_SEND; k++)
		if (log->ev[k].kind == EV_RECV && log_is_final(log->ev[k].text))
			return strcmp(log->ev[k].text, "OK") != 0;
	return false;
}

static void add_host(struct script *sc, const char *host, int port, enum broker_kind kind,
		     bool socket, bool fails)
{
	for (size_t i = 0; i < sc->n_hosts; i++)
		if (!strcmp(sc->hosts[i].host, host) && sc->hosts[i].port == port) {
			sc->hosts[i].fails &= fails;
			return;
		}
	if (sc->n_hosts == 16)
		return;
	/* A TLS connect still meets a broker: the modem's rules say why it fails. */
	sc->hosts[sc->n_hosts].fails = fails && !socket && kind < BK_TLS;
	snprintf(sc->hosts[sc->n_hosts].host, sizeof(sc->hosts[0].host), "%s", host);
	sc->hosts[sc->n_hosts].port = port;
	sc->hosts[sc->n_hosts].socket = socket;
	sc->hosts[sc->n_hosts++].kind = kind;
}

/* The log writes a client certificate for tag, or never writes the tag (a
 * full set is filled in), or the scenario gives one: mutual TLS. */
static bool client_cert(const struct replay_log *log, const struct scenario *s, uint32_t tag)
{
	for (size_t i = 0; s && i < s->n_creds; i++)
		if (s->creds[i].sec_tag == tag && s->creds[i].type == 1)
			return true;
	return fill_log_write(log, tag, 1) || !fill_log_write(log, tag, -1);
}

/* The CONNACK the log shows for the connect at event index i: the code of
 * the next "#XMQTTEVT: 0,<code>", or 0 when none shows. */
static int logged_connack(const struct replay_log *log, size_t i)
{
	int code;

	for (size_t k = i + 1; k < log->nev; k++) {
		if (log->ev[k].kind == EV_SEND && strncasecmp(log->ev[k].text, "AT#XMQTTCON?", 12))
			break;
		if (sscanf(log->ev[k].text, "#XMQTTEVT: 0,%d", &code) == 1)
			return code;
	}
	return 0;
}

/* A log-in the log shows accepted becomes one of the broker's; one it
 * shows refused does not, so the broker refuses it too. */
static void add_login(struct script *sc, const struct log_event *ev, const struct replay_log *log,
		      const struct at_cmd_facts *f)
{
	char line[300];
	int code = logged_connack(log, (size_t)(ev - log->ev));
	size_t have = sc->logins ? strlen(sc->logins) : 0;

	if (code) {
		script_note(sc, "log line %d: the broker refuses user '%s' (CONNACK %d): the local "
			    "broker does too", ev->line, f->user, code);
		return;
	}
	snprintf(line, sizeof(line), "%s:%s\n", f->user, f->password);
	if (sc->logins && strstr(sc->logins, line))
		return;
	sc->logins = realloc(sc->logins, have + strlen(line) + 1);
	memcpy(sc->logins + have, line, strlen(line) + 1);
}

static bool has_name(char list[][129], size_t n, const char *host)
{
	for (size_t i = 0; i < n; i++)
		if (!strcasecmp(list[i], host))
			return true;
	return false;
}

/* A name into one of the script's lists of 8, once. */
static void add_name(char list[8][129], size_t *n, const char *host)
{
	if (*n < 8 && !has_name(list, *n, host))
		snprintf(list[(*n)++], 129, "%s", host);
}

static void uses_tag(struct script *sc, const struct replay_log *log, int64_t tag)
{
	if (tag < 0 || tag > UINT32_MAX || fill_log_write(log, (uint32_t)tag, -1))
		return;
	for (size_t i = 0; i < sc->n_unwritten; i++)
		if (sc->unwritten_tags[i] == tag)
			return;
	if (sc->n_unwritten < 16) {
		sc->unwritten_tags[sc->n_unwritten++] = (uint32_t)tag;
		script_note(sc, "sec_tag %lld is used but never written in the log: a working credential set "
		     "is written first", (long long)tag);
	}
}

/* Hosts and sec_tags a SEND implies, from the command table's facts;
 * true when the command talks to the network. */
static bool scan_send(struct script *sc, const struct replay_log *log, const struct scenario *s,
		      const struct log_event *ev, const struct at_cmd_facts *f, bool *secure_socket,
		      uint32_t *socket_tag)
{
	enum broker_kind kind = BK_PLAIN;
	bool tls;
	uint32_t tag;

	if (!f->def || !f->set)
		return false;
	if (f->opens_socket) {
		*secure_socket = f->has_sec_tag;
		*socket_tag = f->sec_tag;
	}
	/* Managing credentials (list, read, delete) is no use of them. */
	if (f->has_sec_tag && !(f->def->flags & (AT_F_CRED_WRITE | AT_F_MAKES_KEY)))
		uses_tag(sc, log, f->sec_tag);
	if (!f->host)
		return false;
	if (f->peer == AT_PEER_NONE && logged_failure(log, (size_t)(ev - log->ev)))
		add_name(sc->unresolved, &sc->n_unresolved, f->host);
	else if (f->peer == AT_PEER_NONE)
		add_name(sc->resolved, &sc->n_resolved, f->host);
	/* A command with a sec_tag of its own is TLS when it gives one; one
	 * without connects the socket opened before. */
	tls = f->def->sec_tag ? f->has_sec_tag : *secure_socket;
	tag = f->def->sec_tag ? f->sec_tag : *socket_tag;
	if (tls)
		kind = client_cert(log, s, tag) ? BK_MTLS : BK_TLS;
	if (f->user[0]) {
		kind = (enum broker_kind)(kind + 1);	/* the same kind, with a password */
		add_login(sc, ev, log, f);
	} else if (f->peer == AT_PEER_BROKER && logged_connack(log, (size_t)(ev - log->ev)) > 0) {
		kind = (enum broker_kind)(kind + 1);
		script_note(sc, "log line %d: the broker refuses an anonymous log-in: the local "
			    "broker asks for a password too", ev->line);
	}
	if (f->port > 0)
		add_host(sc, f->host, f->port, kind, f->peer == AT_PEER_SOCKET,
			 logged_failure(log, (size_t)(ev - log->ev)));
	return f->needs_registration;
}

static int fill_send(struct step *st, const struct at_cmd_facts *f, const struct replay_log *log,
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
	fill_pick(log, s, f->sec_tag, f->cred_type, file, sizeof(file), why, sizeof(why));
	free(st->send);
	st->send = fill_cmng_write(certs_dir, s ? s->dir : NULL, f->sec_tag, f->cred_type, file, err,
				   errlen);
	if (!st->send)
		return -1;
	snprintf(st->note, sizeof(st->note), "body filled with %s (%s)", file, why);
	return 0;
}

/* What the walk through a log remembers between events. */
struct build {
	struct script *sc;
	const struct replay_log *log;
	const struct scenario *s;
	int pending, last_send;
	bool cfun1_seen, cereg_set, secure;
	uint32_t socket_tag;
	int cfun_ceregs;	/* +CEREG URCs the last radio command may still cause */
	int msg_left;		/* payload lines of an #XMQTTMSG still to come */
	bool datamode;		/* the host's sends are payload until "+++" */
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

static int send_step(struct build *b, struct step *st, const char *certs_dir, char *err,
		     size_t errlen)
{
	struct script *sc = b->sc;
	struct at_cmd_facts f;
	int64_t first = -1;
	const char *eq;

	st->role = ROLE_SEND;
	if (b->datamode) {
		/* Payload, then the "+++" that ends data mode: bytes, not lines. */
		st->raw = true;
		st->send = strdup(st->ev->text);
		b->datamode = strcmp(st->ev->text, DATAMODE_TERMINATOR) != 0;
		b->pending = b->last_send = (int)sc->n;
		return 0;
	}
	at_cmd_facts(st->ev->text, &f);
	b->datamode = f.enters_datamode;
	track_keygen(b, st, &f);
	if (fill_send(st, &f, b->log, b->s, certs_dir, err, errlen))
		return -1;
	eq = strchr(st->ev->text, '=');
	if (eq && isdigit((unsigned char)eq[1]))
		first = atoll(eq + 1);
	if (f.def && f.def->causes && !strcmp(f.def->causes, "+CEREG")) {
		b->cfun1_seen |= f.set && first == 1;
		b->cfun_ceregs = f.set ? 2 : 0;
	}
	if (f.def && f.def->subscribes && f.set)
		b->cereg_set = true;
	if (scan_send(sc, b->log, b->s, st->ev, &f, &b->secure, &b->socket_tag) && !b->cfun1_seen && !sc->needs_registration) {
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

static bool is_urc(const char *text)
{
	static const char *const urcs[] = { "#XMQTTEVT:", "#XMQTTMSG:", "#XDATAMODE:", "%CESQ:",
					    "+CSCON:" };

	for (size_t i = 0; i < ARRAY_SIZE(urcs); i++)
		if (starts(text, urcs[i]))
			return true;
	return false;
}

/* The SEND at step i reboots the modem once it has answered (#XRESET). */
static bool reboots(const struct script *sc, int i)
{
	struct at_cmd_facts f;

	return i >= 0 && !sc->steps[i].raw && at_cmd_facts(sc->steps[i].send, &f) && f.def &&
	       (f.def->flags & AT_F_REBOOTS);
}

static bool fresh_output(const char *send)
{
	struct at_cmd_facts f;

	return send && at_cmd_facts(send, &f) && f.def && (f.def->flags & AT_F_FRESH);
}

static void modem_step(struct build *b, struct step *st)
{
	const char *text = st->ev->text;
	char name[32];
	int tl, ml;

	cmd_name(b->pending >= 0 ? b->sc->steps[b->pending].ev->text : "", name, sizeof(name));
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
	} else if (starts(text, "+CEREG:") && !own_response(text, name)) {
		cereg_line(b, st);
	} else if (starts(text, "+CEREG:") && !b->cereg_set && sscanf(text, "+CEREG: %d", &tl) == 1 &&
		   tl > b->sc->cereg_n) {
		/* A read shows the level the host chose before the log began. */
		b->sc->cereg_n = tl;
		st->role = ROLE_RESPONSE;
		st->cause = b->pending;
	} else if (is_urc(text)) {
		st->role = ROLE_URC;
		st->cause = b->last_send;
		if (sscanf(text, "#XMQTTMSG: %d,%d", &tl, &ml) == 2)
			b->msg_left = ml ? 2 : 1;
	} else {
		st->role = b->pending >= 0 ? ROLE_RESPONSE : ROLE_URC;
		st->cause = b->pending >= 0 ? b->pending : b->last_send;
		st->fresh = st->role == ROLE_RESPONSE && fresh_output(b->sc->steps[b->pending].send);
	}
}

/* Scenario [hosts] entries say which local broker a host goes to. */
static void scenario_hosts(struct script *sc, const struct scenario *s)
{
	for (size_t i = 0; s && i < s->n_hosts; i++) {
		for (size_t k = 0; k < sc->n_hosts; k++)
			if (!strcmp(sc->hosts[k].host, s->hosts[i].host))
				if (!strcmp(s->hosts[i].target, "broker-plain"))
					sc->hosts[k].kind = BK_PLAIN;
	}
	for (size_t i = 0; i < sc->n_hosts; i++)
		sc->hosts[i].unresolved = has_name(sc->unresolved, sc->n_unresolved, sc->hosts[i].host);
	for (size_t i = 0; i < sc->n_unresolved; i++)
		script_note(sc, "%s: the log shows its look-up failing: the emulated DNS does not "
			    "know it either", sc->unresolved[i]);
	for (size_t i = 0; i < sc->n_hosts; i++)
		if (sc->hosts[i].unresolved)
			continue;
		else if (sc->hosts[i].fails)
			script_note(sc, "%s:%d: every connect to it fails in the log: it goes to a local "
				    "port that refuses it, never to the real address", sc->hosts[i].host,
				    sc->hosts[i].port);
		else if (!sc->hosts[i].socket)
			script_note(sc, "%s:%d goes to the local broker (%s%s)", sc->hosts[i].host,
				    sc->hosts[i].port, broker_kind_name(sc->hosts[i].kind),
				    sc->hosts[i].kind >= BK_TLS ? ", with a certificate the replay CA "
				    "issued for the logged host" : "");
}

int script_build(struct script *sc, const struct replay_log *log, const struct scenario *s,
		 const char *certs_dir, char *err, size_t errlen)
{
	struct build b = { .sc = sc, .log = log, .s = s, .pending = -1, .last_send = -1 };

	memset(sc, 0, sizeof(*sc));
	sc->cereg_n = -1;
	sc->start_cfun = -1;
	sc->t0 = -1;
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
			if (send_step(&b, st, certs_dir, err, errlen))
				return -1;
		} else {
			modem_step(&b, st);
			for (size_t k = 0; s && k < s->n_tolerate; k++)
				st->optional |= starts(ev->text, s->tolerate[k]);
		}
		sc->n++;
	}
	scenario_hosts(sc, s);
	if (sc->cereg_n >= 0)
		script_note(sc, "+CEREG of level %d shows without AT+CEREG=: it is set first", sc->cereg_n);
	if (sc->t0 < 0)
		sc->t0 = 0;
	return 0;
}

void script_free(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->steps[i].send);
		free(sc->steps[i].got);
	}
	for (size_t i = 0; i < sc->n_notes; i++)
		free(sc->notes[i]);
	free(sc->notes);
	free(sc->logins);
	free(sc->steps);
	memset(sc, 0, sizeof(*sc));
}
