/* Real handshakes against the real mosquitto under modem firmware 2.0.x:
 * the modem takes its firmware's TLS profile (mfw-2.0.x, 1.3.1's limits,
 * UNCONFIRMED) unless one is forced, and a test sec_tag of the nRF91x1
 * carries the credentials. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"

/* The nRF91x1's test tags are 2147483648..2147483667. */
#define TAG 2147483653u

static struct broker br;
static struct mfix f;

static void teardown(void) { mfix_teardown(&f); }

/* ca + NAME.crt + NAME.key under TAG, registered, #XCONNECT to port:
 * its output. */
static const char *connect_with(const char *name, int port)
{
	char file[128], cmd[256];

	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, TAG, 0, "ca.crt"), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.crt", name);
	ck_assert_str_eq(mfix_write_cred(&f, TAG, 1, file), "\r\nOK\r\n");
	snprintf(file, sizeof(file), "%s.key", name);
	ck_assert_str_eq(mfix_write_cred(&f, TAG, 2, file), "\r\nOK\r\n");
	mfix_register(&f);
	snprintf(cmd, sizeof(cmd), "AT#XSSOCKET=1,1,0,%u\r\n", TAG);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSSOCKETOPT=1,2,\"localhost\"\r\n"), "\r\nOK\r\n");
	f.why[0] = '\0';
	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"localhost\",%d\r\n", port);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	return mfix_wait_for(&f, "\r\n", 30000);
}

/* On firmware mfw under TLS profile tls (NULL: the firmware's), the
 * client NAME reaches port: #XCONNECT: 1, or ERROR for rule. */
static void expect(const char *mfw, const char *tls, const char *name, int port, const char *rule)
{
	const char *out;

	mfix_setup_mfw(&f, mfw, tls);
	out = connect_with(name, port);
	if (!rule) {
		ck_assert_msg(!strcmp(out, "\r\n#XCONNECT: 1\r\n\r\nOK\r\n"), "got [%s], why [%s]", out,
			      f.why);
		return;
	}
	ck_assert_msg(!strcmp(out, "\r\nERROR\r\n"), "got [%s]", out);
	ck_assert_msg(strstr(f.why, rule), "why [%s] lacks [%s]", f.why, rule);
}

START_TEST(handshake_on_a_test_tag)
{
	expect("2.0.4", NULL, "client-ec", br.tls, NULL);
	ck_assert_str_eq(modem_tls_name(f.m), "mfw-2.0.x");
}
END_TEST

START_TEST(rsa_client_on_2_0_1) { expect("2.0.1", NULL, "client-rsa", br.tls, NULL); }
END_TEST

/* 1.3.1's rules hold on 2.0.x until a source says otherwise. */
START_TEST(pkcs8_refused_as_on_1_3)
{
	expect("mfw-2.0.4", NULL, "client-ec-pkcs8", br.tls, "rule no-pkcs8");
}
END_TEST

START_TEST(server_chain_limit_as_on_1_3)
{
	expect("2.0.2", NULL, "client-ec", br.tls_bigchain, "rule server-chain-size");
}
END_TEST

/* --profile forces the TLS profile whatever the firmware. */
START_TEST(forced_profile_wins)
{
	expect("2.0.4", "generic-mbedtls", "client-ec-pkcs8", br.tls, NULL);
	ck_assert_str_eq(modem_tls_name(f.m), "generic-mbedtls");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tls_mfw20");
	TCase *tc = tcase_create("tls_mfw20");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, handshake_on_a_test_tag);
	tcase_add_test(tc, rsa_client_on_2_0_1);
	tcase_add_test(tc, pkcs8_refused_as_on_1_3);
	tcase_add_test(tc, server_chain_limit_as_on_1_3);
	tcase_add_test(tc, forced_profile_wins);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
