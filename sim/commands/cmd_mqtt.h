/* SLM MQTT commands and the module that keeps their client. */
#ifndef SLMSIM_CMD_MQTT_H
#define SLMSIM_CMD_MQTT_H

#include <stdbool.h>
#include <stddef.h>

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xmqttcon_schema, xmqttsub_schema, xmqttunsub_schema,
	xmqttpub_schema;

int xmqttcon_set(struct modem *m, const struct at_cmd *cmd);
int xmqttcon_read(struct modem *m, const struct at_cmd *cmd);
int xmqttsub_set(struct modem *m, const struct at_cmd *cmd);
int xmqttunsub_set(struct modem *m, const struct at_cmd *cmd);
int xmqttpub_set(struct modem *m, const struct at_cmd *cmd);
/* The client id a generation that configures it apart (#XMQTTCFG) starts
 * with; NULL for one whose connect names it. */
struct slm_profile;
const char *mqtt_default_client_id(const struct slm_profile *p);
int mqtt_init(struct modem *m, char *err, size_t errlen);
void mqtt_fini(struct modem *m);
void mqtt_uninit(struct modem *m);
void mqtt_net_changed(struct modem *m);
/* The world around the modem's MQTT client (slmctl): its broker for
 * another client (-ENOTCONN without a connection), the broker closing the
 * connection, and the client's state as a JSON member. */
struct mqtt_client_params;
struct strbuf;
int mqtt_broker_of(struct modem *m, struct mqtt_client_params *p);
int mqtt_broker_closes(struct modem *m);
void mqtt_status_json(struct modem *m, struct strbuf *sb);

#endif
