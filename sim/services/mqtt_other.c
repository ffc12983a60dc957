#include "mqtt_other.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "mqtt_client.h"
#include "sim_ctx.h"
#include "strbuf.h"

struct mqtt_other {
	struct sim_ctx *ctx;
	struct mqtt_client *client;
	int tls_count;		/* its own: the modem's TLS limit is not its */
	char topic[257];
	struct strbuf payload;
	int qos;
	bool retain;
	bool finished;
	int err;
	char why[CONN_WHY_MAX];
	/* The report goes out from a timer, outside the client's callbacks,
	 * so the client can be freed there. */
	struct sim_timer report;
	mqtt_other_done done;
	void *arg;
};

static void finish(struct mqtt_other *o, int err, const char *why)
{
	if (o->finished)
		return;
	o->finished = true;
	o->err = err;
	snprintf(o->why, sizeof(o->why), "%s", why ? why : "");
	sim_timer_start(o->ctx->clock, &o->report, 0);
}

static void report_cb(struct sim_timer *t, void *arg)
{
	struct mqtt_other *o = arg;

	(void)t;
	if (o->done)
		o->done(o->arg, o->err, o->why);
	mqtt_other_free(o);
}

static void on_transport(void *arg, int err, const char *why)
{
	struct mqtt_other *o = arg;

	if (err)
		finish(o, err, why);
}

static void published(struct mqtt_other *o)
{
	finish(o, 0, "");	/* first: the DISCONNECT event below is its own */
	mqtt_client_disconnect(o->client);
}

static void on_connack(struct mqtt_other *o, int result)
{
	char why[96];
	int rc;

	if (result) {
		snprintf(why, sizeof(why), "the broker refused the other client (CONNACK %d)", result);
		finish(o, -ECONNREFUSED, why);
		return;
	}
	rc = mqtt_client_publish(o->client, o->topic, strlen(o->topic), o->payload.data,
				 o->payload.len, o->qos, o->retain, mqtt_client_next_pub_id(o->client));
	if (rc)
		finish(o, rc, mqtt_client_why(o->client));
	else if (o->qos == 0)
		published(o);
}

static void on_event(void *arg, enum mqtt_evt evt, int result)
{
	struct mqtt_other *o = arg;

	switch (evt) {
	case MQTT_EVT_CONNACK:
		on_connack(o, result);
		break;
	case MQTT_EVT_PUBACK:
	case MQTT_EVT_PUBCOMP:
		published(o);
		break;
	case MQTT_EVT_DISCONNECT:
		finish(o, result ? result : -ECONNRESET, "the broker closed the other client's "
		       "connection before the message was acknowledged");
		break;
	default:
		break;
	}
}

static void on_message(void *arg, const uint8_t *topic, size_t topic_len, const uint8_t *payload,
		       size_t payload_len)
{
	(void)arg;
	(void)topic;
	(void)topic_len;
	(void)payload;
	(void)payload_len;
}

static const struct mqtt_client_ops other_ops = { on_transport, on_event, on_message };

struct mqtt_other *mqtt_other_publish(struct sim_ctx *ctx, const struct mqtt_client_params *params,
				      const char *client_id, const char *topic, const void *payload,
				      size_t len, int qos, bool retain, mqtt_other_done done,
				      void *arg, char *why, size_t whylen)
{
	struct mqtt_other *o = calloc(1, sizeof(*o));
	struct mqtt_client_params p = *params;

	if (!o || !(o->client = mqtt_client_new(ctx, &other_ops, o)) ||
	    sb_append(&o->payload, payload, len)) {
		snprintf(why, whylen, "out of memory");
		mqtt_other_free(o);
		return NULL;
	}
	o->ctx = ctx;
	snprintf(o->topic, sizeof(o->topic), "%s", topic);
	o->qos = qos;
	o->retain = retain;
	o->done = done;
	o->arg = arg;
	sim_timer_init(&o->report, report_cb, o);
	p.client_id = client_id;
	p.conn.tls_count = &o->tls_count;
	if (mqtt_client_connect(o->client, &p, why, whylen)) {
		mqtt_other_free(o);
		return NULL;
	}
	return o;
}

void mqtt_other_free(struct mqtt_other *o)
{
	if (!o)
		return;
	sim_timer_stop(&o->report);
	mqtt_client_free(o->client);
	sb_free(&o->payload);
	free(o);
}
