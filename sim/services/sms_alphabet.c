/* SMS text alphabets (3GPP TS 23.038): GSM 7-bit as NCS 1.8's sms library
 * maps ASCII to it (a '`' becomes '\'', what has no code a space) and back
 * (ISO-8859-1 bytes), septet packing with fill bits, UCS-2 and UTF-8. */
#include "sms_alphabet.h"

#include <stdio.h>
#include <string.h>

#define ESC 0x1B

/* GSM 7-bit codes of ASCII 0x20..0x7E; 0x80 | c: extension table code c. */
static uint8_t ascii_code(unsigned char c)
{
	switch (c) {
	case '@': return 0x00;
	case '$': return 0x02;
	case '_': return 0x11;
	case '`': return '\'';	/* no grave accent in the alphabet */
	case '^': return 0x80 | 0x14;
	case '{': return 0x80 | 0x28;
	case '}': return 0x80 | 0x29;
	case '\\': return 0x80 | 0x2F;
	case '[': return 0x80 | 0x3C;
	case '~': return 0x80 | 0x3D;
	case ']': return 0x80 | 0x3E;
	case '|': return 0x80 | 0x40;
	case '\n': case '\r': return c;
	default:
		return c >= 0x20 && c < 0x7F ? c : ' ';
	}
}

bool sms_gsm7_fits(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if (c != '\n' && c != '\r' && (c < 0x20 || c >= 0x7F || c == '`'))
			return false;
	}
	return true;
}

size_t sms_gsm7_from_text(const char *text, size_t len, uint8_t *sept, size_t max,
			  size_t *nsept)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		uint8_t code = ascii_code((unsigned char)text[i]);

		if (code & 0x80) {
			if (n + 2 > max)
				break;
			sept[n++] = ESC;
			sept[n++] = code & 0x7F;
		} else {
			if (n + 1 > max)
				break;
			sept[n++] = code;
		}
	}
	*nsept = n;
	return i;
}

/* The default alphabet's letters that ISO-8859-1 has, by code (0: none). */
static const struct { uint8_t code, latin1; } latin1_codes[] = {
	{ 0x01, 0xA3 }, { 0x03, 0xA5 }, { 0x04, 0xE8 }, { 0x05, 0xE9 }, { 0x06, 0xF9 },
	{ 0x07, 0xEC }, { 0x08, 0xF2 }, { 0x09, 0xC7 }, { 0x0B, 0xD8 }, { 0x0C, 0xF8 },
	{ 0x0E, 0xC5 }, { 0x0F, 0xE5 }, { 0x1C, 0xC6 }, { 0x1D, 0xE6 }, { 0x1E, 0xDF },
	{ 0x1F, 0xC9 }, { 0x40, 0xA1 }, { 0x5B, 0xC4 }, { 0x5C, 0xD6 }, { 0x5D, 0xD1 },
	{ 0x5E, 0xDC }, { 0x5F, 0xA7 }, { 0x60, 0xBF }, { 0x7B, 0xE4 }, { 0x7C, 0xF6 },
	{ 0x7D, 0xF1 }, { 0x7E, 0xFC }, { 0x7F, 0xE0 },
};

static char basic_char(uint8_t code)
{
	if (code == 0x00)
		return '@';
	if (code == 0x02)
		return '$';
	if (code == 0x11)
		return '_';
	if (code == '\n' || code == '\r' || (code >= 0x20 && code < 0x7B && code != 0x24 &&
					     code != 0x40 && (code < 0x5B || code > 0x60)))
		return (char)code;
	for (size_t i = 0; i < sizeof(latin1_codes) / sizeof(latin1_codes[0]); i++)
		if (latin1_codes[i].code == code)
			return (char)latin1_codes[i].latin1;
	return ' ';
}

static char ext_char(uint8_t code)
{
	static const char from[] = "\x14\x28\x29\x2F\x3C\x3D\x3E\x40\x65";
	static const char to[] = "^{}\\[~]|\xA4";
	const char *p = code ? memchr(from, code, sizeof(from) - 1) : NULL;

	return p ? to[p - from] : ' ';
}

size_t sms_gsm7_to_text(const uint8_t *sept, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (sept[i] == ESC) {
			if (++i == n)
				break;
			out[o++] = ext_char(sept[i]);
		} else {
			out[o++] = basic_char(sept[i]);
		}
	}
	out[o] = '\0';
	return o;
}

size_t sms_pack7(const uint8_t *sept, size_t n, unsigned fill, uint8_t *out)
{
	size_t bits = fill + n * 7, octets = (bits + 7) / 8;

	memset(out, 0, octets);
	for (size_t i = 0; i < n; i++) {
		size_t bit = fill + i * 7;
		unsigned v = (unsigned)(sept[i] & 0x7F) << (bit % 8);

		out[bit / 8] |= (uint8_t)v;
		if (bit % 8 > 1)
			out[bit / 8 + 1] |= (uint8_t)(v >> 8);
	}
	return octets;
}

size_t sms_unpack7(const uint8_t *in, size_t len, unsigned fill, size_t n, uint8_t *sept)
{
	size_t i;

	for (i = 0; i < n; i++) {
		size_t bit = fill + i * 7;
		unsigned v;

		if (bit + 7 > len * 8)
			break;
		v = in[bit / 8];
		if (bit % 8 > 1)
			v |= (unsigned)in[bit / 8 + 1] << 8;
		sept[i] = (uint8_t)((v >> (bit % 8)) & 0x7F);
	}
	return i;
}

int sms_ucs2_from_utf8(const char *text, size_t len, uint8_t *out, size_t max)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t o = 0;

	for (size_t i = 0; i < len;) {
		unsigned cp;
		size_t more;

		if (s[i] < 0x80) {
			cp = s[i];
			more = 0;
		} else if ((s[i] & 0xE0) == 0xC0) {
			cp = s[i] & 0x1F;
			more = 1;
		} else if ((s[i] & 0xF0) == 0xE0) {
			cp = s[i] & 0x0F;
			more = 2;
		} else {
			return -1;	/* beyond the BMP, or not UTF-8 */
		}
		if (i + more >= len || o + 2 > max)
			return -1;
		for (size_t k = 1; k <= more; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return -1;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		out[o++] = (uint8_t)(cp >> 8);
		out[o++] = (uint8_t)cp;
		i += more + 1;
	}
	return (int)o;
}

size_t sms_ucs2_to_utf8(const uint8_t *in, size_t len, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i + 1 < len; i += 2) {
		unsigned cp = (unsigned)in[i] << 8 | in[i + 1];

		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if (cp < 0x800) {
			out[o++] = (char)(0xC0 | cp >> 6);
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | cp >> 12);
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	out[o] = '\0';
	return o;
}
