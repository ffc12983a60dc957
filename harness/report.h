/* Verdict output: the terminal transcript, JUnit XML, TAP. */
#ifndef SLMREPLAY_REPORT_H
#define SLMREPLAY_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "runner.h"

void report_terminal(FILE *f, const struct result *r, const char *target, bool quiet);
int report_junit(const char *path, const struct result *rs, size_t n);
void report_tap(FILE *f, const struct result *rs, size_t n);

#endif
