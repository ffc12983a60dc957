/* The SLM's MQTT client (one per modem) over a net_conn: CONNECT once the
 * transport is up, keep-alive pings on the clock, acknowledgements, and
 * events numbered as Zephyr's enum mqtt_evt_type. */
#ifndef SLMSIM_MQTT_CLIENT_H
#define SLMSIM_MQTT_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fd_table.h"
#include "net_conn.h"

struct sim_ctx;
struct cred_store;
struct mqtt_client;

enum mqtt_evt {
	MQTT_EVT_CONNACK = 0, MQTT_EVT_DISCONNECT, MQTT_EVT_PUBLISH, MQTT_EVT_PUBACK,
	MQTT_EVT_PUBREC, MQTT_EVT_PUBREL, MQTT_EVT_PUBCOMP, MQTT_EVT_SUBACK, MQTT_EVT_UNSUBACK,
	MQTT_EVT_PINGRESP,
};

struct mqtt_client_ops {
	/* The transport is up and CONNECT is written (0), or it failed (-errno,
	 * why says how); the AT command answers on this. */
	void (*on_transport)(void *arg, int err, const char *why);
	/* result: 0, a CONNACK return code, or a negative Zephyr errno */
	void (*on_event)(void *arg, enum mqtt_evt evt, int result);
	void (*on_message)(void *arg, const uint8_t *topic, size_t topic_len,
			   const uint8_t *payload, size_t payload_len);
};

struct mqtt_client_params {
	const char *client_id, *username, *password;
	uint16_t keepalive_s;
	bool clean_session;
	/* Larger incoming messages: PUBLISH event -EMSGSIZE (the SLM reads a
	 * payload into one buffer); 0: none is too large (streamed, 2.0+). */
	size_t max_payload;
	/* What the client answers an incoming PUBLISH of QoS 1 (PUBACK) and
	 * QoS 2 (PUBREC, then PUBCOMP to the broker's PUBREL). */
	bool ack_qos1, ack_qos2;
	/* The broker: host, port, TLS and its sec_tag, the modem's credentials
	 * and session count.  Peer verification and the TLS host name are the
	 * SLM's (required, the host). */
	struct conn_params conn;
	/* The modem's fds: the client's socket holds one while it exists
	 * (socket() in mqtt_connect() to the close when the session ends);
	 * NULL: none (a client outside the modem). */
	struct fd_table *fds;
};

struct mqtt_client *mqtt_client_new(struct sim_ctx *ctx, const struct mqtt_client_ops *ops,
				    void *arg);
void mqtt_client_free(struct mqtt_client *c);
/* 0: connecting; -errno: failed at once, with the reason in why. */
int mqtt_client_connect(struct mqtt_client *c, const struct mqtt_client_params *p, char *why,
			size_t whylen);
/* Sends DISCONNECT and reports MQTT_EVT_DISCONNECT 0 before returning, as
 * the Zephyr library does inside mqtt_disconnect(); -ENOTCONN before the
 * CONNACK accepted (the half-open session stays). */
int mqtt_client_disconnect(struct mqtt_client *c);
/* Drops the connection as the modem does when the network goes away. */
void mqtt_client_abort(struct mqtt_client *c, int err);
/* The id of the next PUBLISH command: the SLM takes one per #XMQTTPUB,
 * shared by every chunk of its data mode; SUBSCRIBE and UNSUBSCRIBE count
 * on their own.  Sends fail with -ENOTCONN before the CONNACK accepted. */
uint16_t mqtt_client_next_pub_id(struct mqtt_client *c);
int mqtt_client_publish(struct mqtt_client *c, const char *topic, size_t topic_len,
			const void *payload, size_t len, int qos, bool retain, uint16_t id);
int mqtt_client_subscribe(struct mqtt_client *c, const char *topic, size_t len, int qos);
int mqtt_client_unsubscribe(struct mqtt_client *c, const char *topic, size_t len);
bool mqtt_client_transport_up(const struct mqtt_client *c);
/* The broker's side closes the connection (conn_peer_close). */
int mqtt_client_peer_close(struct mqtt_client *c);
const char *mqtt_client_why(const struct mqtt_client *c);

#endif
