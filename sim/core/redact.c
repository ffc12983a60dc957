#include "redact.h"

#include <string.h>

static bool has(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle)) != NULL;
}

void redact_keys(const char *in, size_t len, bool *in_key, struct strbuf *out)
{
	size_t start = 0;

	while (start < len) {
		const char *nl = memchr(in + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - in) + 1 : len;
		const char *line = in + start;
		size_t n = end - start;

		if (*in_key && has(line, n, "-----END")) {
			*in_key = false;
			sb_append(out, line, n);
		} else if (*in_key) {
			size_t body = n;

			while (body && (line[body - 1] == '\n' || line[body - 1] == '\r'))
				body--;
			sb_append(out, "[private key redacted]", 22);
			sb_append(out, line + body, n - body);
		} else {
			sb_append(out, line, n);
			if (has(line, n, "-----BEGIN") && has(line, n, "PRIVATE KEY-----"))
				*in_key = !has(line, n, "-----END");
		}
		start = end;
	}
}
