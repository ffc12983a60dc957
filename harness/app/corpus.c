/* A corpus of logs for CI: directories expanded to their *.log files
 * (sorted, so a shard is the same on every runner), a deterministic K-th of
 * N shards, and N worker processes whose results come back over pipes in
 * the corpus's order. */
#include "corpus.h"

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void push(struct corpus *c, const char *path)
{
	c->paths = realloc(c->paths, (c->n + 1) * sizeof(char *));
	c->paths[c->n++] = strdup(path);
}

static bool is_log(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcmp(name + n - 4, ".log");
}

static int scan_dir(struct corpus *c, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[4096];
	struct stat st;

	if (!d) {
		snprintf(err, errlen, "cannot read %s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode))
			scan_dir(c, path, err, errlen);
		else if (is_log(e->d_name))
			push(c, path);
	}
	closedir(d);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int corpus_parse_shard(const char *s, int *k, int *n)
{
	char tail;

	return sscanf(s, "%d/%d%c", k, n, &tail) == 2 && *n >= 1 && *k >= 1 && *k <= *n ? 0 : -1;
}

int corpus_expand(struct corpus *c, char *const *args, int nargs, int shard_k, int shard_n,
		  char *err, size_t errlen)
{
	struct stat st;
	size_t kept = 0;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < nargs; i++) {
		if (!stat(args[i], &st) && S_ISDIR(st.st_mode)) {
			size_t from = c->n;

			if (scan_dir(c, args[i], err, errlen))
				return -1;
			qsort(c->paths + from, c->n - from, sizeof(char *), by_name);
		} else {
			push(c, args[i]);
		}
	}
	for (size_t i = 0; i < c->n; i++) {
		if (shard_n > 1 && (int)(i % (size_t)shard_n) != shard_k - 1)
			free(c->paths[i]);
		else
			c->paths[kept++] = c->paths[i];
	}
	c->n = kept;
	return 0;
}

void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->paths[i]);
	free(c->paths);
	memset(c, 0, sizeof(*c));
}

/* A result over a pipe: fixed fields, then each string as length + bytes. */
struct wire {
	int verdict, not_emulated, unanswered, modem_only;
	double wall_s;
	int64_t log_span_ms;
	size_t index;
};

static void put_str(FILE *f, const char *s)
{
	uint32_t n = s ? (uint32_t)strlen(s) : 0;

	fwrite(&n, sizeof(n), 1, f);
	fwrite(s ? s : "", 1, n, f);
}

static char *get_str(FILE *f)
{
	uint32_t n;
	char *s;

	if (fread(&n, sizeof(n), 1, f) != 1 || n > (64u << 20))
		return NULL;
	s = malloc(n + 1);
	if (fread(s, 1, n, f) != n) {
		free(s);
		return NULL;
	}
	s[n] = '\0';
	return s;
}

static void write_result(FILE *f, const struct result *r, size_t index)
{
	struct wire w = { r->verdict, r->not_emulated, r->unanswered, r->modem_only, r->wall_s,
			  r->log_span_ms, index };

	fwrite(&w, sizeof(w), 1, f);
	put_str(f, r->name);
	put_str(f, r->path);
	put_str(f, r->summary);
	put_str(f, r->target);
	put_str(f, r->transcript.data);
	put_str(f, r->why.data);
	fflush(f);
}

/* One result from a worker; false at its end. */
static bool read_result(FILE *f, struct result *rs)
{
	struct wire w;
	struct result *r;
	char *s[6];

	if (fread(&w, sizeof(w), 1, f) != 1)
		return false;
	for (int i = 0; i < 6; i++)
		s[i] = get_str(f);
	r = &rs[w.index];
	memset(r, 0, sizeof(*r));
	r->verdict = (enum verdict)w.verdict;
	r->not_emulated = w.not_emulated;
	r->unanswered = w.unanswered;
	r->modem_only = w.modem_only;
	r->wall_s = w.wall_s;
	r->log_span_ms = w.log_span_ms;
	r->name = s[0];
	r->path = s[1];
	snprintf(r->summary, sizeof(r->summary), "%s", s[2] ? s[2] : "");
	snprintf(r->target, sizeof(r->target), "%s", s[3] ? s[3] : "");
	if (s[4])
		sb_append(&r->transcript, s[4], strlen(s[4]));
	if (s[5] && *s[5])
		sb_append(&r->why, s[5], strlen(s[5]));
	free(s[2]);
	free(s[3]);
	free(s[4]);
	free(s[5]);
	r->done = true;
	return true;
}

static pid_t start_worker(const struct corpus *c, int w, int jobs, corpus_one_fn one, void *arg,
			  FILE **out)
{
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		FILE *f = fdopen(fd[1], "w");

		close(fd[0]);
		for (size_t i = (size_t)w; i < c->n; i += (size_t)jobs) {
			struct result r;

			one(c->paths[i], &r, arg);
			write_result(f, &r, i);
			result_free(&r);
		}
		one(NULL, NULL, arg);
		fclose(f);
		_exit(0);
	}
	close(fd[1]);
	*out = fdopen(fd[0], "r");
	return pid;
}

void corpus_run(const struct corpus *c, int jobs, corpus_one_fn one, corpus_done_fn done,
		void *arg, struct result *rs)
{
	size_t next = 0;

	if (jobs <= 1 || c->n <= 1) {
		for (size_t i = 0; i < c->n; i++) {
			one(c->paths[i], &rs[i], arg);
			rs[i].done = true;
			done(&rs[i], arg);
		}
		one(NULL, NULL, arg);
		return;
	}
	FILE *out[64];
	pid_t pid[64];

	jobs = jobs > 64 ? 64 : jobs;
	for (int w = 0; w < jobs; w++)
		pid[w] = start_worker(c, w, jobs, one, arg, &out[w]);
	/* Worker w judges logs w, w + jobs, ... in that order, so the lowest
	 * log not yet done is always the next one its worker sends. */
	while (next < c->n) {
		int w = (int)(next % (size_t)jobs);

		if (!out[w] || !read_result(out[w], rs)) {
			if (out[w])
				fclose(out[w]);
			out[w] = NULL;
			memset(&rs[next], 0, sizeof(rs[next]));
			rs[next].path = strdup(c->paths[next]);
			rs[next].name = strdup(c->paths[next]);
			rs[next].verdict = VERDICT_ERROR;
			snprintf(rs[next].summary, sizeof(rs[next].summary), "the worker judging it ended");
			rs[next].done = true;
		}
		while (next < c->n && rs[next].done)
			done(&rs[next++], arg);
	}
	for (int w = 0; w < jobs; w++) {
		if (out[w])
			fclose(out[w]);
		waitpid(pid[w], NULL, 0);
	}
}
