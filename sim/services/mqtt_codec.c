#include "mqtt_codec.h"

#include <errno.h>
#include <string.h>

const char *mqtt_type_name(int type)
{
	static const char *const names[] = {
		"reserved", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC", "PUBREL", "PUBCOMP",
		"SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
		"DISCONNECT", "reserved",
	};

	return type >= 0 && type < 16 ? names[type] : "invalid";
}

static uint16_t be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

/* Remaining length: 1..4 bytes of 7 bits, least significant first. */
static int decode_varint(const uint8_t *buf, size_t len, size_t *value, size_t *used)
{
	size_t v = 0;

	for (size_t i = 0; i < 4; i++) {
		if (i >= len)
			return MQTT_NEED_MORE;
		v |= (size_t)(buf[i] & 0x7f) << (7 * i);
		if (!(buf[i] & 0x80)) {
			/* A non-minimal encoding (0x80 0x00) is still a valid length. */
			*value = v;
			*used = i + 1;
			return 0;
		}
	}
	return -EBADMSG;
}

static int decode_body(struct mqtt_packet *p, const uint8_t *b, size_t n)
{
	switch (p->type) {
	case MQTT_CONNACK:
		if (p->flags || n != 2 || (b[0] & 0xfe) || b[1] > 5)
			return -EBADMSG;
		p->session_present = b[0] & 1;
		p->return_code = b[1];
		return 0;
	case MQTT_PUBLISH: {
		size_t off;

		p->qos = (p->flags >> 1) & 3;
		p->retain = p->flags & 1;
		p->dup = (p->flags >> 3) & 1;
		if (p->qos == 3 || (p->qos == 0 && p->dup) || n < 2)
			return -EBADMSG;
		p->topic_len = be16(b);
		off = 2 + (size_t)p->topic_len;
		if (p->topic_len == 0 || off > n)
			return -EBADMSG;
		p->topic = b + 2;
		if (memchr(p->topic, 0, p->topic_len) || memchr(p->topic, '+', p->topic_len) ||
		    memchr(p->topic, '#', p->topic_len))
			return -EBADMSG;
		if (p->qos) {
			if (off + 2 > n)
				return -EBADMSG;
			p->id = be16(b + off);
			if (p->id == 0)
				return -EBADMSG;
			off += 2;
		}
		p->payload = b + off;
		p->payload_len = n - off;
		return 0;
	}
	case MQTT_PUBACK:
	case MQTT_PUBREC:
	case MQTT_PUBREL:
	case MQTT_PUBCOMP:
	case MQTT_UNSUBACK:
		if (p->flags != (p->type == MQTT_PUBREL ? 2 : 0) || n != 2)
			return -EBADMSG;
		p->id = be16(b);
		return p->id ? 0 : -EBADMSG;
	case MQTT_SUBACK:
		if (p->flags || n < 3)
			return -EBADMSG;
		p->id = be16(b);
		p->codes = b + 2;
		p->ncodes = n - 2;
		for (size_t i = 0; i < p->ncodes; i++)
			if (p->codes[i] > 2 && p->codes[i] != 0x80)
				return -EBADMSG;
		return p->id ? 0 : -EBADMSG;
	case MQTT_PINGRESP:
		return p->flags || n ? -EBADMSG : 0;
	default:
		/* CONNECT, SUBSCRIBE, UNSUBSCRIBE, PINGREQ, DISCONNECT: client only */
		return -EBADMSG;
	}
}

int mqtt_decode(const uint8_t *buf, size_t len, size_t max_packet, struct mqtt_packet *p,
		size_t *consumed)
{
	size_t remaining, used, total;
	int rc;

	memset(p, 0, sizeof(*p));
	if (len < 1)
		return MQTT_NEED_MORE;
	p->type = (enum mqtt_type)(buf[0] >> 4);
	p->flags = buf[0] & 0x0f;
	if (p->type == 0 || p->type == 15)
		return -EBADMSG;
	rc = decode_varint(buf + 1, len - 1, &remaining, &used);
	if (rc)
		return rc;
	p->remaining = remaining;
	total = 1 + used + remaining;
	if (total > max_packet) {
		*consumed = total;
		return -EMSGSIZE;
	}
	if (len < total)
		return MQTT_NEED_MORE;
	rc = decode_body(p, buf + 1 + used, remaining);
	if (rc)
		return rc;
	*consumed = total;
	return 0;
}

static int put_header(struct strbuf *out, uint8_t first, size_t remaining)
{
	uint8_t hdr[5];
	size_t n = 0;

	if (remaining > MQTT_MAX_REMAINING)
		return -EMSGSIZE;
	hdr[n++] = first;
	do {
		uint8_t byte = remaining & 0x7f;

		remaining >>= 7;
		hdr[n++] = byte | (remaining ? 0x80 : 0);
	} while (remaining);
	return sb_append(out, hdr, n) ? -ENOMEM : 0;
}

static int put16(struct strbuf *out, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	return sb_append(out, b, 2) ? -ENOMEM : 0;
}

static int put_str(struct strbuf *out, const char *s, size_t len)
{
	if (len > 0xffff)
		return -EMSGSIZE;
	if (put16(out, (uint16_t)len) || sb_append(out, s, len))
		return -ENOMEM;
	return 0;
}

int mqtt_encode_connect(struct strbuf *out, const struct mqtt_connect *c)
{
	size_t cid = strlen(c->client_id);
	bool user = c->username && *c->username;
	bool pass = user && c->password && *c->password;
	size_t remaining = 10 + 2 + cid;
	uint8_t flags = c->clean_session ? 0x02 : 0;
	int rc;

	if (user) {
		remaining += 2 + strlen(c->username);
		flags |= 0x80;
	}
	if (pass) {
		remaining += 2 + strlen(c->password);
		flags |= 0x40;
	}
	if ((rc = put_header(out, MQTT_CONNECT << 4, remaining)) ||
	    (rc = put_str(out, "MQTT", 4)))
		return rc;
	if (sb_append(out, "\x04", 1) || sb_append(out, &flags, 1))
		return -ENOMEM;
	if ((rc = put16(out, c->keepalive_s)) || (rc = put_str(out, c->client_id, cid)))
		return rc;
	if (user && (rc = put_str(out, c->username, strlen(c->username))))
		return rc;
	if (pass && (rc = put_str(out, c->password, strlen(c->password))))
		return rc;
	return 0;
}

int mqtt_encode_publish(struct strbuf *out, const char *topic, size_t topic_len,
			const void *payload, size_t payload_len, int qos, bool retain, bool dup,
			uint16_t id)
{
	uint8_t first = (uint8_t)(MQTT_PUBLISH << 4 | (dup ? 8 : 0) | (qos << 1) | (retain ? 1 : 0));
	int rc;

	if (qos < 0 || qos > 2 || topic_len == 0 || (qos && !id))
		return -EINVAL;
	if ((rc = put_header(out, first, 2 + topic_len + (qos ? 2 : 0) + payload_len)) ||
	    (rc = put_str(out, topic, topic_len)))
		return rc;
	if (qos && (rc = put16(out, id)))
		return rc;
	return sb_append(out, payload, payload_len) ? -ENOMEM : 0;
}

int mqtt_encode_subscribe(struct strbuf *out, uint16_t id, const char *topic, size_t topic_len,
			  int qos)
{
	uint8_t q = (uint8_t)qos;
	int rc;

	if (qos < 0 || qos > 2 || !id || topic_len == 0)
		return -EINVAL;
	if ((rc = put_header(out, MQTT_SUBSCRIBE << 4 | 2, 2 + 2 + topic_len + 1)) ||
	    (rc = put16(out, id)) || (rc = put_str(out, topic, topic_len)))
		return rc;
	return sb_append(out, &q, 1) ? -ENOMEM : 0;
}

int mqtt_encode_unsubscribe(struct strbuf *out, uint16_t id, const char *topic, size_t topic_len)
{
	int rc;

	if (!id || topic_len == 0)
		return -EINVAL;
	if ((rc = put_header(out, MQTT_UNSUBSCRIBE << 4 | 2, 2 + 2 + topic_len)) ||
	    (rc = put16(out, id)))
		return rc;
	return put_str(out, topic, topic_len);
}

int mqtt_encode_ack(struct strbuf *out, enum mqtt_type type, uint16_t id)
{
	int rc;

	if (type != MQTT_PUBACK && type != MQTT_PUBREC && type != MQTT_PUBREL && type != MQTT_PUBCOMP)
		return -EINVAL;
	if ((rc = put_header(out, (uint8_t)(type << 4 | (type == MQTT_PUBREL ? 2 : 0)), 2)))
		return rc;
	return put16(out, id);
}

int mqtt_encode_empty(struct strbuf *out, enum mqtt_type type)
{
	if (type != MQTT_PINGREQ && type != MQTT_DISCONNECT)
		return -EINVAL;
	return put_header(out, (uint8_t)(type << 4), 0);
}
