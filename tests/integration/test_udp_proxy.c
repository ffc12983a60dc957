/* The UDP proxy (#XUDPSVR, #XUDPCLI, #XUDPSEND, #XUDPDATA) against a local
 * UDP peer this test runs, datagrams both ways.  Exact bytes. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ck_run.h"
#include "modem_fixture.h"

#define LIMIT 30000

static struct mfix f;
static int peer = -1;
static struct sockaddr_in peer_sa;

static void setup(void)
{
	struct modem_config cfg;
	socklen_t len = sizeof(peer_sa);
	struct timeval tv = { .tv_sec = 30 };

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	mfix_setup(&f, &cfg);
	peer = socket(AF_INET, SOCK_DGRAM, 0);
	memset(&peer_sa, 0, sizeof(peer_sa));
	peer_sa.sin_family = AF_INET;
	peer_sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ck_assert_int_eq(bind(peer, (struct sockaddr *)&peer_sa, sizeof(peer_sa)), 0);
	getsockname(peer, (struct sockaddr *)&peer_sa, &len);
	setsockopt(peer, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static void teardown(void)
{
	close(peer);
	mfix_teardown(&f);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

static void raw_is(const char *want, size_t n)
{
	ck_assert_uint_eq(f.raw.len, n);
	ck_assert_int_eq(memcmp(f.raw.data, want, n), 0);
}

/* The peer receives one datagram: want, and where it came from. */
static void peer_gets(const char *want, size_t n, struct sockaddr_in *from)
{
	char buf[64];
	socklen_t len = sizeof(*from);

	ck_assert_int_eq(recvfrom(peer, buf, sizeof(buf), 0, (struct sockaddr *)from, &len),
			 (ssize_t)n);
	ck_assert_int_eq(memcmp(buf, want, n), 0);
}

START_TEST(client_datagrams_both_ways)
{
	static const char data[] = "r\0s\r\n#XUDPDATA: 3\r\n";
	struct sockaddr_in from;
	char cmd[96];

	EXPECT("AT#XUDPCLI=?\r\n", "\r\n#XUDPCLI: (0,1,2),<url>,<port>,<sec_tag>\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPCLI?\r\n", "\r\n#XUDPCLI: -1,0\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XUDPCLI=1,\"127.0.0.1\",%d\r\n", ntohs(peer_sa.sin_port));
	EXPECT(cmd, "\r\n#XUDPCLI: -3,\"not connected\"\r\n\r\nERROR\r\n");	/* no network */
	mfix_register(&f);
	EXPECT(cmd, "\r\n#XUDPCLI: 0,\"connected\"\r\n\r\nOK\r\n");
	EXPECT(cmd, "\r\nERROR\r\n");			/* in use */
	EXPECT("AT#XUDPSEND=\"q\\0\"\r\n", "\r\n#XUDPSEND: 3\r\n\r\nOK\r\n");
	peer_gets("q\\0", 3, &from);
	ck_assert_int_eq(sendto(peer, "r\0s", 3, 0, (struct sockaddr *)&from, sizeof(from)), 3);
	mfix_wait_for(&f, "#XUDPDATA: 3\r\n", LIMIT);
	raw_is(data, sizeof(data) - 1);
	EXPECT("AT#XUDPCLI?\r\n", "\r\n#XUDPCLI: 0,1\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPCLI=0\r\n", "\r\n#XUDPCLI: 0,\"disconnected\"\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPCLI=0\r\n", "\r\nOK\r\n");
	EXPECT("AT#XUDPSEND=\"q\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XUDPCLI=1,\"nowhere.invalid\",7\r\n",
	       "\r\n#XUDPCLI: -2,\"not connected\"\r\n\r\nERROR\r\n");
}
END_TEST

/* The server answers whoever sent the last datagram. */
START_TEST(server_answers_the_last_sender)
{
	struct sockaddr_in svr = peer_sa, from;
	socklen_t len = sizeof(svr);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	char cmd[64];

	svr.sin_port = 0;
	bind(fd, (struct sockaddr *)&svr, sizeof(svr));
	getsockname(fd, (struct sockaddr *)&svr, &len);
	close(fd);	/* a port free a moment ago */
	EXPECT("AT#XUDPSVR=?\r\n", "\r\n#XUDPSVR: (0,1,2),<port>,<sec_tag>\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XUDPSVR=1,%d\r\n", ntohs(svr.sin_port));
	EXPECT(cmd, "\r\nERROR\r\n");			/* not registered */
	mfix_register(&f);
	EXPECT(cmd, "\r\n#XUDPSVR: 0,\"started\"\r\n\r\nOK\r\n");
	EXPECT(cmd, "\r\nERROR\r\n");			/* running */
	EXPECT("AT#XUDPSEND=\"early\"\r\n", "\r\nERROR\r\n");	/* nobody to answer */
	ck_assert_int_eq(sendto(peer, "hello", 5, 0, (struct sockaddr *)&svr, sizeof(svr)), 5);
	mfix_wait_for(&f, "#XUDPDATA: 5\r\n", LIMIT);
	raw_is("hello\r\n#XUDPDATA: 5\r\n", 21);
	EXPECT("AT#XUDPSEND=\"back\"\r\n", "\r\n#XUDPSEND: 4\r\n\r\nOK\r\n");
	peer_gets("back", 4, &from);
	ck_assert_int_eq(from.sin_port, svr.sin_port);
	EXPECT("AT#XUDPSVR?\r\n", "\r\n#XUDPSVR: 0,1\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPSVR=0\r\n", "\r\n#XUDPSVR: 0,\"stopped\"\r\n\r\nOK\r\n");
	EXPECT("AT#XUDPSVR?\r\n", "\r\n#XUDPSVR: -1,1\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("udp_proxy");
	TCase *tc = tcase_create("udp_proxy");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, client_datagrams_both_ways);
	tcase_add_test(tc, server_answers_the_last_sender);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
