/* A session's record buffers hold what mbedTLS sized them for however
 * they are backed (sim/net/tls_buffers.h): a 15,000-byte line goes out in
 * one record and comes back reversed in one record from openssl s_server,
 * under the generic profile, which puts no limit on records. */
#include <check.h>
#include <ev.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "ck_run.h"
#include "broker.h"
#include "modem_fixture.h"
#include "net_conn.h"
#include "sim_ctx.h"

#define LINE 15000

static struct mfix f;
static int opened;		/* 1 open, -1 failed */
static char got[LINE + 2];
static size_t have;

static void on_open(void *arg, int err, const char *why)
{
	(void)arg;
	opened = err ? -1 : 1;
	if (err)
		snprintf(f.why, sizeof(f.why), "%s", why);
}

static void on_data(void *arg)
{
	struct conn *c = *(struct conn **)arg;

	have += conn_recv(c, got + have, sizeof(got) - 1 - have);
}

static void run_until(const int *flag, const size_t *count, size_t want)
{
	for (int ms = 0; ms < 30000 && !*flag && *count < want; ms++) {
		struct timespec nap = { 0, 1000000 };

		ev_run(f.loop, EVRUN_NOWAIT);
		nanosleep(&nap, NULL);
	}
}

START_TEST(sixteen_kib_records_both_ways)
{
	static const struct conn_ops ops = { on_open, on_data, NULL };
	static char line[LINE + 1], want[LINE + 2];
	struct echo_server e;
	struct conn *c = NULL;
	struct conn_params p;
	int open = 0, never = 0;
	size_t zero = 0;
	char why[768];

	mfix_setup_profile(&f, NULL, "generic-mbedtls");
	ck_assert_str_eq(mfix_cmd(&f, "AT+CFUN=4\r\n"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, 5, 0, "ca.crt"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, 5, 1, "client-ec.crt"), "\r\nOK\r\n");
	ck_assert_str_eq(mfix_write_cred(&f, 5, 2, "client-ec.key"), "\r\nOK\r\n");
	ck_assert_int_eq(echo_server_start(&e), 0);
	p = (struct conn_params){ .host = "127.0.0.1", .port = (uint16_t)e.port, .tls = true,
				  .sec_tag = 5, .verify = CONN_VERIFY_REQUIRED,
				  .hostname = "localhost", .creds = modem_creds(f.m),
				  .tls_count = &open, .owner = "t" };
	ck_assert_int_eq(conn_open(&c, f.ctx, &p, &ops, &c, why, sizeof(why)), 0);
	run_until(&opened, &zero, 1);
	ck_assert_msg(opened == 1, "not open: %s", f.why);
	for (size_t i = 0; i < LINE; i++) {
		line[i] = (char)('a' + i % 26);
		want[LINE - 1 - i] = line[i];
	}
	line[LINE - 1] = '\n';
	want[0] = 0;
	memmove(want, want + 1, LINE - 1);
	want[LINE - 1] = '\n';
	ck_assert_int_eq(conn_send(c, line, LINE), 0);
	run_until(&never, &have, LINE);
	ck_assert_uint_eq(have, LINE);
	ck_assert(!memcmp(got, want, LINE));
	conn_close(c);
	echo_server_stop(&e);
	mfix_teardown(&f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tls_buffers");
	TCase *tc = tcase_create("buffers");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sixteen_kib_records_both_ways);
	suite_add_tcase(s, tc);
	return ck_run(s);
}
