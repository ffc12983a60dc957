#include "transport.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void flush_out(struct transport *t)
{
	while (t->out.len) {
		ssize_t n = write(t->wfd, t->out.data, t->out.len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN)
				break;
			/* The reader is gone (EIO on a closed pty, EPIPE): what a
			 * UART sends to nobody is lost. */
			sb_clear(&t->out);
			break;
		}
		sb_consume(&t->out, (size_t)n);
	}
	if (t->out.len)
		ev_io_start(t->loop, &t->wio);
	else
		ev_io_stop(t->loop, &t->wio);
}

static void write_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	(void)loop;
	(void)revents;
	flush_out(w->data);
}

/* Reads what the host sent; at end of input or an error the kind decides
 * (a pty waits for a reopen, stdin is done). */
void transport_read_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct transport *t = w->data;
	uint8_t buf[4096];
	ssize_t n;

	(void)loop;
	(void)revents;
	n = read(t->rfd, buf, sizeof(buf));
	if (n > 0) {
		t->on_input(t->arg, buf, (size_t)n);
		return;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	t->lost(t);
}

void transport_write(struct transport *t, const void *buf, size_t len)
{
	if (!t->host_present)
		return;
	if (t->out.len + len > TRANSPORT_OUT_MAX) {
		/* The host stopped reading: keep the newest output, like a UART
		 * whose receiver overran. */
		sb_clear(&t->out);
	}
	sb_append(&t->out, buf, len);
	flush_out(t);
}

void transport_drain(struct transport *t)
{
	if (!t->out.len)
		return;
	fcntl(t->wfd, F_SETFL, fcntl(t->wfd, F_GETFL) & ~O_NONBLOCK);
	while (t->out.len) {
		ssize_t n = write(t->wfd, t->out.data, t->out.len);

		if (n <= 0)
			break;
		sb_consume(&t->out, (size_t)n);
	}
}

void transport_common_init(struct transport *t, struct ev_loop *loop, int rfd, int wfd)
{
	t->loop = loop;
	t->rfd = rfd;
	t->wfd = wfd;
	t->host_present = true;
	fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK);
	fcntl(wfd, F_SETFL, fcntl(wfd, F_GETFL) | O_NONBLOCK);
	ev_io_init(&t->wio, write_cb, wfd, EV_WRITE);
	t->wio.data = t;
}

void transport_close(struct transport *t)
{
	ev_io_stop(t->loop, &t->rio);
	ev_io_stop(t->loop, &t->wio);
	ev_timer_stop(t->loop, &t->reattach);
	if (t->link[0])
		unlink(t->link);
	t->link[0] = '\0';
	if (t->rfd >= 0 && t->rfd > 2)
		close(t->rfd);
	if (t->wfd >= 0 && t->wfd != t->rfd && t->wfd > 2)
		close(t->wfd);
	t->rfd = t->wfd = -1;
	sb_free(&t->out);
}
