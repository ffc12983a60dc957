#include "proc.h"

#include <check.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

const char *simproc_bin(void)
{
	const char *b = getenv("SLMSIM");

	return b ? b : "build/sim/slmsim";
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000 + (now.tv_nsec - t0->tv_nsec) / 1000000;
}

static void drain_err(struct simproc *p)
{
	char buf[1024];
	ssize_t n;

	while ((n = read(p->err_fd, buf, sizeof(buf))) > 0)
		sb_append(&p->err, buf, (size_t)n);
}

/* argv for slmsim: the binary, then mode (if any), then extra. */
static void make_argv(const char *argv[64], const char *mode, const char *const *extra)
{
	size_t n = 0;

	argv[n++] = simproc_bin();
	if (mode)
		argv[n++] = mode;
	while (extra && *extra && n < 63)
		argv[n++] = *extra++;
	argv[n] = NULL;
}

int simproc_start(struct simproc *p, const char *const *extra)
{
	const char *argv[64];
	int pipefd[2];
	struct timespec t0;

	memset(p, 0, sizeof(*p));
	p->fd = -1;
	make_argv(argv, NULL, extra);
	if (pipe(pipefd))
		return -1;
	p->pid = fork();
	if (p->pid < 0)
		return -1;
	if (p->pid == 0) {
		/* A failed assertion must not leave slmsim holding the test's pipes. */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(pipefd[1], STDERR_FILENO);
		close(pipefd[0]);
		close(pipefd[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(pipefd[1]);
	p->err_fd = pipefd[0];
	fcntl(p->err_fd, F_SETFL, O_NONBLOCK);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (ms_since(&t0) < 20000) {
		struct pollfd pf = { .fd = p->err_fd, .events = POLLIN };
		char *r;

		poll(&pf, 1, 100);
		drain_err(p);
		r = p->err.data ? strstr(p->err.data, "slmsim: ready pty=") : NULL;
		if (r && strchr(r, '\n')) {
			sscanf(r, "slmsim: ready pty=%127s", p->pty);
			return 0;
		}
		/* A fleet announces each modem, then "ready modems=N". */
		r = p->err.data ? strstr(p->err.data, "slmsim: ready modems=") : NULL;
		if (r && strchr(r, '\n')) {
			r = strstr(p->err.data, "slmsim: modem 0 pty=");
			if (r)
				sscanf(r, "slmsim: modem 0 pty=%127s", p->pty);
			return 0;
		}
		if (waitpid(p->pid, NULL, WNOHANG) == p->pid) {
			p->pid = 0;
			return -1;
		}
	}
	return -1;
}

int simproc_run_stdio(const char *input, const char *const *extra, char *out, size_t outlen)
{
	const char *argv[64];
	int in[2], res[2], status;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	make_argv(argv, "--stdio", extra);
	if (pipe(in))
		return -1;
	if (pipe(res)) {
		close(in[0]);
		close(in[1]);
		return -1;
	}
	/* Small inputs fit the pipe buffer: written and closed before exec. */
	r = write(in[1], input, strlen(input));
	close(in[1]);
	if (r != (ssize_t)strlen(input)) {
		close(in[0]);
		close(res[0]);
		close(res[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		close(in[0]);
		close(res[0]);
		close(res[1]);
		return -1;
	}
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(res[1], STDOUT_FILENO);
		close(in[0]);
		close(res[0]);
		close(res[1]);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(in[0]);
	close(res[1]);
	/* Read to the end even past outlen, so slmsim never blocks on a full pipe. */
	for (;;) {
		char spill[512];
		char *dst = got + 1 < outlen ? out + got : spill;
		size_t room = got + 1 < outlen ? outlen - 1 - got : sizeof(spill);

		r = read(res[0], dst, room);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (dst != spill)
			got += (size_t)r;
	}
	out[got] = '\0';
	close(res[0]);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int simproc_open_tty(struct simproc *p)
{
	struct termios t;

	p->fd = open(p->pty, O_RDWR | O_NOCTTY | O_NONBLOCK);
	if (p->fd < 0)
		return -1;
	/* What picocom and pyserial do: raw, 8N1, no echo. */
	if (tcgetattr(p->fd, &t) == 0) {
		cfmakeraw(&t);
		tcsetattr(p->fd, TCSANOW, &t);
	}
	return 0;
}

void simproc_close_tty(struct simproc *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	sb_clear(&p->rx);
}

void simproc_send(struct simproc *p, const char *text)
{
	size_t len = strlen(text), off = 0;

	while (off < len) {
		ssize_t n = write(p->fd, text + off, len - off);

		if (n > 0) {
			off += (size_t)n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR) {
			return;
		} else {
			struct pollfd pf = { .fd = p->fd, .events = POLLOUT };

			poll(&pf, 1, 100);
		}
	}
}

char *simproc_expect(struct simproc *p, const char *needle, int limit_ms)
{
	struct timespec t0;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		char *hit = p->rx.data ? strstr(p->rx.data, needle) : NULL;

		if (hit) {
			size_t n = (size_t)(hit - p->rx.data) + strlen(needle);
			char *out = strndup(p->rx.data, n);

			sb_consume(&p->rx, n);
			return out;
		}
		if (ms_since(&t0) > limit_ms)
			return NULL;
		struct pollfd pf = { .fd = p->fd, .events = POLLIN };
		char buf[4096];
		ssize_t n;

		poll(&pf, 1, 50);
		while ((n = read(p->fd, buf, sizeof(buf))) > 0)
			sb_append(&p->rx, buf, (size_t)n);
		drain_err(p);
	}
}

int simproc_stop(struct simproc *p)
{
	int status = -1;
	struct timespec t0;

	simproc_close_tty(p);
	if (p->pid > 0) {
		kill(p->pid, SIGTERM);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		while (waitpid(p->pid, &status, WNOHANG) == 0) {
			if (ms_since(&t0) > 10000) {
				kill(p->pid, SIGKILL);
				waitpid(p->pid, &status, 0);
				break;
			}
			struct timespec nap = { 0, 10000000 };

			nanosleep(&nap, NULL);
		}
	}
	p->pid = 0;
	drain_err(p);
	close(p->err_fd);
	sb_free(&p->rx);
	sb_free(&p->err);
	return status;
}

int simproc_fleet_pty(const struct simproc *p, int i, char *out, size_t len)
{
	char key[48], fmt[32];
	const char *r;

	snprintf(key, sizeof(key), "slmsim: modem %d pty=", i);
	r = p->err.data ? strstr(p->err.data, key) : NULL;
	if (!r || len < 2)
		return -1;
	snprintf(fmt, sizeof(fmt), "%%%zus", len - 1);
	return sscanf(r + strlen(key), fmt, out) == 1 ? 0 : -1;
}

void simproc_must_see(struct simproc *p, const char *needle)
{
	char *got = simproc_expect(p, needle, 30000);

	ck_assert_msg(got != NULL, "never saw [%s]; have [%s]", needle, p->rx.data ? p->rx.data : "");
	free(got);
}
