/* What reading a log took, in one line for the report: the shapes its lines
 * were read in, the lines skipped as neither the host's nor the modem's
 * (how many, the first), the poster's annotations taken as answers. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "log_priv.h"

static void appendf(char *buf, size_t len, size_t *at, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void appendf(char *buf, size_t len, size_t *at, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (*at >= len)
		return;
	va_start(ap, fmt);
	k = vsnprintf(buf + *at, len - *at, fmt, ap);
	va_end(ap);
	*at += k > 0 ? (size_t)k : 0;
}

void log_read_summary(const struct replay_log *log, char *buf, size_t len)
{
	const struct log_read *r = &log->read;
	size_t at = 0;
	const char *sep = "";

	buf[0] = '\0';
	for (int f = 0; f < LOG_NFORMATS; f++) {
		if (!(r->formats & (1u << f)))
			continue;
		appendf(buf, len, &at, "%s%s", sep, log_format_name((enum log_format)f));
		sep = " + ";
	}
	appendf(buf, len, &at, ", %d lines", r->lines);
	if (r->skipped)
		appendf(buf, len, &at, "; %d skipped, not the link's (first, line %d: \"%.40s\")", r->skipped,
			r->first_skipped_line, r->first_skipped ? r->first_skipped : "");
	if (r->annotations)
		appendf(buf, len, &at, "; %d annotation%s taken as the answer (first, line %d)",
			r->annotations, r->annotations == 1 ? "" : "s", r->first_annotation_line);
}
