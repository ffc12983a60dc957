/* MQTT decoder: every packet in the buffer, with a maximum size from byte
 * 0; what decodes as PUBLISH must survive an encode/decode round trip. */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "mqtt_codec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t max, off = 1;

	if (size < 1)
		return 0;
	max = (size_t)data[0] * 64 + 2;
	while (off < size) {
		struct mqtt_packet p;
		size_t used = 0;
		int rc = mqtt_decode(data + off, size - off, max, &p, &used);

		if (rc == MQTT_NEED_MORE || rc == -EBADMSG)
			break;
		assert(used > 0);
		if (rc == -EMSGSIZE) {
			if (used > size - off)
				break;
			off += used;
			continue;
		}
		assert(rc == 0 && used <= size - off);
		if (p.type == MQTT_PUBLISH) {
			struct strbuf sb = { 0 };
			struct mqtt_packet q;
			size_t u2;

			if (!mqtt_encode_publish(&sb, (const char *)p.topic, p.topic_len, p.payload,
						 p.payload_len, p.qos, p.retain, p.dup, p.id)) {
				assert(mqtt_decode((const uint8_t *)sb.data, sb.len, sb.len, &q, &u2) == 0);
				assert(q.topic_len == p.topic_len && q.payload_len == p.payload_len);
				assert(!memcmp(q.payload, p.payload, p.payload_len));
			}
			sb_free(&sb);
		}
		off += used;
	}
	return 0;
}
