/* The provisioning flow of Nordic's tools, end to end through slmsim's pty
 * against mosquitto: %KEYGEN makes the key inside the modem, the test CA
 * signs its CSR (openssl), %CMNG writes the CA and the certificate, and a
 * mutual-TLS MQTT session runs with the key that never left the modem. */
#include <check.h>
#include <mbedtls/base64.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "ck_run.h"
#include "broker.h"
#include "proc.h"

#define TAG 55

static struct broker br;
static char dir[] = "/tmp/slmsim-prov-XXXXXX";

/* base64url without padding -> bytes; the length, or 0. */
static size_t b64url_decode(const char *s, size_t n, unsigned char *out, size_t outlen)
{
	char buf[4096];
	size_t k = 0, len = 0;

	for (size_t i = 0; i < n && k + 4 < sizeof(buf); i++)
		buf[k++] = s[i] == '-' ? '+' : s[i] == '_' ? '/' : s[i];
	while (k % 4)
		buf[k++] = '=';
	return mbedtls_base64_decode(out, outlen, &len, (unsigned char *)buf, k) ? 0 : len;
}

static void send_pem(struct simproc *p, int type, const char *path)
{
	char buf[8192], cmd[9000];

	read_pem(path, buf, sizeof(buf));
	snprintf(cmd, sizeof(cmd), "AT%%CMNG=0,%d,%d,\"%s\"\r\n", TAG, type, buf);
	simproc_send(p, cmd);
	simproc_must_see(p, "\r\nOK\r\n");
}

/* The CSR and COSE parts of a %KEYGEN line; checks the COSE payload
 * carries the CSR's SHA-256, as Nordic's verifyKeygenResult does. */
static size_t keygen_csr(const char *line, unsigned char *csr, size_t len)
{
	const char *a = strchr(line, '"') + 1, *dot = strchr(a, '.'), *end = strchr(dot, '"');
	unsigned char cose[512], hash[32];
	size_t n = b64url_decode(a, (size_t)(dot - a), csr, len);
	size_t c = b64url_decode(dot + 1, (size_t)(end - dot - 1), cose, sizeof(cose));

	ck_assert_uint_gt(n, 100);
	ck_assert_uint_gt(c, 64);
	/* COSE_Sign1: tag 18, protected ES256, kid h'21'. */
	ck_assert_int_eq(memcmp(cose, "\xd2\x84\x43\xa1\x01\x26\xa1\x04\x41\x21", 10), 0);
	mbedtls_sha256_ret(csr, n, hash, 0);
	ck_assert_ptr_nonnull(memmem(cose, c, hash, sizeof(hash)));
	return n;
}

START_TEST(keygen_sign_write_connect)
{
	char map[128], path[512], cmd[1024], imei[16], *got;
	const char *args[] = { "--virtual-time", "--resolve", map, NULL };
	unsigned char csr[2048];
	struct simproc p;
	size_t n;
	FILE *f;

	/* The fixture broker's certificate names localhost. */
	snprintf(map, sizeof(map), "localhost:8883=127.0.0.1:%d", br.tls);
	ck_assert_int_eq(simproc_start(&p, args), 0);
	ck_assert_int_eq(simproc_open_tty(&p), 0);
	simproc_must_see(&p, "Ready\r\n");
	simproc_send(&p, "AT+CGSN=1\r\n");
	got = simproc_expect(&p, "OK\r\n", 30000);
	ck_assert_int_eq(sscanf(strstr(got, "+CGSN: \""), "+CGSN: \"%15[0-9]", imei), 1);
	free(got);
	simproc_send(&p, "AT+CFUN=4\r\n");
	simproc_must_see(&p, "OK\r\n");
	snprintf(cmd, sizeof(cmd), "AT%%KEYGEN=%d,2,0,\"CN=%s\",\"101010000\"\r\n", TAG, imei);
	simproc_send(&p, cmd);
	got = simproc_expect(&p, "OK\r\n", 30000);
	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(strstr(got, "%KEYGEN: \""));
	n = keygen_csr(strstr(got, "%KEYGEN: "), csr, sizeof(csr));
	free(got);
	snprintf(path, sizeof(path), "%s/csr.der", dir);
	f = fopen(path, "wb");
	ck_assert_uint_eq(fwrite(csr, 1, n, f), n);
	fclose(f);
	/* The CA signs it: subject and key as the modem made them. */
	snprintf(cmd, sizeof(cmd), "cd %s && printf 'extendedKeyUsage=clientAuth\\n' > ext && "
		 "openssl req -inform DER -in csr.der -verify -noout 2>/dev/null && "
		 "openssl x509 -req -inform DER -in csr.der -CA %s/ca.crt -CAkey %s/ca.key "
		 "-CAcreateserial -days 2 -extfile ext -out client.crt 2>/dev/null && "
		 "openssl x509 -in client.crt -noout -subject | grep -q 'CN = %s'",
		 dir, certs_dir(), certs_dir(), imei);
	ck_assert_int_eq(system(cmd), 0);
	snprintf(path, sizeof(path), "%s/ca.crt", certs_dir());
	send_pem(&p, 0, path);
	snprintf(path, sizeof(path), "%s/client.crt", dir);
	send_pem(&p, 1, path);
	/* The key itself stays inside. */
	simproc_send(&p, "AT+CMEE=1\r\n");
	simproc_must_see(&p, "OK\r\n");
	snprintf(cmd, sizeof(cmd), "AT%%CMNG=2,%d,2\r\n", TAG);
	simproc_send(&p, cmd);
	simproc_must_see(&p, "+CME ERROR: 514\r\n");
	simproc_send(&p, "AT+CEREG=1\r\n");
	simproc_must_see(&p, "OK\r\n");
	simproc_send(&p, "AT+CFUN=1\r\n");
	simproc_must_see(&p, "+CEREG: 5\r\n");
	snprintf(cmd, sizeof(cmd), "AT#XMQTTCON=1,\"%s\",\"\",\"\",\"localhost\",8883,%d\r\n",
		 imei, TAG);
	simproc_send(&p, cmd);
	simproc_must_see(&p, "\r\nOK\r\n");
	simproc_must_see(&p, "#XMQTTEVT: 0,0\r\n");
	ck_assert_int_eq(WEXITSTATUS(simproc_stop(&p)), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("provisioning");
	TCase *tc = tcase_create("provisioning");
	char cmd[300];
	int rc;

	if (!mkdtemp(dir))
		return EXIT_FAILURE;
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, keygen_sign_write_connect);
	suite_add_tcase(s, tc);
	rc = ck_run_with_broker(s, &br);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (rc == EXIT_SUCCESS && system(cmd) != 0)
		rc = EXIT_FAILURE;
	return rc;
}
