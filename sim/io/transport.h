/* The serial line of one modem: a pseudo-terminal or stdin/stdout.
 * Bytes read are handed to on_input; transport_write() queues output and
 * never blocks the event loop. */
#ifndef SLMSIM_TRANSPORT_H
#define SLMSIM_TRANSPORT_H

#include <ev.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

#define TRANSPORT_OUT_MAX (1u << 20)

struct transport {
	struct ev_loop *loop;
	int rfd, wfd;
	ev_io rio, wio;
	ev_timer reattach;	/* pty: waits for a terminal program to reopen */
	struct strbuf out;
	bool host_present;
	char path[128];		/* pty slave path */
	char link[512];		/* --link symlink, removed on close */

	void (*lost)(struct transport *t);	/* kind-specific end of input */

	void (*on_input)(void *arg, const uint8_t *buf, size_t len);
	void (*on_hangup)(void *arg);	/* terminal closed / stdin EOF */
	void (*on_attach)(void *arg);	/* terminal reopened the pty */
	void *arg;
};

/* Opens a raw-mode pty; link (may be NULL) becomes a symlink to its slave. */
int transport_pty_open(struct transport *t, struct ev_loop *loop, const char *link,
		       char *err, size_t errlen);
int transport_stdio_open(struct transport *t, struct ev_loop *loop, char *err, size_t errlen);
void transport_write(struct transport *t, const void *buf, size_t len);
void transport_close(struct transport *t);
/* Writes what is still queued, blocking: the last words before exit. */
void transport_drain(struct transport *t);

/* Shared by the two kinds. */
void transport_common_init(struct transport *t, struct ev_loop *loop, int rfd, int wfd);
void transport_start_read(struct transport *t);
void transport_read_cb(struct ev_loop *loop, ev_io *w, int revents);

#endif
