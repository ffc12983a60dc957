/* The socket server role (#XBIND, #XLISTEN, #XACCEPT): the modem's server
 * listens on the host's loopback, a client this test runs connects to it,
 * and the bytes go both ways; a UDP server takes datagrams the same way.
 * Exact bytes of every line. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ck_run.h"
#include "modem_fixture.h"

#define LIMIT 30000

static struct mfix f;
static int client = -1;

static void start(int offset)
{
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	cfg.listen_port_offset = offset;
	mfix_setup(&f, &cfg);
	client = -1;
}

static void setup(void) { start(0); }

static void teardown(void)
{
	if (client >= 0)
		close(client);
	mfix_teardown(&f);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

/* A port of the host's loopback that was free a moment ago. */
static int free_port(int type)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, type, 0);

	ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	getsockname(fd, (struct sockaddr *)&sa, &len);
	close(fd);
	return ntohs(sa.sin_port);
}

static int connect_to(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -errno;
	}
	return fd;
}

static const char *pending(const char *cmd) { return mfix_receive(&f, cmd, LIMIT); }

/* Reads exactly n bytes from the client (the modem sent them already). */
static void client_reads(const char *want, size_t n)
{
	char buf[64];
	size_t got = 0;
	struct timeval tv = { .tv_sec = 30 };

	setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (got < n) {
		ssize_t r = read(client, buf + got, n - got);

		ck_assert_int_gt(r, 0);
		got += (size_t)r;
	}
	ck_assert_int_eq(memcmp(buf, want, n), 0);
}

static void serve_tcp(int bind_port, int host_port)
{
	char cmd[64];
	static const char want[] = "hi\0there\r\n#XRECV: 8\r\n\r\nOK\r\n";

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,1,1\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nERROR\r\n");	/* not bound */
	snprintf(cmd, sizeof(cmd), "AT#XBIND=%d\r\n", bind_port);
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT(cmd, "\r\nERROR\r\n");			/* bound already */
	EXPECT("AT#XACCEPT=1\r\n", "\r\nERROR\r\n");	/* not listening */
	EXPECT("AT#XLISTEN\r\n", "\r\nOK\r\n");
	EXPECT("AT#XACCEPT?\r\n", "\r\n#XTCPACCEPT: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND=\"x\"\r\n", "\r\nERROR\r\n");	/* no client: no #XSEND line */
	client = connect_to(host_port);
	ck_assert_int_ge(client, 0);
	ck_assert_str_eq(pending("AT#XACCEPT=10\r\n"),
			 "\r\n#XACCEPT: 1,\"127.0.0.1\"\r\n\r\nOK\r\n");
	EXPECT("AT#XACCEPT?\r\n", "\r\n#XTCPACCEPT: 1\r\n\r\nOK\r\n");
	ck_assert_int_eq(write(client, "hi\0there", 8), 8);
	pending("AT#XRECV=10\r\n");
	ck_assert_uint_eq(f.raw.len, sizeof(want) - 1);
	ck_assert_int_eq(memcmp(f.raw.data, want, sizeof(want) - 1), 0);
	EXPECT("AT#XSEND=\"pong\"\r\n", "\r\n#XSEND: 4\r\n\r\nOK\r\n");
	client_reads("pong", 4);
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	client_reads("", 0);
	ck_assert_int_eq(read(client, cmd, 1), 0);	/* the modem closed the client too */
	ck_assert_int_eq(connect_to(host_port), -ECONNREFUSED);	/* and the server */
}

START_TEST(tcp_server_accepts_a_local_client)
{
	int port = free_port(SOCK_STREAM);

	serve_tcp(port, port);
}
END_TEST

/* modem.listen_port_offset moves the host port, not what the modem says. */
START_TEST(listen_port_offset_maps_the_port)
{
	int port = free_port(SOCK_STREAM);

	mfix_teardown(&f);
	start(port - 1000);
	serve_tcp(1000, port);
}
END_TEST

START_TEST(accept_times_out_and_roles)
{
	char cmd[64];

	EXPECT("AT#XSOCKET=1,1,1\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XBIND=1\r\n", "\r\nERROR\r\n");	/* not registered: no address */
	mfix_register(&f);
	snprintf(cmd, sizeof(cmd), "AT#XBIND=%d\r\n", free_port(SOCK_STREAM));
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nOK\r\n");
	EXPECT("AT#XACCEPT\r\n", "\r\nERROR\r\n");	/* the time-out is mandatory */
	EXPECT("AT#XACCEPT=?\r\n", "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XACCEPT=2\r\n"), "");
	ck_assert_str_eq(mfix_advance(&f, 1900), "");
	ck_assert_str_eq(mfix_advance(&f, 200), "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	/* A client socket has no server role. */
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XACCEPT=1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XACCEPT?\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XBIND=1\r\n", "\r\nERROR\r\n");	/* no socket */
}
END_TEST

/* A UDP server: bound, it takes a local peer's datagram and answers it. */
START_TEST(udp_server_datagrams_both_ways)
{
	int port = free_port(SOCK_DGRAM), cport;
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) }, me = to;
	socklen_t len = sizeof(me);
	char cmd[96], buf[16];
	static const char want[] = "ping\0!\r\n#XRECVFROM: 6,\"127.0.0.1\"\r\n\r\nOK\r\n";

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,2,1\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XBIND=%d\r\n", port);
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nERROR\r\n");	/* UDP does not listen */
	client = socket(AF_INET, SOCK_DGRAM, 0);
	me.sin_port = 0;
	ck_assert_int_eq(bind(client, (struct sockaddr *)&me, sizeof(me)), 0);
	getsockname(client, (struct sockaddr *)&me, &len);
	cport = ntohs(me.sin_port);
	ck_assert_int_eq(sendto(client, "ping\0!", 6, 0, (struct sockaddr *)&to, sizeof(to)), 6);
	pending("AT#XRECVFROM=10\r\n");
	ck_assert_uint_eq(f.raw.len, sizeof(want) - 1);
	ck_assert_int_eq(memcmp(f.raw.data, want, sizeof(want) - 1), 0);
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=\"127.0.0.1\",%d,\"pong\"\r\n", cport);
	EXPECT(cmd, "\r\n#XSENDTO: 4\r\n\r\nOK\r\n");
	ck_assert_int_eq(recv(client, buf, sizeof(buf), 0), 4);
	ck_assert_int_eq(memcmp(buf, "pong", 4), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("socket_server");
	TCase *tc = tcase_create("socket_server");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, tcp_server_accepts_a_local_client);
	tcase_add_test(tc, listen_port_offset_maps_the_port);
	tcase_add_test(tc, accept_times_out_and_roles);
	tcase_add_test(tc, udp_server_datagrams_both_ways);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
