/* Baseline for benchmark 3: the raw cost of a mutual-TLS handshake pair,
 * mbedTLS client and server in one process over a socketpair, with the
 * fixture certificates and the mfw-1.3.1 cipher suites and curves.
 *   tls_handshake CERTS-DIR [COUNT] */
#include <errno.h>
#include <fcntl.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "tls_profile.h"

static int fd_send(void *ctx, const unsigned char *b, size_t n)
{
	ssize_t r = send(*(int *)ctx, b, n, MSG_NOSIGNAL);

	return r >= 0 ? (int)r : errno == EAGAIN ? MBEDTLS_ERR_SSL_WANT_WRITE : -1;
}

static int fd_recv(void *ctx, unsigned char *b, size_t n)
{
	ssize_t r = recv(*(int *)ctx, b, n, 0);

	return r >= 0 ? (int)r : errno == EAGAIN ? MBEDTLS_ERR_SSL_WANT_READ : -1;
}

static void load(mbedtls_x509_crt *crt, mbedtls_pk_context *pk, const char *dir, const char *c,
		 const char *k)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", dir, c);
	if (mbedtls_x509_crt_parse_file(crt, p))
		exit(1);
	if (k) {
		snprintf(p, sizeof(p), "%s/%s", dir, k);
		if (mbedtls_pk_parse_keyfile(pk, p, NULL))
			exit(1);
	}
}

int main(int argc, char **argv)
{
	const struct tls_profile *prof = tls_profile_default();
	mbedtls_entropy_context ent;
	mbedtls_ctr_drbg_context drbg;
	mbedtls_ssl_config cc, sc;
	mbedtls_x509_crt ca, ccrt, scrt;
	mbedtls_pk_context ckey, skey;
	int count = argc > 2 ? atoi(argv[2]) : 200;
	struct timespec t0, t1;
	double s;

	if (argc < 2) {
		fprintf(stderr, "usage: tls_handshake CERTS-DIR [COUNT]\n");
		return 2;
	}
	mbedtls_entropy_init(&ent);
	mbedtls_ctr_drbg_init(&drbg);
	mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &ent, NULL, 0);
	mbedtls_x509_crt_init(&ca);
	mbedtls_x509_crt_init(&ccrt);
	mbedtls_x509_crt_init(&scrt);
	mbedtls_pk_init(&ckey);
	mbedtls_pk_init(&skey);
	load(&ca, NULL, argv[1], "ca.crt", NULL);
	load(&ccrt, &ckey, argv[1], "client-ec.crt", "client-ec.key");
	load(&scrt, &skey, argv[1], "server.crt", "server.key");
	mbedtls_ssl_config_init(&cc);
	mbedtls_ssl_config_init(&sc);
	mbedtls_ssl_config_defaults(&cc, MBEDTLS_SSL_IS_CLIENT, 0, 0);
	mbedtls_ssl_config_defaults(&sc, MBEDTLS_SSL_IS_SERVER, 0, 0);
	mbedtls_ssl_conf_rng(&cc, mbedtls_ctr_drbg_random, &drbg);
	mbedtls_ssl_conf_rng(&sc, mbedtls_ctr_drbg_random, &drbg);
	mbedtls_ssl_conf_ciphersuites(&cc, prof->ciphersuites);
	mbedtls_ssl_conf_curves(&cc, prof->curves);
	mbedtls_ssl_conf_min_version(&cc, 3, 3);
	mbedtls_ssl_conf_ca_chain(&cc, &ca, NULL);
	mbedtls_ssl_conf_own_cert(&cc, &ccrt, &ckey);
	mbedtls_ssl_conf_ca_chain(&sc, &ca, NULL);
	mbedtls_ssl_conf_own_cert(&sc, &scrt, &skey);
	mbedtls_ssl_conf_authmode(&sc, MBEDTLS_SSL_VERIFY_REQUIRED);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < count; i++) {
		mbedtls_ssl_context c, sv;
		int sp[2], rc_c = 1, rc_s = 1;

		socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sp);
		mbedtls_ssl_init(&c);
		mbedtls_ssl_init(&sv);
		mbedtls_ssl_setup(&c, &cc);
		mbedtls_ssl_setup(&sv, &sc);
		mbedtls_ssl_set_hostname(&c, "localhost");
		mbedtls_ssl_set_bio(&c, &sp[0], fd_send, fd_recv, NULL);
		mbedtls_ssl_set_bio(&sv, &sp[1], fd_send, fd_recv, NULL);
		while (rc_c || rc_s) {
			if (rc_c)
				rc_c = mbedtls_ssl_handshake(&c);
			if (rc_s)
				rc_s = mbedtls_ssl_handshake(&sv);
			if ((rc_c && rc_c != MBEDTLS_ERR_SSL_WANT_READ && rc_c != MBEDTLS_ERR_SSL_WANT_WRITE) ||
			    (rc_s && rc_s != MBEDTLS_ERR_SSL_WANT_READ && rc_s != MBEDTLS_ERR_SSL_WANT_WRITE)) {
				fprintf(stderr, "handshake failed: -0x%04x -0x%04x\n", -rc_c, -rc_s);
				return 1;
			}
		}
		if (i == 0)
			printf("  cipher suite: %s\n", mbedtls_ssl_get_ciphersuite(&c));
		mbedtls_ssl_free(&c);
		mbedtls_ssl_free(&sv);
		close(sp[0]);
		close(sp[1]);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("  in-process mbedTLS handshake pairs: %d in %.2f s = %.1f/s\n", count, s, count / s);
	return 0;
}
