/* Zephyr shell sessions: "uart:~$ slm AT+CFUN=1" (the SLM shell's command,
 * which it repeats before the answer), "uart:~$ at AT+CFUN?" (the modem
 * shell's), boot banners "*** Booting nRF Connect SDK v3.0.1 ***", other
 * shell commands and their output, and Zephyr's log lines
 * "[00:00:02.547,424] <inf> module: text" mixed in: their time is since
 * boot, which is all a replay needs. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log_priv.h"

/* probe-rs's defmt time, seconds since boot before the level word:
 * "12.345678 TRACE ...". */
static int64_t defmt_stamp(const char *s, size_t n, size_t *used)
{
	size_t i = 0, frac;
	int64_t t = 0, ms = 0;

	while (i < n && isdigit((unsigned char)s[i]) && i < 9)
		t = t * 10 + (s[i++] - '0');
	if (!i || i >= n || s[i++] != '.')
		return -1;
	for (frac = 0; i < n && isdigit((unsigned char)s[i]); i++, frac++)
		ms = frac < 3 ? ms * 10 + (s[i] - '0') : ms;
	if (frac < 3 || i >= n || s[i] != ' ')
		return -1;
	while (i < n && s[i] == ' ')
		i++;
	if (n - i < 5 || (memcmp(s + i, "TRACE", 5) && memcmp(s + i, "DEBUG", 5) && memcmp(s + i, "INFO", 4) &&
			  memcmp(s + i, "WARN", 4) && memcmp(s + i, "ERROR", 5)))
		return -1;
	*used = i;
	return t * 1000 + ms;
}

int64_t log_zephyr_stamp(const char *s, size_t n, size_t *used)
{
	char buf[32];
	int h, m, sec, ms, us, k = 0;

	if (n && isdigit((unsigned char)s[0]))
		return defmt_stamp(s, n, used);
	if (n < 18 || s[0] != '[')
		return -1;
	snprintf(buf, sizeof(buf), "%.*s", (int)(n < 31 ? n : 31), s);
	if (sscanf(buf, "[%2d:%2d:%2d.%3d,%3d]%n", &h, &m, &sec, &ms, &us, &k) != 5 || k != 18)
		return -1;
	while ((size_t)k < n && s[k] == ' ')
		k++;
	*used = (size_t)k;
	return ((int64_t)h * 3600 + m * 60 + sec) * 1000 + ms;
}

/* "<inf> module: " (Zephyr), "<info> app: " (nRF5 SDK), "TRACE " (defmt,
 * env_logger), "I: " (Zephyr's minimal log). */
size_t log_level_prefix(const char *s, size_t n)
{
	static const char *const words[] = { "TRACE ", "DEBUG ", "INFO ", "WARN ", "I: ", "D: ", "W: ", "E: " };
	const char *gt, *colon;

	if (n > 5 && s[0] == '<' && (gt = memchr(s, '>', n < 12 ? n : 12)) && gt - s >= 4) {
		size_t k = (size_t)(gt - s) + 1;

		for (size_t i = 1; i + 1 < k; i++)
			if (!islower((unsigned char)s[i]))
				return 0;
		while (k < n && s[k] == ' ')
			k++;
		colon = memchr(s + k, ':', n - k);
		if (colon && !memchr(s + k, ' ', (size_t)(colon - s) - k))
			k = (size_t)(colon - s) + 1;
		while (k < n && s[k] == ' ')
			k++;
		return k;
	}
	/* ESP-IDF's "I (1234) tag: ". */
	if (n > 6 && strchr("IWEDV", s[0]) && s[1] == ' ' && s[2] == '(' && isdigit((unsigned char)s[3])) {
		const char *close = memchr(s, ')', n), *colon;

		if (close && (colon = memchr(close, ':', (size_t)(s + n - close))) &&
		    !memchr(close + 2, ' ', (size_t)(colon - close - 2 > 0 ? colon - close - 2 : 0))) {
			size_t k = (size_t)(colon - s) + 1;

			while (k < n && s[k] == ' ')
				k++;
			return k;
		}
	}
	/* An application's tag: "[modem] " (not an AT library's "[1234] "). */
	if (n > 3 && s[0] == '[' && isalpha((unsigned char)s[1])) {
		size_t k = 1;

		while (k < n && (isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-' || s[k] == '.'))
			k++;
		if (k + 1 < n && s[k] == ']' && s[k + 1] == ' ') {
			for (k += 1; k < n && s[k] == ' '; k++)
				;
			return k;
		}
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t k = strlen(words[i]);

		if (n > k && !memcmp(s, words[i], k)) {
			while (k < n && s[k] == ' ')
				k++;
			return k;
		}
	}
	return 0;
}

/* The prompt: "<name>:~$" then what was typed; NULL when none. */
static const char *after_prompt(const char *s, size_t n, size_t *rest)
{
	const char *p = memmem(s, n, ":~$", 3);

	if (!p)
		return NULL;
	p += 3;
	while (p < s + n && (*p == ' ' || *p == '>'))
		p++;
	*rest = (size_t)(s + n - p);
	return p;
}

/* "slm AT..." or "at AT..." (either case): the AT command in it. */
static const char *shell_command(const char *s, size_t n, size_t *len)
{
	size_t k = n > 4 && !strncasecmp(s, "slm ", 4) ? 4 : n > 3 && !strncasecmp(s, "at ", 3) ? 3 : 0;

	while (k < n && s[k] == ' ')
		k++;
	if (!log_is_command(s + k, n - k))
		return NULL;
	*len = n - k;
	return s + k;
}

static void put_command(struct log_lines *L, const char *s, size_t n)
{
	struct log_line ll = { s, n, DIR_HOST, -1, LOG_SHELL, false };

	log_put(L, &ll);
}

bool log_shell_line(struct log_lines *L, const char *s, size_t n, int64_t t, bool leveled)
{
	size_t rest, len;
	const char *r, *cmd;

	(void)t;
	if (leveled)
		return false;
	if (n > 8 && !memcmp(s, "*** ", 4) && !memcmp(s + n - 4, " ***", 4)) {
		L->shell_other = false;
		log_skip(L->ps.log, L->ps.lineno, s, n);
		return true;
	}
	if ((r = after_prompt(s, n, &rest))) {
		L->shell_other = false;
		if (!rest)
			return true;
		if ((cmd = shell_command(r, rest, &len))) {
			put_command(L, cmd, len);
			return true;
		}
		/* Another shell command: it and what it prints are not the link's. */
		L->shell_other = true;
		log_skip(L->ps.log, L->ps.lineno, s, n);
		return true;
	}
	if (L->shell_other) {
		log_skip(L->ps.log, L->ps.lineno, s, n);
		return true;
	}
	/* The SLM shell repeats the command it sends: an echo, dropped there. */
	if (n > 4 && !strncasecmp(s, "slm ", 4) && (cmd = shell_command(s, n, &len))) {
		L->ps.log->slm_shown = true;
		put_command(L, cmd, len);
		return true;
	}
	return false;
}
