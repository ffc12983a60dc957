#include "control_proto.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 8

const struct ctl_cmd_info ctl_commands[] = {
	{ "help", "", "list the commands" },
	{ "status", "", "the modem's and network's state as one line of JSON" },
	{ "net-loss", "SECONDS [STAT]", "registration lost (+CEREG STAT 0|2|3|4, default 2), back "
	  "after SECONDS of emulator time" },
	{ "register", "", "the network registers the modem now (radio on)" },
	{ "deregister", "[STAT]", "registration lost until 'register' (STAT as net-loss)" },
	{ "signal", "RSRP_DBM [RSRQ_DB]", "serving cell signal: RSRP -140..-43 dBm, RSRQ "
	  "-19.5..-2.5 dB in 0.5 steps (+CESQ, %XMONITOR, %CESQ URCs)" },
	{ "cell", "TAC CI", "move to cell TAC (4 hex digits) CI (8 hex digits): +CEREG URC" },
	{ "psm", "off | ACTIVE_TIME PERIODIC_TAU", "PSM the network grants: 8-bit strings as "
	  "+CEREG shows them, or none" },
	{ "edrx", "off | VALUE [PTW]", "eDRX the network grants: 4-bit strings, or none" },
	{ "broker-disconnect", "", "the broker closes the modem's MQTT connection" },
	{ "publish", "TOPIC PAYLOAD [QOS] [RETAIN]", "another client publishes to the modem's "
	  "broker (QOS 0|1|2, RETAIN 0|1)" },
	{ "peer-close", "", "the peer of the modem's TCP/TLS socket closes it (FIN)" },
	{ "sms", "FROM TEXT", "an SMS from number FROM arrives (+CMT, #XSMS)" },
	{ "reset", "", "the modem resets, as #XRESET: Ready again" },
	{ "wake", "", "wake the modem from #XSLEEP (the interface GPIO)" },
	{ "stall", "SECONDS", "TLS handshakes answer SECONDS late from now on (0: off)" },
	{ NULL, NULL, NULL },
};

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* One quoted word from *p into out; its escapes: \" \\ \n \r \t. */
static int quoted_word(const char **p, const char *end, char **out)
{
	const char *s = *p + 1;
	char *o = *out;

	for (; s < end && *s != '"'; s++) {
		if (*s != '\\') {
			*o++ = *s;
			continue;
		}
		if (++s == end)
			return -1;
		switch (*s) {
		case '"': case '\\': *o++ = *s; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		default: return -1;
		}
	}
	if (s == end || (s + 1 < end && s[1] != ' ' && s[1] != '\t'))
		return -1;
	*p = s + 1;
	*out = o;
	return 0;
}

/* Splits line into words (decoded into buf, NUL-terminated each). */
static int split(const char *line, size_t len, char *buf, char **w, int *n, char *err,
		 size_t errlen)
{
	const char *p = line, *end = line + len;
	char *o = buf;

	*n = 0;
	if (memchr(line, '\0', len))
		return fail(err, errlen, "a NUL byte in the request");
	while (p < end) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		if (*n == MAX_WORDS)
			return fail(err, errlen, "too many words (a value with spaces needs quotes)");
		w[(*n)++] = o;
		if (*p == '"') {
			if (quoted_word(&p, end, &o))
				return fail(err, errlen, "bad quoting (\"...\" with \\\" \\\\ \\n \\r "
					    "\\t, then a space or the end)");
		} else {
			for (; p < end && *p != ' ' && *p != '\t'; p++) {
				if (*p == '"' || (unsigned char)*p < 0x20)
					return fail(err, errlen, "a quote or control character inside "
						    "an unquoted word");
				*o++ = *p;
			}
		}
		*o++ = '\0';
	}
	return 0;
}

static bool number(const char *s, double lo, double hi, double *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	errno = 0;
	*out = strtod(s, &end);
	return !errno && !*end && *out >= lo && *out <= hi;
}

static bool integer(const char *s, int lo, int hi, int *out)
{
	double v;

	if (!number(s, lo, hi, &v) || v != (int)v || strpbrk(s, ".eExXpP"))
		return false;
	*out = (int)v;
	return true;
}

static bool bits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "01") == n;
}

static bool hex(const char *s, size_t n, char *out)
{
	if (strlen(s) != n || strspn(s, "0123456789abcdefABCDEF") != n)
		return false;
	for (size_t i = 0; i <= n; i++)
		out[i] = (char)toupper((unsigned char)s[i]);
	return true;
}

static int seconds(const char *s, double lo, int64_t *ms, char *err, size_t errlen)
{
	double v;

	if (!number(s, lo, CTL_MAX_WAIT_S, &v) || (lo > 0 && v <= 0))
		return fail(err, errlen, "SECONDS must be a number %s0 and at most %d, not '%s'",
			    lo > 0 ? "above " : "from ", CTL_MAX_WAIT_S, s);
	*ms = llround(v * 1000);
	return 0;
}

static int lost_stat(const char *s, int *stat, char *err, size_t errlen)
{
	if (!integer(s, 0, 4, stat) || *stat == 1)
		return fail(err, errlen, "STAT is the +CEREG <stat> while lost: 0, 2, 3 or 4, not '%s'", s);
	return 0;
}

static int parse_signal(struct ctl_request *r, char **w, int n, char *err, size_t errlen)
{
	double q;

	if (!integer(w[0], -140, -43, &r->rsrp))
		return fail(err, errlen, "RSRP_DBM is an integer -140..-43, not '%s'", w[0]);
	r->rsrp += 140;
	r->rsrq = -1;
	if (n < 2)
		return 0;
	if (!number(w[1], -19.5, -2.5, &q) || q * 2 != floor(q * 2))
		return fail(err, errlen, "RSRQ_DB is -19.5..-2.5 in steps of 0.5, not '%s'", w[1]);
	r->rsrq = (int)lround((q + 19.5) * 2);
	return 0;
}

static int parse_grant(struct ctl_request *r, char **w, int n, char *err, size_t errlen)
{
	if (!strcmp(w[0], "off")) {
		r->off = true;
		return n == 1 ? 0 : fail(err, errlen, "'%s off' takes nothing more",
					 r->cmd == CTL_PSM ? "psm" : "edrx");
	}
	if (r->cmd == CTL_PSM) {
		if (n != 2 || !bits(w[0], 8) || !bits(w[1], 8))
			return fail(err, errlen, "expected psm off, or psm ACTIVE_TIME PERIODIC_TAU "
				    "as 8-bit strings (e.g. psm 00000101 00101100)");
		memcpy(r->active_time, w[0], 9);
		memcpy(r->periodic_tau, w[1], 9);
		return 0;
	}
	if (!bits(w[0], 4) || (n == 2 && !bits(w[1], 4)))
		return fail(err, errlen, "expected edrx off, or edrx VALUE [PTW] as 4-bit strings "
			    "(e.g. edrx 0101 0011)");
	memcpy(r->edrx, w[0], 5);
	if (n == 2)
		memcpy(r->ptw, w[1], 5);
	return 0;
}

static int parse_publish(struct ctl_request *r, char **w, int n, char *err, size_t errlen)
{
	int retain = 0;

	if (!*w[0] || strlen(w[0]) > CTL_MAX_TOPIC || strpbrk(w[0], "+#"))
		return fail(err, errlen, "TOPIC must be 1..%d characters without the wildcards + "
			    "and #", CTL_MAX_TOPIC);
	snprintf(r->topic, sizeof(r->topic), "%s", w[0]);
	r->text_len = strlen(w[1]);
	memcpy(r->text, w[1], r->text_len + 1);
	if (n > 2 && !integer(w[2], 0, 2, &r->qos))
		return fail(err, errlen, "QOS is 0, 1 or 2, not '%s'", w[2]);
	if (n > 3 && !integer(w[3], 0, 1, &retain))
		return fail(err, errlen, "RETAIN is 0 or 1, not '%s'", w[3]);
	r->retain = retain;
	return 0;
}

static int parse_sms(struct ctl_request *r, char **w, char *err, size_t errlen)
{
	const char *d = w[0] + (w[0][0] == '+');

	if (!*d || strlen(d) > 15 || strspn(d, "0123456789") != strlen(d))
		return fail(err, errlen, "FROM is a phone number ([+] and 1..15 digits), not '%s'", w[0]);
	snprintf(r->from, sizeof(r->from), "%s", w[0]);
	r->text_len = strlen(w[1]);
	if (!r->text_len || r->text_len > 459)
		return fail(err, errlen, "TEXT is 1..459 bytes (3 concatenated messages)");
	memcpy(r->text, w[1], r->text_len + 1);
	return 0;
}

/* The arguments w[0..n) of r->cmd, whose count is already in range. */
static int parse_args(struct ctl_request *r, char **w, int n, char *err, size_t errlen)
{
	r->stat = 2;
	switch (r->cmd) {
	case CTL_NET_LOSS:
		if (seconds(w[0], 0.001, &r->ms, err, errlen))
			return -1;
		return n > 1 ? lost_stat(w[1], &r->stat, err, errlen) : 0;
	case CTL_DEREGISTER:
		return n ? lost_stat(w[0], &r->stat, err, errlen) : 0;
	case CTL_STALL:
		return seconds(w[0], 0, &r->ms, err, errlen);
	case CTL_SIGNAL:
		return parse_signal(r, w, n, err, errlen);
	case CTL_CELL:
		if (!hex(w[0], 4, r->tac) || !hex(w[1], 8, r->ci))
			return fail(err, errlen, "expected cell TAC CI: 4 and 8 hex digits (e.g. cell "
				    "1A2B 0101ABCD)");
		return 0;
	case CTL_PSM:
	case CTL_EDRX:
		return parse_grant(r, w, n, err, errlen);
	case CTL_PUBLISH:
		return parse_publish(r, w, n, err, errlen);
	case CTL_SMS:
		return parse_sms(r, w, err, errlen);
	default:
		return 0;
	}
}

static int arg_range(const char *args, int *min)
{
	int max = 0;

	*min = 0;
	for (const char *p = args; *p; p++) {
		if (p[0] == '|') {
			*min = 1;
			return 2;	/* "off | A B": 1..2, checked by its parser */
		}
		if ((p == args || p[-1] == ' ' || p[-1] == '[') && isupper((unsigned char)*p)) {
			max++;
			if (p == args || p[-1] == ' ')
				*min = max;
		}
	}
	return max;
}

static int parse(const char *line, size_t len, struct ctl_request *r, char *err, size_t errlen)
{
	char buf[CTL_MAX_LINE + MAX_WORDS], *w[MAX_WORDS];
	int n, min, max, first = 0;

	memset(r, 0, sizeof(*r));
	if (len > CTL_MAX_LINE)
		return fail(err, errlen, "the request is longer than %d bytes", CTL_MAX_LINE);
	if (split(line, len, buf, w, &n, err, errlen))
		return -1;
	if (n && w[0][0] == '@') {
		if (!integer(w[0] + 1, 0, CTL_MAX_MODEM, &r->modem))
			return fail(err, errlen, "'%s' is no modem: @0..@%d", w[0], CTL_MAX_MODEM);
		first = 1;
	}
	if (n == first)
		return fail(err, errlen, "no command (try: help)");
	for (const struct ctl_cmd_info *c = ctl_commands; c->name; c++) {
		if (strcmp(c->name, w[first]))
			continue;
		r->cmd = (enum ctl_cmd)(c - ctl_commands);
		max = arg_range(c->args, &min);
		n -= first + 1;
		if (n < min || n > max)
			return fail(err, errlen, "usage: %s%s%s", c->name, *c->args ? " " : "", c->args);
		return parse_args(r, w + first + 1, n, err, errlen);
	}
	return fail(err, errlen, "unknown command '%.64s' (try: help)", w[first]);
}

/* A command's line, then what it does wrapped at 72 columns below it. */
int ctl_parse(const char *line, size_t len, struct ctl_request *r, char *err, size_t errlen)
{
	if (!parse(line, len, r, err, errlen))
		return 0;
	/* The reason quotes the request: it stays one printable line. */
	for (char *p = err; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return -1;
}

void ctl_describe(FILE *out)
{
	for (const struct ctl_cmd_info *c = ctl_commands; c->name; c++) {
		const char *w = c->what;

		fprintf(out, "  %s%s%s\n", c->name, *c->args ? " " : "", c->args);
		while (*w) {
			int n = (int)strlen(w);

			if (n > 62)
				for (n = 62; n > 1 && w[n] != ' '; n--)
					;
			fprintf(out, "          %.*s\n", n, w);
			w += n + (w[n] == ' ');
		}
	}
}

bool ctl_quote(const char *s, char *out, size_t cap, size_t *pos)
{
	bool plain = *s && *s != '@' && !strpbrk(s, " \t\"\\\r\n");
	size_t p = *pos;

	for (const char *c = s; plain && *c; c++)
		plain = (unsigned char)*c >= 0x20;
	if (plain) {
		if (p + strlen(s) >= cap)
			return false;
		p += (size_t)snprintf(out + p, cap - p, "%s", s);
		*pos = p;
		return true;
	}
	if (p + 1 >= cap)
		return false;
	out[p++] = '"';
	for (; *s; s++) {
		const char *e = *s == '"' ? "\\\"" : *s == '\\' ? "\\\\" : *s == '\n' ? "\\n" :
				*s == '\r' ? "\\r" : *s == '\t' ? "\\t" : NULL;
		size_t k = e ? 2 : 1;

		if (p + k + 1 >= cap)
			return false;
		memcpy(out + p, e ? e : s, k);
		p += k;
	}
	if (p + 2 > cap)
		return false;
	out[p++] = '"';
	out[p] = '\0';
	*pos = p;
	return true;
}
