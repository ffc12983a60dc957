/* slmreplay's command line. */
#ifndef SLMREPLAY_OPTIONS_H
#define SLMREPLAY_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct opts {
	const char *tty;
	double factor;		/* 0: virtual */
	bool time_set;
	double max_wait_s;
	const char *profile;
	const char *slm;	/* --slm SPEC: the SLM profile, not the one the log shows */
	const char *mfw;	/* --mfw VERSION: the modem firmware, not the one the log shows */
	const char *certs;
	const char *scenario;
	const char *junit;
	bool tap;
	const char *sim_log;
	const char *world;
	bool quiet;
	int jobs;
	int shard_k, shard_n;
	const char *html;	/* --html FILE */
	/* Each corpus log's page beside the index FILE (paths[i] -> pages[i]);
	 * NULL: one log, FILE is its page. */
	char **html_pages;
	char *const *html_paths;
	size_t html_n;
};

/* Parses argv into o (optind left at the first log); -1 to go on, or the
 * exit status (after --help, --version or a usage error). */
int options_parse(int argc, char **argv, struct opts *o, void (*usage)(FILE *f));
/* With --html and a directory or several logs, names each log's page
 * beside the index FILE. */
void options_html_corpus(struct opts *o, char *const *args, int nargs, char *const *paths,
			 size_t n);
/* The page --html writes for the log at path. */
const char *options_html_page(const struct opts *o, const char *path);

#endif
