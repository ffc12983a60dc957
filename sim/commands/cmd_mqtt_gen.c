/* The MQTT commands later SLM generations answer differently (fact sheet
 * 3.3): #XMQTTPUB takes only a string <msg> from 2.0; from 2.5 publish,
 * subscribe and unsubscribe need a session, even for their test forms,
 * and #XMQTTCON? says 0 alone without one; 2.6 configures the client
 * with #XMQTTCFG and drops the client id from #XMQTTCON. */
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_mqtt.h"
#include "cmd_mqtt_gen.h"
#include "cmd_mqtt_state.h"
#include "rsp_table.h"

#define MAX_MESSAGE_GEN 1023	/* SLM_MAX_PAYLOAD_SIZE (2.3+) - 1 */
#define MAX_MESSAGE_20 255	/* MQTT_MAX_PUB_LEN (2.0-2.2) - 1 */

/* <msg> is a string or absent: an integer there is an error (at_params_
 * string_get), "" enters data mode. */
static const struct at_param_def xmqttpub_params_v20[] = {
	AT_STR("topic", AT_R_TOPIC, MAX_TOPIC),
	AT_STR("msg", AT_R_PAYLOAD, MAX_MESSAGE_GEN, .opt = AT_OPT_END),
	AT_INT("qos", AT_R_QOS, 0, 2, .opt = AT_OPT_END, .why = "<qos> must be 0, 1 or 2"),
	AT_INT("retain", AT_R_RETAIN, 0, 1, .opt = AT_OPT_END, .why = "<retain> must be 0 or 1"),
};

#define XMQTTPUB_USAGE "expected AT#XMQTTPUB=\"<topic>\"[,\"<msg>\"[,<qos>[,<retain>]]]"
#define XMQTTPUB_TEST "#XMQTTPUB: <topic>,<msg>,(0,1,2),(0,1)"

const struct at_schema xmqttpub_schema_v20 = {
	.forms = (const struct at_form[]){
		{ .p = xmqttpub_params_v20, .n = 4, .usage = XMQTTPUB_USAGE },
	}, .n_forms = 1, .test = XMQTTPUB_TEST,
};

int xmqttpub_set_v20(struct modem *m, const struct at_cmd *cmd)
{
	size_t len, max = slm_has(m->profile, SLM_FEAT_MQTT_PUB_1024) ? MAX_MESSAGE_GEN :
			  MAX_MESSAGE_20;

	at_arg_str(cmd, 1, &len);
	if (len > max)
		return at_why(m, AT_ERROR, "<msg> of %zu bytes: at most %zu fit the SLM's %zu-byte "
			      "buffer", len, max, max + 1);
	return xmqttpub_set(m, cmd);
}

/* 2.5+: "if (!ctx.connected) return -ENOTCONN" before anything else. */
static int needs_session(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (m->mqtt->connected)
		return 0;
	return at_why(m, AT_ERROR, "no MQTT session (ENOTCONN): since SLM 2.5 AT%s answers ERROR "
		      "in every form until AT#XMQTTCON=1 has connected", m->cur_def->name);
}

static int session_test(struct modem *m, const char *text)
{
	int rc = needs_session(m, NULL);

	if (!rc)
		at_info(m, "%s", text);
	return rc;
}

int xmqttpub_test_v25(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return session_test(m, XMQTTPUB_TEST);
}

int xmqttsub_test_v25(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return session_test(m, "#XMQTTSUB: <topic>,(0,1,2)");
}

int xmqttunsub_test_v25(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	return session_test(m, "#XMQTTUNSUB: <topic>");
}

/* The test text is the row's test_fn: the schema has none. */
const struct at_schema xmqttpub_schema_v25 = {
	.forms = (const struct at_form[]){
		{ .p = xmqttpub_params_v20, .n = 4, .usage = XMQTTPUB_USAGE,
		  .guard = needs_session },
	}, .n_forms = 1,
};

const struct at_schema xmqttsub_schema_v25 = {
	.forms = (const struct at_form[]){
		{ .p = mqtt_topic_qos, .n = 2, .min_count = 2, .max_count = 2,
		  .count_why = "expected AT#XMQTTSUB=\"<topic>\",<qos>", .guard = needs_session },
	}, .n_forms = 1,
};

const struct at_schema xmqttunsub_schema_v25 = {
	.forms = (const struct at_form[]){
		{ .p = mqtt_topic_qos, .n = 1, .min_count = 1, .max_count = 1,
		  .count_why = "expected AT#XMQTTUNSUB=\"<topic>\"", .guard = needs_session },
	}, .n_forms = 1,
};

const struct at_schema xmqttcon_schema_v25 = {
	.forms = mqtt_xmqttcon_forms, .n_forms = 2,
	.test = "#XMQTTCON: (0,1,2),<client_id>,<username>,<password>,<url>,<port>,<sec_tag>",
};

int xmqttcon_read_v25(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	if (m->mqtt->connected)
		mqtt_con_read_line(m);
	else
		at_reply(m, &RSP_XMQTTCON, "0");
	return AT_OK;
}

/* 2.6: the broker only; each value is kept as it is read. */
static void keep_v26(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	struct mqtt_state *s = m->mqtt;

	if (good > 1)
		snprintf(s->username, sizeof(s->username), "%s", at_arg_str(cmd, 1, NULL));
	if (good > 2)
		snprintf(s->password, sizeof(s->password), "%s", at_arg_str(cmd, 2, NULL));
	if (good > 3)
		snprintf(s->url, sizeof(s->url), "%s", at_arg_str(cmd, 3, NULL));
	if (good > 4) {
		s->port = (int)at_arg_int(cmd, 4);
		s->sec_tag = -1;
	}
}

static const struct at_param_def xmqttcon_params_v26[] = {
	AT_INT("op", AT_R_OP, INT64_MIN, INT64_MAX,
	       .why = "<op> must be 0 disconnect, 1 connect (IPv4) or 2 (IPv6)"),
	AT_STR("username", AT_R_USER, MAX_USERNAME),
	AT_STR("password", AT_R_PASSWORD, MAX_PASSWORD),
	AT_STR("url", AT_R_HOST, MAX_URL),
	AT_INT("port", AT_R_PORT, 0, 65535,
	       .why = "expected AT#XMQTTCON=1,\"<username>\",\"<password>\",\"<url>\",<port>"
		      "[,<sec_tag>] (since SLM 2.6 the client id is AT#XMQTTCFG's): <port> "
		      "0..65535"),
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 4294967295LL, .opt = AT_OPT_END,
	       .why = "<sec_tag> must be an unsigned integer"),
};

const struct at_schema xmqttcon_schema_v26 = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xmqttcon_params_v26, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xmqttcon_params_v26, .n = 6, .keep = keep_v26 },
	}, .n_forms = 2,
	.test = "#XMQTTCON: (0,1,2),<username>,<password>,<url>,<port>,<sec_tag>",
};

int xmqttcon_set_v26(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;
	struct mqtt_session_cfg c = { .client_id = s->client_id, .keepalive_s = s->keepalive_s,
				      .clean_session = s->clean_session };

	switch (at_arg_int(cmd, 0)) {
	case 0:
		return mqtt_do_disconnect(m);
	case 1:
	case 2:
		keep_v26(m, cmd, 5);
		return mqtt_do_connect(m, cmd, &c);
	default:
		return at_why(m, AT_ERROR, "<op> must be 0, 1 or 2");
	}
}

/* The SLM reads the client id into its buffer first: a later parameter
 * that fails leaves it taken. */
static void keep_cfg(struct modem *m, const struct at_cmd *cmd, size_t good)
{
	if (good > 0)
		snprintf(m->mqtt->client_id, sizeof(m->mqtt->client_id), "%s",
			 at_arg_str(cmd, 0, NULL));
}

static const struct at_param_def xmqttcfg_params[] = {
	AT_STR("client_id", AT_R_CLIENT_ID, MAX_CLIENT_ID),
	AT_INT("keep_alive", AT_R_NONE, 0, 65535, .opt = AT_OPT_END,
	       .why = "<keep_alive> must be 0..65535 seconds"),
	AT_INT("clean_session", AT_R_NONE, 0, 1, .opt = AT_OPT_END,
	       .why = "<clean_session> must be 0 or 1"),
};

const struct at_schema xmqttcfg_schema = {
	.forms = (const struct at_form[]){
		{ .p = xmqttcfg_params, .n = 3, .keep = keep_cfg,
		  .usage = "expected AT#XMQTTCFG=\"<client_id>\"[,<keep_alive>[,<clean_session>]]" },
	}, .n_forms = 1,
	.test = "#XMQTTCFG: <client_id>,<keep_alive>,<clean_session>",
};

/* A value left out is the build's default again, not the last one set. */
int xmqttcfg_set(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;

	keep_cfg(m, cmd, 1);
	if (s->connected)
		return at_why(m, AT_ERROR, "the MQTT client is connected: AT#XMQTTCFG configures it "
			      "only between sessions (EINVAL); the client id is taken all the same");
	s->keepalive_s = at_arg_has(cmd, 1) ? (uint16_t)at_int(cmd, "keep_alive") :
			 (uint16_t)m->cfg.mqtt_keepalive_s;
	s->clean_session = at_arg_has(cmd, 2) ? at_int(cmd, "clean_session") == 1 : true;
	return AT_OK;
}

int xmqttcfg_read(struct modem *m, const struct at_cmd *cmd)
{
	struct mqtt_state *s = m->mqtt;

	(void)cmd;
	at_reply(m, &RSP_XMQTTCFG, "\"%s\",%d,%d", s->client_id, s->keepalive_s, s->clean_session);
	return AT_OK;
}
