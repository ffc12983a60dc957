/* One local broker kept across the logs a process judges, where the logs
 * allow it: the next log reuses it when its certificate already names the
 * log's hosts, its password file holds exactly the log's log-ins, and the
 * log before left nothing in it (no retained message; sessions are clean,
 * as the SLM's always are).  Otherwise it is restarted, with a certificate
 * for every host seen so far, so later logs can reuse it again. */
#ifndef SLMREPLAY_BROKER_POOL_H
#define SLMREPLAY_BROKER_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "broker_proc.h"

struct broker_pool {
	struct broker_proc b;
	bool up;
	bool dirty;		/* the last log left state in it */
	char *hosts[BROKER_MAX_HOSTS];
	size_t n_hosts;
	char *logins;
	bool reused;		/* the last get reused the running broker */
};

/* Makes p->b a broker fit for spec; 0, or -1 with err. */
int broker_pool_get(struct broker_pool *p, const char *certs_dir, const struct broker_spec *spec,
		    char *err, size_t errlen);
/* The log is done with it; dirty when it left state in the broker. */
void broker_pool_put(struct broker_pool *p, bool dirty);
void broker_pool_close(struct broker_pool *p);

#endif
