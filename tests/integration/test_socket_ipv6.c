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
#include "loop_peer.h"
#include "modem_fixture.h"
#include "resolver.h"

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
	lp_stop(&peer);
	mfix_teardown(&f);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

/* A receive answers at once when the peer was quick, else later. */
static const char *receive(const char *cmd) { return mfix_receive(&f, cmd, LIMIT); }

/* A TCP peer that answers the first bytes with n bytes of answer (NULL:
 * of 'b'), then closes. */
static int tcp_peer_says(int family, const char *answer, size_t n)
{
	int port, ls = lp_bound_socket(family, SOCK_STREAM, &port);

	ck_assert_int_eq(listen(ls, 1), 0);
	peer = fork();
	if (peer == 0) {
		char buf[64], big[2000];
		int c = accept(ls, NULL, NULL);

		memset(big, 'b', sizeof(big));
		if (read(c, buf, sizeof(buf)) <= 0 || write(c, answer ? answer : big, n) != (ssize_t)n)
			_exit(1);
		if (answer)
			sleep(30);	/* an MQTT broker keeps the session */
		close(c);
		_exit(0);
	}
	close(ls);
	return port;
}

static int tcp_peer(int family, size_t n) { return tcp_peer_says(family, NULL, n); }

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

/* A UDP peer that sends every datagram back reversed. */
static int udp_peer(int family)
{
	int port;

	peer = lp_udp_reverse(family, &port);
	return port;
}

/* A port of the host's ::1 that was free a moment ago. */
static int free_port6(void)
{
	int port, fd = lp_bound_socket(AF_INET6, SOCK_STREAM, &port);

	close(fd);
	return port;
}

/* A local client of the modem's server on [::1]:port. */
static int client6(int port)
{
	struct sockaddr_in6 sa = { .sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT,
				   .sin6_port = htons((uint16_t)port) };
	int c = socket(AF_INET6, SOCK_STREAM, 0);

	ck_assert_int_eq(connect(c, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return c;
}

/* Context 0 asks for both families before the attach. */
static void attach_dual_stack(void)
{
	EXPECT("AT+CGDCONT=0,\"IPV4V6\"\r\n", "\r\nOK\r\n");
	mfix_register(&f);
}

/* An IPv6 TCP client (op 2): "::1" literal, the data of a peer on ::1, the
 * read forms with family 2; recvfrom() shows the server's IPv6 address. */
START_TEST(ipv6_tcp_client)
{
	static char want[600];

	attach_dual_stack();
	EXPECT("AT#XSOCKET=2,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r\n", "\r\n#XSOCKET: 0,2,0\r\n\r\nOK\r\n");
	connect_to("::1", tcp_peer(AF_INET6, 500));
	EXPECT("AT#XSEND=\"go\"\r\n", "\r\n#XSEND: 2\r\n\r\nOK\r\n");
	memset(want, 'b', 500);
	strcpy(want + 500, "\r\n#XRECVFROM: 500,\"::1\"\r\n\r\nOK\r\n");
	ck_assert_str_eq(receive("AT#XRECVFROM=10\r\n"), want);
}
END_TEST

/* An IPv6 name: --resolve's AAAA answer ([::1]:port) for a family 2
 * socket, its A answer for family 1; #XGETADDRINFO shows the IPv4 one when
 * the name has both, the IPv6 one when it has only that. */
START_TEST(ipv6_names_and_udp)
{
	char map[128], cmd[128], err[256];
	int port6 = udp_peer(AF_INET6);

	snprintf(map, sizeof(map), "dual.example:5683=[::1]:%d,2001:db8:5::7", port6);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, "dual.example=127.0.0.1,192.0.2.7", err,
				      sizeof(err)), 0);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, "six.example=[::1]", err, sizeof(err)), 0);
	/* A local IPv4 stand-in for a name the log showed with an IPv6 address. */
	ck_assert_int_eq(resolver_add(f.ctx->resolver, "shown6.example=127.0.0.1,2001:db8::9", err,
				      sizeof(err)), 0);
	attach_dual_stack();
	EXPECT("AT#XGETADDRINFO=\"dual.example\"\r\n", "\r\n#XGETADDRINFO: \"192.0.2.7\"\r\n\r\nOK\r\n");
	EXPECT("AT#XGETADDRINFO=\"six.example\"\r\n", "\r\n#XGETADDRINFO: \"::1\"\r\n\r\nOK\r\n");
	EXPECT("AT#XGETADDRINFO=\"::1\"\r\n", "\r\n#XGETADDRINFO: \"::1\"\r\n\r\nOK\r\n");
	EXPECT("AT#XGETADDRINFO=\"shown6.example\"\r\n",
	       "\r\n#XGETADDRINFO: \"2001:db8::9\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=2,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSENDTO=\"dual.example\",5683,\"abc\"\r\n", "\r\n#XSENDTO: 3\r\n\r\nOK\r\n");
	/* The sender is the name's shown address: the cloud's, not ::1. */
	ck_assert_str_eq(receive("AT#XRECVFROM=5\r\n"),
			 "cba\r\n#XRECVFROM: 3,\"2001:db8:5::7\"\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=\"::1\",%d,\"hello\"\r\n", port6);
	EXPECT(cmd, "\r\n#XSENDTO: 5\r\n\r\nOK\r\n");
	/* Sent to the literal, answered from the address the name maps to. */
	ck_assert_str_eq(receive("AT#XRECVFROM=5\r\n"),
			 "olleh\r\n#XRECVFROM: 5,\"2001:db8:5::7\"\r\n\r\nOK\r\n");
	/* An IPv4 literal has no IPv6 answer. */
	EXPECT("AT#XSENDTO=\"127.0.0.1\",9,\"x\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSENDTO=\"six.example\",9,\"x\"\r\n", "\r\nERROR\r\n");
}
END_TEST

/* The modem's IPv6 server: bound on the host's ::1 at the port, a local
 * client over IPv6 is accepted with its address. */
START_TEST(ipv6_server_accepts)
{
	char cmd[64];
	int port = free_port6(), c;

	attach_dual_stack();
	EXPECT("AT#XSOCKET=2,1,1\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XBIND=%d\r\n", port);
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nOK\r\n");
	c = client6(port);
	ck_assert_str_eq(receive("AT#XACCEPT=10\r\n"), "\r\n#XACCEPT: 1,\"::1\"\r\n\r\nOK\r\n");
	ck_assert_int_eq(write(c, "hi6", 3), 3);
	ck_assert_str_eq(receive("AT#XRECV=10\r\n"), "hi6\r\n#XRECV: 3\r\n\r\nOK\r\n");
	close(c);
}
END_TEST

/* A PDN without IPv6 (PDP type IP, the default): an IPv6 socket opens,
 * its connect and bind fail; with modem.ipv6_needs_addr it does not open.
 * #XPING to an IPv6 target needs the PDN's IPv6 address too. */
START_TEST(ipv6_without_an_address)
{
	struct modem_config cfg;
	char cmd[64], err[128];
	int port = tcp_peer(AF_INET6, 1);

	mfix_register(&f);
	EXPECT("AT#XSOCKET=2,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"::1\",%d\r\n", port);
	EXPECT(cmd, "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "ENETUNREACH"));
	EXPECT("AT#XPING=\"::1\",32,2000\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=2,1,1\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XBIND=4000\r\n", "\r\nERROR\r\n");
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.ipv6_needs_addr=yes", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	mfix_register(&f);
	EXPECT("AT#XSOCKET=2,2,0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
}
END_TEST

/* An IPv6-only PDN: an IPv4 socket has no route, an IPv6 one has. */
START_TEST(ipv4_on_an_ipv6_only_pdn)
{
	EXPECT("AT+CGDCONT=0,\"IPV6\"\r\n", "\r\nOK\r\n");
	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSENDTO=\"127.0.0.1\",9,\"x\"\r\n", "\r\n#XSENDTO: 0\r\n\r\nERROR\r\n");
	ck_assert(strstr(f.why, "ENETUNREACH: an IPv4 socket"));
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=2,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSENDTO=\"::1\",9,\"x\"\r\n", "\r\n#XSENDTO: 1\r\n\r\nOK\r\n");
}
END_TEST

/* #XPING to an IPv6 target from a dual-stack PDN. */
START_TEST(ipv6_ping)
{
	attach_dual_stack();
	ck_assert_str_eq(mfix_cmd(&f, "AT#XPING=\"::1\",32,2000\r\n"), "\r\nOK\r\n");
	ck_assert(strstr(mfix_advance(&f, 3000), "#XPING: 0."));
}
END_TEST

/* The proxies with op 2: a UDP client to a peer on ::1, the TCP server on
 * the host's ::1 announcing its client's IPv6 address. */
START_TEST(ipv6_proxies)
{
	char cmd[96];
	int port = free_port6(), c;

	attach_dual_stack();
	snprintf(cmd, sizeof(cmd), "AT#XUDPCLI=2,\"::1\",%d\r\n", udp_peer(AF_INET6));
	EXPECT(cmd, "\r\n#XUDPCLI: 0,\"connected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPCLI?\r\n", "\r\n#XUDPCLI: 0,2\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPSEND=\"abc\"\r\n", "\r\n#XUDPSEND: 3\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "#XUDPDATA: 3\r\n", LIMIT), "cba\r\n#XUDPDATA: 3\r\n");
	EXPECT("AT#XUDPCLI=0\r\n", "\r\n#XUDPCLI: 0,\"disconnected\"\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XTCPSVR=2,%d\r\n", port);
	EXPECT(cmd, "\r\n#XTCPSVR: 0,\"started\"\r\n\r\nOK\r\n");
	c = client6(port);
	ck_assert_str_eq(mfix_wait_for(&f, "connected\"\r\n", LIMIT),
			 "\r\n#XTCPSVR: \"::1\",\"connected\"\r\n");
	EXPECT("AT#XTCPSVR?\r\n", "\r\n#XTCPSVR: 0,1,2\r\n\r\nOK\r\n");
	close(c);
}
END_TEST

/* Op 2 on a PDN without IPv6: the proxies fail as the SLM's bind or
 * connect does (Zephyr's ENETUNREACH, 114). */
START_TEST(ipv6_proxies_without_an_address)
{
	char cmd[96];

	mfix_register(&f);
	snprintf(cmd, sizeof(cmd), "AT#XTCPCLI=2,\"::1\",%d\r\n", tcp_peer(AF_INET6, 1));
	EXPECT(cmd, "\r\n#XTCPCLI: -114,\"not connected\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XTCPSVR=2,4242\r\n", "\r\n#XTCPSVR: -114,\"not started\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XUDPSVR=2,4242\r\n", "\r\nERROR\r\n");
}
END_TEST

/* #XMQTTCON op 2 resolves the broker's IPv6 address: a broker on ::1 that
 * accepts (CONNACK 0); op 1 finds no IPv4 address for that name. */
START_TEST(ipv6_mqtt_connect)
{
	char map[96], err[256];

	snprintf(map, sizeof(map), "broker6.example=[::1]:%d",
		 tcp_peer_says(AF_INET6, "\x20\x02\x00\x00", 4));
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	attach_dual_stack();
	EXPECT("AT#XMQTTCON=1,\"c6\",\"\",\"\",\"broker6.example\",1883\r\n", "\r\nERROR\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XMQTTCON=2,\"c6\",\"\",\"\",\"broker6.example\",1883\r\n"),
			 "");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\nOK\r\n\r\n#XMQTTEVT: 0,0\r\n");
}
END_TEST

/* modem.tcp_recvfrom_addr=no: the modem leaves recvfrom()'s address of a
 * TCP socket unset, and the SLM prints "". */
START_TEST(tcp_recvfrom_without_the_address)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "modem.tcp_recvfrom_addr=no", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_to("127.0.0.1", tcp_peer(AF_INET, 3));
	EXPECT("AT#XSEND=\"go\"\r\n", "\r\n#XSEND: 2\r\n\r\nOK\r\n");
	ck_assert_str_eq(receive("AT#XRECVFROM=10\r\n"), "bbb\r\n#XRECVFROM: 3,\"\"\r\n\r\nOK\r\n");
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
	tcase_add_test(tc, tcp_recvfrom_without_the_address);
	tcase_add_test(tc, ipv6_tcp_client);
	tcase_add_test(tc, ipv6_names_and_udp);
	tcase_add_test(tc, ipv6_server_accepts);
	tcase_add_test(tc, ipv6_without_an_address);
	tcase_add_test(tc, ipv6_ping);
	tcase_add_test(tc, ipv6_proxies);
	tcase_add_test(tc, ipv6_proxies_without_an_address);
	tcase_add_test(tc, ipv6_mqtt_connect);
	tcase_add_test(tc, ipv4_on_an_ipv6_only_pdn);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
