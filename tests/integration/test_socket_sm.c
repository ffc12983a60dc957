/* The Serial Modem's socket model (profiles sm-0.2, sm-0.3, sm-2.0 of
 * slm-versions.md 3.4), byte for byte against local peers this test runs:
 * handle-first commands, #XCLOSE, one read line per socket, hex modes,
 * <data_len> data mode, #XSENDNTF, automatic reception (#XRECVCFG),
 * #XAPOLL in its two syntaxes, and the SM sending "+++" when the socket
 * fails in data mode.  The NCS 1.8 syntax is refused. */
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

#define LIMIT 30000

static struct mfix f;
static pid_t peer;

static void start(const char *spec)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	ck_assert(!config_set_arg(&cfg, "modem.terminator=cr", err, sizeof(err)));
	ck_assert_msg(!config_set(&cfg, "modem", "slm_profile", spec, err, sizeof(err)), "%s", err);
	mfix_setup(&f, &cfg);
}

static void setup(void)
{
	peer = 0;
	start("sm-1.0");
}

static void teardown(void)
{
	lp_stop(&peer);
	mfix_teardown(&f);
}

/* mfix_register() with the SM's CR. */
static void attach(void)
{
	const char *out;
	int n, stat;

	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=1\r"), "\r\nOK\r\n");
	mfix_advance(&f, 60000);
	out = mfix_cmd(&f, "AT+CEREG?\r");
	ck_assert_msg(sscanf(out, "\r\n+CEREG: %d,%d", &n, &stat) == 2 && (stat == 1 || stat == 5),
		      "not registered after AT+CFUN=1: %s", out);
}

static void restart(const char *spec)
{
	mfix_teardown(&f);
	start(spec);
}

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)
/* An answer that needs the peer: now, or once the loop has run. */
#define AWAIT(cmd, out) do { \
		const char *got_ = mfix_cmd(&f, cmd); \
		if (!strstr(got_, "OK\r\n") && !strstr(got_, "ERROR\r\n")) \
			got_ = mfix_wait_for(&f, "\r\n", LIMIT); \
		ck_assert_str_eq(got_, out); \
	} while (0)

/* A TCP peer that sends back what it reads, and closes on reading "bye". */
static int echo_peer(void)
{
	int port, ls = lp_bound_socket(AF_INET, SOCK_STREAM, &port);

	ck_assert_int_eq(listen(ls, 1), 0);
	peer = fork();
	if (peer == 0) {
		char buf[4096];
		int c = accept(ls, NULL, NULL);
		ssize_t n;

		while ((n = read(c, buf, sizeof(buf))) > 0) {
			if (n >= 3 && !memcmp(buf + n - 3, "bye", 3))
				break;
			if (write(c, buf, (size_t)n) != n)
				break;
		}
		close(c);
		sleep(30);
		_exit(0);
	}
	close(ls);
	return port;
}

/* Socket h connected to a new echo peer. */
static void connect_echo(int h)
{
	char cmd[96], want[64];

	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=%d,\"127.0.0.1\",%d\r", h, echo_peer());
	snprintf(want, sizeof(want), "\r\n#XCONNECT: %d,1\r\n\r\nOK\r\n", h);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "OK\r\n", LIMIT), want);
}

/* What the peer echoed has arrived: #XAPOLL says so (after its OK). */
static void let_peer_answer(int h)
{
	char cmd[64];
	const char *out;

	snprintf(cmd, sizeof(cmd), "AT#XAPOLL=%d,1,1\r", h);
	out = mfix_cmd(&f, cmd);
	if (!strstr(out, "#XAPOLL"))
		out = mfix_wait_for(&f, "#XAPOLL", LIMIT);
	ck_assert_msg(strstr(out, "#XAPOLL: "), "no POLLIN: %s", out);
	snprintf(cmd, sizeof(cmd), "AT#XAPOLL=%d,0\r", h);
	EXPECT(cmd, "\r\nOK\r\n");
}

START_TEST(open_list_close_by_handle)
{
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,2,0,3\r", "\r\n#XSOCKET: 1,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=2,1,0,42\r", "\r\n#XSSOCKET: 2,1,258\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=1,2,0,7,0,1\r", "\r\n#XSSOCKET: 3,2,273\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r",
	       "\r\n#XSOCKET: 0,1,0,1,0\r\n\r\n#XSOCKET: 1,1,0,2,3\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET?\r",
	       "\r\n#XSSOCKET: 2,2,0,1,42,0\r\n\r\n#XSSOCKET: 3,1,0,2,7,1\r\n\r\nOK\r\n");
	EXPECT("AT#XCLOSE=1\r", "\r\n#XCLOSE: 1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XCLOSE=1\r", "\r\nERROR\r\n");	/* no such handle */
	/* The lowest free fd again. */
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XCLOSE\r", "\r\n#XCLOSE: 0,0\r\n\r\n#XCLOSE: 1,0\r\n\r\n#XCLOSE: 2,0\r\n"
	       "\r\n#XCLOSE: 3,0\r\n\r\nOK\r\n");
	EXPECT("AT#XCLOSE\r", "\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r", "\r\nOK\r\n");
	/* The SLM's forms are gone: <op> 0 is no family, no close op. */
	EXPECT("AT#XSOCKET=0\r", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=1,1,0,11\r", "\r\nERROR\r\n");	/* cid 0-10 */
	EXPECT("AT#XSOCKET=?\r", "\r\n#XSOCKET: <handle>,(1,2),(1,2,3),(0,1),<cid>\r\n\r\nOK\r\n");
	for (int i = 0; i < 8; i++)
		mfix_cmd(&f, "AT#XSOCKET=1,1,0\r");
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\nERROR\r\n");	/* eight at most */
}
END_TEST

START_TEST(send_receive_plain_and_hex)
{
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XCONNECT=\"127.0.0.1\",7\r", "\r\nERROR\r\n");	/* handle first */
	EXPECT("AT#XSEND=0,0,0,\"early\"\r", "\r\n#XSEND: 0,0,0\r\n\r\nERROR\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,0,0,\"Hello\"\r", "\r\n#XSEND: 0,0,5\r\n\r\nOK\r\n");
	let_peer_answer(0);
	EXPECT("AT#XRECV=0,0,0,5,2\r", "\r\n#XRECV: 0,0,2\r\nHe\r\nOK\r\n");
	EXPECT("AT#XRECV=0,1,0,5\r", "\r\n#XRECV: 0,1,3\r\n6c6c6f\r\nOK\r\n");
	/* Nothing left: MSG_DONTWAIT fails at once. */
	EXPECT("AT#XRECV=0,0,64,5\r", "\r\nERROR\r\n");
	EXPECT("AT#XRECV=0,0,0,5,2049\r", "\r\nERROR\r\n");	/* more than the buffer */
	EXPECT("AT#XSEND=0,1,0,\"00FF0a\"\r", "\r\n#XSEND: 0,0,3\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND=0,1,0,\"0F0\"\r", "\r\nERROR\r\n");	/* odd digits */
	EXPECT("AT#XSEND=0,1,0,\"zz\"\r", "\r\nERROR\r\n");
	EXPECT("AT#XSEND=0,3,0,\"x\"\r", "\r\nERROR\r\n");
	let_peer_answer(0);
	EXPECT("AT#XRECV=0,1,0,5\r", "\r\n#XRECV: 0,1,3\r\n00ff0a\r\nOK\r\n");
	/* Flag 8192: result type 1, the network's word after the answer. */
	EXPECT("AT#XSEND=0,0,8192,\"ack\"\r", "\r\n#XSEND: 0,1,3\r\n\r\nOK\r\n"
	       "\r\n#XSENDNTF: 0,0,3\r\n");
}
END_TEST

/* Hex is upper case before SM v1.0.0 (sm_util_htoa). */
START_TEST(hex_upper_case_before_1_0)
{
	restart("sm-0.3");
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,1,0,\"abcdef\"\r", "\r\n#XSEND: 0,0,3\r\n\r\nOK\r\n");
	let_peer_answer(0);
	EXPECT("AT#XRECV=0,1,0,5\r", "\r\n#XRECV: 0,1,3\r\nABCDEF\r\nOK\r\n");
}
END_TEST

/* With <data_len> exactly that many bytes are sent, "+++" among them, and
 * data mode ends by itself; what follows is a command again. */
START_TEST(data_mode_with_length)
{
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,2,0,7\r", "\r\nOK\r\n");
	EXPECT("ab+", "");
	EXPECT("++cdAT\r", "\r\n#XDATAMODE: 0\r\n\r\nOK\r\n");
	let_peer_answer(0);
	EXPECT("AT#XRECV=0,0,0,5\r", "\r\n#XRECV: 0,0,7\r\nab+++cd\r\nOK\r\n");
}
END_TEST

/* #XRECVCFG (SM v0.3.0+): the bytes come unasked after the answer; in
 * data mode with flag 2 only the bytes. */
START_TEST(automatic_reception)
{
	attach();
	EXPECT("AT#XRECVCFG=,1\r", "\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XRECVCFG?\r", "\r\n#XRECVCFG: 0,1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XRECVCFG=0,2,1\r", "\r\nERROR\r\n");	/* no hex in data mode */
	EXPECT("AT#XRECVCFG=5,1\r", "\r\nERROR\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,0,0,\"ping\"\r", "\r\n#XSEND: 0,0,4\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_wait_for(&f, "ping\r\n", LIMIT), "\r\n#XRECV: 0,0,4\r\nping\r\n");
	EXPECT("AT#XRECVCFG=0,3\r", "\r\nOK\r\n");
	EXPECT("AT#XSEND=0,2,0\r", "\r\nOK\r\n");
	EXPECT("in data mode", "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");	/* the time limit: sent */
	ck_assert_str_eq(mfix_wait_for(&f, "mode", LIMIT), "in data mode");
	EXPECT("AT#XRECVCFG=?\r", "");	/* still data */
	ck_assert_str_eq(mfix_advance(&f, 1000), "");
	ck_assert_str_eq(mfix_wait_for(&f, "?\r", LIMIT), "AT#XRECVCFG=?\r");
}
END_TEST

/* A socket error in data mode: from SM v0.3.0 the SM sends "+++", drops
 * the host's bytes until its "+++", then #XDATAMODE: -1. */
START_TEST(socket_error_in_data_mode)
{
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,2,0\r", "\r\nOK\r\n");
	EXPECT("bye", "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");	/* the time limit: sent */
	ck_assert_str_eq(mfix_wait_for(&f, "+++", LIMIT), "+++");
	EXPECT("lost bytes", "");
	EXPECT("+++", "\r\n#XDATAMODE: -1\r\n");
	EXPECT("AT#XCLOSE=0\r", "\r\n#XCLOSE: 0,0\r\n\r\nOK\r\n");
}
END_TEST

/* SM v0.2.0 stays in data mode: the bytes are dropped. */
START_TEST(socket_error_in_data_mode_v0_2)
{
	restart("sm-0.2");
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	connect_echo(0);
	EXPECT("AT#XSEND=0,2,0\r", "\r\nOK\r\n");
	EXPECT("bye", "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "");
	ck_assert_str_eq(mfix_wait_for(&f, "+++", 2000), "");
	EXPECT("lost bytes", "");
}
END_TEST

/* #XAPOLL: SM v0.3.0's [<h>],<op>[,<events>] and v0.2.0's <op>,<events>[,<h>...]. */
START_TEST(async_poll_both_syntaxes)
{
	attach();
	EXPECT("AT#XSOCKET=1,2,0\r", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XAPOLL=,1,4\r", "\r\nOK\r\n\r\n#XAPOLL: 0,4\r\n");
	EXPECT("AT#XAPOLL?\r", "\r\n#XAPOLL: 0,4\r\n\r\nOK\r\n");
	EXPECT("AT#XAPOLL=0,1,2\r", "\r\nERROR\r\n");
	EXPECT("AT#XAPOLL=1,5\r", "\r\nERROR\r\n");	/* op first: v0.2.0 only */
	EXPECT("AT#XAPOLL=?\r", "\r\n#XAPOLL: <handle>,(0,1),(0,1,4,5)\r\n\r\nOK\r\n");
	restart("sm-0.2");
	EXPECT("AT#XSOCKET=1,2,0\r", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,2,0\r", "\r\n#XSOCKET: 1,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XAPOLL=1,4,1\r", "\r\nOK\r\n\r\n#XAPOLL: 1,4\r\n");
	EXPECT("AT#XAPOLL?\r", "\r\n#XAPOLL: 1,4,1\r\n\r\nOK\r\n");
	EXPECT("AT#XAPOLL=,1,4\r", "\r\nERROR\r\n");
	EXPECT("AT#XRECVCFG=,1\r", "\r\nERROR\r\n");	/* v0.3.0 on */
	EXPECT("AT#XAPOLL=0\r", "\r\nOK\r\n");
	EXPECT("AT#XAPOLL?\r", "\r\n#XAPOLL: 0,0\r\n\r\nOK\r\n");
}
END_TEST

/* A UDP peer that sends every datagram back reversed. */
static int udp_peer(void)
{
	int port;

	peer = lp_udp_reverse(AF_INET, &port);
	return port;
}

START_TEST(datagrams_with_their_sender)
{
	char cmd[96], want[96];
	int port = udp_peer();

	attach();
	EXPECT("AT#XSOCKET=1,2,0\r", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=0,0,0,\"127.0.0.1\",%d,\"abc\"\r", port);
	EXPECT(cmd, "\r\n#XSENDTO: 0,0,3\r\n\r\nOK\r\n");
	snprintf(want, sizeof(want), "\r\n#XRECVFROM: 0,0,3,\"127.0.0.1\",%d\r\ncba\r\nOK\r\n", port);
	AWAIT("AT#XRECVFROM=0,0,0,10\r", want);
	EXPECT("AT#XSEND=0,0,0,\"x\"\r", "\r\n#XSEND: 0,0,0\r\n\r\nERROR\r\n");	/* no peer */
}
END_TEST

/* SM v2.0.0-preview1: #XLISTEN and #XACCEPT by handle, the client a new
 * socket; accept does not wait, #XAPOLL tells of a client. */
START_TEST(server_by_handle)
{
	struct sockaddr_in me;
	socklen_t len = sizeof(me);
	char cmd[96], want[128];
	int port, probe = lp_bound_socket(AF_INET, SOCK_STREAM, &port), client;
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	const char *out;

	close(probe);
	EXPECT("AT#XLISTEN=0\r", "\r\nERROR\r\n");	/* sm-1.0 has none */
	restart("sm-2.0");
	attach();
	EXPECT("AT#XSOCKET=1,1,1\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XLISTEN=0\r", "\r\nERROR\r\n");	/* not bound */
	snprintf(cmd, sizeof(cmd), "AT#XBIND=0,%d\r", port);
	EXPECT(cmd, "\r\nOK\r\n");
	EXPECT("AT#XLISTEN=0\r", "\r\nOK\r\n");
	snprintf(want, sizeof(want), "\r\n#XLISTEN: 0,0,%d\r\n\r\nOK\r\n", port);
	EXPECT("AT#XLISTEN?\r", want);
	EXPECT("AT#XACCEPT=0\r", "\r\nERROR\r\n");	/* nobody waits */
	EXPECT("AT#XAPOLL=0,1,1\r", "\r\nOK\r\n");
	client = socket(AF_INET, SOCK_STREAM, 0);
	ck_assert_int_eq(connect(client, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_str_eq(mfix_wait_for(&f, "\r\n#XAPOLL: 0,1\r\n", LIMIT), "\r\n#XAPOLL: 0,1\r\n");
	getsockname(client, (struct sockaddr *)&me, &len);
	snprintf(want, sizeof(want), "\r\n#XACCEPT: 1,0,\"127.0.0.1\",%d\r\n\r\nOK\r\n",
		 ntohs(me.sin_port));
	out = mfix_cmd(&f, "AT#XACCEPT=0\r");
	if (!strstr(out, "OK\r\n"))
		out = mfix_wait_for(&f, "OK\r\n", LIMIT);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(write(client, "hi", 2), 2);
	let_peer_answer(1);
	EXPECT("AT#XRECV=1,0,0,5\r", "\r\n#XRECV: 1,0,2\r\nhi\r\nOK\r\n");
	EXPECT("AT#XCLOSE\r", "\r\n#XCLOSE: 0,0\r\n\r\n#XCLOSE: 1,0\r\n\r\nOK\r\n");
	close(client);
}
END_TEST

/* Options by handle, the SM's numbers: SO_SNDTIMEO 30 from the opening,
 * SO_RCVTIMEO the last #XRECV's, set-only ones fail a get. */
START_TEST(socket_options_by_handle)
{
	attach();
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 1,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,0,21\r", "\r\n#XSOCKETOPT: 1,30\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,1,21,12\r", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,0,21\r", "\r\n#XSOCKETOPT: 1,12\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,0,21\r", "\r\n#XSOCKETOPT: 0,30\r\n\r\nOK\r\n");
	connect_echo(1);
	EXPECT("AT#XRECV=1,0,64,9\r", "\r\nERROR\r\n");	/* nothing yet, SO_RCVTIMEO 9 */
	EXPECT("AT#XSOCKETOPT=1,0,20\r", "\r\n#XSOCKETOPT: 1,9\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,1,31\r", "\r\nOK\r\n");	/* no <value>: 0 */
	EXPECT("AT#XSOCKETOPT=0,0,31\r", "\r\n#XSOCKETOPT: 0,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,1,61,2\r", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,0,61\r", "\r\nERROR\r\n");	/* set-only */
	EXPECT("AT#XSOCKETOPT=0,1,61,6\r", "\r\nERROR\r\n");	/* RAI 1-5 */
	EXPECT("AT#XSOCKETOPT=0,1,55,60\r", "\r\nERROR\r\n");	/* SM v2.0 on */
	EXPECT("AT#XSOCKETOPT=0,2,20\r", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=5,0,20\r", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=1,20,7\r", "\r\nERROR\r\n");	/* the NCS syntax */
	EXPECT("AT#XSOCKETOPT?\r", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=?\r", "\r\n#XSOCKETOPT: <handle>,(0,1),<name>,<value>\r\n\r\nOK\r\n");
	restart("sm-2.0");
	EXPECT("AT#XSOCKET=1,1,1\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,1,55,60\r", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,0,55\r", "\r\n#XSOCKETOPT: 0,60\r\n\r\nOK\r\n");
}
END_TEST

/* TLS options of a secure socket by handle; 22 DTLS_FRAG_EXT from v0.3.0. */
START_TEST(tls_options_by_handle)
{
	EXPECT("AT#XSOCKET=1,1,0\r", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=1,1,0,17\r", "\r\n#XSSOCKET: 1,1,258\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=0,1,5,1\r", "\r\nERROR\r\n");	/* not a secure socket */
	EXPECT("AT#XSSOCKETOPT=1,0,5\r", "\r\n#XSSOCKETOPT: 1,2\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,1,5,0\r", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,5\r", "\r\n#XSSOCKETOPT: 1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,1,2,\"peer.example.net\"\r", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,2\r", "\r\n#XSSOCKETOPT: 1,peer.example.net\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,1,18,7\r", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,18\r", "\r\n#XSSOCKETOPT: 1,7\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,15\r", "\r\n#XSSOCKETOPT: 1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,4\r", "\r\nERROR\r\n");	/* no session yet */
	EXPECT("AT#XSSOCKETOPT=1,1,22,2\r", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,0,22\r", "\r\n#XSSOCKETOPT: 1,2\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,1,12\r", "\r\nERROR\r\n");	/* a set needs <value> */
	EXPECT("AT#XSSOCKETOPT=1,3,12,1\r", "\r\nERROR\r\n");
	EXPECT("AT#XSSOCKETOPT=1,12,1\r", "\r\nERROR\r\n");	/* the NCS syntax */
	EXPECT("AT#XSSOCKETOPT=?\r", "\r\n#XSSOCKETOPT: <handle>,(0,1),<name>,<value>\r\n\r\nOK\r\n");
	restart("sm-0.2");
	EXPECT("AT#XSSOCKET=1,1,0,17\r", "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=0,1,22,2\r", "\r\nERROR\r\n");
	EXPECT("AT#XSSOCKETOPT=0,1,2,\"NULL\"\r", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=0,0,2\r", "\r\n#XSSOCKETOPT: 0,\r\n\r\nOK\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("socket_sm");
	TCase *tc = tcase_create("sm");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, open_list_close_by_handle);
	tcase_add_test(tc, send_receive_plain_and_hex);
	tcase_add_test(tc, hex_upper_case_before_1_0);
	tcase_add_test(tc, data_mode_with_length);
	tcase_add_test(tc, automatic_reception);
	tcase_add_test(tc, socket_error_in_data_mode);
	tcase_add_test(tc, socket_error_in_data_mode_v0_2);
	tcase_add_test(tc, async_poll_both_syntaxes);
	tcase_add_test(tc, datagrams_with_their_sender);
	tcase_add_test(tc, server_by_handle);
	tcase_add_test(tc, socket_options_by_handle);
	tcase_add_test(tc, tls_options_by_handle);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
