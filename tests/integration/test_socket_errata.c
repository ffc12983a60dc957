/* The socket errata of the fact sheet (section 9): exact bytes of the
 * socket commands, binary data with NUL bytes over TCP, UDP datagrams with
 * #XSENDTO/#XRECVFROM and data mode, against local peers this test runs. */
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

/* A TCP peer that answers the first bytes with 8 bytes holding NULs, then
 * with 1000 bytes (more than one #XRECV takes). */
static int binary_peer(void)
{
	int port, ls = lp_bound_socket(AF_INET, SOCK_STREAM, &port);

	ck_assert_int_eq(listen(ls, 1), 0);
	peer = fork();
	if (peer == 0) {
		char buf[64], big[1000];
		int c = accept(ls, NULL, NULL);

		memset(big, 'b', sizeof(big));
		if (read(c, buf, sizeof(buf)) <= 0 || write(c, "a\0b\0\0c\xff\n", 8) != 8 ||
		    read(c, buf, sizeof(buf)) <= 0 || write(c, big, sizeof(big)) != sizeof(big))
			_exit(1);
		sleep(30);
		_exit(0);
	}
	close(ls);
	return port;
}

/* A UDP peer that sends every datagram back reversed. */
static int udp_peer(void)
{
	int port;

	peer = lp_udp_reverse(AF_INET, &port);
	return port;
}

/* #XSOCKETOPT as do_socketopt_set_int/_str/_get: time-outs read back as
 * "<n> sec", "not supported" where the SLM prints it, and options that
 * touch no socket fail only where the SLM's call would. */
START_TEST(socket_options)
{
	EXPECT("AT#XSOCKETOPT=?\r\n", "\r\n#XSOCKETOPT: (0,1),<name>,<value>\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,20,30\r\n", "\r\nERROR\r\n");	/* no socket */
	EXPECT("AT#XSOCKETOPT=0,20\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=0,38\r\n", "\r\n#XSOCKETOPT: \"not supported\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,21\r\n", "\r\n#XSOCKETOPT: \"0 sec\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,20,30\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,20\r\n", "\r\n#XSOCKETOPT: \"30 sec\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,55,15\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,55\r\n", "\r\n#XSOCKETOPT: 15\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,4\r\n", "\r\n#XSOCKETOPT: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,50\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,25,\"pdn0\"\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=1,20,\"x\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=1,12,1\r\n", "\r\n#XSOCKETOPT: \"not supported\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=1,99,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKETOPT=0,99\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=7,20\r\n", "\r\nOK\r\n");
	/* The options go with the socket. */
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKETOPT=0,20\r\n", "\r\n#XSOCKETOPT: \"0 sec\"\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(open_close_read_test_forms)
{
	EXPECT("AT#XSOCKET=0\r\n", "\r\nOK\r\n");	/* nothing open: OK, no line */
	EXPECT("AT#XSOCKET=?\r\n", "\r\n#XSOCKET: (0,1,2),(1,2,3),(0,1)\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=?\r\n",
	       "\r\n#XSSOCKET: (0,1,2),(1,2),(0,1)<sec-tag>,<peer_verify>\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=?\r\n", "\r\n#XSSOCKETOPT: (1),<name>,<value>\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=1,1,0,42\r\n", "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r\n", "\r\n#XSOCKET: 0,1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=0,4\r\n", "\r\n#XSSOCKETOPT: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,2,\"\"\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,5,1\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,8,1\r\n", "\r\n#XSSOCKETOPT: \"not supported\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XSSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	/* #XSSOCKET? reports any open socket; options need a secure one. */
	EXPECT("AT#XSSOCKET?\r\n", "\r\n#XSSOCKET: 0,1,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKETOPT=1,5,1\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r\n", "\r\n#XSOCKET: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XRECV\r\n", "\r\nERROR\r\n");	/* the time-out is mandatory */
	EXPECT("AT#XSEND=\"x\"\r\n", "\r\n#XSEND: 0\r\n\r\nERROR\r\n");
}
END_TEST

START_TEST(getaddrinfo_lines)
{
	EXPECT("AT#XGETADDRINFO=\"x.example\"\r\n", "\r\n#XGETADDRINFO: \"EAI_AGAIN\"\r\n\r\nERROR\r\n");
	mfix_register(&f);
	EXPECT("AT#XGETADDRINFO=\"x.example\"\r\n", "\r\n#XGETADDRINFO: \"EAI_NONAME\"\r\n\r\nERROR\r\n");
	EXPECT("AT#XGETADDRINFO=\"127.0.0.1\"\r\n", "\r\n#XGETADDRINFO: \"127.0.0.1\"\r\n\r\nOK\r\n");
}
END_TEST

START_TEST(binary_data_whole_and_668_per_receive)
{
	char cmd[128];
	const char *out;
	static const char want[] = "\r\na\0b\0\0c\xff\n\r\n#XRECV: 8\r\n\r\nOK\r\n";

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"127.0.0.1\",%d\r\n", binary_peer());
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_wait_for(&f, "OK\r\n", LIMIT), "\r\n#XCONNECT: 1\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND=\"go\"\r\n", "\r\n#XSEND: 2\r\n\r\nOK\r\n");
	receive("AT#XRECV=10\r\n");
	/* The SLM writes the data raw, no CRLF before it. */
	ck_assert_uint_eq(f.raw.len, sizeof(want) - 3);
	ck_assert_int_eq(memcmp(f.raw.data, want + 2, sizeof(want) - 3), 0);
	EXPECT("AT#XSEND=\"more\"\r\n", "\r\n#XSEND: 4\r\n\r\nOK\r\n");
	out = receive("AT#XRECV=10\r\n");
	ck_assert(strstr(out, "\r\n#XRECV: 668\r\n\r\nOK\r\n"));
	/* The rest may still be on its way: what is there, then the rest. */
	out = receive("AT#XRECV=10\r\n");
	if (!strstr(out, "#XRECV: 332\r\n")) {
		ck_assert(strstr(out, "\r\n#XRECV: "));
		out = receive("AT#XRECV=10\r\n");
	}
	ck_assert(strstr(out, "\r\nOK\r\n"));
}
END_TEST

START_TEST(udp_sendto_recvfrom_and_data_mode)
{
	char cmd[128];
	int port = udp_peer();

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=\"127.0.0.1\",%d,\"abc\"\r\n", port);
	EXPECT(cmd, "\r\n#XSENDTO: 3\r\n\r\nOK\r\n");
	ck_assert_str_eq(receive("AT#XRECVFROM=5\r\n"),
			 "cba\r\n#XRECVFROM: 3,\"127.0.0.1\"\r\n\r\nOK\r\n");
	/* Data mode: each chunk is one datagram. */
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=\"127.0.0.1\",%d\r\n", port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	ck_assert_str_eq(mfix_cmd(&f, "hello"), "");
	mfix_advance(&f, 1500);
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	ck_assert_str_eq(receive("AT#XRECVFROM=5\r\n"),
			 "olleh\r\n#XRECVFROM: 5,\"127.0.0.1\"\r\n\r\nOK\r\n");
}
END_TEST

static void expect_datagram(size_t n)
{
	char want[48];

	snprintf(want, sizeof(want), "#XRECVFROM: %zu,\"127.0.0.1\"", n);
	ck_assert_ptr_nonnull(strstr(receive("AT#XRECVFROM=5\r\n"), want));
}

static void burst(size_t n)
{
	char data[512];

	memset(data, 'a', n);
	data[n] = '\0';
	ck_assert_str_eq(mfix_cmd(&f, data), "");
	mfix_advance(&f, 20);
}

/* Data-mode chunks follow the UART's 256-byte DMA buffer across bursts (a
 * "+++" straddling its end is two chunks of data); a destination an
 * #XSENDTO left stays for #XSEND's data mode until data mode ends. */
START_TEST(datamode_dma_position_and_sendto_destination)
{
	static const size_t sizes[] = { 100, 156, 144, 110, 2, 1 };
	char cmd[128];
	int port = udp_peer();

	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,2,0\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XSENDTO=\"127.0.0.1\",%d,\"abc\"\r\n", port);
	EXPECT(cmd, "\r\n#XSENDTO: 3\r\n\r\nOK\r\n");
	expect_datagram(3);
	EXPECT("AT#XSEND\r\n", "");
	burst(100);
	burst(300);	/* 156 fill the buffer, 144 start the next */
	burst(110);	/* at 254 */
	mfix_advance(&f, 1500);
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");	/* "++" and "+": data */
	ck_assert_str_eq(mfix_advance(&f, 1500), "");
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		expect_datagram(sizes[i]);
	/* The exit forgot the destination: an unconnected socket cannot send. */
	EXPECT("AT#XSEND\r\n", "");
	ck_assert_str_eq(mfix_cmd(&f, "hi"), "\r\nERROR\r\n");
}
END_TEST

/* slm_at_uninit() closes the socket first: #XRESET after its OK, #XSLEEP
 * (idle, sleep) 100 ms after; waking from idle re-initialises the host. */
START_TEST(reset_and_sleep_close_the_socket)
{
	EXPECT("AT#XSOCKET=1,2,0,\r\n", "\r\n#XSOCKET: 0,2,17\r\n\r\nOK\r\n");
	EXPECT("AT#XSEND=\"\"\r\n", "\r\n#XSEND: 0\r\n\r\nOK\r\n");	/* do_send() of nothing */
	EXPECT("AT#XRESET\r\n", "\r\nOK\r\n\r\n#XSOCKET: 0,\"closed\"\r\n");
	ck_assert_str_eq(mfix_advance(&f, 1000), "Ready\r\n");
	EXPECT("AT#XSOCKET=1,1,0\r\n", "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	EXPECT("AT#XDATACTRL=500\r\n", "\r\nOK\r\n");
	EXPECT("AT#XSLEEP=0\r\n", "\r\nOK\r\n");
	ck_assert_str_eq(mfix_advance(&f, 200), "\r\n#XSOCKET: 0,\"closed\"\r\n");
	modem_wake(f.m);
	ck_assert_str_eq(mfix_advance(&f, 0), "Ready\r\n");
	EXPECT("AT#XDATACTRL?\r\n", "\r\n#XDATACTRL: 0,32\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r\n", "\r\n#XSOCKET: 0\r\n\r\nOK\r\n");
	EXPECT("AT#XSLEEP=2\r\n", "\r\nOK\r\n");	/* UART off: the SLM keeps running */
	ck_assert_str_eq(mfix_advance(&f, 200), "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("socket_errata");
	TCase *tc = tcase_create("socket_errata");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, open_close_read_test_forms);
	tcase_add_test(tc, socket_options);
	tcase_add_test(tc, getaddrinfo_lines);
	tcase_add_test(tc, binary_data_whole_and_668_per_receive);
	tcase_add_test(tc, udp_sendto_recvfrom_and_data_mode);
	tcase_add_test(tc, reset_and_sleep_close_the_socket);
	tcase_add_test(tc, datamode_dma_position_and_sendto_destination);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
