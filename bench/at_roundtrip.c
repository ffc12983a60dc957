/* Benchmark 1: AT -> OK round trips per second through slmsim's pty,
 * against the physical limit of a pty round trip on this machine: a raw
 * echo loop that answers "\r\nOK\r\n" to every "AT\r\n" with no parsing.
 *   at_roundtrip SLMSIM [COUNT] */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int open_raw(const char *path)
{
	struct termios t;
	int fd = open(path, O_RDWR | O_NOCTTY);

	tcgetattr(fd, &t);
	cfmakeraw(&t);
	tcsetattr(fd, TCSANOW, &t);
	return fd;
}

/* Sends "AT\r\n" and reads up to "OK\r\n", count times. */
static double loop(int fd, int count)
{
	char buf[256];
	double t0 = now();

	for (int i = 0; i < count; i++) {
		size_t have = 0;

		if (write(fd, "AT\r\n", 4) != 4)
			return -1;
		for (;;) {
			ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);

			if (n <= 0)
				return -1;
			have += (size_t)n;
			buf[have] = '\0';
			if (strstr(buf, "OK\r\n"))
				break;
		}
	}
	return (double)count / (now() - t0);
}

static double echo_baseline(int count)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	struct termios t;
	pid_t pid;
	double rate;
	int fd;

	grantpt(m);
	unlockpt(m);
	tcgetattr(m, &t);
	cfmakeraw(&t);
	tcsetattr(m, TCSANOW, &t);
	fd = open_raw(ptsname(m));
	pid = fork();
	if (pid == 0) {
		char buf[256];

		for (;;) {
			ssize_t n = read(m, buf, sizeof(buf));

			if (n <= 0)
				_exit(0);
			for (ssize_t i = 0; i < n; i++)
				if (buf[i] == '\n' && write(m, "\r\nOK\r\n", 6) != 6)
					_exit(1);
		}
	}
	rate = loop(fd, count);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fd);
	close(m);
	return rate;
}

int main(int argc, char **argv)
{
	int count = argc > 2 ? atoi(argv[2]) : 20000;
	int errp[2];
	char line[256] = "", pty[128];
	pid_t pid;
	FILE *err;
	double sim, base;
	int fd;

	if (argc < 2) {
		fprintf(stderr, "usage: at_roundtrip SLMSIM [COUNT]\n");
		return 2;
	}
	if (pipe(errp))
		return 1;
	pid = fork();
	if (pid == 0) {
		dup2(errp[1], 2);
		execl(argv[1], argv[1], "-q", (char *)NULL);
		_exit(127);
	}
	close(errp[1]);
	err = fdopen(errp[0], "r");
	while (fgets(line, sizeof(line), err) && sscanf(line, "slmsim: ready pty=%127s", pty) != 1)
		;
	fd = open_raw(pty);
	{
		char b[16];

		if (read(fd, b, 7) != 7)	/* Ready\r\n */
			return 1;
	}
	loop(fd, 1000);			/* warm-up */
	sim = loop(fd, count);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	base = echo_baseline(count);
	printf("at_roundtrip: %d round trips\n", count);
	printf("  slmsim AT->OK through its pty : %9.0f commands/s\n", sim);
	printf("  raw pty echo loop (baseline)  : %9.0f round trips/s\n", base);
	printf("  ratio slmsim / baseline       : %9.2f\n", sim / base);
	return 0;
}
