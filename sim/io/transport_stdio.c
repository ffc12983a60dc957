#include "transport.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void input_ended(struct transport *t)
{
	ev_io_stop(t->loop, &t->rio);
	if (t->on_hangup)
		t->on_hangup(t->arg);
}

int transport_stdio_open(struct transport *t, struct ev_loop *loop, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	memset(t, 0, sizeof(*t));
	transport_common_init(t, loop, STDIN_FILENO, STDOUT_FILENO);
	t->lost = input_ended;
	ev_io_init(&t->rio, transport_read_cb, STDIN_FILENO, EV_READ);
	t->rio.data = t;
	ev_timer_init(&t->reattach, NULL, 0, 0);
	return 0;
}
