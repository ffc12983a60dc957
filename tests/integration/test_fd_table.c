/* The handles the SLM prints are the modem's file descriptors, and every
 * socket takes the lowest free one, whoever opens it: the MQTT client (a
 * real local mosquitto), the HTTP client and the TCP/UDP proxies (local
 * peers this test runs), #XSOCKET and an #XACCEPT peer.  Exact bytes of a
 * mixed session as SLM v1.8.0 numbers it. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "broker.h"
#include "ck_run.h"
#include "modem_fixture.h"
#include "resolver.h"

#define LIMIT 30000

static struct broker br;
static struct mfix f;
static int fds[4];

static void setup(void)
{
	struct modem_config cfg;
	char err[128], map[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	mfix_setup(&f, &cfg);
	snprintf(map, sizeof(map), "mqtt.fd.test:1883=127.0.0.1:%d", br.plain);
	ck_assert_int_eq(resolver_add(f.ctx->resolver, map, err, sizeof(err)), 0);
	for (int i = 0; i < 4; i++)
		fds[i] = -1;
	mfix_register(&f);
}

static void teardown(void)
{
	for (int i = 0; i < 4; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	mfix_teardown(&f);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	return sa;
}

/* A socket of type bound to a free loopback port (listening when a
 * stream); its port. */
static int peer(int *fd, int type)
{
	struct sockaddr_in sa = loopback(0);
	socklen_t len = sizeof(sa);

	*fd = socket(AF_INET, type, 0);
	ck_assert_int_eq(bind(*fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	if (type == SOCK_STREAM)
		ck_assert_int_eq(listen(*fd, 4), 0);
	getsockname(*fd, (struct sockaddr *)&sa, &len);
	return ntohs(sa.sin_port);
}

static int connect_to(int port)
{
	struct sockaddr_in sa = loopback(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

/* A command answered later: everything up to its OK. */
static const char *later(const char *cmd)
{
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	return mfix_wait_for(&f, "OK\r\n", LIMIT);
}

static void mqtt_connect(void)
{
	ck_assert_str_eq(later("AT#XMQTTCON=1,\"fd-client\",\"\",\"\",\"mqtt.fd.test\",1883\r\n"),
			 "\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "0,0\r\n", LIMIT), "\r\n#XMQTTEVT: 0,0\r\n");
}

static const char *tcpcli(int port)
{
	char cmd[64];

	snprintf(cmd, sizeof(cmd), "AT#XTCPCLI=1,\"127.0.0.1\",%d\r\n", port);
	return later(cmd);
}

START_TEST(mqtt_proxies_and_sockets_share_the_fds)
{
	char cmd[64];
	int tcp = peer(&fds[0], SOCK_STREAM), udp = peer(&fds[1], SOCK_DGRAM);

	mqtt_connect();						/* fd 0 */
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	ck_assert_str_eq(tcpcli(tcp), "\r\n#XTCPCLI: 2,\"connected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XUDPCLI=1,\"127.0.0.1\",%d\r\n", udp);
	EXPECT(cmd, "\r\n#XUDPCLI: 1,\"connected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XMQTTCON=0\r\n", "\r\n#XMQTTEVT: 1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	mqtt_connect();						/* fd 3 */
	EXPECT("AT#XUDPCLI=0\r\n", "\r\n#XUDPCLI: 0,\"disconnected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=1,1,0,7\r\n", "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPCLI?\r\n", "\r\n#XTCPCLI: 2,1\r\n\r\nOK\r\n");
	close(fds[1]);		/* a port free a moment ago */
	fds[1] = -1;
	snprintf(cmd, sizeof(cmd), "AT#XUDPSVR=1,%d\r\n", udp);
	EXPECT(cmd, "\r\n#XUDPSVR: 1,\"started\"\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(http_client_holds_an_fd_while_connected)
{
	char cmd[64];
	int tcp = peer(&fds[0], SOCK_STREAM);

	snprintf(cmd, sizeof(cmd), "AT#XHTTPCCON=1,\"127.0.0.1\",%d\r\n", tcp);
	ck_assert_str_eq(later(cmd), "\r\n#XHTTPCCON: 1\r\n\r\nOK\r\n");	/* fd 0 */
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XHTTPCCON=0\r\n", "\r\n#XHTTPCCON: 0\r\n\r\nOK\r\n");
	ck_assert_str_eq(tcpcli(tcp), "\r\n#XTCPCLI: 0,\"connected\"\r\n\r\nOK\r\n");
}
END_TEST

/* download_client's socket, from its connect to the end of the download:
 * a server that never answers keeps it open. */
START_TEST(fota_download_holds_an_fd)
{
	char cmd[96];
	int port = peer(&fds[0], SOCK_STREAM);

	snprintf(cmd, sizeof(cmd), "AT#XFOTA=1,\"http://127.0.0.1:%d/app.bin\"\r\n", port);
	ck_assert_str_eq(later(cmd), "\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XFOTA=0\r\n", "\r\n#XFOTA: 0,2\r\n\r\nERROR\r\n");	/* no image data yet */
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
}
END_TEST

/* do_accept(): accept() gives the lowest free fd, and a second accept
 * overwrites fd_peer without closing the first: that fd stays taken. */
START_TEST(accept_gives_the_lowest_free_fd)
{
	char cmd[64];
	int port = peer(&fds[0], SOCK_STREAM);

	close(fds[0]);		/* a port free a moment ago */
	fds[0] = -1;
	mqtt_connect();						/* fd 0 */
	EXPECT("AT#XSOCKET=1,1,1\r\n", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XBIND=%d\r\n", port);
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT("AT#XLISTEN\r\n", "\r\nOK\r\n");
	EXPECT("AT#XMQTTCON=0\r\n", "\r\n#XMQTTEVT: 1,0\r\n\r\nOK\r\n");
	fds[1] = connect_to(port);
	ck_assert_str_eq(later("AT#XACCEPT=10\r\n"),
			 "\r\n#XACCEPT: 0,\"127.0.0.1\"\r\n\r\nOK\r\n");
	EXPECT("AT#XACCEPT?\r\n", "\r\n#XTCPACCEPT: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND=\"x\"\r\n", "\r\n#XSEND: 1\r\n\r\nOK\r\n");
	fds[2] = connect_to(port);
	ck_assert_str_eq(later("AT#XACCEPT=10\r\n"),
			 "\r\n#XACCEPT: 2,\"127.0.0.1\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	port = peer(&fds[3], SOCK_STREAM);
	ck_assert_str_eq(tcpcli(port), "\r\n#XTCPCLI: 1,\"connected\"\r\n\r\nOK\r\n");
	/* A reboot closes everything: fd 0 is free again. */
	EXPECT("AT#XTCPCLI=0\r\n", "\r\n#XTCPCLI: 0,\"disconnected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XRESET\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1000), "Ready\r\n");
	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fd_table");
	TCase *tc = tcase_create("fd_table");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, mqtt_proxies_and_sockets_share_the_fds);
	tcase_add_test(tc, http_client_holds_an_fd_while_connected);
	tcase_add_test(tc, accept_gives_the_lowest_free_fd);
	tcase_add_test(tc, fota_download_holds_an_fd);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
