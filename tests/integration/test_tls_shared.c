/* TLS sessions share what they can read-only: the parsed root CA, client
 * certificate and key and the mbedTLS configuration, one per credential
 * content, freed with the last session that uses them.  A credential
 * rewritten with %CMNG between connects is what the next connect uses. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "net_conn.h"
#include "sim_ctx.h"
#include "tls_conf.h"
#include "tls_profile.h"

static struct broker br;
static struct mfix f;

static void setup(void) { mfix_setup(&f, NULL); }
static void teardown(void) { mfix_teardown(&f); }

static void write_cred(int type, const char *file)
{
	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, 9, type, file), "\r\nOK\r\n");
}

/* A TLS socket on sec_tag 9 connecting to the broker: #XCONNECT's answer. */
static const char *connect_tls(void)
{
	char cmd[128];

	mfix_register(&f);
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSSOCKET=1,1,0,9\r\n"), "\r\n#XSSOCKET: 0,1,258\r\n\r\nOK\r\n");
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSSOCKETOPT=1,2,\"localhost\"\r\n"), "\r\nOK\r\n");
	f.why[0] = '\0';
	snprintf(cmd, sizeof(cmd), "AT#XCONNECT=\"127.0.0.1\",%d\r\n", br.tls);
	ck_assert_str_eq(mfix_cmd(&f, cmd), "");
	return mfix_wait_for(&f, "\r\n", 30000);
}

static void close_socket(void)
{
	ck_assert_str_eq(mfix_cmd(&f, "AT#XSOCKET=0\r\n"), "\r\n#XSOCKET: 0,\"closed\"\r\n\r\nOK\r\n");
}

static void ignore_open(void *arg, int err, const char *why) { (void)arg; (void)err; (void)why; }
static void ignore_data(void *arg) { (void)arg; }
static const struct conn_ops ignore_ops = { ignore_open, ignore_data, NULL };

/* A session on sec_tag 9 opened beside the modem's own, as another modem
 * of a fleet would: it holds what it was made from. */
static struct conn *hold(struct conn_params *p, int *open)
{
	struct conn *c = NULL;
	char why[768];

	*p = (struct conn_params){ .host = "127.0.0.1", .port = (uint16_t)br.tls, .tls = true,
				   .sec_tag = 9, .verify = CONN_VERIFY_REQUIRED,
				   .hostname = "localhost", .creds = modem_creds(f.m),
				   .tls_count = open, .owner = "t" };
	ck_assert_int_eq(conn_open(&c, f.ctx, p, &ignore_ops, NULL, why, sizeof(why)), 0);
	return c;
}

START_TEST(rewritten_credential_used_by_next_connect)
{
	struct conn_params p;
	struct conn *held;
	int open = 0;

	write_cred(0, "ca.crt");
	write_cred(1, "client-ec.crt");
	write_cred(2, "client-ec.key");
	held = hold(&p, &open);
	ck_assert_str_eq(connect_tls(), "\r\n#XCONNECT: 1\r\n\r\nOK\r\n");
	close_socket();
	/* Same sec_tag, another key: the one parsed before must not be used. */
	write_cred(2, "client-mismatch.key");
	ck_assert_str_eq(connect_tls(), "\r\nERROR\r\n");
	ck_assert_msg(strstr(f.why, "rule key-pair: the private key (type 2) in sec_tag 9"), "%s", f.why);
	close_socket();
	write_cred(2, "client-ec.key");
	ck_assert_str_eq(connect_tls(), "\r\n#XCONNECT: 1\r\n\r\nOK\r\n");
	close_socket();
	/* And the CA: one that did not sign the server fails verification. */
	write_cred(0, "client-rsa.crt");
	ck_assert_str_eq(connect_tls(), "\r\nERROR\r\n");
	ck_assert_msg(strstr(f.why, "server certificate rejected"), "%s", f.why);
	close_socket();
	conn_close(held);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 0);
}
END_TEST

/* Sessions with the same contents hold one configuration, CA and client
 * credentials (3 shared objects); new content adds its own; each goes
 * with its last session. */
START_TEST(one_parse_per_content_freed_with_the_last_session)
{
	struct conn_params p;
	struct conn *c[3];
	int open = 0;

	write_cred(0, "ca.crt");
	write_cred(1, "client-ec.crt");
	write_cred(2, "client-ec.key");
	c[0] = hold(&p, &open);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 3);
	c[1] = hold(&p, &open);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 3);
	write_cred(1, "client-rsa.crt");
	write_cred(2, "client-rsa.key");
	c[2] = hold(&p, &open);
	/* The CA is the same; a new configuration and client credentials. */
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 5);
	conn_close(c[0]);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 5);
	conn_close(c[1]);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 3);
	conn_close(c[2]);
	ck_assert_uint_eq(tls_conf_shared_count(f.ctx->tls), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tls_shared");
	TCase *tc = tcase_create("shared");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rewritten_credential_used_by_next_connect);
	tcase_add_test(tc, one_parse_per_content_freed_with_the_last_session);
	suite_add_tcase(s, tc);
	return ck_run_with_broker(s, &br);
}
