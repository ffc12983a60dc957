/* Many logs at once for CI: slmreplay [-j N] [--shard K/N] LOG|DIR... */
#ifndef SLMREPLAY_CORPUS_H
#define SLMREPLAY_CORPUS_H

#include <stddef.h>

#include "runner.h"

struct corpus {
	char **paths;
	size_t n;
};

/* "K/N" with 1 <= K <= N; -1 when malformed. */
int corpus_parse_shard(const char *s, int *k, int *n);
/* Arguments in order, each directory as its *.log files (recursively,
 * sorted by path); with shard_n > 1 only every shard_n-th from shard_k. */
int corpus_expand(struct corpus *c, char *const *args, int nargs, int shard_k, int shard_n,
		  char *err, size_t errlen);
void corpus_free(struct corpus *c);

/* Called with path NULL once a process has judged its last log, to stop
 * what it kept from one log to the next. */
typedef void (*corpus_one_fn)(const char *path, struct result *r, void *arg);
typedef void (*corpus_done_fn)(struct result *r, void *arg);
/* Judges every log with one() in jobs worker processes (1: in this one);
 * done() sees each result in corpus order as soon as it and those before
 * it are in. */
void corpus_run(const struct corpus *c, int jobs, corpus_one_fn one, corpus_done_fn done,
		void *arg, struct result *rs);

#endif
