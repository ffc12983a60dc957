/* MQTT 3.1.1 packets, as a client sends and receives them.  The decoder is
 * stateless over a buffer: call it again with more bytes when it says
 * MQTT_NEED_MORE (so partial reads resume); it checks every length and flag
 * the standard fixes and never reads past len. */
#ifndef SLMSIM_MQTT_CODEC_H
#define SLMSIM_MQTT_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum mqtt_type {
	MQTT_CONNECT = 1, MQTT_CONNACK, MQTT_PUBLISH, MQTT_PUBACK, MQTT_PUBREC, MQTT_PUBREL,
	MQTT_PUBCOMP, MQTT_SUBSCRIBE, MQTT_SUBACK, MQTT_UNSUBSCRIBE, MQTT_UNSUBACK,
	MQTT_PINGREQ, MQTT_PINGRESP, MQTT_DISCONNECT,
};

#define MQTT_NEED_MORE 1
#define MQTT_MAX_REMAINING 268435455u

struct mqtt_packet {
	enum mqtt_type type;
	uint8_t flags;
	size_t remaining;	/* bytes after the fixed header */
	uint16_t id;		/* packet identifier, where the type has one */
	/* CONNACK */
	bool session_present;
	uint8_t return_code;
	/* PUBLISH */
	uint8_t qos;
	bool retain, dup;
	const uint8_t *topic;
	uint16_t topic_len;
	const uint8_t *payload;
	size_t payload_len;
	/* SUBACK */
	const uint8_t *codes;
	size_t ncodes;
};

/* Decodes one packet a server may send.  Returns 0 with *consumed set,
 * MQTT_NEED_MORE, -EBADMSG for a malformed or client-only packet, or
 * -EMSGSIZE when the packet is larger than max_packet (its size is then in
 * *consumed, header included, so the caller can skip it). */
int mqtt_decode(const uint8_t *buf, size_t len, size_t max_packet, struct mqtt_packet *p,
		size_t *consumed);

struct mqtt_connect {
	const char *client_id;
	const char *username;	/* NULL or "" : none */
	const char *password;	/* only with a username */
	uint16_t keepalive_s;
	bool clean_session;
};

int mqtt_encode_connect(struct strbuf *out, const struct mqtt_connect *c);
int mqtt_encode_publish(struct strbuf *out, const char *topic, size_t topic_len,
			const void *payload, size_t payload_len, int qos, bool retain, bool dup,
			uint16_t id);
int mqtt_encode_subscribe(struct strbuf *out, uint16_t id, const char *topic, size_t topic_len,
			  int qos);
int mqtt_encode_unsubscribe(struct strbuf *out, uint16_t id, const char *topic, size_t topic_len);
/* PUBACK, PUBREC, PUBREL, PUBCOMP */
int mqtt_encode_ack(struct strbuf *out, enum mqtt_type type, uint16_t id);
/* PINGREQ, DISCONNECT */
int mqtt_encode_empty(struct strbuf *out, enum mqtt_type type);
const char *mqtt_type_name(int type);

#endif
