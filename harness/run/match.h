/* Judging one line of the target against the line the log shows. */
#ifndef SLMREPLAY_MATCH_H
#define SLMREPLAY_MATCH_H

#include <stdbool.h>

/* Equal, except where the log masks digits ("xx" runs) or shows a SHA-256
 * digest (64 hex characters) of a credential the fixtures replaced. */
bool line_matches(const char *want, const char *got);
/* Fresh output (a new key's CSR, a signature, a nonce): equal around
 * base64url runs of 16 or more characters, which match any such run. */
bool fresh_matches(const char *want, const char *got);

#endif
