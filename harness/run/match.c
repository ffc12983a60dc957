/* What counts as the line the log shows: the same text, except where the
 * log or the replay cannot know the value. */
#include "match.h"

#include <string.h>

#define HEX "0123456789abcdefABCDEF"
/* Base64url characters: the encoding of keys, CSRs and COSE signatures. */
#define B64URL "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* Equal but for masked digits ("xx" runs), SHA-256 digests (64 hex
 * characters: fixtures replaced the user's credentials) and, for fresh
 * output, base64url runs of 16 or more characters, which match any such
 * run: the real modem never makes the same key, signature or nonce twice. */
static bool same(const char *want, const char *got, bool fresh)
{
	while (*want && *got) {
		size_t wx = strspn(want, "xX"), hex = strspn(want, HEX);
		size_t wb = strspn(want, B64URL), gb = strspn(got, B64URL);

		if (fresh && wb >= 16 && gb >= 16) {
			want += wb;
			got += gb;
			continue;
		}
		if (wx >= 2) {
			if (strspn(got, HEX) < wx)
				return false;
			want += wx;
			got += wx;
			continue;
		}
		if (hex == 64 && strspn(got, HEX) == 64) {
			want += 64;
			got += 64;
			continue;
		}
		if (*want != *got)
			return false;
		want++;
		got++;
	}
	return *want == *got;
}

bool line_matches(const char *want, const char *got)
{
	return same(want, got, false);
}

bool fresh_matches(const char *want, const char *got)
{
	return same(want, got, true);
}
