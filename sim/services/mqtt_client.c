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
#include "net_conn.h"

/* Incoming packets above this are skipped whole; the SLM's receive buffer
 * holds a 576-byte payload, so anything that big is already an error. */
#define MAX_PACKET (64 * 1024)

struct mqtt_client {
	struct sim_ctx *ctx;
	const struct mqtt_client_ops *ops;
	void *arg;
	struct conn *conn;
	bool up;		/* transport up, CONNECT sent */
	uint16_t keepalive_s;
	size_t max_payload;
	struct sim_timer keepalive;
	int pings_outstanding;
	struct strbuf rx;
	size_t skip;		/* bytes of an oversized packet still to drop */
	uint16_t msg_id;
	char client_id[65], username[33], password[33];
	char owner[16];
	char why[CONN_WHY_MAX];	/* the client's own failures (CONNACK, decoding) */
};

const char *mqtt_client_why(const struct mqtt_client *c) { return c->why; }
bool mqtt_client_transport_up(const struct mqtt_client *c) { return c->up; }

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
	c->up = false;
	c->pings_outstanding = 0;
	c->skip = 0;
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

static void keepalive_cb(struct sim_timer *t, void *arg)
{
	struct mqtt_client *c = arg;
	struct strbuf pkt = { 0 };

	(void)t;
	if (!c->up)
		return;
	mqtt_encode_empty(&pkt, MQTT_PINGREQ);
	c->pings_outstanding++;
	conn_await(c->conn, true);
	send_buf(c, &pkt);
}

static void lost(struct mqtt_client *c, int err)
{
	int zerr = -zephyr_errno(-err);

	drop(c);
	c->ops->on_event(c->arg, MQTT_EVT_DISCONNECT, zerr);
}

static void handle(struct mqtt_client *c, const struct mqtt_packet *p)
{
	struct strbuf pkt = { 0 };

	switch (p->type) {
	case MQTT_CONNACK:
		conn_await(c->conn, false);
		log_info(c, "CONNACK return code %u", p->return_code);
		if (p->return_code) {
			snprintf(c->why, sizeof(c->why), "the broker refused the connection: CONNACK return code %u (%s)",
				p->return_code, p->return_code == 5 ? "not authorized" :
				p->return_code == 4 ? "bad user name or password" :
				p->return_code == 2 ? "client identifier rejected" : "refused");
			log_why(c, "", c->why);
			drop(c);
		}
		c->ops->on_event(c->arg, MQTT_EVT_CONNACK, p->return_code);
		return;
	case MQTT_PUBLISH:
		if (p->payload_len > c->max_payload) {
			log_info(c, "incoming message of %zu bytes on %.*s exceeds the SLM's %zu-byte "
				 "buffer; dropped", p->payload_len, (int)p->topic_len, p->topic, c->max_payload);
			c->ops->on_event(c->arg, MQTT_EVT_PUBLISH, -zephyr_errno(EMSGSIZE));
			return;
		}
		/* SLM v1.8 acknowledges neither QoS 1 (no PUBACK) nor QoS 2 (no
		 * PUBREC) incoming messages (fact sheet 3.4). */
		c->ops->on_message(c->arg, p->topic, p->topic_len, p->payload, p->payload_len);
		c->ops->on_event(c->arg, MQTT_EVT_PUBLISH, 0);
		return;
	case MQTT_PUBACK:
		c->ops->on_event(c->arg, MQTT_EVT_PUBACK, 0);
		return;
	case MQTT_PUBREC:
		mqtt_encode_ack(&pkt, MQTT_PUBREL, p->id);
		send_buf(c, &pkt);
		c->ops->on_event(c->arg, MQTT_EVT_PUBREC, 0);
		return;
	case MQTT_PUBREL:
		mqtt_encode_ack(&pkt, MQTT_PUBCOMP, p->id);
		send_buf(c, &pkt);
		c->ops->on_event(c->arg, MQTT_EVT_PUBREL, 0);
		return;
	case MQTT_PUBCOMP:
		c->ops->on_event(c->arg, MQTT_EVT_PUBCOMP, 0);
		return;
	case MQTT_SUBACK:
		c->ops->on_event(c->arg, MQTT_EVT_SUBACK, 0);
		return;
	case MQTT_UNSUBACK:
		c->ops->on_event(c->arg, MQTT_EVT_UNSUBACK, 0);
		return;
	case MQTT_PINGRESP:
		if (c->pings_outstanding > 0 && --c->pings_outstanding == 0)
			conn_await(c->conn, false);
		c->ops->on_event(c->arg, MQTT_EVT_PINGRESP, 0);
		return;
	default:
		return;
	}
}

static void on_data(void *arg)
{
	struct mqtt_client *c = arg;
	uint8_t buf[4096];
	size_t n;

	while ((n = conn_recv(c->conn, buf, sizeof(buf))) > 0) {
		size_t off = 0;

		if (c->skip) {
			off = n < c->skip ? n : c->skip;
			c->skip -= off;
		}
		sb_append(&c->rx, buf + off, n - off);
	}
	while (c->conn && c->rx.len) {
		struct mqtt_packet p;
		size_t used = 0;
		int rc = mqtt_decode((const uint8_t *)c->rx.data, c->rx.len, MAX_PACKET, &p, &used);

		if (rc == MQTT_NEED_MORE)
			break;
		if (rc == -EMSGSIZE) {
			log_info(c, "skipping a %zu-byte %s packet", used, mqtt_type_name(p.type));
			if (p.type == MQTT_PUBLISH)
				c->ops->on_event(c->arg, MQTT_EVT_PUBLISH, -zephyr_errno(EMSGSIZE));
			c->skip = used > c->rx.len ? used - c->rx.len : 0;
			sb_consume(&c->rx, used);
			continue;
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
		mqtt_decode((const uint8_t *)one.data, one.len, MAX_PACKET, &p, &used);
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
		.keepalive_s = c->keepalive_s, .clean_session = true,
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
	conn_await(c->conn, true);	/* until CONNACK */
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
	c->max_payload = p->max_payload;
	c->up = false;
	rc = conn_open(&c->conn, c->ctx, &cp, &mqtt_conn_ops, c, why, whylen);
	if (rc)
		c->conn = NULL;
	return rc;
}

int mqtt_client_disconnect(struct mqtt_client *c)
{
	struct strbuf pkt = { 0 };

	if (!c->conn)
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

/* One counter for every command, 1..65535 then 1 again (SLM v1.8). */
static uint16_t next_id(struct mqtt_client *c)
{
	c->msg_id = c->msg_id >= 65535 ? 1 : c->msg_id + 1;
	return c->msg_id;
}

int mqtt_client_publish(struct mqtt_client *c, const char *topic, size_t topic_len,
			const void *payload, size_t len, int qos, bool retain)
{
	struct strbuf pkt = { 0 };
	int rc;

	if (!c->up)
		return -ENOTCONN;
	rc = mqtt_encode_publish(&pkt, topic, topic_len, payload, len, qos, retain, false,
				 next_id(c));
	if (rc) {
		sb_free(&pkt);
		return rc;
	}
	return send_buf(c, &pkt);
}

int mqtt_client_subscribe(struct mqtt_client *c, const char *topic, size_t len, int qos)
{
	struct strbuf pkt = { 0 };
	int rc;

	if (!c->up)
		return -ENOTCONN;
	rc = mqtt_encode_subscribe(&pkt, next_id(c), topic, len, qos);
	if (rc) {
		sb_free(&pkt);
		return rc;
	}
	return send_buf(c, &pkt);
}

int mqtt_client_unsubscribe(struct mqtt_client *c, const char *topic, size_t len)
{
	struct strbuf pkt = { 0 };
	int rc;

	if (!c->up)
		return -ENOTCONN;
	rc = mqtt_encode_unsubscribe(&pkt, next_id(c), topic, len);
	if (rc) {
		sb_free(&pkt);
		return rc;
	}
	return send_buf(c, &pkt);
}
