/* What a poster writes into a pasted capture: the answer as an annotation
 * ("-> OK", "→ ERROR", or after the command: "AT+CFUN=4  -> OK"), elisions
 * ("...", "<- ...", a lone ":"), comments ("// then it hangs") and prose
 * between an answer and the next command.  An annotated answer is taken as
 * the modem's and counted; the rest is skipped and counted. */
#include <ctype.h>
#include <string.h>

#include "log_priv.h"

static const char *const arrows[] = { "\xe2\x86\x92", "-->", "->", "=>" };

/* An arrow at s and the answer after it; 0 when s has none. */
static size_t arrow_at(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(arrows) / sizeof(arrows[0]); i++) {
		size_t k = strlen(arrows[i]);

		if (n >= k && !memcmp(s, arrows[i], k)) {
			while (k < n && s[k] == ' ')
				k++;
			return k;
		}
	}
	return 0;
}

static bool answer_shaped(const char *s, size_t n)
{
	return n && (log_is_final_n(s, n) || ((s[0] == '+' || s[0] == '%' || s[0] == '#') && memchr(s, ':', n)));
}

static void put(struct log_lines *L, const char *s, size_t n, enum log_dir dir, int64_t t, bool annot)
{
	struct log_line ll = { s, n, dir, t, LOG_PLAIN, annot };

	log_put(L, &ll);
}

/* "AT+CFUN=4   -> OK": the command, then its annotated answer. */
static bool command_with_answer(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	for (size_t i = 2; i + 2 < n; i++) {
		size_t k, end = i;

		if (s[i - 1] != ' ' || !(k = arrow_at(s + i, n - i)) || !answer_shaped(s + i + k, n - i - k))
			continue;
		while (end && s[end - 1] == ' ')
			end--;
		put(L, s, end, DIR_HOST, t, false);
		put(L, s + i + k, n - i - k, DIR_MODEM, t, true);
		return true;
	}
	return false;
}

/* Prose after an answer ended: several words, some of them lower case, or
 * one starting lower case. */
static bool prose(const struct log_lines *L, const char *s, size_t n)
{
	const struct replay_log *log = L->ps.log;
	const struct log_event *last = NULL;
	size_t spaces = 0, lower = 0;

	for (size_t i = log->nev; i-- > 0 && !last;)
		if (log->ev[i].kind != EV_NOTE)
			last = &log->ev[i];
	if (s[0] == '(' && n > 1) {
		s++;
		n--;
	}
	if (!last || last->kind != EV_RECV || !log_is_final(last->text) || L->datamode ||
	    !isalpha((unsigned char)s[0]) || log_is_chatter(s, n))
		return false;
	for (size_t i = 0; i < n; i++) {
		spaces += s[i] == ' ';
		lower += islower((unsigned char)s[i]) != 0;
	}
	/* The modem prints nothing unasked that starts lower case. */
	return islower((unsigned char)s[0]) || (spaces >= 2 && lower >= 4);
}

/* A poster's cut: "[...]", "(...)", "<snip>", "[snip]". */
static bool elided(const char *s, size_t n)
{
	static const char *const cuts[] = { "[...]", "(...)", "<snip>", "[snip]" };

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
		if (memmem(s, n, cuts[i], strlen(cuts[i])) && n < 40 && !log_is_command(s, n))
			return true;
	return false;
}

bool log_annot_line(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	size_t k;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	if ((k = arrow_at(s, n)) && answer_shaped(s + k, n - k)) {
		put(L, s + k, n - k, DIR_MODEM, t, true);
		return true;
	}
	if ((n >= 2 && !memcmp(s, "<-", 2)) || (n >= 3 && !memcmp(s, "\xe2\x86\x90", 3))) {
		k = s[0] == '<' ? 2 : 3;
		while (k < n && (s[k] == '-' || s[k] == ' '))
			k++;
		if (log_is_command(s + k, n - k))
			put(L, s + k, n - k, DIR_HOST, t, false);
		else
			log_skip(L->ps.log, L->ps.lineno, s, n);
		return true;
	}
	if (log_is_command(s, n))
		return command_with_answer(L, s, n, t);
	if (log_is_elision(s, n) || elided(s, n) || (n == 1 && s[0] == ':') ||
	    (n >= 2 && !memcmp(s, "//", 2)) || prose(L, s, n)) {
		log_skip(L->ps.log, L->ps.lineno, s, n);
		return true;
	}
	return false;
}
