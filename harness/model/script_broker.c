/* The broker's side of a log: what other clients and the broker itself
 * did that the host's commands do not explain. */
#include <stdio.h>
#include <string.h>

#include "cmd_table.h"
#include "mqtt_client.h"
#include "rsp_table.h"
#include "script.h"
#include "zerrno.h"

/* Whether step st shows the MQTT event evt with result res. */
static bool mqtt_event(const struct step *st, enum mqtt_evt evt, int res)
{
	int64_t e, r;

	return at_rsp_int(&RSP_XMQTTEVT, st->ev->text, "evt_type", &e) && e == (int)evt &&
	       at_rsp_int(&RSP_XMQTTEVT, st->ev->text, "result", &r) && r == res;
}

/* The host published topic/payload itself before step end. */
static bool own_publish(const struct script *sc, size_t end, const char *topic, const char *payload)
{
	for (size_t i = 0; i < end; i++) {
		const struct step *st = &sc->steps[i];
		const struct at_cmd_facts *f = st->facts;
		const char *m;

		if (st->role != ROLE_SEND || !f || !f->def ||
		    f->def->peer != AT_PEER_BROKER || !at_cmd_role(f->def, AT_R_TOPIC) || strcmp(f->topic, topic))
			continue;
		m = f->data;
		/* A publish in data mode: its payload is what the host sends next. */
		if (f->enters_datamode && i + 1 < end && sc->steps[i + 1].raw)
			m = sc->steps[i + 1].send;
		if (!strncmp(m, payload, strlen(payload)))
			return true;
	}
	return false;
}

/* Messages the log shows arriving that the host did not publish. */
static void find_incoming(struct script *sc)
{
	int64_t tl, ml;

	for (size_t i = 0; i + 1 < sc->n; i++) {
		struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND || !at_rsp_int(&RSP_XMQTTMSG, st->ev->text, "topic_length", &tl) ||
		    !at_rsp_int(&RSP_XMQTTMSG, st->ev->text, "message_length", &ml))
			continue;
		st->topic = sc->steps[i + 1].ev->text;
		st->payload = ml && i + 2 < sc->n ? sc->steps[i + 2].ev->text : "";
		st->inject = !own_publish(sc, i, st->topic, st->payload);
		if (st->inject)
			script_note(sc, "log line %d: a message on '%s' arrives that the host did not "
				    "publish: another client publishes it at its log time", st->ev->line,
				    st->topic);
	}
}

/* SLM v1.8 takes incoming payloads up to NET_IPV4_MTU (576) bytes. */
#define OVERSIZED_PAYLOAD 1024

/* A topic that filter matches: '+' levels and a '#' become "x". */
static void topic_of_filter(const char *filter, char *out, size_t len)
{
	size_t k = 0;

	for (const char *p = filter; *p && k + 2 < len; p++)
		out[k++] = (*p == '+' || *p == '#') ? 'x' : *p;
	out[k] = '\0';
}

/* An #XMQTTMSG header among the three lines before step i. */
static bool msg_before(const struct script *sc, size_t i)
{
	for (size_t k = 1; k <= 3 && k <= i; k++)
		if (sc->steps[i - k].payload)
			return true;
	return false;
}

/* A PUBLISH event with -EMSGSIZE and no #XMQTTMSG before it: a message too
 * large for the SLM's buffer arrived.  Another client publishes one on the topic the
 * session subscribed to last. */
static void find_oversized(struct script *sc)
{
	static char big[OVERSIZED_PAYLOAD + 1];
	char topic[257] = "";	/* one the last subscription's filter matches */

	for (size_t i = 0; i < sc->n; i++) {
		struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND) {
			if (st->facts && st->facts->subscribes && st->facts->topic[0])
				topic_of_filter(st->facts->topic, topic, sizeof(topic));
			continue;
		}
		if (!mqtt_event(st, MQTT_EVT_PUBLISH, -zephyr_errno(EMSGSIZE)) || msg_before(sc, i) ||
		    !topic[0])
			continue;
		if (!big[0])
			memset(big, 'x', OVERSIZED_PAYLOAD);
		snprintf(st->topic_buf, sizeof(st->topic_buf), "%s", topic);
		st->topic = st->topic_buf;
		st->payload = big;
		st->inject = true;
		script_note(sc, "log line %d: a message over the SLM's 576 bytes arrives: another "
			    "client publishes %d bytes on '%s' at its log time", st->ev->line,
			    OVERSIZED_PAYLOAD, topic);
	}
}

/* What the walk knows of the MQTT session. */
struct session {
	bool up;		/* #XMQTTEVT: 0,0 came */
	bool explained;		/* the host asked to disconnect, the network went, an error came */
	bool retains;		/* a retained publish */
	char client_id[129];
	bool configured;	/* a command configured the client id apart (#XMQTTCFG) */
	char configured_id[129];
};

static void session_send(struct session *s, const struct step *st)
{
	const struct at_cmd_facts *f = st->facts;

	if (!f || !f->def || !f->set)
		return;
	/* A client id set apart from the connect (2.6+) is the next one's. */
	if (f->def->peer != AT_PEER_BROKER) {
		if (at_cmd_role(f->def, AT_R_CLIENT_ID)) {
			snprintf(s->configured_id, sizeof(s->configured_id), "%s", f->client_id);
			s->configured = true;
		}
		return;
	}
	s->retains |= f->retain;
	if (!at_cmd_role(f->def, AT_R_HOST))
		return;
	if (f->host) {
		/* A connect without a client id of its own: the configured one,
		 * else its generation's default (in its facts). */
		bool own = at_cmd_role(f->def, AT_R_CLIENT_ID);

		snprintf(s->client_id, sizeof(s->client_id), "%s",
			 own || !s->configured ? f->client_id : s->configured_id);
		s->explained = false;
	} else {
		s->explained = true;	/* the connect command without a host: disconnect */
	}
}

/* Disconnects the log shows that nothing of the modem's explains: the
 * broker dropped the session.  Replayed as what makes a real broker do
 * that: a second client connecting with the same client id. */
static void find_drops(struct script *sc)
{
	struct session s = { 0 };
	int64_t ev, res;

	for (size_t i = 0; i < sc->n; i++) {
		struct step *st = &sc->steps[i];

		if (st->role == ROLE_SEND) {
			session_send(&s, st);
			continue;
		}
		if (st->role == ROLE_NET_EVENT && st->net_stat != 1 && st->net_stat != 5)
			s.explained = true;
		if (!at_rsp_int(&RSP_XMQTTEVT, st->ev->text, "evt_type", &ev) ||
		    !at_rsp_int(&RSP_XMQTTEVT, st->ev->text, "result", &res))
			continue;
		if (ev == MQTT_EVT_CONNACK) {
			s.up = res == 0;
		} else if (ev == MQTT_EVT_DISCONNECT) {
			st->takeover = s.up && !s.explained && s.client_id[0];
			snprintf(st->client_id, sizeof(st->client_id), "%s", s.client_id);
			if (st->takeover)
				script_note(sc, "log line %d: the broker drops the session unasked: "
					    "another client connects as '%s' at its log time",
					    st->ev->line, s.client_id);
			s.up = false;
		} else if (res < 0) {
			s.explained = true;
		}
	}
	sc->retains = s.retains;
}

/* mosquitto refuses a log-in with CONNACK 5 (not authorised) only; a log's
 * 4 (bad user name or password) is the same refusal. */
static void refusals(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		if (sc->steps[i].role != ROLE_SEND && mqtt_event(&sc->steps[i], MQTT_EVT_CONNACK, 4)) {
			sc->steps[i].alt = "#XMQTTEVT: 0,5";
			script_note(sc, "log line %d: CONNACK 4 (bad user name or password): the local "
				    "broker refuses with 5, taken as the same", sc->steps[i].ev->line);
		}
}

void script_broker_events(struct script *sc)
{
	find_incoming(sc);
	find_oversized(sc);
	find_drops(sc);
	refusals(sc);
}
