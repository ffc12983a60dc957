/* Verdict output: the terminal transcript, JUnit XML, TAP. */
#ifndef SLMREPLAY_REPORT_H
#define SLMREPLAY_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "log_parser.h"
#include "runner.h"

/* A "read:" line in the transcript when reading the log took more than
 * reading a clean Link Monitor log or terminal capture. */
void report_read(struct result *r, const struct replay_log *log);
void report_terminal(FILE *f, const struct result *r, const char *target, bool quiet);
int report_junit(const char *path, const struct result *rs, size_t n);
void report_tap(FILE *f, const struct result *rs, size_t n);
/* "38 min 27 s", "5.2 s". */
void report_duration(int64_t ms, char *buf, size_t len);

#endif
