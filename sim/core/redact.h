/* Keeps private keys out of the diagnostic log: the body lines of a PEM
 * private key the host sends are replaced, across chunks. */
#ifndef SLMSIM_REDACT_H
#define SLMSIM_REDACT_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Appends in[0..len) to out with key body lines replaced; in_key carries
 * the state from one chunk to the next. */
void redact_keys(const char *in, size_t len, bool *in_key, struct strbuf *out);

#endif
