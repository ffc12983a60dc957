#include "transport.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct transport *t = w->data;
	uint8_t buf[4096];
	ssize_t n;

	(void)revents;
	n = read(t->rfd, buf, sizeof(buf));
	if (n > 0) {
		t->on_input(t->arg, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	ev_io_stop(loop, w);
	if (t->on_hangup)
		t->on_hangup(t->arg);
}

int transport_stdio_open(struct transport *t, struct ev_loop *loop, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	memset(t, 0, sizeof(*t));
	transport_common_init(t, loop, STDIN_FILENO, STDOUT_FILENO);
	ev_io_init(&t->rio, read_cb, STDIN_FILENO, EV_READ);
	t->rio.data = t;
	ev_timer_init(&t->reattach, NULL, 0, 0);
	return 0;
}
