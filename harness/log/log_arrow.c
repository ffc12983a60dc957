/* Application logs that mark each line's way: "TX: AT+CFUN=1" / "RX: OK",
 * "> AT" / "< OK", "-> AT" / "<- OK", ">> " / "<< ", and the nrf-modem
 * crate's defmt traces "AT -> AT+CFUN=1" / "AT <- +CFUN: 1" whose answer goes
 * on over the next lines without a prefix.  Arrows mean the host's way in
 * some tools and the modem's in others: log_detect counts which way the
 * arrows before commands point. */
#include <ctype.h>
#include <string.h>

#include "log_priv.h"

struct marker {
	const char *text;
	int way;		/* 1 points right (">"), -1 left, 2 the host's (TX), -2 the modem's */
};

static const struct marker markers[] = {
	{ "AT -> ", 2 }, { "AT <- ", -2 }, { "TX:", 2 }, { "RX:", -2 }, { "TX ", 2 }, { "RX ", -2 },
	{ "tx:", 2 }, { "rx:", -2 },
	{ "-->", 1 }, { "<--", -1 }, { "->", 1 }, { "<-", -1 }, { "=>", 1 }, { "<=", -1 },
	{ "\xe2\x86\x92", 1 }, { "\xe2\x86\x90", -1 }, { ">>", 1 }, { "<<", -1 }, { ">", 1 }, { "<", -1 },
};

size_t log_arrow_marker(const char *s, size_t n, bool host_is_right, enum log_dir *dir)
{
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		size_t k = strlen(markers[i].text);
		int way = markers[i].way;

		if (n < k || memcmp(s, markers[i].text, k))
			continue;
		/* A marker stands alone: "->AT" is one, "<inf>" is not. */
		if (k < n && s[k] != ' ' && s[k] != ':' && markers[i].text[k - 1] != ' ' &&
		    markers[i].text[k - 1] != ':' && !(way == 1 || way == -1))
			continue;
		if ((way == 1 || way == -1) && k < n && isalpha((unsigned char)s[k]) &&
		    !log_is_command(s + k, n - k))
			continue;
		/* ">>> AT": a longer run of the arrow's last character. */
		while ((way == 1 || way == -1) && k < n && s[k] == markers[i].text[strlen(markers[i].text) - 1] &&
		       strchr("<>", s[k]))
			k++;
		/* "TX > AT", "RX: < OK": a tool's word and its arrow. */
		while (k < n && (s[k] == ' ' || s[k] == ':' || ((way == 2 || way == -2) && strchr("<>-", s[k]))))
			k++;
		*dir = way == 2 || (way == 1 && host_is_right) || (way == -1 && !host_is_right) ? DIR_HOST :
		       DIR_MODEM;
		return k;
	}
	return 0;
}

/* A bare line after the modem's marked one: its answer going on, when that
 * has no final result yet and the line looks like the modem's (a result, a
 * +/%/# line, one token). */
static bool goes_on(const struct log_lines *L, const char *s, size_t n)
{
	const struct replay_log *log = L->ps.log;

	return L->arrow_last == DIR_MODEM && log->nev && log->ev[log->nev - 1].kind == EV_RECV &&
	       !log_is_final(log->ev[log->nev - 1].text) && !log_is_command(s, n) &&
	       (log_is_final_n(s, n) || strchr("+%#", s[0]) || !memchr(s, ' ', n));
}

bool log_arrow_line(struct log_lines *L, const char *s, size_t n, int64_t t)
{
	struct log_line ll = { NULL, 0, DIR_ANY, t, LOG_ARROW, false };
	size_t k;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	/* defmt's location line under each message. */
	if (n >= 3 && !memcmp(s, "\xe2\x94\x94", 3))
		return true;
	k = log_arrow_marker(s, n, L->arrow_host_is_right, &ll.dir);
	if (!k) {
		if (t >= 0 || !goes_on(L, s, n))
			return false;
		ll.dir = DIR_MODEM;
		ll.t = L->stamp_t;
	} else {
		L->arrow_last = ll.dir;
		s += k;
		n -= k;
	}
	if (!n || log_is_elision(s, n))
		return true;
	ll.s = s;
	ll.n = n;
	log_put(L, &ll);
	return true;
}
