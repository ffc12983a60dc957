/* What ends a command line on the UART: a per-modem setting
 * (modem.term), read by the line engine and the command matcher. */
#ifndef SLMSIM_AT_TERM_H
#define SLMSIM_AT_TERM_H

enum at_term {
	AT_TERM_ANY,	/* CR, LF or CRLF: what terminal programs send (slmsim default) */
	AT_TERM_CRLF,	/* SLM's Kconfig default: only CR followed by LF */
	AT_TERM_CR,
	AT_TERM_LF,
};

int at_term_parse(const char *s, enum at_term *out);
/* "any", "crlf", "cr" or "lf": what at_term_parse takes. */
const char *at_term_name(enum at_term t);

#endif
