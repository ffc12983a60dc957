#include "broker_proc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A port the kernel just handed out: free now, used a moment later. */
static int free_port(void)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	if (fd < 0)
		return -1;
	if (!bind(fd, (struct sockaddr *)&sa, sizeof(sa)) &&
	    !getsockname(fd, (struct sockaddr *)&sa, &len))
		port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static int listening(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK),
				  .sin_port = htons((uint16_t)port) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	int ok = fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

static int try_start(struct broker_proc *b, const char *certs, char *err, size_t errlen)
{
	char conf[128];
	FILE *f;

	b->tls_port = free_port();
	b->plain_port = free_port();
	snprintf(conf, sizeof(conf), "%s/mosquitto.conf", b->dir);
	f = fopen(conf, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s", conf);
		return -1;
	}
	fprintf(f, "user root\npersistence false\nallow_anonymous true\nlog_dest file %s/mosquitto.log\n"
		"per_listener_settings false\n"
		"listener %d 127.0.0.1\n"
		"listener %d 127.0.0.1\ncafile %s/ca.crt\ncertfile %s/server.crt\nkeyfile %s/server.key\n"
		"require_certificate true\ntls_version tlsv1.2\n",
		b->dir, b->plain_port, b->tls_port, certs, certs, certs);
	fclose(f);
	b->pid = fork();
	if (b->pid == 0) {
		int null = open("/dev/null", O_RDWR);

		/* The broker lives no longer than the replay that started it. */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execlp("mosquitto", "mosquitto", "-c", conf, (char *)NULL);
		execl("/usr/sbin/mosquitto", "mosquitto", "-c", conf, (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		struct timespec nap = { 0, 25000000 };

		if (listening(b->tls_port) && listening(b->plain_port))
			return 0;
		if (waitpid(b->pid, NULL, WNOHANG) == b->pid)
			break;
		nanosleep(&nap, NULL);
	}
	broker_proc_stop(b);
	snprintf(err, errlen, "mosquitto did not start (is it installed? see %s/mosquitto.log)", b->dir);
	return -1;
}

int broker_proc_start(struct broker_proc *b, const char *certs_dir, char *err, size_t errlen)
{
	char certs[1024];

	memset(b, 0, sizeof(*b));
	if (!realpath(certs_dir, certs)) {
		snprintf(err, errlen, "no certificate directory %s (build the fixtures, or --certs DIR)",
			 certs_dir);
		return -1;
	}
	snprintf(b->dir, sizeof(b->dir), "/tmp/slmreplay-broker-XXXXXX");
	if (!mkdtemp(b->dir)) {
		snprintf(err, errlen, "mkdtemp: %s", strerror(errno));
		return -1;
	}
	for (int attempt = 0; attempt < 5; attempt++)
		if (!try_start(b, certs, err, errlen))
			return 0;
	return -1;
}

void broker_proc_stop(struct broker_proc *b)
{
	char cmd[128];

	if (b->pid > 0) {
		kill(b->pid, SIGTERM);
		waitpid(b->pid, NULL, 0);
		b->pid = 0;
	}
	if (b->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", b->dir);
		if (system(cmd))
			fprintf(stderr, "slmreplay: could not remove %s\n", b->dir);
		b->dir[0] = '\0';
	}
}
