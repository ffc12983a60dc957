/* slmsim --control PATH: a Unix stream socket on the event loop where a
 * test or slmctl sends one request line at a time and reads one answer
 * line (docs/control.md).  No threads: requests run between the modems'
 * own events. */
#ifndef SLMSIM_CONTROL_H
#define SLMSIM_CONTROL_H

#include <stddef.h>

struct sim_ctx;
struct modem;
struct control;

/* Listens on path (a stale socket left there is replaced, any other file
 * refused); NULL with the reason in err. */
struct control *control_open(struct sim_ctx *ctx, struct modem *const *modems, int n,
			     const char *path, char *err, size_t errlen);
/* Closes every connection and removes the socket file. */
void control_close(struct control *c);

#endif
