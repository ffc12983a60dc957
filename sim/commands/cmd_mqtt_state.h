/* What the MQTT commands of every generation share (cmd_mqtt.c for NCS
 * 1.8's, cmd_mqtt_gen.c for the rows later generations changed): the
 * modem's session state and the steps their handlers have in common. */
#ifndef SLMSIM_CMD_MQTT_STATE_H
#define SLMSIM_CMD_MQTT_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "at_schema.h"

#define MAX_CLIENT_ID 64
#define MAX_USERNAME 32
#define MAX_PASSWORD 32
#define MAX_URL 128
#define MAX_TOPIC 127

struct at_cmd;
struct modem;

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
	/* What #XMQTTCFG configures (2.6+): the keep-alive and clean session
	 * the next CONNECT carries. */
	uint16_t keepalive_s;
	bool clean_session;
	/* data mode publish */
	char pub_topic[MAX_TOPIC + 1];
	int pub_qos;
	bool pub_retain;
	uint16_t pub_id;	/* one per #XMQTTPUB, shared by its data-mode chunks */
};

/* What a connect sends besides the broker the command names. */
struct mqtt_session_cfg {
	const char *client_id;
	uint16_t keepalive_s;
	bool clean_session;
};

/* #XMQTTCON=1/2 once its parameters are kept: connects, AT_PENDING. */
int mqtt_do_connect(struct modem *m, const struct at_cmd *cmd, const struct mqtt_session_cfg *c);
/* #XMQTTCON=0 */
int mqtt_do_disconnect(struct modem *m);
/* The #XMQTTCON? line while a session is up (every generation). */
void mqtt_con_read_line(struct modem *m);

extern const struct at_param_def mqtt_topic_qos[2], mqtt_xmqttcon_params[7];
extern const struct at_form mqtt_xmqttcon_forms[2];

#endif
