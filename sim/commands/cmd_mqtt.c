/* SLM v1.8 MQTT commands (fact sheet 3): #XMQTTCON, #XMQTTSUB, #XMQTTUNSUB,
 * #XMQTTPUB with its data mode, and the #XMQTTEVT / #XMQTTMSG URCs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
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
	bool connected;		/* CONNACK accepted */
	bool connecting;	/* #XMQTTCON=1 pending */
	char client_id[MAX_CLIENT_ID + 1];
	char url[MAX_URL + 1];
	int port;
	int64_t sec_tag;	/* -1: plain TCP */
	/* data mode publish */
	char pub_topic[MAX_TOPIC + 1];
	int pub_qos;
	bool pub_retain;
};

static void on_event(void *arg, enum mqtt_evt evt, int result)
{
	struct modem *m = arg;
	struct mqtt_state *s = m->mqtt;

	if (evt == MQTT_EVT_CONNACK)
		s->connected = result == 0;
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

static int do_connect(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	struct mqtt_client_params p = { 0 };
	const char *cid, *user, *pass, *url;
	int64_t port, tag = -1;
	char why[CONN_WHY_MAX];
	int rc;

	if (cmd->nparams != 6 && cmd->nparams != 7)
		return at_why(m, AT_ERROR, "expected AT#XMQTTCON=1,\"<client_id>\",\"<username>\","
			      "\"<password>\",\"<url>\",<port>[,<sec_tag>]");
	if ((rc = get_str(m, cmd, 1, "client_id", MAX_CLIENT_ID, &cid)) ||
	    (rc = get_str(m, cmd, 2, "username", MAX_USERNAME, &user)) ||
	    (rc = get_str(m, cmd, 3, "password", MAX_PASSWORD, &pass)) ||
	    (rc = get_str(m, cmd, 4, "url", MAX_URL, &url)))
		return rc;
	if (at_param_int_range(cmd, 5, 0, 65535, &port))
		return at_why(m, AT_ERROR, "<port> must be 0..65535");
	if (cmd->nparams == 7 && at_param_int_range(cmd, 6, 0, 4294967295LL, &tag))
		return at_why(m, AT_ERROR, "<sec_tag> must be an unsigned integer");
	if (s->connected || mqtt_client_transport_up(s->client))
		return at_why(m, AT_ERROR, "already connected (EISCONN); AT#XMQTTCON=0 first");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to a "
			      "network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", url);
	p.client_id = cid;
	p.username = user;
	p.password = pass;
	p.keepalive_s = (uint16_t)m->cfg.mqtt_keepalive_s;
	p.max_payload = MAX_RX_PAYLOAD;
	p.conn = (struct conn_params){ .host = url, .port = (uint16_t)port, .tls = tag >= 0,
				       .sec_tag = (uint32_t)(tag >= 0 ? tag : 0), .creds = m->creds,
				       .tls_count = &m->tls_sessions, .owner = m->name };
	rc = mqtt_client_connect(s->client, &p, why, sizeof(why));
	if (rc)
		return at_why(m, AT_ERROR, "%s", why);
	snprintf(s->client_id, sizeof(s->client_id), "%s", cid);
	snprintf(s->url, sizeof(s->url), "%s", url);
	s->port = (int)port;
	s->sec_tag = tag;
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
		if (!mqtt_client_transport_up(s->client))
			return at_why(m, AT_ERROR, "not connected (ENOTCONN)");
		mqtt_client_disconnect(s->client);
		return AT_OK;
	case 1:
		return do_connect(m, cmd);
	case 2:
		return at_why(m, AT_ERROR, "MQTT over IPv6 (op 2) is not emulated");
	default:
		return at_why(m, AT_ERROR, "<op> must be 0, 1 or 2");
	}
}

static int need_connected(struct modem *m)
{
	if (m->mqtt->connected)
		return AT_OK;
	return at_why(m, AT_ERROR, "not connected to a broker (AT#XMQTTCON=1,... and wait for "
		      "#XMQTTEVT: 0,0)");
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
	if ((rc = need_connected(m)))
		return rc;
	if (mqtt_client_subscribe(m->mqtt->client, topic, strlen(topic), (int)qos))
		return at_why(m, AT_ERROR, "subscribe failed: %s", mqtt_client_why(m->mqtt->client));
	return AT_OK;
}

int xmqttunsub_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *topic;
	int rc;

	if (cmd->nparams != 1)
		return at_why(m, AT_ERROR, "expected AT#XMQTTUNSUB=\"<topic>\"");
	if ((rc = get_str(m, cmd, 0, "topic", MAX_TOPIC, &topic)))
		return rc;
	if ((rc = need_connected(m)))
		return rc;
	if (mqtt_client_unsubscribe(m->mqtt->client, topic, strlen(topic)))
		return at_why(m, AT_ERROR, "unsubscribe failed: %s", mqtt_client_why(m->mqtt->client));
	return AT_OK;
}

static int datamode_publish(struct modem *m, const uint8_t *data, size_t len)
{
	struct mqtt_state *s = m->mqtt;

	if (!s->connected)
		return -ENOTCONN;
	return mqtt_client_publish(s->client, s->pub_topic, strlen(s->pub_topic), data, len,
				   s->pub_qos, s->pub_retain);
}

int xmqttpub_set(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	const char *topic, *msg = "";
	size_t msg_len = 0, next = 1;
	int64_t qos = 0, retain = 0;
	int rc;

	if (cmd->nparams < 1 || cmd->nparams > 4)
		return at_why(m, AT_ERROR, "expected AT#XMQTTPUB=\"<topic>\"[,\"<msg>\"[,<qos>[,<retain>]]]");
	if ((rc = get_str(m, cmd, 0, "topic", MAX_TOPIC, &topic)))
		return rc;
	/* An integer second field is the QoS: the message is then empty. */
	if (cmd->nparams > 1 && cmd->params[1].type != AT_PARAM_INT) {
		if ((rc = get_str(m, cmd, 1, "msg", MAX_MESSAGE, &msg)))
			return rc;
		msg_len = cmd->params[1].len;
		next = 2;
	}
	if (next < cmd->nparams && at_param_int_range(cmd, next, 0, 2, &qos))
		return at_why(m, AT_ERROR, "<qos> must be 0, 1 or 2");
	if (next + 1 < cmd->nparams && at_param_int_range(cmd, next + 1, 0, 1, &retain))
		return at_why(m, AT_ERROR, "<retain> must be 0 or 1");
	if (next + 2 < cmd->nparams)
		return at_why(m, AT_ERROR, "too many parameters");
	if ((rc = need_connected(m)))
		return rc;
	if (msg_len == 0) {
		snprintf(s->pub_topic, sizeof(s->pub_topic), "%s", topic);
		s->pub_qos = (int)qos;
		s->pub_retain = retain;
		modem_enter_datamode(m, datamode_publish);
		return AT_SILENT;
	}
	if (mqtt_client_publish(s->client, topic, strlen(topic), msg, msg_len, (int)qos, retain))
		return at_why(m, AT_ERROR, "publish failed: %s", mqtt_client_why(s->client));
	return AT_OK;
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
