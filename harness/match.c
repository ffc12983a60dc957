/* What counts as the line the log shows: the same text, except where the
 * log or the replay cannot know the value. */
#include "match.h"

#include <string.h>

/* Expected text vs actual: equal, except where the log masks digits
 * ("xx" runs) or a SHA-256 digest of a credential the fixtures replaced. */
bool line_matches(const char *want, const char *got)
{
	while (*want && *got) {
		size_t wx = strspn(want, "xX");
		size_t hex = strspn(want, "0123456789abcdefABCDEF");

		if (wx >= 2) {
			if (strspn(got, "0123456789abcdefABCDEF") < wx)
				return false;
			want += wx;
			got += wx;
			continue;
		}
		if (hex == 64 && strspn(got, "0123456789abcdefABCDEF") == 64) {
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

/* Base64url characters: the encoding of keys, CSRs and COSE signatures. */
static size_t b64url_run(const char *s)
{
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}

/* A line of fresh output (a new key's CSR, a signature, a nonce): the same
 * text around base64url runs of 16 or more characters, which match any
 * such run; the real modem never makes the same twice either. */
bool fresh_matches(const char *want, const char *got)
{
	while (*want && *got) {
		size_t w = b64url_run(want), g = b64url_run(got);

		if (w >= 16 && g >= 16) {
			want += w;
			got += g;
			continue;
		}
		if (*want != *got)
			return false;
		want++;
		got++;
	}
	return *want == *got;
}
