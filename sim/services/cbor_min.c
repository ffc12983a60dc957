#include "cbor_min.h"

void cbor_head(struct strbuf *sb, enum cbor_major major, uint64_t v)
{
	uint8_t b[9];
	size_t n;

	b[0] = (uint8_t)(major << 5);
	if (v < 24) {
		b[0] |= (uint8_t)v;
		n = 1;
	} else if (v <= 0xff) {
		b[0] |= 24;
		b[1] = (uint8_t)v;
		n = 2;
	} else if (v <= 0xffff) {
		b[0] |= 25;
		b[1] = (uint8_t)(v >> 8);
		b[2] = (uint8_t)v;
		n = 3;
	} else {
		b[0] |= 26;
		for (int i = 0; i < 4; i++)
			b[1 + i] = (uint8_t)(v >> (24 - 8 * i));
		n = 5;
	}
	sb_append(sb, b, n);
}

void cbor_bstr(struct strbuf *sb, const void *data, size_t len)
{
	cbor_head(sb, CBOR_BSTR, len);
	sb_append(sb, data, len);
}

void cbor_int(struct strbuf *sb, int64_t v)
{
	if (v >= 0)
		cbor_head(sb, CBOR_UINT, (uint64_t)v);
	else
		cbor_head(sb, CBOR_NINT, (uint64_t)(-1 - v));
}
