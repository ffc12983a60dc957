/* Another MQTT client on the modem's broker (slmctl publish): connects with
 * the modem's broker, credentials and log-in but its own client id,
 * publishes one message, waits for the broker's acknowledgement at QoS 1
 * and 2, disconnects and reports once. */
#ifndef SLMSIM_MQTT_OTHER_H
#define SLMSIM_MQTT_OTHER_H

#include <stdbool.h>
#include <stddef.h>

struct sim_ctx;
struct mqtt_client_params;
struct mqtt_other;

/* err 0 done, else -errno with why (valid during the call).  Called once,
 * from the loop, never from inside mqtt_other_publish. */
typedef void (*mqtt_other_done)(void *arg, int err, const char *why);

/* The publisher frees itself after done; NULL with why when it could not
 * start.  params->client_id is replaced by client_id. */
struct mqtt_other *mqtt_other_publish(struct sim_ctx *ctx, const struct mqtt_client_params *params,
				      const char *client_id, const char *topic, const void *payload,
				      size_t len, int qos, bool retain, mqtt_other_done done,
				      void *arg, char *why, size_t whylen);
/* Stops and frees it at once (process exit). */
void mqtt_other_free(struct mqtt_other *o);

#endif
