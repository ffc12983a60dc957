/* The MQTT rows of the generations after NCS 1.8 (fact sheet 3.3), in the
 * set of the generation that brought them; slm_generations.c lists the
 * sets each profile searches, newest first. */
#include "cmd_mqtt.h"
#include "cmd_mqtt_gen.h"
#include "cmd_table.h"

#define NCS20 "SLM 2.0.0"
#define NCS25 "SLM 2.5.0"
#define NCS26 "SLM 2.6.0"

static const struct at_cmd_def v20[] = {
	{ .name = "#XMQTTPUB", .origin = AT_ORIGIN_SLM, .set = xmqttpub_set_v20,
	  .schema = &xmqttpub_schema_v20, .peer = AT_PEER_BROKER, .flags = AT_F_EMPTY_DATAMODE,
	  .since = NCS20, .summary = "MQTT publish, data mode with an empty message; <msg> "
	  "only a string (256 bytes, 1024 from 2.3)" },
};

static const struct at_cmd_def v25[] = {
	{ .name = "#XMQTTCON", .origin = AT_ORIGIN_SLM, .set = xmqttcon_set,
	  .read = xmqttcon_read_v25, .schema = &xmqttcon_schema_v25,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING, .peer = AT_PEER_BROKER, .since = NCS25,
	  .summary = "MQTT 3.1.1 connect (TCP or TLS) and disconnect; the read form says 0 "
	  "alone without a session" },
	{ .name = "#XMQTTSUB", .origin = AT_ORIGIN_SLM, .set = xmqttsub_set,
	  .test_fn = xmqttsub_test_v25, .schema = &xmqttsub_schema_v25,
	  .flags = AT_F_SUBSCRIBES, .since = NCS25,
	  .summary = "MQTT subscribe; ERROR in every form without a session" },
	{ .name = "#XMQTTUNSUB", .origin = AT_ORIGIN_SLM, .set = xmqttunsub_set,
	  .test_fn = xmqttunsub_test_v25, .schema = &xmqttunsub_schema_v25, .since = NCS25,
	  .summary = "MQTT unsubscribe; ERROR in every form without a session" },
	{ .name = "#XMQTTPUB", .origin = AT_ORIGIN_SLM, .set = xmqttpub_set_v20,
	  .test_fn = xmqttpub_test_v25, .schema = &xmqttpub_schema_v25, .peer = AT_PEER_BROKER,
	  .flags = AT_F_EMPTY_DATAMODE, .since = NCS25,
	  .summary = "MQTT publish, data mode with an empty message; ERROR in every form "
	  "without a session" },
};

static const struct at_cmd_def v26[] = {
	{ .name = "#XMQTTCFG", .origin = AT_ORIGIN_SLM, .set = xmqttcfg_set, .read = xmqttcfg_read,
	  .schema = &xmqttcfg_schema, .since = NCS26,
	  .summary = "MQTT client id, keep-alive and clean session of the next connect" },
	{ .name = "#XMQTTCON", .origin = AT_ORIGIN_SLM, .set = xmqttcon_set_v26,
	  .read = xmqttcon_read_v25, .schema = &xmqttcon_schema_v26,
	  .flags = AT_F_NEEDS_REG | AT_F_BLOCKING, .peer = AT_PEER_BROKER, .since = NCS26,
	  .summary = "MQTT 3.1.1 connect (TCP or TLS) with #XMQTTCFG's client id, and "
	  "disconnect" },
};

const struct slm_rows rows_mqtt_v20 = { .rows = v20, .n = ARRAY_SIZE(v20) };
const struct slm_rows rows_mqtt_v25 = { .rows = v25, .n = ARRAY_SIZE(v25) };
const struct slm_rows rows_mqtt_v26 = { .rows = v26, .n = ARRAY_SIZE(v26) };
