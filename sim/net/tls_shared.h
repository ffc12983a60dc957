/* Objects the TLS sessions of a process share read-only: parsed
 * certificates, keys and mbedTLS configurations.  Each is found by a key
 * naming everything it was made from (the credentials' SHA-256, the
 * profile), counts its holders and is freed when the last one lets go, so
 * a credential rewritten with %CMNG is parsed afresh for the next connect
 * while the sessions that use the old content keep it. */
#ifndef SLMSIM_TLS_SHARED_H
#define SLMSIM_TLS_SHARED_H

#include <stddef.h>

struct tls_shared;

/* The object under key with one more holder, or NULL. */
void *tls_shared_get(struct tls_shared **list, const char *key);
/* Adds obj under key with one holder and returns it; NULL when out of
 * memory (destroy(obj) is then done). */
void *tls_shared_add(struct tls_shared **list, const char *key, void *obj,
		     void (*destroy)(void *obj));
/* One holder less; the last one destroys obj.  NULL is ignored. */
void tls_shared_put(struct tls_shared **list, void *obj);
/* Objects alive (for tests and the fleet's accounting). */
size_t tls_shared_count(const struct tls_shared *list);

#endif
