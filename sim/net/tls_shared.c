#include "tls_shared.h"

#include <stdlib.h>
#include <string.h>

struct tls_shared {
	struct tls_shared *next;
	char *key;
	int refs;
	void *obj;
	void (*destroy)(void *obj);
};

/* A linear list: a fleet shares a handful of entries, and even one per
 * modem costs less to walk than the handshake that follows. */
void *tls_shared_get(struct tls_shared **list, const char *key)
{
	for (struct tls_shared *e = *list; e; e = e->next)
		if (!strcmp(e->key, key)) {
			e->refs++;
			return e->obj;
		}
	return NULL;
}

void *tls_shared_add(struct tls_shared **list, const char *key, void *obj,
		     void (*destroy)(void *obj))
{
	struct tls_shared *e = calloc(1, sizeof(*e));

	if (!e || !(e->key = strdup(key))) {
		free(e);
		destroy(obj);
		return NULL;
	}
	e->refs = 1;
	e->obj = obj;
	e->destroy = destroy;
	e->next = *list;
	*list = e;
	return obj;
}

void tls_shared_put(struct tls_shared **list, void *obj)
{
	for (struct tls_shared **pp = list; obj && *pp; pp = &(*pp)->next) {
		struct tls_shared *e = *pp;

		if (e->obj != obj)
			continue;
		if (--e->refs > 0)
			return;
		*pp = e->next;
		e->destroy(e->obj);
		free(e->key);
		free(e);
		return;
	}
}

size_t tls_shared_count(const struct tls_shared *list)
{
	size_t n = 0;

	for (; list; list = list->next)
		n++;
	return n;
}
