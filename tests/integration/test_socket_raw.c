/* RAW sockets (#XSOCKET type 3, AF_PACKET in the SLM): whole IP packets
 * in data mode; the emulated network answers ICMP echo requests, IPv4 and
 * IPv6, and drops the rest with the reason on the log.  Exact bytes. */
#include <check.h>
#include <string.h>

#include "ck_run.h"
#include "modem_fixture.h"

static struct mfix f;

static void setup(void)
{
	struct modem_config cfg;

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	mfix_setup(&f, &cfg);
}

static void teardown(void) { mfix_teardown(&f); }

#define EXPECT(cmd, out) ck_assert_str_eq(mfix_cmd(&f, cmd), out)

/* Echo requests from the PDN's addresses (network defaults), and the
 * replies the network sends back: addresses swapped, checksums anew. */
static const char req4[] = "\x45\x00\x00\x20\x12\x34\x40\x00\x40\x01\x37\xf3\x0a\xa0\x24\x15"
	"\xc0\x00\x02\x01\x08\x00\x19\x2d\x00\x01\x00\x01\x70\x69\x6e\x67";
static const char rep4[] = "\x45\x00\x00\x20\x12\x34\x40\x00\x40\x01\x37\xf3\xc0\x00\x02\x01"
	"\x0a\xa0\x24\x15\x00\x00\x21\x2d\x00\x01\x00\x01\x70\x69\x6e\x67";
static const char req6[] = "\x60\x00\x00\x00\x00\x0d\x3a\x40\x20\x01\x0d\xb8\x10\xa0\x24\x15"
	"\x5c\x1e\x88\xff\xfe\x21\x00\x24\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
	"\x00\x01\x80\x00\xf7\x52\x00\x07\x00\x01\x70\x69\x6e\x67\x36";
static const char rep6[] = "\x60\x00\x00\x00\x00\x0d\x3a\x40\x20\x01\x0d\xb8\x00\x00\x00\x00"
	"\x00\x00\x00\x00\x00\x00\x00\x01\x20\x01\x0d\xb8\x10\xa0\x24\x15\x5c\x1e\x88\xff\xfe\x21"
	"\x00\x24\x81\x00\xf6\x52\x00\x07\x00\x01\x70\x69\x6e\x67\x36";

/* One packet through #XSEND's data mode, then +++. */
static void send_packet(const char *pkt, size_t len)
{
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSEND\r\n"), "");
	modem_input(f.m, (const uint8_t *)pkt, len);
	mfix_advance(&f, 1500);
	ck_assert_str_eq(mfix_cmd(&f, "+++"), "");
	ck_assert_str_eq(mfix_advance(&f, 1000), "\r\nOK\r\n");
}

/* The output taken last is the packet, then tail. */
static void expect_packet(const char *pkt, size_t len, const char *tail)
{
	ck_assert_uint_eq(f.raw.len, len + strlen(tail));
	ck_assert_int_eq(memcmp(f.raw.data, pkt, len), 0);
	ck_assert_int_eq(memcmp(f.raw.data + len, tail, strlen(tail)), 0);
}

/* do_socket_open(): AF_PACKET, protocol 0, the client role whatever was
 * asked; names resolve in no family of it and it binds nowhere. */
START_TEST(raw_socket_open_and_refusals)
{
	mfix_register(&f);
	EXPECT("AT#XSOCKET=1,3,1\r\n", "\r\n#XSOCKET: 0,3,0\r\n\r\nOK\r\n");
	EXPECT("AT#XSOCKET?\r\n", "\r\n#XSOCKET: 0,3,0\r\n\r\nOK\r\n");
	EXPECT("AT#XCONNECT=\"192.0.2.1\",7\r\n", "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "EAI_FAMILY"));
	EXPECT("AT#XSENDTO=\"192.0.2.1\",7,\"x\"\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XBIND=7000\r\n", "\r\nERROR\r\n");
	EXPECT("AT#XSOCKET=0\r\n", "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	EXPECT("AT#XSSOCKET=1,3,0,42\r\n", "\r\nERROR\r\n");
}
END_TEST

/* An IPv4 echo answered after network.ping_rtt_ms, read with #XRECV; an
 * IPv6 one read with #XRECVFROM (no IP address for a packet socket), the
 * wait held until the reply comes; other bytes get no answer, and why. */
START_TEST(raw_echo_requests_answered)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_int_eq(config_set_arg(&cfg, "network.ping_rtt_ms=100,4000", err, sizeof(err)), 0);
	mfix_restart(&f, &cfg);
	mfix_cmd(&f, "AT\r\n");
	EXPECT("AT+CGDCONT=0,\"IPV4V6\"\r\n", "\r\nOK\r\n");
	mfix_register(&f);
	EXPECT("AT#XSOCKET=2,3,0\r\n", "\r\n#XSOCKET: 0,3,0\r\n\r\nOK\r\n");
	send_packet(req4, sizeof(req4) - 1);
	mfix_cmd(&f, "AT#XRECV=5\r\n");
	expect_packet(rep4, sizeof(rep4) - 1, "\r\n#XRECV: 32\r\n\r\nOK\r\n");
	send_packet(req6, sizeof(req6) - 1);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XRECVFROM=5\r\n"), "");
	mfix_advance(&f, 2000);
	expect_packet(rep6, sizeof(rep6) - 1, "\r\n#XRECVFROM: 53,\"\"\r\n\r\nOK\r\n");
	send_packet("#abc", 4);
	ck_assert(strstr(f.why, "no answer: neither IPv4 nor IPv6"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XRECV=2\r\n"), "");
	ck_assert_str_eq(mfix_advance(&f, 3000), "\r\nERROR\r\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("socket_raw");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, raw_socket_open_and_refusals);
	tcase_add_test(tc, raw_echo_requests_answered);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
