#include "loop_peer.h"

#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int lp_bound_socket(int family, int type, int *port)
{
	struct sockaddr_storage ss = { .ss_family = (sa_family_t)family };
	socklen_t len = family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	int fd = socket(family, type, 0);

	if (family == AF_INET6)
		((struct sockaddr_in6 *)&ss)->sin6_addr = in6addr_loopback;
	else
		((struct sockaddr_in *)&ss)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&ss, len), 0);
	getsockname(fd, (struct sockaddr *)&ss, &len);
	*port = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port :
			   ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

pid_t lp_udp_reverse(int family, int *port)
{
	int fd = lp_bound_socket(family, SOCK_DGRAM, port);
	pid_t pid = fork();

	if (pid == 0) {
		char buf[2048], out[2048];
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		ssize_t n;

		while ((n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl)) >= 0) {
			for (ssize_t i = 0; i < n; i++)
				out[i] = buf[n - 1 - i];
			sendto(fd, out, (size_t)n, 0, (struct sockaddr *)&from, fl);
		}
		_exit(0);
	}
	close(fd);
	return pid;
}

void lp_stop(pid_t *pid)
{
	if (*pid > 0) {
		kill(*pid, SIGKILL);
		waitpid(*pid, NULL, 0);
	}
	*pid = 0;
}
