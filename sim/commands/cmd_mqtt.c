/* SLM v1.8 MQTT commands (fact sheet 3): #XMQTTCON, #XMQTTSUB, #XMQTTUNSUB,
 * #XMQTTPUB with its data mode, and the #XMQTTEVT / #XMQTTMSG URCs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_mqtt.h"
#include "mqtt_client.h"

#define MAX_CLIENT_ID 64
#define MAX_USERNAME 32
#define MAX_PASSWORD 32
#define MAX_URL 128
#define MAX_TOPIC 127
#define MAX_MESSAGE 575		/* NET_IPV4_MTU - 1 in command mode */
#define MAX_RX_PAYLOAD 576

struct mqtt_state {
	struct mqtt_client *client;
	/* The SLM's ctx.connected: set once the transport is up and CONNECT
	 * sent, cleared by a refused CONNACK or a disconnect. */
	bool connected;
	bool connecting;	/* #XMQTTCON=1 pending */
	char client_id[MAX_CLIENT_ID + 1];
	char username[MAX_USERNAME + 1], password[MAX_PASSWORD + 1];
	char url[MAX_URL + 1];
	int port;
	int64_t sec_tag;	/* -1: plain TCP */
	/* data mode publish */
	char pub_topic[MAX_TOPIC + 1];
	int pub_qos;
	bool pub_retain;
	uint16_t pub_id;	/* one per #XMQTTPUB, shared by its data-mode chunks */
};

static void on_event(void *arg, enum mqtt_evt evt, int result)
{
	struct modem *m = arg;
	struct mqtt_state *s = m->mqtt;

	if (evt == MQTT_EVT_CONNACK && result != 0)
		s->connected = false;
	if (evt == MQTT_EVT_DISCONNECT)
		s->connected = false;
	/* Zephyr raises DISCONNECT inside mqtt_disconnect(), so for
	 * #XMQTTCON=0 the event precedes the OK (fact sheet 3.1). */
	modem_urc(m, "#XMQTTEVT: %d,%d", evt, result);
}

static void on_message(void *arg, const uint8_t *topic, size_t topic_len, const uint8_t *payload,
		       size_t payload_len)
{
	struct modem *m = arg;
	struct strbuf sb = { 0 };

	sb_appendf(&sb, "\r\n#XMQTTMSG: %zu,%zu\r\n", topic_len, payload_len);
	sb_append(&sb, topic, topic_len);
	sb_append(&sb, "\r\n", 2);
	sb_append(&sb, payload, payload_len);
	sb_append(&sb, "\r\n", 2);
	modem_write(m, sb.data, sb.len);
	sb_free(&sb);
}

static void on_transport(void *arg, int err, const char *why)
{
	struct modem *m = arg;
	struct mqtt_state *s = m->mqtt;

	if (!s->connecting)
		return;
	s->connecting = false;
	if (err) {
		/* The library reports no event for a transport failure. */
		at_why(m, AT_ERROR, "%s", why);
		modem_complete(m, AT_ERROR);
		return;
	}
	s->connected = true;
	modem_complete(m, AT_OK);
}

static const struct mqtt_client_ops client_ops = { on_transport, on_event, on_message };

static int get_str(struct modem *m, const struct at_cmd *cmd, size_t i, const char *what,
		   size_t max, const char **out)
{
	size_t len;

	if (at_param_str(cmd, i, out, &len))
		return at_why(m, AT_ERROR, "<%s> must be a quoted string", what);
	if (len > max)
		return at_why(m, AT_ERROR, "<%s> is %zu characters; the SLM takes at most %zu", what,
			      len, max);
	return AT_OK;
}

/* The parameters of a connect; the SLM keeps them as it reads them, so
 * #XMQTTCON? shows them even after a failed connect. */
static int connect_params(struct modem *m, const struct at_cmd *cmd, struct mqtt_client_params *p)
{
	struct mqtt_state *s = m->mqtt;
	const char *url;
	int64_t port, tag = -1;
	int rc;

	/* Each value is kept as soon as it is read, as the SLM's buffers are. */
	if ((rc = get_str(m, cmd, 1, "client_id", MAX_CLIENT_ID, &p->client_id)))
		return rc;
	snprintf(s->client_id, sizeof(s->client_id), "%s", p->client_id);
	if ((rc = get_str(m, cmd, 2, "username", MAX_USERNAME, &p->username)) ||
	    (rc = get_str(m, cmd, 3, "password", MAX_PASSWORD, &p->password)) ||
	    (rc = get_str(m, cmd, 4, "url", MAX_URL, &url)))
		return rc;
	snprintf(s->username, sizeof(s->username), "%s", p->username);
	snprintf(s->password, sizeof(s->password), "%s", p->password);
	snprintf(s->url, sizeof(s->url), "%s", url);
	if (at_param_int_range(cmd, 5, 0, 65535, &port))
		return at_why(m, AT_ERROR, "expected AT#XMQTTCON=1,\"<client_id>\",\"<username>\","
			      "\"<password>\",\"<url>\",<port>[,<sec_tag>]: <port> 0..65535");
	s->port = (int)port;
	s->sec_tag = -1;
	/* Parameters after the sec_tag are ignored, as the SLM does. */
	if (cmd->nparams > 6 && at_param_int_range(cmd, 6, 0, 4294967295LL, &tag))
		return at_why(m, AT_ERROR, "<sec_tag> must be an unsigned integer");
	s->sec_tag = tag;
	p->keepalive_s = (uint16_t)m->cfg.mqtt_keepalive_s;
	p->max_payload = MAX_RX_PAYLOAD;
	p->conn = (struct conn_params){ .host = s->url, .port = (uint16_t)port, .tls = tag >= 0,
					.sec_tag = (uint32_t)(tag >= 0 ? tag : 0), .creds = m->creds,
					.tls_count = &m->tls_sessions, .owner = m->name,
					.stats = &m->radio.stats };
	return AT_OK;
}

static int do_connect(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	struct mqtt_client_params p = { 0 };
	char why[CONN_WHY_MAX];
	int rc = connect_params(m, cmd, &p);

	if (rc)
		return rc;
	if (s->connected)
		return at_why(m, AT_ERROR, "already connected (EISCONN); AT#XMQTTCON=0 first");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to a "
			      "network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", s->url);
	rc = mqtt_client_connect(s->client, &p, why, sizeof(why));
	if (rc)
		return at_why(m, AT_ERROR, "%s", why);
	s->connecting = true;
	return AT_PENDING;
}

int xmqttcon_read(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;

	(void)cmd;
	if (s->sec_tag >= 0)
		at_info(m, "#XMQTTCON: %d,\"%s\",\"%s\",%d,%lld", s->connected, s->client_id,
			s->url, s->port, (long long)s->sec_tag);
	else
		at_info(m, "#XMQTTCON: %d,\"%s\",\"%s\",%d", s->connected, s->client_id, s->url,
			s->port);
	return AT_OK;
}

int xmqttcon_set(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	int64_t op;

	if (at_param_int(cmd, 0, &op))
		return at_why(m, AT_ERROR, "<op> must be 0 disconnect, 1 connect (IPv4) or 2 (IPv6)");
	switch (op) {
	case 0:
		if (!s->connected)
			return at_why(m, AT_ERROR, "not connected (ENOTCONN)");
		if (mqtt_client_disconnect(s->client))
			return at_why(m, AT_ERROR, "the broker has not accepted the connection yet "
				      "(no CONNACK): Zephyr's mqtt_disconnect() refuses (ENOTCONN) and "
				      "the half-open session stays");
		return AT_OK;
	case 1:
	case 2:
		/* Op 2 asks for IPv6: the emulated network carries it over the
		 * address the host maps to. */
		return do_connect(m, cmd);
	default:
		return at_why(m, AT_ERROR, "<op> must be 0, 1 or 2");
	}
}

/* Why a send failed: before the CONNACK accepted, Zephyr refuses it. */
static int send_failed(struct modem *m, const char *what, int rc)
{
	if (rc == -ENOTCONN)
		return at_why(m, AT_ERROR, "%s: not connected to a broker (AT#XMQTTCON=1,... and wait "
			      "for #XMQTTEVT: 0,0)", what);
	return at_why(m, AT_ERROR, "%s failed: %s", what, mqtt_client_why(m->mqtt->client));
}

int xmqttsub_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *topic;
	int64_t qos;
	int rc;

	if (cmd->nparams != 2)
		return at_why(m, AT_ERROR, "expected AT#XMQTTSUB=\"<topic>\",<qos>");
	if ((rc = get_str(m, cmd, 0, "topic", MAX_TOPIC, &topic)))
		return rc;
	if (at_param_int_range(cmd, 1, 0, 2, &qos))
		return at_why(m, AT_ERROR, "<qos> must be 0, 1 or 2");
	rc = mqtt_client_subscribe(m->mqtt->client, topic, strlen(topic), (int)qos);
	return rc ? send_failed(m, "subscribe", rc) : AT_OK;
}

int xmqttunsub_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *topic;
	int rc;

	if (cmd->nparams != 1)
		return at_why(m, AT_ERROR, "expected AT#XMQTTUNSUB=\"<topic>\"");
	if ((rc = get_str(m, cmd, 0, "topic", MAX_TOPIC, &topic)))
		return rc;
	rc = mqtt_client_unsubscribe(m->mqtt->client, topic, strlen(topic));
	return rc ? send_failed(m, "unsubscribe", rc) : AT_OK;
}

static int datamode_publish(struct modem *m, const uint8_t *data, size_t len)
{
	struct mqtt_state *s = m->mqtt;

	return mqtt_client_publish(s->client, s->pub_topic, strlen(s->pub_topic), data, len,
				   s->pub_qos, s->pub_retain, s->pub_id);
}

/* <msg> (a string, maybe empty), or straight <qos>: an integer second
 * field is the QoS and the message is empty.  Fields past retain are
 * ignored, as the SLM does. */
static int pub_params(struct modem *m, const struct at_cmd *cmd, const char **msg,
		      size_t *msg_len, int64_t *qos, int64_t *retain)
{
	size_t next = 1;
	int rc;

	if (cmd->nparams > 1 && cmd->params[1].type != AT_PARAM_INT &&
	    cmd->params[1].type != AT_PARAM_EMPTY) {
		if ((rc = get_str(m, cmd, 1, "msg", MAX_MESSAGE, msg)))
			return rc;
		*msg_len = strlen(*msg);
		next = 2;
	} else if (cmd->nparams > 1 && cmd->params[1].type == AT_PARAM_EMPTY) {
		return AT_OK;
	}
	if (next < cmd->nparams && at_param_int_range(cmd, next, 0, 2, qos))
		return at_why(m, AT_ERROR, "<qos> must be 0, 1 or 2");
	if (next + 1 < cmd->nparams && at_param_int_range(cmd, next + 1, 0, 1, retain))
		return at_why(m, AT_ERROR, "<retain> must be 0 or 1");
	return AT_OK;
}

int xmqttpub_set(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	const char *topic, *msg = "";
	size_t msg_len = 0;
	int64_t qos = 0, retain = 0;
	int rc;

	if (cmd->nparams < 1)
		return at_why(m, AT_ERROR, "expected AT#XMQTTPUB=\"<topic>\"[,\"<msg>\"[,<qos>[,<retain>]]]");
	if ((rc = get_str(m, cmd, 0, "topic", MAX_TOPIC, &topic)) ||
	    (rc = pub_params(m, cmd, &msg, &msg_len, &qos, &retain)))
		return rc;
	s->pub_id = mqtt_client_next_pub_id(s->client);
	if (msg_len == 0) {
		/* Data mode is entered without a connection check; a chunk
		 * that cannot be published ends it with ERROR. */
		snprintf(s->pub_topic, sizeof(s->pub_topic), "%s", topic);
		s->pub_qos = (int)qos;
		s->pub_retain = retain;
		modem_enter_datamode(m, datamode_publish);
		return AT_SILENT;
	}
	rc = mqtt_client_publish(s->client, topic, strlen(topic), msg, msg_len, (int)qos, retain,
				 s->pub_id);
	return rc ? send_failed(m, "publish", rc) : AT_OK;
}

int mqtt_init(struct modem *m, char *err, size_t errlen)
{
	m->mqtt = calloc(1, sizeof(*m->mqtt));
	if (m->mqtt)
		m->mqtt->client = mqtt_client_new(m->ctx, &client_ops, m);
	if (!m->mqtt || !m->mqtt->client) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->mqtt->sec_tag = -1;
	return 0;
}

void mqtt_fini(struct modem *m)
{
	if (!m->mqtt)
		return;
	mqtt_client_free(m->mqtt->client);
	free(m->mqtt);
	m->mqtt = NULL;
}

/* The modem dropping off the network aborts the socket under the client. */
void mqtt_net_changed(struct modem *m)
{
	if (m->mqtt && !net_registered(&m->net) && mqtt_client_transport_up(m->mqtt->client)) {
		modem_log(m, SLOG_INFO, "mqtt: network lost, connection aborted");
		mqtt_client_abort(m->mqtt->client, -ECONNABORTED);
	}
}

int mqtt_broker_of(struct modem *m, struct mqtt_client_params *p)
{
	struct mqtt_state *s = m->mqtt;

	if (!s || !s->connected || !mqtt_client_transport_up(s->client))
		return -ENOTCONN;
	*p = (struct mqtt_client_params){ .client_id = s->client_id, .username = s->username,
					  .password = s->password, .keepalive_s = 60,
					  .max_payload = 64 * 1024 };
	p->conn = (struct conn_params){ .host = s->url, .port = (uint16_t)s->port,
					.tls = s->sec_tag >= 0, .sec_tag = (uint32_t)(s->sec_tag >= 0 ?
					s->sec_tag : 0), .creds = m->creds, .owner = "ctl",
					.outside = true };
	return 0;
}

int mqtt_broker_closes(struct modem *m)
{
	if (!m->mqtt || !mqtt_client_transport_up(m->mqtt->client))
		return -ENOTCONN;
	modem_log(m, SLOG_INFO, "mqtt: the broker closes the connection (slmctl broker-disconnect)");
	return mqtt_client_peer_close(m->mqtt->client);
}

void mqtt_status_json(struct modem *m, struct strbuf *sb)
{
	struct mqtt_state *s = m->mqtt;

	sb_appendf(sb, "\"mqtt\":{\"connected\":%s,\"connecting\":%s,\"client_id\":",
		   s->connected ? "true" : "false", s->connecting ? "true" : "false");
	sb_append_json(sb, s->client_id);
	sb_appendf(sb, ",\"host\":");
	sb_append_json(sb, s->url);
	sb_appendf(sb, ",\"port\":%d,\"sec_tag\":%lld}", s->port, (long long)s->sec_tag);
}
