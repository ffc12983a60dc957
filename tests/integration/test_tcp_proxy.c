/* The TCP proxy (#XTCPCLI, #XTCPSVR, #XTCPSEND, #XTCPHANGUP, #XTCPDATA)
 * against local peers this test runs: a server the modem's client connects
 * to, clients that reach the modem's server on the host's loopback.  Exact
 * bytes of every line. */
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
#include "resolver.h"
#include "sim_ctx.h"

#define LIMIT 30000

static struct mfix f;
static int fds[3];

static void setup(void)
{
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	mfix_setup(&f, &cfg);
	fds[0] = fds[1] = fds[2] = -1;
	mfix_register(&f);
}

static void teardown(void)
{
	for (int i = 0; i < 3; i++)
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

/* A listening socket on a free loopback port; its port. */
static int listener(int *fd)
{
	struct sockaddr_in sa = loopback(0);
	socklen_t len = sizeof(sa);

	*fd = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(*fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(*fd, 2), 0);
	getsockname(*fd, (struct sockaddr *)&sa, &len);
	return ntohs(sa.sin_port);
}

static int connect_to(int port)
{
	struct sockaddr_in sa = loopback(port);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct timeval tv = { .tv_sec = 30 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	return fd;
}

static void reads(int fd, const char *want, size_t n)
{
	char buf[64];
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);

		ck_assert_int_gt(r, 0);
		got += (size_t)r;
	}
	ck_assert_int_eq(memcmp(buf, want, n), 0);
}

static void raw_is(const char *want, size_t n)
{
	ck_assert_uint_eq(f.raw.len, n);
	ck_assert_int_eq(memcmp(f.raw.data, want, n), 0);
}

START_TEST(client_both_ways_and_peer_close)
{
	static const char data[] = "ab\0c\r\n#XTCPDATA: 4\r\n";
	char cmd[96];
	int port = listener(&fds[0]);
	struct timeval tv = { .tv_sec = 30 };

	EXPECT("AT#XTCPCLI=?\r\n", "\r\n#XTCPCLI: (0,1,2),<url>,<port>,<sec_tag>\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPCLI?\r\n", "\r\n#XTCPCLI: -1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPSEND=\"x\"\r\n", "\r\nERROR\r\n");	/* nothing connected */
	snprintf(cmd, sizeof(cmd), "AT#XTCPCLI=1,\"127.0.0.1\",%d\r\n", port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "OK\r\n", LIMIT),
			 "\r\n#XTCPCLI: 0,\"connected\"\r\n\r\nOK\r\n");
	EXPECT(cmd, "\r\nERROR\r\n");			/* in use */
	fds[1] = accept(fds[0], NULL, NULL);
	setsockopt(fds[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	ck_assert_int_eq(write(fds[1], "ab\0c", 4), 4);
	mfix_wait_for(&f, "#XTCPDATA: 4\r\n", LIMIT);
	raw_is(data, sizeof(data) - 1);
	EXPECT("AT#XTCPSEND=\"hey\"\r\n", "\r\n#XTCPSEND: 3\r\n\r\nOK\r\n");
	reads(fds[1], "hey", 3);
	EXPECT("AT#XTCPCLI?\r\n", "\r\n#XTCPCLI: 0,1\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPHANGUP=0\r\n", "\r\nERROR\r\n");	/* a client has no client */
	close(fds[1]);
	fds[1] = -1;
	ck_assert_str_eq(mfix_wait_for(&f, "disconnected\"\r\n", LIMIT),
			 "\r\n#XTCPCLI: -104,\"disconnected\"\r\n");
	EXPECT("AT#XTCPCLI=0\r\n", "\r\nOK\r\n");		/* nothing open */
	close(fds[0]);
	fds[0] = -1;
	/* Nobody listens there now: Zephyr's ECONNREFUSED. */
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "ERROR\r\n", LIMIT),
			 "\r\n#XTCPCLI: -111,\"not connected\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XTCPCLI=1,\"nowhere.invalid\",1\r\n",
	       "\r\n#XTCPCLI: -2,\"not connected\"\r\n\r\nERROR\r\n");
}
END_TEST

START_TEST(server_one_client_hangup_and_stop)
{
	char cmd[64], c;
	int port = listener(&fds[0]);

	close(fds[0]);	/* a port free a moment ago */
	fds[0] = -1;
	EXPECT("AT#XTCPSVR=?\r\n", "\r\n#XTCPSVR: (0,1,2),<port>,<sec_tag>\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPHANGUP=?\r\n", "\r\n#XTCPHANGUP: <handle>\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPSVR=0\r\n", "\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XTCPSVR=1,%d,7\r\n", port);
	EXPECT(cmd, "\r\nERROR\r\n");			/* no TLS server */
	snprintf(cmd, sizeof(cmd), "AT#XTCPSVR=1,%d\r\n", port);
	EXPECT(cmd, "\r\n#XTCPSVR: 0,\"started\"\r\n\r\nOK\r\n");
	EXPECT(cmd, "\r\nERROR\r\n");			/* running */
	fds[0] = connect_to(port);
	ck_assert_str_eq(mfix_wait_for(&f, "connected\"\r\n", LIMIT),
			 "\r\n#XTCPSVR: \"127.0.0.1\",\"connected\"\r\n");
	fds[1] = connect_to(port);			/* full: closed */
	mfix_wait_for(&f, "never", 300);
	ck_assert_int_eq(read(fds[1], &c, 1), 0);
	ck_assert_int_eq(write(fds[0], "x", 1), 1);
	mfix_wait_for(&f, "#XTCPDATA: 1\r\n", LIMIT);
	raw_is("x\r\n#XTCPDATA: 1\r\n", 17);
	EXPECT("AT#XTCPSEND=\"yo\"\r\n", "\r\n#XTCPSEND: 2\r\n\r\nOK\r\n");
	reads(fds[0], "yo", 2);
	EXPECT("AT#XTCPSVR?\r\n", "\r\n#XTCPSVR: 0,1,1\r\n\r\nOK\r\n");
	EXPECT("AT#XTCPHANGUP=0\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XTCPHANGUP=1\r\n", "\r\n#XTCPSVR: -111,\"disconnected\"\r\n\r\nOK\r\n");
	ck_assert_int_eq(read(fds[0], &c, 1), 0);
	fds[2] = connect_to(port);
	ck_assert_str_eq(mfix_wait_for(&f, "connected\"\r\n", LIMIT),
			 "\r\n#XTCPSVR: \"127.0.0.1\",\"connected\"\r\n");
	EXPECT("AT#XTCPSVR=0\r\n", "\r\n#XTCPSVR: 0,\"disconnected\"\r\n"
	       "\r\n#XTCPSVR: 0,\"stopped\"\r\n\r\nOK\r\n");
	ck_assert_int_eq(read(fds[2], &c, 1), 0);
	EXPECT("AT#XTCPSVR?\r\n", "\r\n#XTCPSVR: -1,-1,1\r\n\r\nOK\r\n");
}
END_TEST

/* The modem's client connected to a local server (fds[0] listening,
 * fds[1] accepted), then in data mode by AT#XTCPSEND. */
static void client_in_datamode(const char *entered)
{
	char cmd[96];
	int port = listener(&fds[0]);

	snprintf(cmd, sizeof(cmd), "AT#XTCPCLI=1,\"127.0.0.1\",%d\r\n", port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "OK\r\n", LIMIT),
			 "\r\n#XTCPCLI: 0,\"connected\"\r\n\r\nOK\r\n");
	fds[1] = accept(fds[0], NULL, NULL);
	EXPECT("AT#XTCPSEND\r\n", entered);
}

/* slm_at_tcp_proxy.c v1.8.0 tcpcli_thread_func: POLLHUP ends data mode
 * (exit_datamode(DATAMODE_EXIT_URC)), then the disconnected line. */
START_TEST(client_peer_close_ends_datamode)
{
	client_in_datamode("");
	ck_assert_int_eq(write(fds[1], "zz", 2), 2);
	close(fds[1]);
	fds[1] = -1;
	ck_assert_str_eq(mfix_wait_for(&f, "disconnected\"\r\n", LIMIT),
			 "zz\r\n#XDATAMODE: 0\r\n\r\n#XTCPCLI: -104,\"disconnected\"\r\n");
	EXPECT("AT#XTCPCLI?\r\n", "\r\n#XTCPCLI: -1,1\r\n\r\nOK\r\n");
}
END_TEST

/* tcpsvr_terminate_connection(): the same for the server's client; the
 * server goes on listening. */
START_TEST(server_client_close_ends_datamode)
{
	char cmd[64];
	int port = listener(&fds[0]);

	close(fds[0]);
	fds[0] = -1;
	snprintf(cmd, sizeof(cmd), "AT#XTCPSVR=1,%d\r\n", port);
	EXPECT(cmd, "\r\n#XTCPSVR: 0,\"started\"\r\n\r\nOK\r\n");
	fds[0] = connect_to(port);
	mfix_wait_for(&f, "connected\"\r\n", LIMIT);
	EXPECT("AT#XTCPSEND\r\n", "");
	close(fds[0]);
	fds[0] = -1;
	ck_assert_str_eq(mfix_wait_for(&f, "disconnected\"\r\n", LIMIT),
			 "\r\n#XDATAMODE: 0\r\n\r\n#XTCPSVR: -104,\"disconnected\"\r\n");
	EXPECT("AT#XTCPSVR?\r\n", "\r\n#XTCPSVR: 0,-1,1\r\n\r\nOK\r\n");
}
END_TEST

/* From NCS 2.7 the proxy sends the terminator to the host and says
 * nothing more (tcp_datamode_callback, SLM_DATAMODE_FLAGS_EXIT_HANDLER);
 * the host's own "+++" then gets the cause. */
START_TEST(ncs27_peer_close_sends_the_terminator)
{
	struct modem_config cfg;
	char err[128];

	mfix_teardown(&f);
	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert(!config_set(&cfg, "modem", "slm_profile", "2.7", err, sizeof(err)));
	mfix_setup(&f, &cfg);
	mfix_register(&f);
	client_in_datamode("\r\nOK\r\n");
	close(fds[1]);
	fds[1] = -1;
	ck_assert_str_eq(mfix_wait_for(&f, "+++", LIMIT), "+++");
	mfix_wait_for(&f, "never", 300);
	EXPECT("+++", "\r\n#XDATAMODE: -104\r\n");
	EXPECT("AT#XTCPCLI?\r\n", "\r\n#XTCPCLI: -1,1\r\n\r\nOK\r\n");
}
END_TEST

/* A mapping that says where a local client stands for (slmreplay's
 * replay of a logged client): the server shows that address. */
START_TEST(server_client_shown_as_mapped)
{
	struct sockaddr_in sa = loopback(0), to;
	socklen_t len = sizeof(sa);
	char cmd[96], err[128];
	int port = listener(&fds[0]);

	close(fds[0]);
	fds[1] = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(bind(fds[1], (struct sockaddr *)&sa, sizeof(sa)), 0);
	getsockname(fds[1], (struct sockaddr *)&sa, &len);
	snprintf(cmd, sizeof(cmd), "192.0.2.88:%d=127.0.0.1:%d,192.0.2.88", ntohs(sa.sin_port),
		 ntohs(sa.sin_port));
	ck_assert_int_eq(resolver_add(f.ctx->resolver, cmd, err, sizeof(err)), 0);
	snprintf(cmd, sizeof(cmd), "AT#XTCPSVR=1,%d\r\n", port);
	EXPECT(cmd, "\r\n#XTCPSVR: 0,\"started\"\r\n\r\nOK\r\n");
	to = loopback(port);
	ck_assert_int_eq(connect(fds[1], (struct sockaddr *)&to, sizeof(to)), 0);
	ck_assert_str_eq(mfix_wait_for(&f, "connected\"\r\n", LIMIT),
			 "\r\n#XTCPSVR: \"192.0.2.88\",\"connected\"\r\n");
	fds[0] = connect_to(port);	/* any other client shows as itself */
	EXPECT("AT#XTCPHANGUP=1\r\n", "\r\n#XTCPSVR: -111,\"disconnected\"\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tcp_proxy");
	TCase *tc = tcase_create("tcp_proxy");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, client_both_ways_and_peer_close);
	tcase_add_test(tc, server_one_client_hangup_and_stop);
	tcase_add_test(tc, client_peer_close_ends_datamode);
	tcase_add_test(tc, server_client_close_ends_datamode);
	tcase_add_test(tc, ncs27_peer_close_sends_the_terminator);
	tcase_add_test(tc, server_client_shown_as_mapped);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
