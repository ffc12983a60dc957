/* SMS transfer-layer PDUs (3GPP TS 23.040) as hex text, the form +CMGS
 * takes and +CMT gives: SMS-SUBMIT built the way NCS 1.8's sms library
 * builds it and parsed the way the modem's SMSC side reads it, SMS-DELIVER
 * built by the network side and parsed the way the library reads it.
 * Text is GSM 7-bit (packed) or UCS-2; no state, no I/O. */
#ifndef SLMSIM_SMS_PDU_H
#define SLMSIM_SMS_PDU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sms_alphabet.h"

#define SMS_SEPTETS_MAX 160	/* septets in one message's user data */
#define SMS_UD_MAX 140		/* octets of user data */
#define SMS_ADDR_MAX 20		/* digits of an address */
#define SMS_HEX_MAX 400		/* hex of one PDU with its SMSC address, and a NUL */

#define SMS_DCS_GSM7 0x00
#define SMS_DCS_8BIT 0x04
#define SMS_DCS_UCS2 0x08

/* The user data of one message as it travels: what a SUBMIT carries and a
 * DELIVER repeats. */
struct sms_ud {
	uint8_t dcs;
	bool udhi;		/* ud begins with a user data header */
	uint8_t udl;		/* septets (GSM 7-bit) or octets */
	uint8_t ud[SMS_UD_MAX];
	size_t ud_len;		/* octets in ud */
};

struct sms_submit {
	uint8_t mr;		/* message reference */
	char da[SMS_ADDR_MAX + 2];	/* destination: digits, '+' first when international */
	struct sms_ud ud;
};

/* Concatenation, from a user data header (0 total: not a part). */
struct sms_concat {
	uint16_t ref;
	uint8_t total, seq;
};

struct sms_time {
	int year, month, day, hour, minute, second;	/* year: two digits */
	int tz_quarters;
};

struct sms_deliver {
	char oa[SMS_ADDR_MAX + 1];	/* originating address: digits only */
	struct sms_time scts;
	struct sms_concat concat;
	uint8_t dcs;
	char text[SMS_SEPTETS_MAX + 1];	/* 7-bit: ISO-8859-1 bytes as the library makes
					 * them; 8-bit: the octets */
	size_t text_len;
};

/* The user data of message part seq (1-based) of total for text: one part
 * (total 1) has no header; parts carry an 8-bit reference concatenation
 * header.  ucs2: UCS-2 instead of GSM 7-bit.  Returns the parts text
 * needs (the library's split: 153 septets or 67 UCS-2 characters a
 * part), or -1 when the text cannot be encoded. */
int sms_text_parts(const char *text, bool ucs2);
int sms_text_ud(const char *text, bool ucs2, int seq, int total, uint8_t ref,
		struct sms_ud *ud);

/* "AT+CMGS" hex of a SUBMIT (no SMSC address: "00" first); returns the
 * TPDU octets (the +CMGS length) or -1 when da is not a number. */
int sms_submit_hex(const struct sms_submit *s, bool status_report, char *hex, size_t size);
/* Reads a +CMGS PDU of tpdu_len octets (after its SMSC address); 0 or -1. */
int sms_submit_parse(const char *hex, int tpdu_len, struct sms_submit *s);
/* +CMT hex of a DELIVER from oa (digits, '+' first: international) with
 * smsc the service centre's number; returns TPDU octets or -1. */
int sms_deliver_hex(const char *smsc, const char *oa, const struct sms_time *t,
		    const struct sms_ud *ud, char *hex, size_t size);
/* Reads a DELIVER as the library does; -1 when it would not (UCS-2 text,
 * a bad PDU). */
int sms_deliver_parse(const char *hex, struct sms_deliver *d);

#endif
