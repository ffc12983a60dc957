/* SLM v1.8 MQTT commands (fact sheet 3): #XMQTTCON, #XMQTTSUB, #XMQTTUNSUB,
 * #XMQTTPUB with its data mode, and the #XMQTTEVT / #XMQTTMSG URCs. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_mqtt.h"
#include "cmd_pdn.h"
#include "cmd_mqtt_state.h"
#include "cmd_table.h"
#include "mqtt_client.h"

#define MAX_MESSAGE 575		/* NET_IPV4_MTU - 1 in command mode */
#define MAX_RX_PAYLOAD 576

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
	at_reply(m, &RSP_XMQTTEVT, "%d,%d", evt, result);
}

static void on_message(void *arg, const uint8_t *topic, size_t topic_len, const uint8_t *payload,
		       size_t payload_len)
{
	struct modem *m = arg;
	struct strbuf sb = { 0 };

	sb_appendf(&sb, "\r\n%s: %zu,%zu\r\n", RSP_XMQTTMSG.prefix, topic_len, payload_len);
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

/* The SLM keeps each value in its buffers as soon as it reads it, so
 * #XMQTTCON? shows them even after a failed connect. */
static void keep_params(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	struct mqtt_state *s = m->mqtt;

	if (good > 1)
		snprintf(s->client_id, sizeof(s->client_id), "%s", at_arg_str(cmd, 1, NULL));
	if (good > 4) {
		snprintf(s->username, sizeof(s->username), "%s", at_arg_str(cmd, 2, NULL));
		snprintf(s->password, sizeof(s->password), "%s", at_arg_str(cmd, 3, NULL));
		snprintf(s->url, sizeof(s->url), "%s", at_arg_str(cmd, 4, NULL));
	}
	if (good > 5) {
		s->port = (int)at_arg_int(cmd, 5);
		s->sec_tag = -1;
	}
}

/* Parameters after the sec_tag are ignored, as the SLM does. */
const struct at_param_def mqtt_xmqttcon_params[7] = {
	AT_INT("op", AT_R_OP, INT64_MIN, INT64_MAX,
	       .why = "<op> must be 0 disconnect, 1 connect (IPv4) or 2 (IPv6)"),
	AT_STR("client_id", AT_R_CLIENT_ID, MAX_CLIENT_ID),
	AT_STR("username", AT_R_USER, MAX_USERNAME),
	AT_STR("password", AT_R_PASSWORD, MAX_PASSWORD),
	AT_STR("url", AT_R_HOST, MAX_URL),
	AT_INT("port", AT_R_PORT, 0, 65535,
	       .why = "expected AT#XMQTTCON=1,\"<client_id>\",\"<username>\",\"<password>\","
		      "\"<url>\",<port>[,<sec_tag>]: <port> 0..65535"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL, .opt = AT_OPT_END,
	       .why = "<sec_tag> must be an unsigned integer"),
};

const struct at_form mqtt_xmqttcon_forms[2] = {
	{ .op_lo = 0, .op_hi = 0, .p = mqtt_xmqttcon_params, .n = 1 },
	{ .op_lo = 1, .op_hi = 2, .p = mqtt_xmqttcon_params, .n = 7, .keep = keep_params },
};

const struct at_schema xmqttcon_schema = {
	.forms = mqtt_xmqttcon_forms, .n_forms = 2,
	.test = "#XMQTTCON: (0,1,2),<cid>,<username>,<password>,<url>,<port>,<sec_tag>",
};

static void connect_params(struct modem *m, const struct at_cmd *cmd,
			   const struct mqtt_session_cfg *c, struct mqtt_client_params *p)
{
	struct mqtt_state *s = m->mqtt;
	const struct slm_profile *g = m->profile;

	p->client_id = c->client_id;
	p->username = at_str(cmd, "username");
	p->password = at_str(cmd, "password");
	p->keepalive_s = c->keepalive_s;
	p->clean_session = c->clean_session;
	p->max_payload = slm_has(g, SLM_FEAT_MQTT_RX_STREAM) ? 0 : MAX_RX_PAYLOAD;
	p->ack_qos1 = slm_has(g, SLM_FEAT_MQTT_RX_PUBACK);
	p->ack_qos2 = slm_has(g, SLM_FEAT_MQTT_RX_PUBREC);
	/* Op 2 resolves the broker's IPv6 address (util_resolve_host with AF_INET6). */
	p->conn = (struct conn_params){ .host = s->url, .port = (uint16_t)s->port,
					.family = at_arg_int(cmd, 0) == 2 ? AF_INET6 : AF_INET,
					.tls = s->sec_tag >= 0,
					.sec_tag = (uint32_t)(s->sec_tag >= 0 ? s->sec_tag : 0),
					.creds = m->creds, .tls_count = &m->tls_sessions,
					.prof = m->tls, .owner = m->name, .stats = &m->radio.stats };
	p->fds = &m->fds;
}

int mqtt_do_connect(struct modem *m, const struct at_cmd *cmd, const struct mqtt_session_cfg *c)
{
	struct mqtt_state *s = m->mqtt;
	struct mqtt_client_params p = { 0 };
	char why[CONN_WHY_MAX];
	int tag = at_schema_role(m->cur_def->schema, AT_R_SEC_TAG), rc;

	s->sec_tag = tag >= 0 && at_arg_has(cmd, (size_t)tag) ? at_int(cmd, "sec_tag") : -1;
	connect_params(m, cmd, c, &p);
	if (s->connected)
		return at_why(m, AT_ERROR, "already connected (EISCONN); AT#XMQTTCON=0 first");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "DNS lookup of %s failed: the modem is not registered to a "
			      "network (AT+CFUN=1, then wait for +CEREG: 1 or 5)", s->url);
	if (!pdn_routes(m, p.conn.family, 0, why, sizeof(why)))
		return at_why(m, AT_ERROR, "%s", why);
	rc = mqtt_client_connect(s->client, &p, why, sizeof(why));
	if (rc)
		return at_why(m, AT_ERROR, "%s", why);
	s->connecting = true;
	return AT_PENDING;
}

static int do_connect(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_session_cfg c = { .client_id = m->mqtt->client_id,
				      .keepalive_s = (uint16_t)m->cfg.mqtt_keepalive_s,
				      .clean_session = true };

	keep_params(m, cmd, 6);
	return mqtt_do_connect(m, cmd, &c);
}

void mqtt_con_read_line(struct modem *m)
{
	struct mqtt_state *s = m->mqtt;

	if (s->sec_tag >= 0)
		at_reply(m, &RSP_XMQTTCON, "%d,\"%s\",\"%s\",%d,%lld", s->connected, s->client_id,
			 s->url, s->port, (long long)s->sec_tag);
	else
		at_reply(m, &RSP_XMQTTCON, "%d,\"%s\",\"%s\",%d", s->connected, s->client_id,
			 s->url, s->port);
}

int xmqttcon_read(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	mqtt_con_read_line(m);
	return AT_OK;
}

int mqtt_do_disconnect(struct modem *m)
{
	struct mqtt_state *s = m->mqtt;

	if (!s->connected)
		return at_why(m, AT_ERROR, "not connected (ENOTCONN)");
	if (mqtt_client_disconnect(s->client))
		return at_why(m, AT_ERROR, "the broker has not accepted the connection yet "
			      "(no CONNACK): Zephyr's mqtt_disconnect() refuses (ENOTCONN) and "
			      "the half-open session stays");
	return AT_OK;
}

int xmqttcon_set(struct modem *m, const struct at_cmd *cmd)
{
	switch (at_arg_int(cmd, 0)) {
	case 0:
		return mqtt_do_disconnect(m);
	case 1:
	case 2:
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

const struct at_param_def mqtt_topic_qos[2] = {
	AT_STR("topic", AT_R_TOPIC, MAX_TOPIC),
	AT_INT("qos", AT_R_QOS, 0, 2, .why = "<qos> must be 0, 1 or 2"),
};

const struct at_schema xmqttsub_schema = {
	.forms = (const struct at_form[]){
		{ .p = mqtt_topic_qos, .n = 2, .min_count = 2, .max_count = 2,
		  .count_why = "expected AT#XMQTTSUB=\"<topic>\",<qos>" },
	}, .n_forms = 1, .test = "#XMQTTSUB: <topic>,(0,1,2)",
};

const struct at_schema xmqttunsub_schema = {
	.forms = (const struct at_form[]){
		{ .p = mqtt_topic_qos, .n = 1, .min_count = 1, .max_count = 1,
		  .count_why = "expected AT#XMQTTUNSUB=\"<topic>\"" },
	}, .n_forms = 1, .test = "#XMQTTUNSUB: <topic>",
};

int xmqttsub_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *topic = at_str(cmd, "topic");
	int rc = mqtt_client_subscribe(m->mqtt->client, topic, strlen(topic), (int)at_int(cmd, "qos"));

	return rc ? send_failed(m, "subscribe", rc) : AT_OK;
}

int xmqttunsub_set(struct modem *m, const struct at_cmd *cmd)
{
	const char *topic = at_str(cmd, "topic");
	int rc = mqtt_client_unsubscribe(m->mqtt->client, topic, strlen(topic));

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

	if (cmd->nparams > 1 && cmd->params[1].type == AT_PARAM_STR) {
		*msg = at_arg_str(cmd, 1, msg_len);
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

/* <msg> may be left out, its place taken by <qos>: pub_params() checks
 * what follows it. */
static const struct at_param_def xmqttpub_params[] = {
	AT_STR("topic", AT_R_TOPIC, MAX_TOPIC),
	{ .name = "msg", .type = AT_P_ANY, .role = AT_R_PAYLOAD, .opt = AT_OPT,
	  .max_len = MAX_MESSAGE },
	AT_LATE("qos", AT_R_QOS), AT_LATE("retain", AT_R_RETAIN),
};

const struct at_schema xmqttpub_schema = {
	.forms = (const struct at_form[]){
		{ .p = xmqttpub_params, .n = 4, .min_count = 1, .max_count = AT_MAX_PARAMS,
		  .count_why = "expected AT#XMQTTPUB=\"<topic>\"[,\"<msg>\"[,<qos>[,<retain>]]]" },
	}, .n_forms = 1, .test = "#XMQTTPUB: <topic>,<msg>,(0,1,2),(0,1)",
};

int xmqttpub_set(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	const char *topic, *msg = "";
	size_t msg_len = 0;
	int64_t qos = 0, retain = 0;
	int rc;

	if ((rc = pub_params(m, cmd, &msg, &msg_len, &qos, &retain)))
		return rc;
	topic = at_str(cmd, "topic");
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
	m->mqtt->keepalive_s = (uint16_t)m->cfg.mqtt_keepalive_s;
	m->mqtt->clean_session = true;	/* CONFIG_MQTT_CLEAN_SESSION=y */
	if (mqtt_default_client_id(m->profile))
		snprintf(m->mqtt->client_id, sizeof(m->mqtt->client_id), "%s",
			 mqtt_default_client_id(m->profile));
	return 0;
}

/* NCS 1.8's client has no id until a connect names one. */
const char *mqtt_default_client_id(const struct slm_profile *p)
{
	if (!at_cmd_find(p, "#XMQTTCFG"))
		return NULL;
	return slm_has(p, SLM_FEAT_MQTT_SM_CLIENT_ID) ? "sm_default_client_id" :
	       "slm_default_client_id";
}

void mqtt_fini(struct modem *m)
{
	if (!m->mqtt)
		return;
	mqtt_client_free(m->mqtt->client);
	free(m->mqtt);
	m->mqtt = NULL;
}

/* slm_at_mqtt_uninit() forgets the broker and slm_at_mqtt_init() the
 * context: the connection is abandoned without DISCONNECT, no URC. */
void mqtt_uninit(struct modem *m)
{
	char err[64];

	if (!m->mqtt)
		return;
	if (m->mqtt->connected)
		modem_log(m, SLOG_INFO, "mqtt: the SLM stops; the connection is abandoned");
	mqtt_fini(m);
	if (mqtt_init(m, err, sizeof(err)))
		modem_log(m, SLOG_WARN, "mqtt: %s", err);
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
					  .password = s->password, .keepalive_s = 60, .clean_session = true,
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
