/* Real handshakes through the AT surface (#XSSOCKET, #XCONNECT) against a
 * real mosquitto with the fixture certificates, for every credential of
 * the matrix: success or failure per the mfw-1.3.1 profile, and the
 * logged reason. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "net_conn.h"
#include "resolver.h"
#include "tls_profile.h"

static struct broker br;
static struct mfix f;

static void setup(void)
{
	mfix_setup(&f, NULL);
}

static void teardown(void)
{
	mfix_teardown(&f);
}

/* Stores ca + NAME.crt + NAME.key under sec_tag 7, registers, connects to
 * port with host name host; returns the #XCONNECT output. */
static const char *connect_with(const char *name, int port, const char *host)
{
	char file[128], cmd[256];

	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, 7, 0, "ca.crt"), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.crt", name);
	ck_assert_str_eq(mfix_write_cred(&f, 7, 1, file), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.key", name);
	ck_assert_str_eq(mfix_write_cred(&f, 7, 2, file), "\r\nOK\r\n");
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSSOCKET=1,1,0,7\r\n"), "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XSSOCKETOPT=1,2,\"%s\"\r\n", host);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\nOK\r\n");
	f.why[0] = '\0';
	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"localhost\",%d\r\n", port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");	/* the AT channel waits */
	return mfix_wait_for(&f, "\r\n", 30000);
}

static void expect_connected(const char *name, int port)
{
	const char *out = connect_with(name, port, "localhost");

	ck_assert_msg(!strcmp(out, "\r\n#XCONNECT: 1\r\n\r\nOK\r\n"), "%s: got [%s], why [%s]", name, out,
		      f.why);
}

static void expect_refused(const char *name, int port, const char *rule)
{
	const char *out = connect_with(name, port, "localhost");

	ck_assert_msg(!strcmp(out, "\r\nERROR\r\n"), "%s: got [%s]", name, out);
	ck_assert_msg(strstr(f.why, rule) != NULL, "%s: why [%s] lacks [%s]", name, f.why, rule);
}

START_TEST(rsa_pkcs1) { expect_connected("client-rsa", br.tls); }
END_TEST
START_TEST(ec_sec1) { expect_connected("client-ec", br.tls); }
END_TEST
START_TEST(ec_p384) { expect_connected("client-ec384", br.tls); }
END_TEST
START_TEST(ec_params_stripped) { expect_connected("client-ec-params-stripped", br.tls); }
END_TEST
START_TEST(ec_parameters_block)
{
	expect_refused("client-ec-params", br.tls, "rule ec-parameters-block: sec_tag 7");
	ck_assert(strstr(f.why, "openssl ec -in key.pem -out key-sec1.pem"));
}
END_TEST
START_TEST(ec_pkcs8) { expect_refused("client-ec-pkcs8", br.tls, "rule no-pkcs8: sec_tag 7"); }
END_TEST
START_TEST(rsa_pkcs8) { expect_refused("client-rsa-pkcs8", br.tls, "rule no-pkcs8"); }
END_TEST
START_TEST(curve_outside_profile) { expect_refused("client-ec-bp256", br.tls, "rule curve"); }
END_TEST
START_TEST(key_not_matching_cert) { expect_refused("client-mismatch", br.tls, "rule key-pair"); }
END_TEST
START_TEST(server_chain_over_4k)
{
	expect_refused("client-ec", br.tls_bigchain, "rule server-chain-size");
}
END_TEST
START_TEST(expired_server_cert_accepted) { expect_connected("client-ec", br.tls_expired); }
END_TEST
START_TEST(wrong_host_name)
{
	expect_refused("client-ec", br.tls_wronghost, "issued for another host name");
}
END_TEST
START_TEST(bad_key_unused_without_client_auth)
{
	/* The key is only a problem when the server asks for it. */
	expect_connected("client-ec-params", br.tls_noclient);
}
END_TEST

START_TEST(generic_profile_accepts_what_modem_refuses)
{
	mfix_teardown(&f);
	mfix_setup_profile(&f, NULL, "generic-mbedtls");
	expect_connected("client-ec-params", br.tls);
}
END_TEST

START_TEST(send_and_receive_over_tls)
{
	struct echo_server e;
	const char *out;

	ck_assert_int_eq(echo_server_start(&e), 0);
	expect_connected("client-rsa", e.port);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSEND=\"hello modem\n\"\r\n"), "\r\n#XSEND: 12\r\n\r\nOK\r\n");
	mfix_cmd(&f, "AT#XRECV=10\r\n");
	out = mfix_wait_for(&f, "OK\r\n", 30000);
	ck_assert_str_eq(out, "medom olleh\n\r\n#XRECV: 12\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=0\r\n"), "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	echo_server_stop(&e);
}
END_TEST

START_TEST(socket_closed_when_network_lost)
{
	struct echo_server e;

	ck_assert_int_eq(echo_server_start(&e), 0);
	expect_connected("client-rsa", e.port);
	modem_net_lose(f.m, 0);
	/* Errata: #XSEND reports what it sent even when it fails. */
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSEND=\"x\"\r\n"), "\r\n#XSEND: 0\r\n\r\nERROR\r\n");
	ck_assert(strstr(f.why, "not connected"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=0\r\n"), "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
	echo_server_stop(&e);
}
END_TEST

START_TEST(dns_through_the_modem)
{
	char why[256];

	ck_assert_int_eq(resolver_add(f.ctx->resolver, "telemetry.matrix.example:8883=127.0.0.1", why,
				      sizeof(why)), 0);
	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=1,1,0\r\n"), "\r\n#XSOCKET: 0,1,6\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XCONNECT=\"nowhere.example\",8883\r\n"), "\r\nERROR\r\n");
	ck_assert(strstr(f.why, "DNS: no address for 'nowhere.example'"));
	ck_assert_str_eq(mfix_cmd(&f, "AT#XGETADDRINFO=\"telemetry.matrix.example\"\r\n"),
			 "\r\n#XGETADDRINFO: \"127.0.0.1\"\r\n\r\nOK\r\n");
}
END_TEST

static void ignore_open(void *arg, int err, const char *why) { (void)arg; (void)err; (void)why; }
static void ignore_data(void *arg) { (void)arg; }

/* The modem's TLS session limit, counted by the connections themselves:
 * SLM v1.8 has one socket and one MQTT client, so no AT sequence of
 * slmsim's reaches it; the connection layer is asked directly. */
START_TEST(tls_session_limit)
{
	static const struct conn_ops ops = { ignore_open, ignore_data, NULL };
	const struct tls_profile *prof = tls_profile_default();
	struct conn *c[8] = { 0 };
	struct conn_params p = { .host = "127.0.0.1", .tls = true, .verify = CONN_VERIFY_NONE,
				 .creds = modem_creds(f.m), .owner = "t" };
	int open = 0, i;
	char why[768];

	p.port = (uint16_t)br.tls;
	p.tls_count = &open;
	for (i = 0; i < prof->max_tls_sessions; i++)
		ck_assert_int_eq(conn_open(&c[i], f.ctx, &p, &ops, NULL, why, sizeof(why)), 0);
	ck_assert_int_eq(open, prof->max_tls_sessions);
	ck_assert_int_lt(conn_open(&c[i], f.ctx, &p, &ops, NULL, why, sizeof(why)), 0);
	ck_assert_msg(strstr(why, "rule tls-sessions"), "why: %s", why);
	conn_close(c[0]);
	ck_assert_int_eq(open, prof->max_tls_sessions - 1);
	ck_assert_int_eq(conn_open(&c[0], f.ctx, &p, &ops, NULL, why, sizeof(why)), 0);
	for (i = 0; i < prof->max_tls_sessions; i++)
		conn_close(c[i]);
	ck_assert_int_eq(open, 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tls_matrix");
	TCase *tc = tcase_create("matrix");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rsa_pkcs1);
	tcase_add_test(tc, ec_sec1);
	tcase_add_test(tc, ec_p384);
	tcase_add_test(tc, ec_params_stripped);
	tcase_add_test(tc, ec_parameters_block);
	tcase_add_test(tc, ec_pkcs8);
	tcase_add_test(tc, rsa_pkcs8);
	tcase_add_test(tc, curve_outside_profile);
	tcase_add_test(tc, key_not_matching_cert);
	tcase_add_test(tc, server_chain_over_4k);
	tcase_add_test(tc, expired_server_cert_accepted);
	tcase_add_test(tc, wrong_host_name);
	tcase_add_test(tc, bad_key_unused_without_client_auth);
	tcase_add_test(tc, generic_profile_accepts_what_modem_refuses);
	tcase_add_test(tc, send_and_receive_over_tls);
	tcase_add_test(tc, dns_through_the_modem);
	tcase_add_test(tc, tls_session_limit);
	tcase_add_test(tc, socket_closed_when_network_lost);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
