/* AT libraries' debug dumps (TinyGSM's DUMP_AT_COMMANDS and the like): the
 * library copies both ways of the UART to the console, between the
 * sketch's own prints, so a command is glued to the prose before it
 * ("Waiting for network...AT+CEREG?") and a reply ending without a line
 * break to the next command ("OKAT#XSOCKET=1,1,0"); the library's own lines
 * start with its clock ("[12034] ### Modem: nRF9160").  The prose and the
 * library's lines are skipped. */
#include <ctype.h>
#include <string.h>

#include "log_priv.h"

/* Where a command starts inside the line, after something else; 0: none. */
static size_t glued_command(const char *s, size_t n)
{
	for (size_t i = 2; i + 1 < n; i++) {
		char before = s[i - 1], after = i + 2 < n ? s[i + 2] : '\0';

		if (s[i] != 'A' || s[i + 1] != 'T')
			continue;
		if (after && !strchr("+%#&?=", after) && !isupper((unsigned char)after) &&
		    !isdigit((unsigned char)after))
			continue;
		if (log_is_final_n(s, i) || before == '.' || before == ':' || before == ' ' || before == '>')
			return i;
	}
	return 0;
}

static void put(struct log_lines *L, const char *s, size_t n, enum log_dir dir, int64_t t)
{
	struct log_line ll = { s, n, dir, t, LOG_ATLIB, false };

	log_put(L, &ll);
}

bool log_atlib_line(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	size_t i = 1, at;

	if (n > 3 && s[0] == '[' && isdigit((unsigned char)s[1])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		if (i < n && s[i] == ']') {
			log_skip(L->ps.log, L->ps.lineno, s, n);
			return true;
		}
	}
	if (log_is_command(s, n) || !(at = glued_command(s, n)))
		return false;
	if (log_is_final_n(s, at))
		put(L, s, at, DIR_MODEM, t);
	else
		log_skip(L->ps.log, L->ps.lineno, s, at);
	put(L, s + at, n - at, DIR_HOST, t);
	return true;
}
