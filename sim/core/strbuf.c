#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->len + extra + 1;
	size_t cap;
	char *p;

	if (need <= sb->cap)
		return 0;
	cap = sb->cap ? sb->cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(sb->data, cap);
	if (!p)
		return -1;
	sb->data = p;
	sb->cap = cap;
	return 0;
}

int sb_append(struct strbuf *sb, const void *data, size_t len)
{
	if (reserve(sb, len))
		return -1;
	if (len)
		memcpy(sb->data + sb->len, data, len);
	sb->len += len;
	sb->data[sb->len] = '\0';
	return 0;
}

int sb_vappendf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || reserve(sb, (size_t)n))
		return -1;
	vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int sb_appendf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = sb_vappendf(sb, fmt, ap);
	va_end(ap);
	return rc;
}

void sb_consume(struct strbuf *sb, size_t n)
{
	if (n >= sb->len) {
		sb->len = 0;
	} else {
		memmove(sb->data, sb->data + n, sb->len - n);
		sb->len -= n;
	}
	if (sb->data)
		sb->data[sb->len] = '\0';
}

void sb_free(struct strbuf *sb)
{
	free(sb->data);
	sb->data = NULL;
	sb->len = sb->cap = 0;
}

void sb_take_lines(struct strbuf *sb, void (*fn)(void *arg, const char *line, size_t len),
		   void *arg)
{
	size_t start = 0;

	for (size_t i = 0; i < sb->len; i++) {
		size_t end = i;

		if (sb->data[i] != '\n')
			continue;
		while (end > start && sb->data[end - 1] == '\r')
			end--;
		if (end > start)
			fn(arg, sb->data + start, end - start);
		start = i + 1;
	}
	sb_consume(sb, start);
}

int sb_append_json(struct strbuf *sb, const char *s)
{
	int rc = sb_append(sb, "\"", 1);

	for (; *s && !rc; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			rc = sb_appendf(sb, "\\%c", c);
		else if (c < 0x20)
			rc = sb_appendf(sb, "\\u%04x", c);
		else
			rc = sb_append(sb, s, 1);
	}
	return rc ? rc : sb_append(sb, "\"", 1);
}
