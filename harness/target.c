#include "target.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

void target_take_bytes(struct target *t, const char *buf, size_t len, int64_t now)
{
	size_t start = 0;

	sb_append(&t->partial, buf, len);
	for (size_t i = 0; i < t->partial.len; i++) {
		if (t->partial.data[i] != '\n')
			continue;
		size_t end = i;

		while (end > start && t->partial.data[end - 1] == '\r')
			end--;
		if (end > start) {
			t->lines = realloc(t->lines, (t->nlines + 1) * sizeof(*t->lines));
			t->lines[t->nlines].text = strndup(t->partial.data + start, end - start);
			t->lines[t->nlines++].t = now;
		}
		start = i + 1;
	}
	sb_consume(&t->partial, start);
}

bool target_has_line(const struct target *t)
{
	return t->head < t->nlines;
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

/* --- any serial device ------------------------------------------------- */

struct tty_impl {
	int fd;
	double factor;
	int64_t mono0;
};

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t tty_now(struct target *t)
{
	struct tty_impl *im = t->impl;

	return (int64_t)((double)(mono_ms() - im->mono0) * im->factor);
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
	im->mono0 = mono_ms();
	t->impl = im;
	snprintf(t->desc, sizeof(t->desc), "%s (%s)", path,
		 factor == 1.0 ? "real time" : "scaled time");
	t->now = tty_now;
	t->send = tty_send;
	t->advance = tty_advance;
	t->close = tty_close;
	return t;
}
