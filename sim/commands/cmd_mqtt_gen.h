/* Handlers and schemas of the MQTT rows later SLM generations changed
 * (cmd_table_mqtt.c). */
#ifndef SLMSIM_CMD_MQTT_GEN_H
#define SLMSIM_CMD_MQTT_GEN_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xmqttpub_schema_v20, xmqttpub_schema_v25, xmqttsub_schema_v25,
	xmqttunsub_schema_v25, xmqttcon_schema_v25, xmqttcon_schema_v26, xmqttcfg_schema;

int xmqttpub_set_v20(struct modem *m, const struct at_cmd *cmd);
int xmqttpub_test_v25(struct modem *m, const struct at_cmd *cmd);
int xmqttsub_test_v25(struct modem *m, const struct at_cmd *cmd);
int xmqttunsub_test_v25(struct modem *m, const struct at_cmd *cmd);
int xmqttcon_read_v25(struct modem *m, const struct at_cmd *cmd);
int xmqttcon_set_v26(struct modem *m, const struct at_cmd *cmd);
int xmqttcfg_set(struct modem *m, const struct at_cmd *cmd);
int xmqttcfg_read(struct modem *m, const struct at_cmd *cmd);

#endif
