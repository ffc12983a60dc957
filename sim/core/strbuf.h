/* Growable byte buffer. */
#ifndef SLMSIM_STRBUF_H
#define SLMSIM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *data;
	size_t len, cap;
};

int sb_append(struct strbuf *sb, const void *data, size_t len);
int sb_appendf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int sb_vappendf(struct strbuf *sb, const char *fmt, va_list ap);
void sb_consume(struct strbuf *sb, size_t n);
static inline void sb_clear(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->data)
		sb->data[0] = '\0';
}
void sb_free(struct strbuf *sb);
/* s as a JSON string, quotes included. */
int sb_append_json(struct strbuf *sb, const char *s);
/* Hands every complete line of sb (ended by LF, trailing CRs removed,
 * empty lines skipped) to fn and consumes it; a partial line stays. */
void sb_take_lines(struct strbuf *sb, void (*fn)(void *arg, const char *line, size_t len),
		   void *arg);

#endif
