/* slmctl: sends one request to a running slmsim's control channel
 * (slmsim --control PATH) and prints the answer. */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "control_proto.h"

enum { EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_UNREACHABLE = 3 };

static const char usage_head[] =
"Usage: slmctl --control PATH [--modem I] COMMAND [ARG]...\n"
"Drive the world of a running slmsim (started with --control PATH) while a\n"
"host talks to its modem: cut the network, fade the signal, kick the MQTT\n"
"client from its broker, close a socket's peer, reset the modem.  Each\n"
"command acts on slmsim's models, so the host sees what the modem would show.\n"
"\n"
"  -c, --control PATH     the control socket (default: $SLMCTL_CONTROL)\n"
"  -m, --modem I          the modem of a fleet (slmsim --modems N), default 0\n"
"  -t, --timeout SECONDS  wait at most this long for the answer (default 30)\n"
"  -h, --help             show this help and exit\n"
"  -V, --version          show the version and exit\n"
"\n"
"Commands:\n";

static const char usage_tail[] =
"\n"
"An argument with spaces or quotes is passed on quoted.  The answer after\n"
"'ok' is printed on stdout ('status' prints one line of JSON); a refusal is\n"
"printed on stderr.\n"
"\n"
"Exit status: 0 done, 1 refused (unknown command, bad argument, or a state\n"
"the command cannot apply to), 2 usage error, 3 slmsim not reachable.\n";

static int usage_error(const char *msg)
{
	fprintf(stderr, "slmctl: %s\nTry 'slmctl --help' for more information.\n", msg);
	return EXIT_USAGE;
}

/* The request line: "@I COMMAND ARG...", quoted where needed. */
static int build_line(int modem, char **argv, int argc, char *line, size_t cap)
{
	size_t pos = (size_t)snprintf(line, cap, "@%d", modem);

	for (int i = 0; i < argc; i++) {
		if (pos + 2 >= cap)
			return -1;
		line[pos++] = ' ';
		if (!ctl_quote(argv[i], line, cap - 1, &pos))
			return -1;
	}
	line[pos++] = '\n';
	line[pos] = '\0';
	return 0;
}

/* Sends line, reads one answer line into ans; 0, or the exit status. */
static int exchange(const char *path, const char *line, char *ans, size_t cap, int timeout_ms)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t got = 0, len = strlen(line);
	int fd;

	if (strlen(path) >= sizeof(sa.sun_path))
		return usage_error("the --control path is too long");
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "slmctl: cannot reach slmsim at %s: %s (is slmsim running with "
			"--control %s?)\n", path, strerror(errno), path);
		if (fd >= 0)
			close(fd);
		return EXIT_UNREACHABLE;
	}
	if (send(fd, line, len, MSG_NOSIGNAL) != (ssize_t)len) {
		fprintf(stderr, "slmctl: sending to %s failed: %s\n", path, strerror(errno));
		close(fd);
		return EXIT_UNREACHABLE;
	}
	while (got < cap - 1 && !memchr(ans, '\n', got)) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, timeout_ms) != 1) {
			fprintf(stderr, "slmctl: no answer from %s within %d ms\n", path, timeout_ms);
			close(fd);
			return EXIT_UNREACHABLE;
		}
		if ((n = recv(fd, ans + got, cap - 1 - got, 0)) <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	ans[got] = '\0';
	if (!memchr(ans, '\n', got)) {
		fprintf(stderr, "slmctl: %s closed the connection without an answer\n", path);
		return EXIT_UNREACHABLE;
	}
	*strchr(ans, '\n') = '\0';
	return 0;
}

static int print_answer(const char *ans)
{
	if (!strcmp(ans, "ok") || !strncmp(ans, "ok ", 3)) {
		if (ans[2])
			puts(ans + 3);
		return 0;
	}
	fprintf(stderr, "slmctl: %s\n", strncmp(ans, "error ", 6) ? ans : ans + 6);
	return EXIT_REFUSED;
}

static const struct option long_opts[] = {
	{ "control", required_argument, NULL, 'c' },
	{ "modem", required_argument, NULL, 'm' },
	{ "timeout", required_argument, NULL, 't' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

int main(int argc, char **argv)
{
	const char *path = getenv("SLMCTL_CONTROL");
	char line[CTL_MAX_LINE + 64], ans[CTL_MAX_LINE + 256], *end;
	long modem = 0;
	double timeout = 30;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "+c:m:t:hV", long_opts, NULL)) != -1) {
		switch (opt) {
		case 'c': path = optarg; break;
		case 'm':
			modem = strtol(optarg, &end, 10);
			if (!*optarg || *end || modem < 0 || modem > CTL_MAX_MODEM)
				return usage_error("--modem takes a modem number 0..4095");
			break;
		case 't':
			timeout = strtod(optarg, &end);
			if (!*optarg || *end || !(timeout > 0 && timeout <= 86400))
				return usage_error("--timeout takes seconds, above 0");
			break;
		case 'h':
			fputs(usage_head, stdout);
			ctl_describe(stdout);
			fputs(usage_tail, stdout);
			return 0;
		case 'V': printf("slmctl %s\n", SLMSIM_VERSION); return 0;
		default: return usage_error("unknown option");
		}
	}
	if (optind == argc)
		return usage_error("no command (slmctl --help lists them)");
	if (!strcmp(argv[optind], "help") && optind + 1 == argc) {
		ctl_describe(stdout);	/* the table slmsim runs: no socket needed */
		return 0;
	}
	if (!path || !*path)
		return usage_error("no control socket: give --control PATH (slmsim --control PATH)");
	if (build_line((int)modem, argv + optind, argc - optind, line, sizeof(line)))
		return usage_error("the request is longer than 4096 bytes");
	rc = exchange(path, line, ans, sizeof(ans), (int)(timeout * 1000));
	return rc ? rc : print_answer(ans);
}
