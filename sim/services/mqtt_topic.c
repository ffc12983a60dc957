#include "mqtt_topic.h"

#include <string.h>

/* The length of the level that starts at s (up to '/' or the end). */
static size_t level(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);

	return slash ? (size_t)(slash - s) : len;
}

bool mqtt_topic_matches(const char *f, size_t flen, const char *t, size_t tlen)
{
	if (tlen && t[0] == '$' && flen && (f[0] == '+' || f[0] == '#'))
		return false;
	for (;;) {
		size_t fl = level(f, flen), tl = level(t, tlen);

		if (fl == 1 && f[0] == '#')
			return true;	/* the rest, and the parent level itself */
		if (!(fl == 1 && f[0] == '+') && (fl != tl || memcmp(f, t, fl)))
			return false;
		if (fl == flen || tl == tlen) {
			/* "a/#" also matches "a". */
			return fl == flen && tl == tlen ? true :
			       tl == tlen && flen - fl == 2 && f[fl + 1] == '#';
		}
		f += fl + 1;
		flen -= fl + 1;
		t += tl + 1;
		tlen -= tl + 1;
	}
}
