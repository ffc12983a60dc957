#include "broker_proc.h"

#include "replay_pki.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* Ports the kernel just handed out, all different: each socket stays bound
 * until every port is chosen, so two listeners never get the same one. */
static int free_ports(int *port, int n)
{
	int fd[BK_N], rc = 0;

	for (int k = 0; k < n; k++) {
		struct sockaddr_in sa = { .sin_family = AF_INET,
					  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
		socklen_t len = sizeof(sa);

		fd[k] = socket(AF_INET, SOCK_STREAM, 0);
		if (fd[k] < 0 || bind(fd[k], (struct sockaddr *)&sa, sizeof(sa)) ||
		    getsockname(fd[k], (struct sockaddr *)&sa, &len))
			rc = -1;
		port[k] = ntohs(sa.sin_port);
	}
	for (int k = 0; k < n; k++)
		if (fd[k] >= 0)
			close(fd[k]);
	return rc;
}

/* mosquitto logs "running" once every listener is open.  A listening port
 * alone proves nothing: with one listener open and the next failing to bind
 * (a port taken meanwhile), the first accepts and then resets. */
static int broker_running(const struct broker_proc *b)
{
	char path[160], line[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "%s/mosquitto.log", b->dir);
	if (!(f = fopen(path, "r")))
		return 0;
	while (!found && fgets(line, sizeof(line), f))
		found = strstr(line, " running") != NULL;
	fclose(f);
	return found;
}

/* One listener a kind: per_listener_settings keeps their log-in rules apart
 * while they share one topic tree. */
static void write_listener(FILE *f, const struct broker_proc *b, enum broker_kind k,
			   const char *certs)
{
	bool tls = k >= BK_TLS, auth = k == BK_PLAIN_AUTH || k == BK_TLS_AUTH || k == BK_MTLS_AUTH;

	fprintf(f, "listener %d 127.0.0.1\n", b->port[k]);
	if (tls)
		fprintf(f, "cafile %s/ca.crt\ncertfile %s/server.crt\nkeyfile %s/server.key\n"
			"tls_version tlsv1.2\nrequire_certificate %s\n", certs, b->dir, certs,
			k >= BK_MTLS ? "true" : "false");
	if (auth)
		fprintf(f, "allow_anonymous false\npassword_file %s/passwd\n", b->dir);
	else
		fputs("allow_anonymous true\n", f);
}

/* The log-ins the log shows accepted, hashed by mosquitto_passwd. */
static int write_passwords(const struct broker_proc *b, const char *logins, char *err,
			   size_t errlen)
{
	char path[128], cmd[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/passwd", b->dir);
	if (!(f = fopen(path, "w"))) {
		snprintf(err, errlen, "cannot write %s", path);
		return -1;
	}
	fputs(logins && *logins ? logins : "slmreplay-nobody:unused\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "mosquitto_passwd -U %s >/dev/null 2>&1", path);
	if (system(cmd)) {
		snprintf(err, errlen, "mosquitto_passwd failed (is mosquitto installed?)");
		return -1;
	}
	return 0;
}

static int try_start(struct broker_proc *b, const char *certs, char *err, size_t errlen)
{
	char conf[128];
	FILE *f;

	if (free_ports(b->port, BK_N)) {
		snprintf(err, errlen, "no free loopback port: %s", strerror(errno));
		return -1;
	}
	snprintf(conf, sizeof(conf), "%s/mosquitto.log", b->dir);
	unlink(conf);	/* an earlier attempt's log must not say "running" */
	snprintf(conf, sizeof(conf), "%s/mosquitto.conf", b->dir);
	f = fopen(conf, "w");
	if (!f) {
		snprintf(err, errlen, "cannot write %s", conf);
		return -1;
	}
	fprintf(f, "user root\npersistence false\nlog_dest file %s/mosquitto.log\n"
		"per_listener_settings true\n", b->dir);
	for (int k = 0; k < BK_N; k++)
		write_listener(f, b, (enum broker_kind)k, certs);
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
	for (int i = 0; i < 1000; i++) {
		struct timespec nap = { 0, 2000000 };

		if (waitpid(b->pid, NULL, WNOHANG) == b->pid)
			break;
		if (broker_running(b))
			return 0;
		nanosleep(&nap, NULL);
	}
	broker_proc_stop_process(b);
	snprintf(err, errlen, "mosquitto did not start (is it installed? see %s/mosquitto.log)", b->dir);
	return -1;
}

int broker_proc_start(struct broker_proc *b, const char *certs_dir, const struct broker_spec *spec,
		      char *err, size_t errlen)
{
	const char *hosts[BROKER_MAX_HOSTS + 2] = { "localhost", "127.0.0.1" };
	char certs[1024], crt[128];
	size_t n = 2;

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
	for (size_t i = 0; i < spec->n_hosts && n < BROKER_MAX_HOSTS + 2; i++)
		hosts[n++] = spec->hosts[i];
	snprintf(crt, sizeof(crt), "%s/server.crt", b->dir);
	if (pki_server_cert(certs, hosts, n, crt, err, errlen) ||
	    write_passwords(b, spec->logins, err, errlen))
		return -1;
	for (int attempt = 0; attempt < 5; attempt++)
		if (!try_start(b, certs, err, errlen))
			return 0;
	return -1;
}

void broker_proc_stop_process(struct broker_proc *b)
{
	if (b->pid > 0) {
		/* It keeps nothing (persistence false): no clean shutdown to wait for. */
		kill(b->pid, SIGKILL);
		waitpid(b->pid, NULL, 0);
		b->pid = 0;
	}
}

void broker_proc_stop(struct broker_proc *b)
{
	char cmd[128];

	broker_proc_stop_process(b);
	if (b->dir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", b->dir);
		if (system(cmd))
			fprintf(stderr, "slmreplay: could not remove %s\n", b->dir);
		b->dir[0] = '\0';
	}
}

/* mosquitto_pub as another client; it returns once the broker has it. */
static int other_client(int port, const char *client_id, const char *topic, const char *payload)
{
	char p[16];
	int status;
	pid_t pid;

	snprintf(p, sizeof(p), "%d", port);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execlp("mosquitto_pub", "mosquitto_pub", "-h", "127.0.0.1", "-p", p, "-q", "1",
		       "-i", client_id, "-t", topic, "-m", payload, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

int broker_publish(int port, const char *topic, const char *payload)
{
	return other_client(port, "slmreplay-other-client", topic, payload);
}

int broker_takeover(int port, const char *client_id)
{
	/* Client ids are one namespace across listeners: the anonymous one
	 * takes over a session made on any of them. */
	return other_client(port, client_id, "slmreplay/takeover", "");
}
