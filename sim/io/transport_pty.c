#include "transport.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

/* Linux reports POLLHUP on the master once the last slave fd is closed and
 * clears it when a program opens the slave again. */
static bool slave_closed(int master)
{
	struct pollfd p = { .fd = master, .events = POLLIN };

	return poll(&p, 1, 0) == 1 && (p.revents & POLLHUP);
}

static void reattach_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct transport *t = w->data;

	(void)revents;
	if (slave_closed(t->rfd))
		return;
	ev_timer_stop(loop, w);
	t->host_present = true;
	ev_io_start(loop, &t->rio);
	if (t->on_attach)
		t->on_attach(t->arg);
}

static void hangup(struct transport *t)
{
	ev_io_stop(t->loop, &t->rio);
	t->host_present = false;
	sb_clear(&t->out);
	ev_io_stop(t->loop, &t->wio);
	/* Polling is the only portable way to see a pty reopened. */
	ev_timer_again(t->loop, &t->reattach);
	if (t->on_hangup)
		t->on_hangup(t->arg);
}

int transport_pty_open(struct transport *t, struct ev_loop *loop, const char *link,
		       char *err, size_t errlen)
{
	struct termios tio;
	int fd = posix_openpt(O_RDWR | O_NOCTTY);
	const char *name;

	memset(t, 0, sizeof(*t));
	t->rfd = t->wfd = -1;
	if (fd < 0 || grantpt(fd) || unlockpt(fd) || !(name = ptsname(fd))) {
		snprintf(err, errlen, "cannot create a pseudo-terminal: %s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(t->path, sizeof(t->path), "%s", name);
	/* Raw mode is set through the master so it holds for every program
	 * that opens the slave (no echo, no line editing, 8 bits). */
	if (tcgetattr(fd, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(fd, TCSANOW, &tio);
	}
	transport_common_init(t, loop, fd, fd);
	t->lost = hangup;
	ev_io_init(&t->rio, transport_read_cb, fd, EV_READ);
	t->rio.data = t;
	ev_timer_init(&t->reattach, reattach_cb, 0.1, 0.1);
	t->reattach.data = t;
	if (link) {
		unlink(link);
		if (symlink(t->path, link)) {
			snprintf(err, errlen, "cannot create link %s -> %s: %s", link, t->path,
				 strerror(errno));
			transport_close(t);
			return -1;
		}
		snprintf(t->link, sizeof(t->link), "%s", link);
	}
	return 0;
}

void transport_start_read(struct transport *t)
{
	ev_io_start(t->loop, &t->rio);
}
