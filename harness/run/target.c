#include "target.h"

#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

struct take_ctx {
	struct target *t;
	int64_t now;
};

static void take_line(void *arg, const char *line, size_t len)
{
	struct take_ctx *c = arg;
	struct target *t = c->t;

	t->lines = realloc(t->lines, (t->nlines + 1) * sizeof(*t->lines));
	t->lines[t->nlines].text = strndup(line, len);
	t->lines[t->nlines++].t = c->now;
}

void target_take_bytes(struct target *t, const char *buf, size_t len, int64_t now)
{
	struct take_ctx c = { t, now };

	sb_append(&t->partial, buf, len);
	sb_take_lines(&t->partial, take_line, &c);
}

struct out_line *target_next_line(struct target *t)
{
	return t->head < t->nlines ? &t->lines[t->head++] : NULL;
}

void target_free_lines(struct target *t)
{
	for (size_t i = 0; i < t->nlines; i++)
		free(t->lines[i].text);
	for (size_t i = 0; i < t->nwhys; i++)
		free(t->whys[i].text);
	free(t->lines);
	free(t->whys);
	sb_free(&t->partial);
}

/* Any serial device: another slmsim's pty, a real board. */
struct tty_impl {
	int fd;
	double factor;
	int64_t mono0;
};

static int64_t tty_now(struct target *t)
{
	struct tty_impl *im = t->impl;

	return (int64_t)((double)(clock_mono_ms() - im->mono0) * im->factor);
}

static int tty_send(struct target *t, const char *buf, size_t len)
{
	struct tty_impl *im = t->impl;
	size_t off = 0;

	while (off < len) {
		ssize_t n = write(im->fd, buf + off, len - off);

		if (n > 0) {
			off += (size_t)n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			return -errno;
		} else {
			struct pollfd p = { .fd = im->fd, .events = POLLOUT };

			poll(&p, 1, 100);
		}
	}
	return 0;
}

static void tty_advance(struct target *t, int64_t until)
{
	struct tty_impl *im = t->impl;
	size_t before = t->nlines;

	while (t->nlines == before) {
		int64_t now = tty_now(t);
		struct pollfd p = { .fd = im->fd, .events = POLLIN };
		char buf[4096];
		ssize_t n;
		double wait;

		if (now >= until)
			break;
		wait = (double)(until - now) / im->factor;
		poll(&p, 1, wait > 200 ? 200 : (int)wait + 1);
		while ((n = read(im->fd, buf, sizeof(buf))) > 0)
			target_take_bytes(t, buf, (size_t)n, tty_now(t));
	}
}

static void tty_close(struct target *t)
{
	struct tty_impl *im = t->impl;

	close(im->fd);
	free(im);
	target_free_lines(t);
	free(t);
}

struct target *target_tty_new(const char *path, double factor, char *err, size_t errlen)
{
	struct target *t = calloc(1, sizeof(*t));
	struct tty_impl *im = calloc(1, sizeof(*im));
	struct termios tio;

	im->fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (im->fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		free(im);
		free(t);
		return NULL;
	}
	if (tcgetattr(im->fd, &tio) == 0) {
		cfmakeraw(&tio);
		cfsetspeed(&tio, B115200);
		tcsetattr(im->fd, TCSANOW, &tio);
	}
	tcflush(im->fd, TCIOFLUSH);
	im->factor = factor;
	im->mono0 = clock_mono_ms();
	t->impl = im;
	snprintf(t->desc, sizeof(t->desc), "%s (%s)", path,
		 factor == 1.0 ? "real time" : "scaled time");
	t->now = tty_now;
	t->send = tty_send;
	t->advance = tty_advance;
	t->close = tty_close;
	return t;
}
