#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "mqtt_codec.h"
#include "mqtt_topic.h"

#define BYTES(s) (const uint8_t *)(s), sizeof(s) - 1

static void expect_bytes(struct strbuf *sb, const char *want, size_t n)
{
	ck_assert_uint_eq(sb->len, n);
	ck_assert_int_eq(memcmp(sb->data, want, n), 0);
	sb_free(sb);
}

START_TEST(encode_connect)
{
	struct strbuf sb = { 0 };
	struct mqtt_connect c = { .client_id = "test_name", .keepalive_s = 60, .clean_session = true };

	ck_assert_int_eq(mqtt_encode_connect(&sb, &c), 0);
	expect_bytes(&sb, "\x10\x15\x00\x04MQTT\x04\x02\x00\x3c\x00\x09test_name", 23);
	c.username = "u";
	c.password = "p";
	ck_assert_int_eq(mqtt_encode_connect(&sb, &c), 0);
	expect_bytes(&sb, "\x10\x1b\x00\x04MQTT\x04\xc2\x00\x3c\x00\x09test_name\x00\x01u\x00\x01p", 29);
	/* A password without a user name is not sent (SLM). */
	c.username = "";
	ck_assert_int_eq(mqtt_encode_connect(&sb, &c), 0);
	expect_bytes(&sb, "\x10\x15\x00\x04MQTT\x04\x02\x00\x3c\x00\x09test_name", 23);
}
END_TEST

START_TEST(encode_others)
{
	struct strbuf sb = { 0 };

	ck_assert_int_eq(mqtt_encode_publish(&sb, "a/b", 3, "hi", 2, 1, true, false, 7), 0);
	expect_bytes(&sb, "\x33\x09\x00\x03" "a/b\x00\x07hi", 11);
	ck_assert_int_eq(mqtt_encode_publish(&sb, "t", 1, "", 0, 0, false, false, 0), 0);
	expect_bytes(&sb, "\x30\x03\x00\x01t", 5);
	ck_assert_int_eq(mqtt_encode_publish(&sb, "t", 1, "", 0, 1, false, false, 0), -EINVAL);
	ck_assert_int_eq(mqtt_encode_publish(&sb, "t", 1, "", 0, 3, false, false, 1), -EINVAL);
	sb_free(&sb);
	ck_assert_int_eq(mqtt_encode_subscribe(&sb, 1, "a/#", 3, 2), 0);
	expect_bytes(&sb, "\x82\x08\x00\x01\x00\x03" "a/#\x02", 10);
	ck_assert_int_eq(mqtt_encode_unsubscribe(&sb, 2, "a", 1), 0);
	expect_bytes(&sb, "\xa2\x05\x00\x02\x00\x01" "a", 7);
	ck_assert_int_eq(mqtt_encode_ack(&sb, MQTT_PUBREL, 0x1234), 0);
	expect_bytes(&sb, "\x62\x02\x12\x34", 4);
	ck_assert_int_eq(mqtt_encode_empty(&sb, MQTT_PINGREQ), 0);
	expect_bytes(&sb, "\xc0\x00", 2);
	ck_assert_int_eq(mqtt_encode_empty(&sb, MQTT_DISCONNECT), 0);
	expect_bytes(&sb, "\xe0\x00", 2);
	ck_assert_int_eq(mqtt_encode_empty(&sb, MQTT_PUBACK), -EINVAL);
}
END_TEST

START_TEST(long_remaining_length)
{
	struct strbuf sb = { 0 };
	char *payload = calloc(1, 20000);
	struct mqtt_packet p;
	size_t used;

	ck_assert_int_eq(mqtt_encode_publish(&sb, "t", 1, payload, 20000, 0, false, false, 0), 0);
	/* 20003 = 0xa3 0x9c 0x01 */
	ck_assert_int_eq(memcmp(sb.data, "\x30\xa3\x9c\x01", 4), 0);
	ck_assert_int_eq(mqtt_decode((uint8_t *)sb.data, sb.len, 1 << 20, &p, &used), 0);
	ck_assert_uint_eq(used, sb.len);
	ck_assert_uint_eq(p.payload_len, 20000);
	ck_assert_int_eq(mqtt_decode((uint8_t *)sb.data, sb.len, 1000, &p, &used), -EMSGSIZE);
	ck_assert_uint_eq(used, sb.len);
	sb_free(&sb);
	free(payload);
}
END_TEST

START_TEST(decode_valid)
{
	struct mqtt_packet p;
	size_t used;

	ck_assert_int_eq(mqtt_decode(BYTES("\x20\x02\x00\x00"), 1024, &p, &used), 0);
	ck_assert_int_eq(p.type, MQTT_CONNACK);
	ck_assert_int_eq(p.return_code, 0);
	ck_assert_uint_eq(used, 4);
	ck_assert_int_eq(mqtt_decode(BYTES("\x20\x02\x01\x05"), 1024, &p, &used), 0);
	ck_assert(p.session_present);
	ck_assert_int_eq(p.return_code, 5);
	ck_assert_int_eq(mqtt_decode(BYTES("\x32\x08\x00\x01t\x00\x09xyz"), 1024, &p, &used), 0);
	ck_assert_int_eq(p.qos, 1);
	ck_assert_int_eq(p.id, 9);
	ck_assert_uint_eq(p.payload_len, 3);
	ck_assert_int_eq(memcmp(p.payload, "xyz", 3), 0);
	ck_assert_int_eq(mqtt_decode(BYTES("\x90\x03\x00\x01\x80"), 1024, &p, &used), 0);
	ck_assert_uint_eq(p.ncodes, 1);
	ck_assert_int_eq(mqtt_decode(BYTES("\xd0\x00"), 1024, &p, &used), 0);
	ck_assert_int_eq(p.type, MQTT_PINGRESP);
	ck_assert_int_eq(mqtt_decode(BYTES("\x62\x02\x00\x01"), 1024, &p, &used), 0);
	ck_assert_int_eq(mqtt_decode(BYTES("\x40\x02\x00\x01\xd0\x00"), 1024, &p, &used), 0);
	ck_assert_uint_eq(used, 4);	/* one packet at a time */
}
END_TEST

START_TEST(decode_malformed)
{
	struct mqtt_packet p;
	size_t used;
	static const struct { const char *b; size_t n; } bad[] = {
		{ "\x00\x00", 2 },			/* reserved type 0 */
		{ "\xf0\x00", 2 },			/* reserved type 15 */
		{ "\x20\x03\x00\x00\x00", 5 },		/* CONNACK length */
		{ "\x21\x02\x00\x00", 4 },		/* CONNACK flags */
		{ "\x20\x02\x02\x00", 4 },		/* CONNACK reserved bits */
		{ "\x20\x02\x00\x06", 4 },		/* CONNACK code */
		{ "\x36\x05\x00\x01t\x00\x01", 7 },	/* PUBLISH QoS 3 */
		{ "\x38\x03\x00\x01t", 5 },		/* DUP with QoS 0 */
		{ "\x30\x03\x00\x05t", 5 },		/* topic past the end */
		{ "\x30\x02\x00\x00", 4 },		/* empty topic */
		{ "\x32\x03\x00\x01t", 5 },		/* QoS 1 without id */
		{ "\x32\x05\x00\x01t\x00\x00", 7 },	/* id 0 */
		{ "\x30\x03\x00\x01#", 5 },		/* wildcard in a PUBLISH */
		{ "\x60\x02\x00\x01", 4 },		/* PUBREL flags */
		{ "\x40\x03\x00\x01\x00", 5 },		/* PUBACK length */
		{ "\x90\x03\x00\x01\x03", 5 },		/* SUBACK code */
		{ "\x90\x02\x00\x01", 4 },		/* SUBACK without codes */
		{ "\xd0\x01\x00", 3 },			/* PINGRESP with a body */
		{ "\x10\x00", 2 },			/* CONNECT from a server */
		{ "\xc0\x00", 2 },			/* PINGREQ from a server */
		{ "\x30\xff\xff\xff\xff\x01", 6 },	/* five-byte length */
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(mqtt_decode((const uint8_t *)bad[i].b, bad[i].n, 1 << 20, &p, &used) == -EBADMSG,
			      "case %zu accepted", i);
}
END_TEST

START_TEST(decode_partial_resumes)
{
	static const char pkt[] = "\x32\x08\x00\x01t\x00\x09xyz\xd0\x00";
	struct mqtt_packet p;
	size_t used;

	for (size_t n = 0; n < 10; n++)
		ck_assert_int_eq(mqtt_decode((const uint8_t *)pkt, n, 1024, &p, &used), MQTT_NEED_MORE);
	ck_assert_int_eq(mqtt_decode((const uint8_t *)pkt, 10, 1024, &p, &used), 0);
	ck_assert_int_eq(mqtt_decode((const uint8_t *)pkt + used, 1, 1024, &p, &used), MQTT_NEED_MORE);
	ck_assert_int_eq(mqtt_decode((const uint8_t *)pkt + 10, 2, 1024, &p, &used), 0);
	ck_assert_int_eq(p.type, MQTT_PINGRESP);
	/* A length cut inside its varint. */
	ck_assert_int_eq(mqtt_decode(BYTES("\x30\xff"), 1 << 20, &p, &used), MQTT_NEED_MORE);
}
END_TEST

START_TEST(topic_filters)
{
	static const struct { const char *filter, *topic; bool match; } cases[] = {
		{ "fleet/17/#", "fleet/17/cmd/led", true },
		{ "fleet/17/#", "fleet/17", true },
		{ "fleet/17/#", "fleet/170/x", false },
		{ "fleet/+/cmd", "fleet/9/cmd", true },
		{ "fleet/+/cmd", "fleet/9/cmd/x", false },
		{ "fleet/+", "fleet/", true },
		{ "+/+", "a/b", true },
		{ "#", "any/thing/at/all", true },
		{ "#", "$SYS/broker/uptime", false },
		{ "+/broker", "$SYS/broker", false },
		{ "$SYS/#", "$SYS/broker", true },
		{ "a/b", "a/b", true },
		{ "a/b", "a/bc", false },
		{ "a/b/c", "a/b", false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_msg(mqtt_topic_matches(cases[i].filter, strlen(cases[i].filter), cases[i].topic,
						 strlen(cases[i].topic)) == cases[i].match,
			      "%s vs %s", cases[i].filter, cases[i].topic);
}
END_TEST

int main(void)
{
Suite *s = suite_create("mqtt_codec");
	TCase *tc = tcase_create("codec");
	int failed;

	tcase_add_test(tc, encode_connect);
	tcase_add_test(tc, encode_others);
	tcase_add_test(tc, long_remaining_length);
	tcase_add_test(tc, decode_valid);
	tcase_add_test(tc, decode_malformed);
	tcase_add_test(tc, decode_partial_resumes);
	tcase_add_test(tc, topic_filters);
	suite_add_tcase(s, tc);
	failed = ck_run(s) != EXIT_SUCCESS;
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
