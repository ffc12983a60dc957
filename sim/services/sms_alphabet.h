/* The alphabets of SMS text (3GPP TS 23.038): the GSM 7-bit default
 * alphabet as NCS 1.8's sms library maps it to and from bytes, septet
 * packing, and UCS-2. */
#ifndef SLMSIM_SMS_ALPHABET_H
#define SLMSIM_SMS_ALPHABET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* GSM 7-bit default alphabet: septets of text's bytes (ASCII, '`' as '\'', others a
 * space, as the library maps them), at most max; returns the bytes of text used. */
size_t sms_gsm7_from_text(const char *text, size_t len, uint8_t *sept, size_t max,
			  size_t *nsept);
/* Whether every byte of text has its own GSM 7-bit code. */
bool sms_gsm7_fits(const char *text, size_t len);
/* Text of n septets: ISO-8859-1 bytes (the euro sign 0xA4), unknowns a space. */
size_t sms_gsm7_to_text(const uint8_t *sept, size_t n, char *out);
/* Packs n septets starting fill bits into out; returns octets. */
size_t sms_pack7(const uint8_t *sept, size_t n, unsigned fill, uint8_t *out);
/* Unpacks n septets after fill bits of in[0..len); returns septets read. */
size_t sms_unpack7(const uint8_t *in, size_t len, unsigned fill, size_t n, uint8_t *sept);
/* UTF-8 to UCS-2 big-endian octets (at most max); -1 on a code point above
 * U+FFFF or bad UTF-8.  Returns octets. */
int sms_ucs2_from_utf8(const char *text, size_t len, uint8_t *out, size_t max);
/* UCS-2 big-endian octets to UTF-8 (out holds 3 bytes per 2 octets). */
size_t sms_ucs2_to_utf8(const uint8_t *in, size_t len, char *out);

#endif
