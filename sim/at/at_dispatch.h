/* The dispatcher: one command line in, its response out. */
#ifndef SLMSIM_AT_DISPATCH_H
#define SLMSIM_AT_DISPATCH_H

#include <stdbool.h>
#include <stddef.h>

#include "at_cmd.h"
#include "at_engine.h"

/* Runs the line; false when the command went pending (the engine is then
 * paused until modem_complete()). */
bool at_dispatch_line(struct modem *m, const char *line, size_t len, enum at_line_status st);

#endif
