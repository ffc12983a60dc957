/* A picture of a replay: one self-contained HTML page per log (inline CSS,
 * no script, nothing fetched), the log and the target side by side on one
 * time line, and an index page for a corpus. */
#ifndef SLMREPLAY_REPORT_HTML_H
#define SLMREPLAY_REPORT_HTML_H

#include <stdio.h>

#include "log_parser.h"
#include "runner.h"
#include "scenario.h"
#include "script.h"

struct html_replay {
	const struct result *r;
	const struct replay_log *log;	/* NULL: not read */
	const struct script *sc;	/* NULL: not built */
	const struct scenario *scen;	/* the world it ran in; NULL: none */
};

/* The page of one replay; 0, or -1 when f fails. */
int report_html_page(FILE *f, const struct html_replay *h);
/* One row per log, linking to the file name of pages[i] (beside the index). */
int report_html_index(FILE *f, const struct result *rs, char *const *pages, size_t n);
/* The same into files; -1 with err filled when one cannot be written. */
int report_html_write_page(const char *path, const struct html_replay *h, char *err,
			   size_t errlen);
int report_html_write_index(const char *path, const struct result *rs, char *const *pages,
			    size_t n, char *err, size_t errlen);
/* The page of each log beside the index FILE: FILE without its .html, a
 * '-', the log's name without its extension, ".html"; a name taken already
 * gets -2, -3, ...  NULL-terminated, each string and the array malloc'd. */
char **report_html_names(const char *index, char *const *paths, size_t n);
void report_html_names_free(char **names);

/* report_html_world.c: the emulator's explanations and the world the
 * replay's notes show, with every setting as an INI. */
void report_html_world(FILE *f, const struct result *r, const struct scenario *scen);

/* report_html_base.c: text into HTML (& < > " ' as references, control
 * bytes as \xNN), private key bodies never shown. */
void html_escape(FILE *f, const char *s, size_t len);
void html_text(FILE *f, const char *s);
/* A line, or a multi-line command (a PEM body) with the lines after the
 * first folded; private key bodies replaced as in slmsim's --log. */
void html_block(FILE *f, const char *s);
/* The document's head with its style sheet, and the <body> tag. */
void html_head(FILE *f, const char *title);
/* "HH:MM:SS.mmm" of a log time. */
void html_clock(int64_t ms, char *buf, size_t len);

#endif
