#include "broker.h"

#include "ck_run.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *certs_dir(void)
{
	const char *d = getenv("SLMSIM_CERTS");

	return d ? d : "build/fixtures/certs";
}

void read_pem(const char *file, char *buf, size_t len)
{
	char path[1024];
	FILE *f;
	size_t n;

	if (file[0] == '/')
		snprintf(path, sizeof(path), "%s", file);
	else
		snprintf(path, sizeof(path), "%s/%s", certs_dir(), file);
	f = fopen(path, "r");
	ck_assert_msg(f != NULL, "cannot read %s", path);
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	while (n && buf[n - 1] == '\n')
		n--;
	buf[n] = '\0';
}

static int run_script(const char *verb, const struct broker *b)
{
	char cmd[1024];
	const char *src = getenv("SLMSIM_SRC");

	snprintf(cmd, sizeof(cmd), "%s/ci/broker %s %s %s", src ? src : ".", verb, b->dir,
		 !strcmp(verb, "start") ? certs_dir() : "");
	return system(cmd);
}

int broker_start(struct broker *b)
{
	char path[200], line[128];
	FILE *f;

	memset(b, 0, sizeof(*b));
	snprintf(b->dir, sizeof(b->dir), "/tmp/slmsim-broker-XXXXXX");
	if (!mkdtemp(b->dir) || run_script("start", b))
		return -1;
	snprintf(path, sizeof(path), "%s/ports", b->dir);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		int port;
		char name[64];

		if (sscanf(line, "%63[^=]=%d", name, &port) != 2)
			continue;
		if (!strcmp(name, "plain")) b->plain = port;
		else if (!strcmp(name, "tls")) b->tls = port;
		else if (!strcmp(name, "tls_noclient")) b->tls_noclient = port;
		else if (!strcmp(name, "tls_expired")) b->tls_expired = port;
		else if (!strcmp(name, "tls_wronghost")) b->tls_wronghost = port;
		else if (!strcmp(name, "tls_bigchain")) b->tls_bigchain = port;
		else if (!strcmp(name, "auth")) b->auth = port;
	}
	fclose(f);
	return b->tls ? 0 : -1;
}

void broker_kill(struct broker *b)
{
	char path[200];
	FILE *f;
	int pid = 0;

	snprintf(path, sizeof(path), "%s/pid", b->dir);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fscanf(f, "%d", &pid) == 1 && pid > 0)
		kill(pid, SIGKILL);
	fclose(f);
	usleep(100000);
	unlink(path);
}

void broker_stop(struct broker *b)
{
	char cmd[300];

	if (!b->dir[0])
		return;
	run_script("stop", b);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", b->dir);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", b->dir);
	b->dir[0] = '\0';
}

static int try_echo(struct echo_server *e, int port)
{
	char cert[512], key[512], ca[512], acc[16];
	int out[2];
	char buf[4096];
	size_t have = 0;

	snprintf(cert, sizeof(cert), "%s/server.crt", certs_dir());
	snprintf(key, sizeof(key), "%s/server.key", certs_dir());
	snprintf(ca, sizeof(ca), "%s/ca.crt", certs_dir());
	snprintf(acc, sizeof(acc), "%d", port);
	if (pipe(out))
		return -1;
	e->pid = fork();
	if (e->pid == 0) {
		dup2(out[1], STDOUT_FILENO);
		dup2(out[1], STDERR_FILENO);
		close(out[0]);
		close(out[1]);
		execlp("openssl", "openssl", "s_server", "-accept", acc, "-cert", cert, "-key", key,
		       "-CAfile", ca, "-Verify", "1", "-rev", "-tls1_2", "-naccept", "1", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	e->out_fd = out[0];
	fcntl(e->out_fd, F_SETFL, O_NONBLOCK);
	for (int i = 0; i < 200; i++) {
		struct pollfd p = { .fd = e->out_fd, .events = POLLIN };
		ssize_t n;

		poll(&p, 1, 50);
		while ((n = read(e->out_fd, buf + have, sizeof(buf) - 1 - have)) > 0)
			have += (size_t)n;
		buf[have] = '\0';
		if (strstr(buf, "ACCEPT")) {
			e->port = port;
			return 0;
		}
		if (waitpid(e->pid, NULL, WNOHANG) == e->pid)
			break;
	}
	echo_server_stop(e);
	return -1;
}

int echo_server_start(struct echo_server *e)
{
	memset(e, 0, sizeof(*e));
	srand((unsigned)(getpid() ^ time(NULL)));
	for (int attempt = 0; attempt < 10; attempt++)
		if (!try_echo(e, 20000 + rand() % 40000))
			return 0;
	return -1;
}

void echo_server_stop(struct echo_server *e)
{
	if (e->pid > 0) {
		kill(e->pid, SIGTERM);
		waitpid(e->pid, NULL, 0);
	}
	if (e->out_fd > 0)
		close(e->out_fd);
	e->pid = 0;
	e->out_fd = 0;
}

int broker_wait_log(const struct broker *b, const char *needle, int limit_ms)
{
	char path[200];

	snprintf(path, sizeof(path), "%s/mosquitto.log", b->dir);
	for (int waited = 0; waited <= limit_ms; waited += 20) {
		FILE *f = fopen(path, "r");
		char line[1024];
		int found = 0;

		while (f && !found && fgets(line, sizeof(line), f))
			found = strstr(line, needle) != NULL;
		if (f)
			fclose(f);
		if (found)
			return 0;
		usleep(20000);
	}
	return -1;
}

int ck_run_with_broker(Suite *s, struct broker *b)
{
	int rc;

	if (broker_start(b)) {
		fprintf(stderr, "cannot start the test broker\n");
		broker_stop(b);
		return EXIT_FAILURE;
	}
	rc = ck_run(s);
	broker_stop(b);
	return rc;
}
