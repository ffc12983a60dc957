#include "broker_pool.h"

#include <stdlib.h>
#include <string.h>

static bool has_host(const struct broker_pool *p, const char *h)
{
	for (size_t i = 0; i < p->n_hosts; i++)
		if (!strcmp(p->hosts[i], h))
			return true;
	return false;
}

static bool fits(const struct broker_pool *p, const struct broker_spec *spec)
{
	const char *want = spec->logins ? spec->logins : "";

	if (!p->up || p->dirty || strcmp(p->logins ? p->logins : "", want))
		return false;
	for (size_t i = 0; i < spec->n_hosts; i++)
		if (!has_host(p, spec->hosts[i]))
			return false;
	return true;
}

static void forget(struct broker_pool *p)
{
	for (size_t i = 0; i < p->n_hosts; i++)
		free(p->hosts[i]);
	p->n_hosts = 0;
}

/* The hosts seen so far and the new ones; only the new ones when all of
 * them would not fit in one certificate. */
static void add_hosts(struct broker_pool *p, const struct broker_spec *spec)
{
	size_t extra = 0;

	for (size_t i = 0; i < spec->n_hosts; i++)
		extra += !has_host(p, spec->hosts[i]);
	if (p->n_hosts + extra > BROKER_MAX_HOSTS)
		forget(p);
	for (size_t i = 0; i < spec->n_hosts && p->n_hosts < BROKER_MAX_HOSTS; i++)
		if (!has_host(p, spec->hosts[i]))
			p->hosts[p->n_hosts++] = strdup(spec->hosts[i]);
}

int broker_pool_get(struct broker_pool *p, const char *certs_dir, const struct broker_spec *spec,
		    char *err, size_t errlen)
{
	struct broker_spec all = { .hosts = (const char *const *)p->hosts, .logins = spec->logins };

	p->reused = fits(p, spec);
	if (p->reused)
		return 0;
	if (p->up)
		broker_proc_stop(&p->b);
	p->up = false;
	add_hosts(p, spec);
	all.n_hosts = p->n_hosts;
	free(p->logins);
	p->logins = spec->logins ? strdup(spec->logins) : NULL;
	if (broker_proc_start(&p->b, certs_dir, &all, err, errlen)) {
		broker_proc_stop(&p->b);
		return -1;
	}
	p->up = true;
	p->dirty = false;
	return 0;
}

void broker_pool_put(struct broker_pool *p, bool dirty)
{
	p->dirty |= dirty;
}

void broker_pool_close(struct broker_pool *p)
{
	if (p->up)
		broker_proc_stop(&p->b);
	forget(p);
	free(p->logins);
	memset(p, 0, sizeof(*p));
}
