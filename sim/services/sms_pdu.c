/* SMS PDUs as hex (3GPP TS 23.040 9.2.2).  The shapes follow what NCS 1.8's
 * sms library sends and reads: a SUBMIT with an empty SMSC address, TOA
 * 0x91, no validity period and a status report asked for; concatenation by
 * an 8-bit reference header, 7-bit text on the septet after it. */
#include "sms_pdu.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UDH_CONCAT_LEN 6	/* 05 00 03 ref total seq */
#define PART_SEPTETS 153	/* 160 less the header's 7 septets */
#define UCS2_SINGLE 70
#define UCS2_PART 67

static int hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)toupper((unsigned char)c);
	return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* hex to bytes; -1 on an odd length or a non-hex character. */
static int from_hex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = strlen(hex);

	if (n % 2 || n / 2 > max)
		return -1;
	for (size_t i = 0; i < n; i += 2) {
		int hi = hex_val(hex[i]), lo = hex_val(hex[i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

static size_t put_hex(char *hex, size_t at, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(hex + at + 2 * i, "%02X", b[i]);
	return at + 2 * n;
}

/* Address digits as swapped semi-octets, F-padded; octets or -1. */
static int put_digits(const char *digits, uint8_t *out)
{
	size_t n = strlen(digits);

	if (n == 0 || n > SMS_ADDR_MAX)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (!isdigit((unsigned char)digits[i]))
			return -1;
		if (i % 2 == 0)
			out[i / 2] = 0xF0 | (uint8_t)(digits[i] - '0');
		else
			out[i / 2] = (uint8_t)((out[i / 2] & 0x0F) | (digits[i] - '0') << 4);
	}
	return (int)((n + 1) / 2);
}

/* ndigits semi-octets of b as text; -1 when one is not a digit. */
static int get_digits(const uint8_t *b, size_t ndigits, char *out)
{
	for (size_t i = 0; i < ndigits; i++) {
		unsigned d = i % 2 ? b[i / 2] >> 4 : b[i / 2] & 0x0F;

		if (d > 9)
			return -1;
		out[i] = (char)('0' + d);
	}
	out[ndigits] = '\0';
	return 0;
}

static size_t utf16_units(const char *text)
{
	size_t n = 0;

	for (const unsigned char *s = (const unsigned char *)text; *s; s++)
		n += (*s & 0xC0) != 0x80;
	return n;
}

int sms_text_parts(const char *text, bool ucs2)
{
	uint8_t sept[SMS_SEPTETS_MAX];
	size_t len = strlen(text), used, n;
	int parts = 0;

	if (ucs2) {
		n = utf16_units(text);
		return n <= UCS2_SINGLE ? 1 : (int)((n + UCS2_PART - 1) / UCS2_PART);
	}
	if (sms_gsm7_from_text(text, len, sept, SMS_SEPTETS_MAX, &n) == len)
		return 1;
	for (used = 0; used < len; parts++)
		used += sms_gsm7_from_text(text + used, len - used, sept, PART_SEPTETS, &n);
	return parts;
}

static void concat_header(struct sms_ud *ud, int seq, int total, uint8_t ref)
{
	const uint8_t h[UDH_CONCAT_LEN] = { 5, 0, 3, ref, (uint8_t)total, (uint8_t)seq };

	ud->udhi = true;
	memcpy(ud->ud, h, sizeof(h));
	ud->ud_len = sizeof(h);
}

/* The UTF-8 text of part seq: whole characters, 67 UTF-16 units a part. */
static int ucs2_ud(const char *text, int seq, int total, uint8_t ref, struct sms_ud *ud)
{
	const char *p = text, *end;
	size_t per = total == 1 ? UCS2_SINGLE : UCS2_PART, k = 0;
	int n;

	for (int s = 1; s < seq; s++)
		for (k = 0; *p && k < per; k += (*++p & 0xC0) != 0x80)
			;
	for (end = p, k = 0; *end && k < per; k += (*++end & 0xC0) != 0x80)
		;
	ud->dcs = SMS_DCS_UCS2;
	if (total > 1)
		concat_header(ud, seq, total, ref);
	n = sms_ucs2_from_utf8(p, (size_t)(end - p), ud->ud + ud->ud_len, SMS_UD_MAX - ud->ud_len);
	if (n < 0)
		return -1;
	ud->ud_len += (size_t)n;
	ud->udl = (uint8_t)ud->ud_len;
	return 0;
}

int sms_text_ud(const char *text, bool ucs2, int seq, int total, uint8_t ref,
		struct sms_ud *ud)
{
	uint8_t sept[SMS_SEPTETS_MAX];
	size_t len = strlen(text), used = 0, n;

	memset(ud, 0, sizeof(*ud));
	if (ucs2)
		return ucs2_ud(text, seq, total, ref, ud);
	if (total == 1) {
		sms_gsm7_from_text(text, len, sept, SMS_SEPTETS_MAX, &n);
		ud->udl = (uint8_t)n;
		ud->ud_len = sms_pack7(sept, n, 0, ud->ud);
		return 0;
	}
	for (int s = 1; s < seq; s++)
		used += sms_gsm7_from_text(text + used, len - used, sept, PART_SEPTETS, &n);
	sms_gsm7_from_text(text + used, len - used, sept, PART_SEPTETS, &n);
	concat_header(ud, seq, total, ref);
	ud->udl = (uint8_t)(n + 7);
	ud->ud_len += sms_pack7(sept, n, 1, ud->ud + UDH_CONCAT_LEN);
	return 0;
}

int sms_submit_hex(const struct sms_submit *s, bool status_report, char *hex, size_t size)
{
	uint8_t b[16 + SMS_UD_MAX];
	const char *da = s->da[0] == '+' ? s->da + 1 : s->da;
	int oct = put_digits(da, b + 4);
	size_t n;

	if (oct < 0)
		return -1;
	b[0] = (uint8_t)(0x01 | (status_report ? 0x20 : 0) | (s->ud.udhi ? 0x40 : 0));
	b[1] = s->mr;
	b[2] = (uint8_t)strlen(da);
	b[3] = 0x91;
	n = 4 + (size_t)oct;
	b[n++] = 0;	/* PID */
	b[n++] = s->ud.dcs;
	b[n++] = s->ud.udl;
	memcpy(b + n, s->ud.ud, s->ud.ud_len);
	n += s->ud.ud_len;
	if (size < 2 * n + 3)
		return -1;
	hex[0] = '0';	/* no SMSC address: the modem's own */
	hex[1] = '0';
	put_hex(hex, 2, b, n);
	return (int)n;
}

static size_t ud_octets(const struct sms_ud *ud)
{
	return ud->dcs == SMS_DCS_GSM7 || (ud->dcs & 0xEC) == 0 ? ((size_t)ud->udl * 7 + 7) / 8
								: ud->udl;
}

static int vp_octets(uint8_t first)
{
	switch ((first >> 3) & 3) {
	case 0: return 0;
	case 2: return 1;	/* relative */
	default: return 7;	/* enhanced or absolute */
	}
}

int sms_submit_parse(const char *hex, int tpdu_len, struct sms_submit *s)
{
	uint8_t b[SMS_HEX_MAX / 2];
	int n = from_hex(hex, b, sizeof(b));
	size_t at, nd;

	memset(s, 0, sizeof(*s));
	if (n < 1 || b[0] + 1 + tpdu_len != n || tpdu_len < 7)
		return -1;
	at = b[0] + 1u;
	if ((b[at] & 3) != 1)
		return -1;	/* not an SMS-SUBMIT */
	s->ud.udhi = b[at] & 0x40;
	s->mr = b[at + 1];
	nd = b[at + 2];
	if (nd > SMS_ADDR_MAX || at + 4 + (nd + 1) / 2 + 3 > (size_t)n)
		return -1;
	if (b[at + 3] == 0x91)
		s->da[0] = '+';
	if (get_digits(b + at + 4, nd, s->da + (s->da[0] == '+')) < 0)
		return -1;
	at += 4 + (nd + 1) / 2;
	s->ud.dcs = b[at + 1];
	at += 2 + (size_t)vp_octets(b[b[0] + 1]);
	if (at >= (size_t)n)
		return -1;
	s->ud.udl = b[at++];
	s->ud.ud_len = ud_octets(&s->ud);
	if (s->ud.ud_len > SMS_UD_MAX || at + s->ud.ud_len != (size_t)n)
		return -1;
	memcpy(s->ud.ud, b + at, s->ud.ud_len);
	return 0;
}

static uint8_t semi(int v)
{
	return (uint8_t)((v % 10) << 4 | (v / 10) % 10);
}

int sms_deliver_hex(const char *smsc, const char *oa, const struct sms_time *t,
		    const struct sms_ud *ud, char *hex, size_t size)
{
	uint8_t b[32 + SMS_UD_MAX];
	bool intl = oa[0] == '+';
	int sc, oct;
	size_t n, tpdu;

	sc = put_digits(smsc[0] == '+' ? smsc + 1 : smsc, b + 2);
	if (sc < 0)
		return -1;
	b[0] = (uint8_t)(sc + 1);
	b[1] = 0x91;
	n = 2 + (size_t)sc;
	tpdu = n;
	b[n++] = (uint8_t)(0x04 | (ud->udhi ? 0x40 : 0));	/* DELIVER, no more messages */
	b[n++] = (uint8_t)strlen(oa + intl);
	b[n++] = intl ? 0x91 : 0x81;
	if ((oct = put_digits(oa + intl, b + n)) < 0)
		return -1;
	n += (size_t)oct;
	b[n++] = 0;
	b[n++] = ud->dcs;
	b[n++] = semi(t->year % 100);
	b[n++] = semi(t->month);
	b[n++] = semi(t->day);
	b[n++] = semi(t->hour);
	b[n++] = semi(t->minute);
	b[n++] = semi(t->second);
	b[n++] = (uint8_t)(semi(abs(t->tz_quarters)) | (t->tz_quarters < 0 ? 0x08 : 0));
	b[n++] = ud->udl;
	memcpy(b + n, ud->ud, ud->ud_len);
	n += ud->ud_len;
	if (size < 2 * n + 1)
		return -1;
	put_hex(hex, 0, b, n);
	return (int)(n - tpdu);
}

static uint8_t dec(uint8_t semi_octets)
{
	return (uint8_t)((semi_octets >> 4) + (semi_octets & 0x0F) * 10);
}

/* Concatenation elements (8- and 16-bit references) of a user data header;
 * an invalid one is no concatenation, as the library decides. */
static void read_udh(const uint8_t *h, size_t len, struct sms_concat *c)
{
	for (size_t at = 0; at + 2 <= len;) {
		uint8_t id = h[at], l = h[at + 1];

		at += 2;
		if (l > len - at)
			break;
		if (id == 0x00 && l == 3)
			*c = (struct sms_concat){ h[at], h[at + 1], h[at + 2] };
		else if (id == 0x08 && l == 4)
			*c = (struct sms_concat){ (uint16_t)(h[at] << 8 | h[at + 1]), h[at + 2],
						  h[at + 3] };
		at += l;
	}
	if (c->total == 0 || c->seq == 0 || c->seq > c->total)
		memset(c, 0, sizeof(*c));
}

static int deliver_text(const uint8_t *ud, size_t avail, uint8_t udl, bool udhi,
			struct sms_deliver *d)
{
	uint8_t sept[SMS_SEPTETS_MAX];
	size_t udhl = udhi && avail ? ud[0] + 1u : 0, skip, n;

	if (udhi && (avail == 0 || udhl > avail || (d->dcs != SMS_DCS_GSM7 ? udhl : (udhl * 8 + 6) / 7) > udl))
		return -1;
	if (udhi)
		read_udh(ud + 1, udhl - 1, &d->concat);
	switch ((d->dcs >> 2) & 3) {
	case 0:
		if (udl > SMS_SEPTETS_MAX)
			return -1;
		skip = (udhl * 8 + 6) / 7;
		n = sms_unpack7(ud, avail, 0, udl, sept);
		d->text_len = n > skip ? sms_gsm7_to_text(sept + skip, n - skip, d->text) : 0;
		return 0;
	case 1:
		n = udl - udhl < avail - udhl ? udl - udhl : avail - udhl;
		memcpy(d->text, ud + udhl, n);
		d->text_len = n;
		return 0;
	default:
		return -1;	/* UCS-2 and reserved: the library does not decode them */
	}
}

int sms_deliver_parse(const char *hex, struct sms_deliver *d)
{
	uint8_t b[SMS_HEX_MAX / 2];
	int n = from_hex(hex, b, sizeof(b));
	size_t at, nd;
	bool udhi;

	memset(d, 0, sizeof(*d));
	if (n < 1 || (size_t)b[0] + 3 > (size_t)n)
		return -1;
	at = b[0] + 1u;
	if ((b[at] & 3) != 0)
		return -1;	/* not an SMS-DELIVER */
	udhi = b[at] & 0x40;
	nd = b[at + 1];
	if (nd > SMS_ADDR_MAX || at + 3 + (nd + 1) / 2 + 10 > (size_t)n)
		return -1;
	get_digits(b + at + 3, nd, d->oa);
	at += 3 + (nd + 1) / 2;
	d->dcs = b[at + 1];
	at += 2;
	d->scts = (struct sms_time){ dec(b[at]), dec(b[at + 1]), dec(b[at + 2]),
				     dec(b[at + 3]), dec(b[at + 4]), dec(b[at + 5]),
				     (b[at + 6] & 0x08 ? -1 : 1) * dec(b[at + 6] & 0xF7) };
	at += 7;
	return deliver_text(b + at + 1, (size_t)n - at - 1, b[at], udhi, d);
}
