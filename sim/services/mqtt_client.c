#include "mqtt_client.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "sim_ctx.h"
#include "sim_log.h"
#include "zerrno.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"
#include "net_conn.h"

/* Incoming packets above this are skipped whole; the SLM's receive buffer
 * holds a 576-byte payload, so anything that big is already an error. */
#define MAX_PACKET (64 * 1024)

#define MAX_FILTERS 16
#define MAX_FILTER 128

struct mqtt_client {
	struct sim_ctx *ctx;
	const struct mqtt_client_ops *ops;
	void *arg;
	struct conn *conn;
	struct fd_table *fds;
	int fd;			/* the socket's, -1 none */
	bool up;		/* transport up, CONNECT sent */
	bool accepted;		/* CONNACK 0: Zephyr's MQTT_STATE_CONNECTED */
	uint16_t keepalive_s;
	bool clean_session;
	size_t max_payload;	/* 0: no limit */
	bool ack_qos1, ack_qos2;
	struct sim_timer keepalive;
	/* Answers the broker owes (CONNACK, PINGRESP, SUBACK, UNSUBACK, PUBACK,
	 * PUBCOMP, the PUBREL of a PUBREC): while any is owed the connection
	 * holds virtual time. */
	int owed;
	/* Filters subscribed to: a publish one matches comes back from the
	 * broker, owed like an answer. */
	char *filters[MAX_FILTERS];	/* allocated: most sessions hold one or none */
	size_t n_filters;
	int echoes;		/* own publishes the broker still owes back */
	struct strbuf rx;
	uint16_t sub_id;	/* SUBSCRIBE/UNSUBSCRIBE ids, 1..65534 */
	uint16_t pub_id;	/* one per #XMQTTPUB command */
	char client_id[65], username[33], password[33];
	char owner[16];
	char why[CONN_WHY_MAX];	/* the client's own failures (CONNACK, decoding) */
};

const char *mqtt_client_why(const struct mqtt_client *c) { return c->why; }
bool mqtt_client_transport_up(const struct mqtt_client *c) { return c->up; }
int mqtt_client_peer_close(struct mqtt_client *c) { return conn_peer_close(c->conn); }

static void log_info(struct mqtt_client *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_info(struct mqtt_client *c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	slog_printf(c->ctx->log, sim_clock_epoch_ms(c->ctx->clock), c->owner, SLOG_INFO, "mqtt: %s", buf);
}

/* A reason as a why line of the emulator's log. */
static void log_why(struct mqtt_client *c, const char *prefix, const char *why)
{
	slog_printf(c->ctx->log, sim_clock_epoch_ms(c->ctx->clock), c->owner, SLOG_WHY, "%s%s",
		    prefix, why);
}

static void drop(struct mqtt_client *c)
{
	sim_timer_stop(&c->keepalive);
	conn_close(c->conn);
	c->conn = NULL;
	fd_give(c->fds, c->fd);
	c->fd = -1;
	c->up = false;
	c->accepted = false;
	c->owed = 0;
	c->echoes = 0;
	while (c->n_filters)
		free(c->filters[--c->n_filters]);
	sb_clear(&c->rx);
}

/* Zephyr's mqtt_live(): a PINGREQ once the keep-alive has passed since
 * the client last sent anything. */
static void arm_keepalive(struct mqtt_client *c)
{
	if (c->keepalive_s)
		sim_timer_start(c->ctx->clock, &c->keepalive, (int64_t)c->keepalive_s * 1000);
}

static int send_buf(struct mqtt_client *c, struct strbuf *pkt)
{
	int rc = conn_send(c->conn, pkt->data, pkt->len);

	sb_free(pkt);
	if (rc == 0)
		arm_keepalive(c);
	return rc;
}

/* One more (or one less) answer owed by the broker. */
static void owe(struct mqtt_client *c, int delta)
{
	c->owed += delta;
	if (c->owed < 0)
		c->owed = 0;
	if (c->conn)
		conn_await(c->conn, c->owed > 0);
}

static void keepalive_cb(struct sim_timer *t, void *arg)
{
	struct mqtt_client *c = arg;
	struct strbuf pkt = { 0 };

	(void)t;
	if (!c->up)
		return;
	mqtt_encode_empty(&pkt, MQTT_PINGREQ);
	owe(c, 1);
	send_buf(c, &pkt);
}

static void lost(struct mqtt_client *c, int err)
{
	int zerr = -zephyr_errno(-err);

	drop(c);
	c->ops->on_event(c->arg, MQTT_EVT_DISCONNECT, zerr);
}

static const char *connack_text(unsigned rc)
{
	switch (rc) {
	case 1: return "unacceptable protocol version";
	case 2: return "client identifier rejected";
	case 3: return "server unavailable";
	case 4: return "bad user name or password";
	case 5: return "not authorized";
	default: return "refused";
	}
}

/* Zephyr reports a refused CONNACK with its return code, then fails the
 * read with -ECONNREFUSED and disconnects: #XMQTTEVT 0,<rc> then 1,-111. */
static void connack(struct mqtt_client *c, const struct mqtt_packet *p)
{
	owe(c, -1);
	log_info(c, "CONNACK return code %u", p->return_code);
	c->accepted = p->return_code == 0;
	c->ops->on_event(c->arg, MQTT_EVT_CONNACK, p->return_code);
	if (c->accepted || !c->conn)
		return;
	snprintf(c->why, sizeof(c->why), "the broker refused the connection: CONNACK return "
		 "code %u (%s)", p->return_code, connack_text(p->return_code));
	log_why(c, "", c->why);
	lost(c, -ECONNREFUSED);
}

/* An incoming message the SLM's 576-byte buffer cannot take: the PUBLISH
 * event fails with -EMSGSIZE, the unread payload makes the next read fail,
 * and the SLM aborts the session (#XMQTTEVT 2,-122 then 1,-113). */
static void oversized(struct mqtt_client *c, size_t len)
{
	snprintf(c->why, sizeof(c->why), "an incoming message of %zu bytes exceeds the SLM's "
		 "%zu-byte buffer (MQTT_MESSAGE_BUFFER_LEN): #XMQTTEVT 2,-122, then the session "
		 "is aborted", len, c->max_payload);
	log_why(c, "", c->why);
	c->ops->on_event(c->arg, MQTT_EVT_PUBLISH, -zephyr_errno(EMSGSIZE));
	if (c->conn)
		lost(c, -ECONNABORTED);
}

static void ack(struct mqtt_client *c, enum mqtt_type reply, uint16_t id)
{
	struct strbuf pkt = { 0 };

	mqtt_encode_ack(&pkt, reply, id);
	send_buf(c, &pkt);
}

/* SLM v1.8 acknowledges neither QoS 1 (no PUBACK) nor QoS 2 (no PUBREC)
 * incoming messages (fact sheet 3.4); 2.0 sends the PUBACK, 2.6 the PUBREC
 * too, before the message goes to the host.  The broker then owes the
 * PUBREL. */
static void incoming_ack(struct mqtt_client *c, const struct mqtt_packet *p)
{
	if (p->qos == 1 && c->ack_qos1) {
		ack(c, MQTT_PUBACK, p->id);
	} else if (p->qos == 2 && c->ack_qos2) {
		ack(c, MQTT_PUBREC, p->id);
		owe(c, 1);
	}
}

static void handle(struct mqtt_client *c, const struct mqtt_packet *p)
{
	static const enum mqtt_evt events[] = {
		[MQTT_PUBACK] = MQTT_EVT_PUBACK, [MQTT_PUBREC] = MQTT_EVT_PUBREC,
		[MQTT_PUBREL] = MQTT_EVT_PUBREL, [MQTT_PUBCOMP] = MQTT_EVT_PUBCOMP,
		[MQTT_SUBACK] = MQTT_EVT_SUBACK, [MQTT_UNSUBACK] = MQTT_EVT_UNSUBACK,
		[MQTT_PINGRESP] = MQTT_EVT_PINGRESP,
	};

	switch (p->type) {
	case MQTT_CONNACK:
		connack(c, p);
		return;
	case MQTT_PUBLISH:
		if (c->max_payload && p->payload_len > c->max_payload) {
			oversized(c, p->payload_len);
			return;
		}
		if (c->echoes > 0) {
			c->echoes--;
			owe(c, -1);
		}
		incoming_ack(c, p);
		c->ops->on_message(c->arg, p->topic, p->topic_len, p->payload, p->payload_len);
		c->ops->on_event(c->arg, MQTT_EVT_PUBLISH, 0);
		return;
	case MQTT_PUBREC:
		/* The SLM releases at once; the PUBCOMP is still owed. */
		ack(c, MQTT_PUBREL, p->id);
		break;
	case MQTT_PUBREL:
		owe(c, -1);	/* after a PUBREC of ours */
		ack(c, MQTT_PUBCOMP, p->id);
		break;
	case MQTT_PUBACK: case MQTT_PUBCOMP: case MQTT_SUBACK: case MQTT_UNSUBACK:
	case MQTT_PINGRESP:
		owe(c, -1);
		break;
	default:
		return;
	}
	c->ops->on_event(c->arg, events[p->type], 0);
}

/* A client that streams payloads (max_payload 0) takes any packet. */
static size_t max_packet(const struct mqtt_client *c)
{
	return c->max_payload ? MAX_PACKET : MQTT_MAX_REMAINING + 5;
}

static void on_data(void *arg)
{
	struct mqtt_client *c = arg;
	uint8_t buf[4096];
	size_t n;

	while ((n = conn_recv(c->conn, buf, sizeof(buf))) > 0)
		sb_append(&c->rx, buf, n);
	while (c->conn && c->rx.len) {
		struct mqtt_packet p;
		size_t used = 0;
		int rc = mqtt_decode((const uint8_t *)c->rx.data, c->rx.len, max_packet(c), &p, &used);

		if (rc == MQTT_NEED_MORE)
			break;
		if (rc == -EMSGSIZE && p.type == MQTT_PUBLISH) {
			oversized(c, used);
			return;
		}
		if (rc < 0) {
			snprintf(c->why, sizeof(c->why), "the broker sent a malformed MQTT packet (type %s, first byte 0x%02x); "
				"connection dropped", mqtt_type_name(p.type), (uint8_t)c->rx.data[0]);
			log_why(c, "", c->why);
			lost(c, -ECONNABORTED);
			return;
		}
		/* handle() may drop the connection and with it rx: work on a copy. */
		struct strbuf one = { 0 };

		sb_append(&one, c->rx.data, used);
		sb_consume(&c->rx, used);
		mqtt_decode((const uint8_t *)one.data, one.len, max_packet(c), &p, &used);
		handle(c, &p);
		sb_free(&one);
	}
}

static void on_open(void *arg, int err, const char *why)
{
	struct mqtt_client *c = arg;

	/* The connection outlives this call: why stays valid through it. */
	if (err) {
		drop(c);
		c->ops->on_transport(c->arg, err, why);
		return;
	}
	struct mqtt_connect mc = {
		.client_id = c->client_id, .username = c->username, .password = c->password,
		.keepalive_s = c->keepalive_s, .clean_session = c->clean_session,
	};
	struct strbuf pkt = { 0 };

	mqtt_encode_connect(&pkt, &mc);
	c->up = true;
	if (send_buf(c, &pkt)) {
		why = conn_why(c->conn);
		drop(c);
		c->ops->on_transport(c->arg, -ECONNRESET, why);
		return;
	}
	owe(c, 1);	/* the CONNACK */
	log_info(c, "transport up (%s), CONNECT sent", conn_cipher(c->conn));
	c->ops->on_transport(c->arg, 0, "");
}

static void on_closed(void *arg, int err, const char *why)
{
	struct mqtt_client *c = arg;

	/* The host sees only #XMQTTEVT: 1,<errno>: the reason goes to the log. */
	log_why(c, "#XMQTTEVT: 1 (disconnect): ", why);
	lost(c, err);
}

static const struct conn_ops mqtt_conn_ops = { on_open, on_data, on_closed };

struct mqtt_client *mqtt_client_new(struct sim_ctx *ctx, const struct mqtt_client_ops *ops, void *arg)
{
	struct mqtt_client *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	c->ctx = ctx;
	c->ops = ops;
	c->arg = arg;
	sim_timer_init(&c->keepalive, keepalive_cb, c);
	return c;
}

void mqtt_client_free(struct mqtt_client *c)
{
	if (!c)
		return;
	drop(c);
	sb_free(&c->rx);
	free(c);
}

int mqtt_client_connect(struct mqtt_client *c, const struct mqtt_client_params *p, char *why,
			size_t whylen)
{
	struct conn_params cp = p->conn;
	int rc;

	if (c->conn)
		return -EISCONN;
	cp.verify = CONN_VERIFY_REQUIRED;
	cp.hostname = cp.tls ? cp.host : NULL;
	snprintf(c->owner, sizeof(c->owner), "%s", cp.owner ? cp.owner : "");
	snprintf(c->client_id, sizeof(c->client_id), "%s", p->client_id);
	snprintf(c->username, sizeof(c->username), "%s", p->username ? p->username : "");
	snprintf(c->password, sizeof(c->password), "%s", p->password ? p->password : "");
	c->keepalive_s = p->keepalive_s;
	c->clean_session = p->clean_session;
	c->max_payload = p->max_payload;
	c->ack_qos1 = p->ack_qos1;
	c->ack_qos2 = p->ack_qos2;
	c->up = false;
	c->fds = p->fds;
	c->fd = -1;
	if (c->fds && (c->fd = fd_take(c->fds, "MQTT client")) < 0) {
		snprintf(why, whylen, "socket(): every fd of the modem is taken (ENFILE)");
		c->fd = -1;
		return -ENFILE;
	}
	rc = conn_open(&c->conn, c->ctx, &cp, &mqtt_conn_ops, c, why, whylen);
	if (rc) {
		c->conn = NULL;
		fd_give(c->fds, c->fd);
		c->fd = -1;
	}
	return rc;
}

int mqtt_client_disconnect(struct mqtt_client *c)
{
	struct strbuf pkt = { 0 };

	/* Zephyr's verify_tx_state: nothing goes out before the CONNACK. */
	if (!c->conn || !c->accepted)
		return -ENOTCONN;
	mqtt_encode_empty(&pkt, MQTT_DISCONNECT);
	conn_send(c->conn, pkt.data, pkt.len);
	sb_free(&pkt);
	drop(c);
	c->ops->on_event(c->arg, MQTT_EVT_DISCONNECT, 0);
	return 0;
}

void mqtt_client_abort(struct mqtt_client *c, int err)
{
	if (!c->conn)
		return;
	snprintf(c->why, sizeof(c->why), "connection aborted");
	lost(c, err);
}

/* Zephyr counts ids to 65535 and the SLM wraps before it: 1..65534. */
static uint16_t next_id(uint16_t *id)
{
	*id = *id + 1 >= 65535 ? 1 : *id + 1;
	return *id;
}

uint16_t mqtt_client_next_pub_id(struct mqtt_client *c)
{
	return next_id(&c->pub_id);
}

/* Sends pkt (built by the caller) when the session may send, owing the
 * broker one answer when answer is set. */
static int send_request(struct mqtt_client *c, struct strbuf *pkt, int rc, bool answer)
{
	if (!rc && (!c->conn || !c->accepted))
		rc = -ENOTCONN;
	if (rc) {
		sb_free(pkt);
		return rc;
	}
	rc = send_buf(c, pkt);
	if (!rc && answer)
		owe(c, 1);
	return rc;
}

int mqtt_client_publish(struct mqtt_client *c, const char *topic, size_t topic_len,
			const void *payload, size_t len, int qos, bool retain, uint16_t id)
{
	struct strbuf pkt = { 0 };
	int rc = mqtt_encode_publish(&pkt, topic, topic_len, payload, len, qos, retain, false, id);
	bool echoed = false;

	for (size_t i = 0; i < c->n_filters; i++)
		echoed |= mqtt_topic_matches(c->filters[i], strlen(c->filters[i]), topic, topic_len);
	rc = send_request(c, &pkt, rc, qos > 0);
	if (!rc && echoed) {
		c->echoes++;
		owe(c, 1);
	}
	return rc;
}

/* The filters the session is subscribed to, as the broker will apply them. */
static void remember_filter(struct mqtt_client *c, const char *f, size_t len, bool add)
{
	size_t i = 0;

	while (i < c->n_filters && (strlen(c->filters[i]) != len || memcmp(c->filters[i], f, len)))
		i++;
	if (!add && i < c->n_filters) {
		free(c->filters[i]);
		memmove(&c->filters[i], &c->filters[i + 1], (--c->n_filters - i) * sizeof(c->filters[0]));
	} else if (add && i == c->n_filters && i < MAX_FILTERS && len <= MAX_FILTER &&
		   (c->filters[i] = strndup(f, len))) {
		c->n_filters++;
	}
}

int mqtt_client_subscribe(struct mqtt_client *c, const char *topic, size_t len, int qos)
{
	struct strbuf pkt = { 0 };
	int rc = mqtt_encode_subscribe(&pkt, next_id(&c->sub_id), topic, len, qos);

	rc = send_request(c, &pkt, rc, true);
	if (!rc)
		remember_filter(c, topic, len, true);
	return rc;
}

int mqtt_client_unsubscribe(struct mqtt_client *c, const char *topic, size_t len)
{
	struct strbuf pkt = { 0 };
	int rc = mqtt_encode_unsubscribe(&pkt, next_id(&c->sub_id), topic, len);

	rc = send_request(c, &pkt, rc, true);
	if (!rc)
		remember_filter(c, topic, len, false);
	return rc;
}
