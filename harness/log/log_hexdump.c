/* Hex dumps of the UART's bytes: Zephyr's LOG_HEXDUMP rows under their
 * message ("41 54 2b 43 46 55 4e 3f  0d 0a   |AT+CFUN? .."), the nRF5 SDK's
 * "<info> app:  41 54 0D|AT.", RTT Viewer's "00> " before them, an offset
 * first ("0010: ") or not.  The bytes are what counts, not the ASCII column:
 * they run on from row to row (a command split over rows, or over two dumps)
 * until CR or LF ends a line; NUL and other control bytes are dropped.  A
 * line starting AT is the host's, any other the modem's, whatever the
 * dump's own message says (RX is the host's on the SLM's side, the modem's
 * on the host's). */
#include <ctype.h>
#include <string.h>

#include "log_priv.h"

static int hexval(char c)
{
	return isdigit((unsigned char)c) ? c - '0' : isxdigit((unsigned char)c) ? tolower((unsigned char)c) - 'a' + 10 : -1;
}

/* "0010: ", "00000010  ", "0000-0010: " before the bytes. */
static size_t offset_prefix(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (isxdigit((unsigned char)s[i]) || s[i] == '-'))
		i++;
	if (i >= 4 && i < n && s[i] == ':')
		return i + 1;
	if (i >= 6 && i + 1 < n && s[i] == ' ' && s[i + 1] == ' ')
		return i;
	return 0;
}

int log_hexdump_row(const char *s, size_t n, char *out, size_t cap)
{
	size_t i = 0;
	int nb = 0;

	while (i < n && s[i] == ' ')
		i++;
	i += offset_prefix(s + i, n - i);
	for (;;) {
		size_t sp = 0;

		while (i < n && s[i] == ' ') {
			i++;
			sp++;
		}
		if (i >= n || s[i] == '|' || (nb && sp >= 3))
			break;
		if (i + 1 >= n || hexval(s[i]) < 0 || hexval(s[i + 1]) < 0 ||
		    (i + 2 < n && s[i + 2] != ' ' && s[i + 2] != '|'))
			return nb && sp >= 2 ? nb : -1;
		if (out && (size_t)nb < cap)
			out[nb] = (char)(hexval(s[i]) << 4 | hexval(s[i + 1]));
		nb++;
		i += 2;
	}
	return nb ? nb : -1;
}

bool log_hexdump_line(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	char bytes[256];
	int nb = log_hexdump_row(s, n, bytes, sizeof(bytes));
	struct log_hexbuf *h = &L->hex;

	if (nb < 0)
		return false;
	if (nb > (int)sizeof(bytes))
		nb = (int)sizeof(bytes);
	for (int i = 0; i < nb; i++) {
		unsigned char c = (unsigned char)bytes[i];

		if (c == '\r' || c == '\n') {
			log_flush_bytes(L);
			continue;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f || h->n >= sizeof(h->b))
			continue;
		if (!h->n) {
			h->line = L->ps.lineno;
			h->t = t >= 0 ? t : L->stamp_t;
		}
		h->b[h->n++] = (char)c;
	}
	return true;
}
