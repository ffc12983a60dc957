/* SMS PDUs: byte 0 picks what the rest is.  0: a +CMT PDU the SLM's
 * library reads; 1: a +CMGS PDU (byte 1 its length) that, once read, must
 * survive a build and a read again; 2: text that, split in parts, must
 * come back from the DELIVER PDUs it makes. */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sms_pdu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void submit_round_trip(const char *hex, int len)
{
	struct sms_submit s, r;
	char again[SMS_HEX_MAX];
	int n;

	if (sms_submit_parse(hex, len, &s) || !s.da[s.da[0] == '+'])
		return;
	n = sms_submit_hex(&s, true, again, sizeof(again));
	assert(n > 0);
	assert(sms_submit_parse(again, n, &r) == 0);
	assert(strcmp(r.da + 1, s.da + (s.da[0] == '+')) == 0);
	assert(r.mr == s.mr && r.ud.dcs == s.ud.dcs && r.ud.udl == s.ud.udl &&
	       r.ud.udhi == s.ud.udhi && r.ud.ud_len == s.ud.ud_len);
	assert(memcmp(r.ud.ud, s.ud.ud, s.ud.ud_len) == 0);
}

static void text_round_trip(const char *text)
{
	const struct sms_time t = { 26, 12, 31, 23, 59, 58, -8 };
	bool ucs2 = !sms_gsm7_fits(text, strlen(text));
	int parts = sms_text_parts(text, ucs2);
	char hex[SMS_HEX_MAX];
	struct sms_deliver d;
	struct sms_ud ud;

	assert(parts >= 1);
	if (parts > 255)
		return;
	for (int i = 1; i <= parts; i++) {
		if (sms_text_ud(text, ucs2, i, parts, 9, &ud))
			return;	/* not UTF-8 of the BMP */
		assert(ud.ud_len <= SMS_UD_MAX);
		assert(sms_deliver_hex("+4912", "+4934", &t, &ud, hex, sizeof(hex)) > 0);
		assert(sms_deliver_parse(hex, &d) == (ucs2 ? -1 : 0));
		if (!ucs2 && parts > 1)
			assert(d.concat.seq == i && d.concat.total == parts && d.concat.ref == 9);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s;
	struct sms_deliver d;

	if (size < 2 || size > 4096)
		return 0;
	s = malloc(size);
	if (!s)
		return 0;
	memcpy(s, data + 2, size - 2);
	s[size - 2] = '\0';
	switch (data[0] % 3) {
	case 0:
		(void)sms_deliver_parse(s, &d);
		break;
	case 1:
		submit_round_trip(s, data[1]);
		break;
	default:
		text_round_trip(s);
		break;
	}
	free(s);
	return 0;
}
