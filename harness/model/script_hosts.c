/* What a log's commands say about the world outside the modem: the hosts
 * they reach and what kind of peer is there, the log-ins a broker accepts,
 * the names that resolve or do not, and the sec_tags used but never
 * written.  Part of the script model (script.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_table.h"
#include "fill.h"
#include "mqtt_client.h"
#include "rsp_table.h"
#include "script.h"

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
static bool client_cert(const struct logged_facts *lf, const struct scenario *s, uint32_t tag)
{
	for (size_t i = 0; s && i < s->n_creds; i++)
		if (s->creds[i].sec_tag == tag && s->creds[i].type == 1)
			return true;
	return fill_log_write(lf, tag, 1) || !fill_log_write(lf, tag, -1);
}

/* The CONNACK the log shows for the connect at event index i: the result
 * of the next #XMQTTEVT of a CONNACK before another command (a read of the
 * same row asks, it changes nothing), or 0 when none shows. */
static int logged_connack(const struct logged_facts *lf, size_t i)
{
	const struct replay_log *log = lf->log;
	const struct at_cmd_def *con = lf->of[i] ? lf->of[i]->def : NULL;
	int64_t evt, code;

	for (size_t k = i + 1; k < log->nev; k++) {
		const struct at_cmd_facts *f = lf->of[k];

		if (log->ev[k].kind == EV_SEND && !(f && f->def == con && f->read))
			break;
		if (at_rsp_int(&RSP_XMQTTEVT, log->ev[k].text, "evt_type", &evt) &&
		    evt == MQTT_EVT_CONNACK && at_rsp_int(&RSP_XMQTTEVT, log->ev[k].text, "result", &code))
			return (int)code;
	}
	return 0;
}

/* A log-in the log shows accepted becomes one of the broker's; one it
 * shows refused does not, so the broker refuses it too. */
static void add_login(struct script *sc, const struct log_event *ev, const struct logged_facts *lf,
		      const struct at_cmd_facts *f)
{
	char line[300];
	int code = logged_connack(lf, (size_t)(ev - lf->log->ev));
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

static void uses_tag(struct script *sc, const struct logged_facts *lf, int64_t tag)
{
	if (tag < 0 || tag > UINT32_MAX || fill_log_write(lf, (uint32_t)tag, -1))
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
bool script_scan_send(struct script *sc, const struct logged_facts *lf, const struct scenario *s,
		      const struct log_event *ev, const struct at_cmd_facts *f, bool *secure_socket,
		      uint32_t *socket_tag)
{
	const struct replay_log *log = lf->log;
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
		uses_tag(sc, lf, f->sec_tag);
	if (!f->host)
		return false;
	if (f->peer == AT_PEER_NONE && logged_failure(log, (size_t)(ev - log->ev)))
		add_name(sc->unresolved, &sc->n_unresolved, f->host);
	else if (f->peer == AT_PEER_NONE)
		add_name(sc->resolved, &sc->n_resolved, f->host);
	/* A command with a sec_tag of its own is TLS when it gives one; one
	 * without connects the socket opened before. */
	tls = at_cmd_role(f->def, AT_R_SEC_TAG) ? f->has_sec_tag : *secure_socket;
	tag = at_cmd_role(f->def, AT_R_SEC_TAG) ? f->sec_tag : *socket_tag;
	if (tls)
		kind = client_cert(lf, s, tag) ? BK_MTLS : BK_TLS;
	if (f->user[0]) {
		kind = (enum broker_kind)(kind + 1);	/* the same kind, with a password */
		add_login(sc, ev, lf, f);
	} else if (f->peer == AT_PEER_BROKER && logged_connack(lf, (size_t)(ev - log->ev)) > 0) {
		kind = (enum broker_kind)(kind + 1);
		script_note(sc, "log line %d: the broker refuses an anonymous log-in: the local "
			    "broker asks for a password too", ev->line);
	}
	if (f->port > 0)
		add_host(sc, f->host, f->port, kind, f->peer == AT_PEER_SOCKET ||
			 f->peer == AT_PEER_PROXY || f->peer == AT_PEER_HTTP,
			 logged_failure(log, (size_t)(ev - log->ev)));
	return f->needs_registration;
}

/* Scenario [hosts] entries say which local broker a host goes to. */
void script_hosts_note(struct script *sc, const struct scenario *s)
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
