/* The few CBOR items the modem's signed blobs use (RFC 8949 heads, byte
 * strings, arrays, tags), appended to a strbuf. */
#ifndef SLMSIM_CBOR_MIN_H
#define SLMSIM_CBOR_MIN_H

#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

enum cbor_major { CBOR_UINT = 0, CBOR_NINT = 1, CBOR_BSTR = 2, CBOR_TSTR = 3, CBOR_ARRAY = 4,
		  CBOR_MAP = 5, CBOR_TAG = 6 };

void cbor_head(struct strbuf *sb, enum cbor_major major, uint64_t v);
void cbor_bstr(struct strbuf *sb, const void *data, size_t len);
/* A signed integer: major 0 or 1. */
void cbor_int(struct strbuf *sb, int64_t v);

#endif
