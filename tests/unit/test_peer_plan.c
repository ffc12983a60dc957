/* The socket peers' plan (peers/peer_plan.c), alone: from the steps of a
 * small log, what each peer must do.  Hosts, ports and payloads unlike
 * the bundled logs. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "peer_plan.h"
#include "slm_profiles.h"
#include "world.h"

static struct replay_log rlog;
static struct script sc;
static struct world wd;
static struct scenario scen;
static struct peer_plan plan;

static void plan_on(const char *slm, const char *text)
{
	char err[256];

	log_parse_buffer(text, strlen(text), "t.log", &rlog);
	scenario_defaults(&scen);
	if (slm) {
		ck_assert_int_eq(config_set(&scen.cfg, "modem", "slm_profile", slm, err, sizeof(err)), 0);
		ck_assert_int_eq(slm_profile_apply(&scen.cfg, err, sizeof(err)), 0);
	}
	ck_assert_int_eq(script_build(&sc, &rlog, &scen, "/nonexistent", err, sizeof(err)), 0);
	world_infer(&sc, &scen, &wd);
	peer_plan_build(&plan, &sc, &wd);
}

static void plan_of(const char *text)
{
	plan_on(NULL, text);
}

static void teardown(void)
{
	peer_plan_free(&plan);
	world_free(&wd);
	script_free(&sc);
	scenario_free(&scen);
	log_free(&rlog);
}

#define T "2022-05-09T21:40:"

START_TEST(tcp_peer_answers_after_the_request)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n" T "00.100Z DEBUG modem << #XSOCKET: 1,1,6\n"
		T "00.110Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XCONNECT=\"telemetry.quarry.example\",6110\n"
		T "01.500Z DEBUG modem << #XCONNECT: 1\n" T "01.510Z DEBUG modem << OK\n"
		T "02.000Z DEBUG modem >> AT#XSEND=\"PING 7\"\n" T "02.100Z DEBUG modem << #XSEND: 6\n"
		T "02.110Z DEBUG modem << OK\n"
		T "03.000Z DEBUG modem >> AT#XRECV=5\n" T "03.100Z DEBUG modem << PONG 7\n"
		T "03.110Z DEBUG modem << #XRECV: 6\n" T "03.120Z DEBUG modem << OK\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_str_eq(plan.flows[0].host, "telemetry.quarry.example");
	ck_assert_int_eq(plan.flows[0].port, 6110);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_TCP);
	ck_assert_uint_ge(plan.flows[0].n_ops, 1);
	/* After the 6 bytes the modem sent, the peer sends what the log shows. */
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 6);
	ck_assert_uint_eq(plan.flows[0].ops[0].len, 6);
	ck_assert(!memcmp(plan.flows[0].ops[0].data, "PONG 7", 6));
}
END_TEST

/* From NCS 2.0 the count line comes first and the bytes after it; the
 * peer sends what follows it, and the sender's address counts as shown. */
START_TEST(count_line_before_the_bytes)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XSLMVER\n" T "00.010Z DEBUG modem << #XSLMVER: \"2.1.1\"\n"
		T "00.020Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XSOCKET=1,2,0\n" T "01.100Z DEBUG modem << #XSOCKET: 3,2,17\n"
		T "01.110Z DEBUG modem << OK\n"
		T "02.000Z DEBUG modem >> AT#XSENDTO=\"meter.fen.example\",5701,\"r?\"\n"
		T "02.100Z DEBUG modem << #XSENDTO: 2\n" T "02.110Z DEBUG modem << OK\n"
		T "03.000Z DEBUG modem >> AT#XRECVFROM=5\n"
		T "03.100Z DEBUG modem << #XRECVFROM: 4,\"192.0.2.57\"\n"
		T "03.110Z DEBUG modem << r=19\n" T "03.120Z DEBUG modem << OK\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_UDP);
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].len, 4);
	ck_assert(!memcmp(plan.flows[0].ops[0].data, "r=19", 4));
	ck_assert_str_eq(peer_plan_shown(&plan, "meter.fen.example"), "192.0.2.57");
}
END_TEST

/* The Serial Modem's automatic reception: the bytes come unasked after a
 * send; the peer sends them once it has read what the modem sent. */
START_TEST(bytes_that_come_unasked)
{
	plan_on("sm-1.0", T "00.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n"
		T "00.100Z DEBUG modem << #XSOCKET: 2,1,6\n" T "00.110Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XCONNECT=2,\"lock.dock.example\",4711\n"
		T "01.500Z DEBUG modem << #XCONNECT: 2,1\n" T "01.510Z DEBUG modem << OK\n"
		T "02.000Z DEBUG modem >> AT#XRECVCFG=2,1\n" T "02.010Z DEBUG modem << OK\n"
		T "03.000Z DEBUG modem >> AT#XSEND=2,0,0,\"open?\"\n"
		T "03.100Z DEBUG modem << #XSEND: 2,0,5\n" T "03.110Z DEBUG modem << OK\n"
		T "03.400Z DEBUG modem << #XRECV: 2,0,3\n" T "03.401Z DEBUG modem << yes\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 5);
	ck_assert_uint_eq(plan.flows[0].ops[0].len, 3);
	ck_assert(!memcmp(plan.flows[0].ops[0].data, "yes", 3));
	/* Due when the log shows them: the runner lets them go then. */
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[rlog.nev - 2].t_ms);
	ck_assert_int_eq(peer_plan_next_at(&plan, 0), rlog.ev[rlog.nev - 2].t_ms);
	ck_assert_int_eq(peer_plan_next_at(&plan, rlog.ev[rlog.nev - 2].t_ms), INT64_MAX);
}
END_TEST

#define HTTP_HEAD "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\n"

/* The HTTP client's server: the header (CR LF each line, the empty line)
 * with the first body part at the first #XHTTPCRSP's time, a later part
 * at its own; TLS when the connect names a sec_tag. */
START_TEST(http_server_answers_the_logged_parts)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XHTTPCCON=1,\"silo.grain.example\",9443,612\n"
		T "00.800Z DEBUG modem << #XHTTPCCON: 1\n" T "00.810Z DEBUG modem << OK\n"
		T "02.000Z DEBUG modem >> AT#XHTTPCREQ=\"GET\",\"/bin/3\",\"\"\n"
		T "02.010Z DEBUG modem << OK\n" T "02.020Z DEBUG modem << #XHTTPCREQ: 0\n"
		T "02.300Z DEBUG modem << #XHTTPCRSP:66,0\n" T "02.301Z DEBUG modem << HTTP/1.1 200 OK\n"
		T "02.302Z DEBUG modem << Content-Type: text/plain\n"
		T "02.303Z DEBUG modem << Content-Length: 9\n"
		T "02.304Z DEBUG modem << #XHTTPCRSP:5,0\n" T "02.305Z DEBUG modem << oats=\n"
		T "02.700Z DEBUG modem << #XHTTPCRSP:4,0\n" T "02.701Z DEBUG modem << 71 t\n"
		T "02.702Z DEBUG modem << #XHTTPCRSP:0,1\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_str_eq(plan.flows[0].host, "silo.grain.example");
	ck_assert_int_eq(plan.flows[0].port, 9443);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_TLS);
	ck_assert_uint_eq(plan.flows[0].n_ops, 2);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].len, strlen(HTTP_HEAD) + 5);
	ck_assert(!memcmp(plan.flows[0].ops[0].data, HTTP_HEAD "oats=", strlen(HTTP_HEAD) + 5));
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[6].t_ms);
	ck_assert_str_eq(plan.flows[0].ops[1].data, "71 t");
	ck_assert_int_eq(plan.flows[0].ops[1].at, rlog.ev[12].t_ms);
	ck_assert(!plan.flows[0].ops[1].close);
}
END_TEST

/* A body of <payload_length> bytes goes in data mode (sent raw, no line
 * end, and data mode ends with it): the response follows the body. */
START_TEST(http_post_body_then_response)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XHTTPCCON=1,\"mill.grain.example\",8000\n"
		T "00.300Z DEBUG modem << #XHTTPCCON: 1\n" T "00.310Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XHTTPCREQ=\"POST\",\"/t\",\"\",5\n"
		T "01.010Z DEBUG modem << OK\n" T "01.020Z DEBUG modem << #XHTTPCREQ: 1\n"
		T "02.000Z DEBUG modem >> t=4.5\n" T "02.010Z DEBUG modem << OK\n"
		T "02.020Z DEBUG modem << #XHTTPCREQ: 0\n"
		T "02.300Z DEBUG modem << #XHTTPCRSP:19,0\n" T "02.301Z DEBUG modem << HTTP/1.1 204 Ok\n"
		T "02.302Z DEBUG modem << #XHTTPCRSP:0,1\n" T "02.303Z DEBUG modem << #XDATAMODE: 0\n"
		T "03.000Z DEBUG modem >> AT#XHTTPCCON=0\n");
	ck_assert(sc.steps[6].raw);
	ck_assert(!sc.steps[6].ends_datamode);
	ck_assert_str_eq(sc.steps[6].send, "t=4.5");
	ck_assert(!sc.steps[sc.n - 1].raw);
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "HTTP/1.1 204 Ok\r\n\r\n");
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[9].t_ms);
}
END_TEST

/* No length: the response ends where the server closes. */
START_TEST(http_response_without_length_closes)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XHTTPCCON=1,\"10.20.30.40\",8081\n"
		T "00.300Z DEBUG modem << #XHTTPCCON: 1\n" T "00.310Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XHTTPCREQ=\"GET\",\"/\",\"\"\n"
		T "01.010Z DEBUG modem << OK\n" T "01.020Z DEBUG modem << #XHTTPCREQ: 0\n"
		T "01.200Z DEBUG modem << #XHTTPCRSP:19,0\n" T "01.201Z DEBUG modem << HTTP/1.0 200 OK\n"
		T "01.202Z DEBUG modem << #XHTTPCRSP:3,0\n" T "01.203Z DEBUG modem << hi!\n"
		T "01.204Z DEBUG modem << #XHTTPCRSP:0,1\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_TCP);
	ck_assert_uint_eq(plan.flows[0].n_ops, 2);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "HTTP/1.0 200 OK\r\n\r\nhi!");
	ck_assert(plan.flows[0].ops[1].close);
}
END_TEST

/* A connect the log shows failing gets no server. */
START_TEST(http_connect_failing_gets_no_server)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XHTTPCCON=1,\"down.grain.example\",80\n"
		T "05.000Z DEBUG modem << #XHTTPCCON: 0\n" T "05.010Z DEBUG modem << ERROR\n");
	ck_assert_uint_eq(plan.n, 0);
}
END_TEST

/* Back to an earlier socket: its receive is its own peer's answer, not
 * the last connected socket's. */
START_TEST(each_socket_keeps_its_peer)
{
	plan_on("sm-1.0", T "00.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n"
		T "00.100Z DEBUG modem << #XSOCKET: 4,1,6\n" T "00.110Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XCONNECT=4,\"a.kiln.example\",5101\n"
		T "01.500Z DEBUG modem << #XCONNECT: 4,1\n" T "01.510Z DEBUG modem << OK\n"
		T "02.000Z DEBUG modem >> AT#XSOCKET=1,1,0\n"
		T "02.100Z DEBUG modem << #XSOCKET: 5,1,6\n" T "02.110Z DEBUG modem << OK\n"
		T "03.000Z DEBUG modem >> AT#XCONNECT=5,\"b.kiln.example\",5102\n"
		T "03.500Z DEBUG modem << #XCONNECT: 5,1\n" T "03.510Z DEBUG modem << OK\n"
		T "04.000Z DEBUG modem >> AT#XSEND=4,0,0,\"t?\"\n"
		T "04.100Z DEBUG modem << #XSEND: 4,0,2\n" T "04.110Z DEBUG modem << OK\n"
		T "05.000Z DEBUG modem >> AT#XRECV=4,0,0,5\n" T "05.100Z DEBUG modem << #XRECV: 4,0,5\n"
		T "05.110Z DEBUG modem << t=912\n" T "05.120Z DEBUG modem << OK\n");
	ck_assert_uint_eq(plan.n, 2);
	ck_assert_str_eq(plan.flows[0].host, "a.kiln.example");
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 2);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "t=912");
	ck_assert_uint_eq(plan.flows[1].n_ops, 0);
}
END_TEST

/* The TCP client proxy: its sends count, what its peer pushes (the bytes,
 * then #XTCPDATA in v1.8) is due at the bytes' log time. */
START_TEST(tcp_proxy_peer_pushes_at_its_time)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XTCPCLI=1,\"hub.lathe.example\",7350\n"
		T "00.400Z DEBUG modem << #XTCPCLI: 0,\"connected\"\n" T "00.410Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XTCPSEND=\"rpm\"\n"
		T "01.100Z DEBUG modem << #XTCPSEND: 3\n" T "01.110Z DEBUG modem << OK\n"
		T "01.500Z DEBUG modem << rpm=1450\n" T "01.501Z DEBUG modem << #XTCPDATA: 8\n"
		T "09.000Z DEBUG modem << halt\n" T "09.001Z DEBUG modem << #XTCPDATA: 4\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_TCP);
	ck_assert_uint_eq(plan.flows[0].n_ops, 2);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 3);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "rpm=1450");
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[6].t_ms);
	ck_assert_str_eq(plan.flows[0].ops[1].data, "halt");
	ck_assert_int_eq(plan.flows[0].ops[1].at, rlog.ev[8].t_ms);
}
END_TEST

/* The proxy's data mode: the host's payload counts, the peer's bytes come
 * raw at their time (a line over TCP: with its line end). */
START_TEST(tcp_proxy_datamode_raw_answer)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XTCPCLI=1,\"198.18.4.4\",7351\n"
		T "00.400Z DEBUG modem << #XTCPCLI: 0,\"connected\"\n" T "00.410Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XTCPSEND\n" T "02.000Z DEBUG modem >> load\n"
		T "02.600Z DEBUG modem << load=0.4\n" T "04.000Z DEBUG modem >> +++\n"
		T "05.100Z DEBUG modem << OK\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 4);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "load=0.4\r\n");
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[5].t_ms);
}
END_TEST

/* The UDP client proxy: a datagram peer, its datagrams counted. */
START_TEST(udp_proxy_peer_answers_datagrams)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XUDPCLI=1,\"198.18.7.9\",4800\n"
		T "00.040Z DEBUG modem << #XUDPCLI: 0,\"connected\"\n" T "00.050Z DEBUG modem << OK\n"
		T "01.000Z DEBUG modem >> AT#XUDPSEND=\"q1\"\n"
		T "01.030Z DEBUG modem << #XUDPSEND: 2\n" T "01.040Z DEBUG modem << OK\n"
		T "01.700Z DEBUG modem << a1\n" T "01.701Z DEBUG modem << #XUDPDATA: 2\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_UDP);
	ck_assert_uint_eq(plan.flows[0].n_ops, 1);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 1);
	ck_assert_str_eq(plan.flows[0].ops[0].data, "a1");
}
END_TEST

/* The TCP server's client: it connects where the log shows it, as the
 * address shown, sends its bytes at their time, leaves where it left. */
START_TEST(tcp_server_client_connects_at_its_time)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XTCPSVR=1,4410\n"
		T "00.020Z DEBUG modem << #XTCPSVR: 0,\"started\"\n" T "00.021Z DEBUG modem << OK\n"
		T "07.000Z DEBUG modem << #XTCPSVR: \"198.51.100.33\",\"connected\"\n"
		T "07.400Z DEBUG modem << id=9\n" T "07.401Z DEBUG modem << #XTCPDATA: 4\n"
		T "08.000Z DEBUG modem >> AT#XTCPSEND=\"hi 9\"\n"
		T "08.020Z DEBUG modem << #XTCPSEND: 4\n" T "08.021Z DEBUG modem << OK\n"
		T "09.500Z DEBUG modem << #XTCPSVR: -104,\"disconnected\"\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert(plan.flows[0].connects);
	ck_assert_str_eq(plan.flows[0].host, "198.51.100.33");
	ck_assert_int_eq(plan.flows[0].port, 4410);
	ck_assert_uint_eq(plan.flows[0].n_ops, 3);
	ck_assert(plan.flows[0].ops[0].connect);
	ck_assert_int_eq(plan.flows[0].ops[0].at, rlog.ev[3].t_ms);
	ck_assert_str_eq(plan.flows[0].ops[1].data, "id=9");
	ck_assert_int_eq(plan.flows[0].ops[1].at, rlog.ev[4].t_ms);
	ck_assert(plan.flows[0].ops[2].close);
	ck_assert_uint_eq(plan.flows[0].ops[2].after, 4);
}
END_TEST

/* The UDP server's client: one flow, its datagrams after the modem's. */
START_TEST(udp_server_client_sends_datagrams)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XUDPSVR=1,6021\n"
		T "00.020Z DEBUG modem << #XUDPSVR: 0,\"started\"\n" T "00.021Z DEBUG modem << OK\n"
		T "04.000Z DEBUG modem << p1\n" T "04.001Z DEBUG modem << #XUDPDATA: 2\n"
		T "05.000Z DEBUG modem >> AT#XUDPSEND=\"r1\"\n"
		T "05.020Z DEBUG modem << #XUDPSEND: 2\n" T "05.021Z DEBUG modem << OK\n"
		T "06.000Z DEBUG modem << p2\n" T "06.001Z DEBUG modem << #XUDPDATA: 2\n");
	ck_assert_uint_eq(plan.n, 1);
	ck_assert(plan.flows[0].connects);
	ck_assert_int_eq(plan.flows[0].kind, FLOW_UDP);
	ck_assert_uint_eq(plan.flows[0].n_ops, 2);
	ck_assert_uint_eq(plan.flows[0].ops[0].after, 0);
	ck_assert_uint_eq(plan.flows[0].ops[1].after, 1);
	ck_assert_str_eq(plan.flows[0].ops[1].data, "p2");
}
END_TEST

START_TEST(getaddrinfo_shows_a_name)
{
	plan_of(T "00.000Z DEBUG modem >> AT#XGETADDRINFO=\"ntp.fjord.example\"\n"
		T "00.400Z DEBUG modem << #XGETADDRINFO: \"203.0.113.77\"\n"
		T "00.410Z DEBUG modem << OK\n");
	ck_assert_uint_eq(plan.n, 0);
	ck_assert_str_eq(peer_plan_shown(&plan, "ntp.fjord.example"), "203.0.113.77");
	ck_assert_ptr_null(peer_plan_shown(&plan, "other.fjord.example"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("peer_plan");
	TCase *tc = tcase_create("peer_plan");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, tcp_peer_answers_after_the_request);
	tcase_add_test(tc, getaddrinfo_shows_a_name);
	tcase_add_test(tc, count_line_before_the_bytes);
	tcase_add_test(tc, bytes_that_come_unasked);
	tcase_add_test(tc, each_socket_keeps_its_peer);
	tcase_add_test(tc, tcp_proxy_peer_pushes_at_its_time);
	tcase_add_test(tc, udp_proxy_peer_answers_datagrams);
	tcase_add_test(tc, tcp_proxy_datamode_raw_answer);
	tcase_add_test(tc, tcp_server_client_connects_at_its_time);
	tcase_add_test(tc, udp_server_client_sends_datagrams);
	tcase_add_test(tc, http_server_answers_the_logged_parts);
	tcase_add_test(tc, http_response_without_length_closes);
	tcase_add_test(tc, http_post_body_then_response);
	tcase_add_test(tc, http_connect_failing_gets_no_server);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
