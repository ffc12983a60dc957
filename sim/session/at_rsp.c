#include "at_rsp.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"

static void reply_send(struct modem *m, const struct at_rsp *r, const char *text)
{
	if (r->kind == AT_RSP_ANSWER)
		at_info(m, "%s", text);
	else if (r->kind == AT_RSP_URC)
		modem_urc_modem(m, "%s", text);
	else
		modem_urc(m, "%s", text);
}

void at_reply(struct modem *m, const struct at_rsp *r, const char *fmt, ...)
{
	char buf[512];
	struct strbuf sb = { 0 };
	size_t n = 0;
	int k;
	va_list ap;

	/* Most replies fit the stack buffer; formatting is on every answer's path. */
	if (r->prefix[0])
		n = (size_t)snprintf(buf, sizeof(buf), "%s: ", r->prefix);
	if (n < sizeof(buf)) {
		va_start(ap, fmt);
		k = vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
		va_end(ap);
		if (k >= 0 && (size_t)k < sizeof(buf) - n) {
			reply_send(m, r, buf);
			return;
		}
	}
	if (r->prefix[0])
		sb_appendf(&sb, "%s: ", r->prefix);
	va_start(ap, fmt);
	sb_vappendf(&sb, fmt, ap);
	va_end(ap);
	reply_send(m, r, sb.data ? sb.data : "");
	sb_free(&sb);
}

int at_rsp_field_index(const struct at_rsp *r, const char *name)
{
	size_t n = strlen(name);
	int i = 0;

	for (const char *p = r->fields; p && *p; i++) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len == n && !strncmp(p, name, n))
			return i;
		if (!end)
			break;
		p = end + 1;
	}
	return -1;
}

bool at_rsp_is(const struct at_rsp *r, const char *line)
{
	size_t n = strlen(r->prefix);

	return n && !strncmp(line, r->prefix, n) && line[n] == ':';
}

const char *at_rsp_values(const struct at_rsp *r, const char *line)
{
	if (!at_rsp_is(r, line))
		return line;
	line += strlen(r->prefix) + 1;
	return *line == ' ' ? line + 1 : line;
}

/* Field i of s, quotes removed unless keep; commas inside quotes belong to
 * the field. */
static bool nth(const char *s, int i, char *out, size_t len, bool keep)
{
	size_t k = 0;
	bool q = false;

	for (; *s && i >= 0; s++) {
		if (*s == '"')
			q = !q;
		if (*s == ',' && !q)
			i--;
		else if (i == 0 && k + 1 < len && (keep || *s != '"'))
			out[k++] = *s;
	}
	if (len)
		out[k] = '\0';
	return i <= 0;
}

bool at_rsp_field(const struct at_rsp *r, const char *line, const char *name, char *out,
		  size_t len)
{
	int i = at_rsp_field_index(r, name);

	if (len)
		out[0] = '\0';
	/* A line of another shape has none of r's fields, whatever its commas. */
	if (r->prefix[0] && !at_rsp_is(r, line))
		return false;
	return i >= 0 && nth(at_rsp_values(r, line), i, out, len, false);
}

bool at_rsp_int(const struct at_rsp *r, const char *line, const char *name, int64_t *out)
{
	char v[24], *end;
	long long n;
	int i = at_rsp_field_index(r, name);

	/* A quoted field is a string, whatever its digits (+CEREG's "<tac>"). */
	if ((r->prefix[0] && !at_rsp_is(r, line)) || i < 0 ||
	    !nth(at_rsp_values(r, line), i, v, sizeof(v), true))
		return false;
	errno = 0;
	n = strtoll(v, &end, 10);
	if (end == v || errno == ERANGE)
		return false;
	while (*end == ' ')
		end++;
	if (*end)
		return false;
	*out = n;
	return true;
}
