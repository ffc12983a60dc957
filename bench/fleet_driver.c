/* Benchmarks 3 and 4: a fleet of N modems in one slmsim, each writing its
 * credentials, registering and doing a full mutual-TLS MQTT connect to the
 * local broker at once (connect storm); then the sessions idle with their
 * keep-alive pings while the process's CPU time and RSS are measured.
 *   fleet_driver SLMSIM CERTS-DIR TLS-PORT N SECONDS KEEPALIVE-S */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int n;
static int *fds;
static char **rx;
static size_t *rxlen;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sendall(int fd, const char *s)
{
	size_t len = strlen(s), off = 0;

	while (off < len) {
		ssize_t w = write(fd, s + off, len - off);

		if (w > 0) {
			off += (size_t)w;
		} else {
			struct pollfd p = { .fd = fd, .events = POLLOUT };

			poll(&p, 1, 20);
		}
	}
}

/* Reads every pty; returns how many outputs hold needle (consumed). */
static int pump(const char *needle, bool *done)
{
	struct pollfd *p = calloc((size_t)n, sizeof(*p));
	char buf[8192];
	int hits = 0;

	for (int i = 0; i < n; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
	}
	poll(p, (nfds_t)n, 20);
	for (int i = 0; i < n; i++) {
		ssize_t r;
		char *h;

		while ((r = read(fds[i], buf, sizeof(buf))) > 0) {
			rx[i] = realloc(rx[i], rxlen[i] + (size_t)r + 1);
			memcpy(rx[i] + rxlen[i], buf, (size_t)r);
			rxlen[i] += (size_t)r;
			rx[i][rxlen[i]] = '\0';
		}
		while (needle && rx[i] && (h = strstr(rx[i], needle))) {
			size_t cut = (size_t)(h - rx[i]) + strlen(needle);

			memmove(rx[i], rx[i] + cut, rxlen[i] - cut + 1);
			rxlen[i] -= cut;
			hits++;
			if (done)
				done[i] = true;
		}
	}
	free(p);
	return hits;
}

static void all(const char *needle)
{
	bool *done = calloc((size_t)n, sizeof(bool));
	int left = n;
	double t0 = now();

	while (left > 0) {
		pump(needle, done);
		left = n;
		for (int i = 0; i < n; i++)
			left -= done[i];
		if (now() - t0 > 300) {
			fprintf(stderr, "fleet_driver: %d modems never sent %s\n", left, needle);
			exit(1);
		}
	}
	free(done);
}

static long rss_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static double cpu_s(pid_t pid)
{
	char path[64], buf[1024];
	unsigned long ut = 0, st = 0;
	FILE *f;
	char *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f || !fgets(buf, sizeof(buf), f))
		return -1;
	fclose(f);
	p = strrchr(buf, ')');
	sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st);
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static char *pem_cmd(const char *dir, int type, const char *file)
{
	char path[512], *buf = malloc(8192), *cmd;
	FILE *f;
	size_t len;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!f)
		exit(1);
	len = fread(buf, 1, 8191, f);
	fclose(f);
	while (len && buf[len - 1] == '\n')
		len--;
	buf[len] = '\0';
	if (asprintf(&cmd, "AT%%CMNG=0,321,%d,\"%s\"\r\n", type, buf) < 0)
		exit(1);
	free(buf);
	return cmd;
}

int main(int argc, char **argv)
{
	char map[128], ka[64], nstr[16], line[512];
	int errp[2];
	pid_t pid;
	FILE *err;
	double t0, secs, c0, c1;
	long rss0, rss_idle, rss_live;
	int pings;
	struct rlimit rl;

	if (argc < 7) {
		fprintf(stderr, "usage: fleet_driver SLMSIM CERTS-DIR TLS-PORT N SECONDS KEEPALIVE-S\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);	/* each figure as it comes, also into a pipe */
	n = atoi(argv[4]);
	secs = atof(argv[5]);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fds = calloc((size_t)n, sizeof(int));
	rx = calloc((size_t)n, sizeof(char *));
	rxlen = calloc((size_t)n, sizeof(size_t));
	snprintf(map, sizeof(map), "test_name.amazonaws.com:8883=127.0.0.1:%s", argv[3]);
	snprintf(ka, sizeof(ka), "mqtt.keepalive_s=%s", argv[6]);
	snprintf(nstr, sizeof(nstr), "%d", n);
	if (pipe(errp))
		return 1;
	pid = fork();
	if (pid == 0) {
		dup2(errp[1], 2);
		execl(argv[1], argv[1], "--modems", nstr, "--resolve", map, "--set", ka, "-q", (char *)NULL);
		_exit(127);
	}
	close(errp[1]);
	err = fdopen(errp[0], "r");
	for (int i = 0; i < n && fgets(line, sizeof(line), err);) {
		char pty[128];
		int idx;
		struct termios t;

		if (sscanf(line, "slmsim: modem %d pty=%127s", &idx, pty) != 2)
			continue;
		fds[idx] = open(pty, O_RDWR | O_NOCTTY | O_NONBLOCK);
		tcgetattr(fds[idx], &t);
		cfmakeraw(&t);
		tcsetattr(fds[idx], TCSANOW, &t);
		i++;
	}
	all("Ready\r\n");
	rss0 = rss_kb(pid);
	{
		char *creds[3] = { pem_cmd(argv[2], 0, "ca.crt"), pem_cmd(argv[2], 1, "client-ec.crt"),
				   pem_cmd(argv[2], 2, "client-ec.key") };

		for (int k = 0; k < 3; k++) {
			for (int i = 0; i < n; i++)
				sendall(fds[i], creds[k]);
			all("\r\nOK\r\n");
		}
	}
	/* One command at a time, as a host does: the SLM drops input that
	 * arrives while a command runs. */
	for (int i = 0; i < n; i++)
		sendall(fds[i], "AT+CEREG=1\r\n");
	all("\r\nOK\r\n");
	for (int i = 0; i < n; i++)
		sendall(fds[i], "AT+CFUN=1\r\n");
	all("+CEREG: 5\r\n");
	rss_idle = rss_kb(pid);
	/* Baseline window: the same modems registered, no sessions. */
	c0 = cpu_s(pid);
	t0 = now();
	while (now() - t0 < secs)
		pump(NULL, NULL);
	c1 = cpu_s(pid);
	printf("  %d idle registered modems: RSS %ld kB = %.1f kB/modem (%ld kB before credentials and "
	       "registration), CPU %.2f%% of one core\n", n, rss_idle, (double)rss_idle / n, rss0,
	       100.0 * (c1 - c0) / secs);
	/* Connect storm. */
	t0 = now();
	c0 = cpu_s(pid);
	for (int i = 0; i < n; i++) {
		char cmd[160];

		snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"bench-%d\",\"\",\"\",\"test_name.amazonaws.com\",8883,321\r\n", i);
		sendall(fds[i], cmd);
	}
	all("#XMQTTEVT: 0,0\r\n");
	c1 = cpu_s(pid);
	printf("  connect storm: %d mutual-TLS MQTT connects in %.2f s = %.1f connects/s "
	       "(%.2f s CPU in slmsim)\n", n, now() - t0, n / (now() - t0), c1 - c0);
	rss_live = rss_kb(pid);
	/* The window opens half a keep-alive after the storm: a session that
	 * connected last would otherwise ping right on both of its edges and
	 * be counted 2 or 4 times by how the reads fall. */
	t0 = now();
	while (now() - t0 < atof(argv[6]) / 2)
		pump("#XMQTTEVT: 9,0\r\n", NULL);
	/* Steady state: live sessions pinging. */
	c0 = cpu_s(pid);
	t0 = now();
	pings = 0;
	while (now() - t0 < secs)
		pings += pump("#XMQTTEVT: 9,0\r\n", NULL);
	c1 = cpu_s(pid);
	printf("  steady state: %d live sessions, keep-alive %s s: %d PINGRESP in %.0f s, CPU %.2f%% of "
	       "one core; RSS %ld kB = %.1f kB/modem (%.1f kB more than idle)\n", n, argv[6], pings,
	       secs, 100.0 * (c1 - c0) / secs, rss_live, (double)rss_live / n,
	       (double)(rss_live - rss_idle) / n);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return 0;
}
