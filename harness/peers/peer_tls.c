#include "peer_tls.h"

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/timing.h>
#include <stdio.h>
#include <mbedtls/x509_crt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

struct peer_tls_server {
	mbedtls_ssl_config conf;
	mbedtls_x509_crt own, ca;
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

struct peer_tls_conn {
	mbedtls_ssl_context ssl;
	mbedtls_net_context net;
	/* DTLS: a configuration of its own (its PSK), and the timers. */
	mbedtls_ssl_config *dtls_conf;
	mbedtls_timing_delay_context timer;
	unsigned char psk[64];
};

struct peer_tls_server *peer_tls_server_new(const char *cert, const char *key, const char *ca)
{
	struct peer_tls_server *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	mbedtls_ssl_config_init(&s->conf);
	mbedtls_x509_crt_init(&s->own);
	mbedtls_x509_crt_init(&s->ca);
	mbedtls_pk_init(&s->key);
	mbedtls_entropy_init(&s->entropy);
	mbedtls_ctr_drbg_init(&s->drbg);
	if (mbedtls_x509_crt_parse_file(&s->own, cert) || mbedtls_x509_crt_parse_file(&s->ca, ca) ||
	    mbedtls_pk_parse_keyfile(&s->key, key, NULL) ||
	    mbedtls_ctr_drbg_seed(&s->drbg, mbedtls_entropy_func, &s->entropy, NULL, 0) ||
	    mbedtls_ssl_config_defaults(&s->conf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
					MBEDTLS_SSL_PRESET_DEFAULT) ||
	    mbedtls_ssl_conf_own_cert(&s->conf, &s->own, &s->key)) {
		peer_tls_server_free(s);
		return NULL;
	}
	mbedtls_ssl_conf_rng(&s->conf, mbedtls_ctr_drbg_random, &s->drbg);
	mbedtls_ssl_conf_ca_chain(&s->conf, &s->ca, NULL);
	mbedtls_ssl_conf_authmode(&s->conf, MBEDTLS_SSL_VERIFY_NONE);
	return s;
}

void peer_tls_server_free(struct peer_tls_server *s)
{
	if (!s)
		return;
	mbedtls_ssl_config_free(&s->conf);
	mbedtls_x509_crt_free(&s->own);
	mbedtls_x509_crt_free(&s->ca);
	mbedtls_pk_free(&s->key);
	mbedtls_ctr_drbg_free(&s->drbg);
	mbedtls_entropy_free(&s->entropy);
	free(s);
}

/* The whole handshake, blocking; the connection, or NULL (freed). */
static struct peer_tls_conn *handshake(struct peer_tls_conn *c)
{
	int rc;

	do
		rc = mbedtls_ssl_handshake(&c->ssl);
	while (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE);
	if (rc) {
		peer_tls_close(c);
		return NULL;
	}
	return c;
}

struct peer_tls_conn *peer_tls_accept(struct peer_tls_server *s, int fd, bool mutual)
{
	struct peer_tls_conn *c = calloc(1, sizeof(*c));
	struct timeval limit = { 10, 0 };

	if (!c)
		return NULL;
	/* The peer process serves one thing at a time: a handshake may block,
	 * but never past a modem that went away. */
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof(limit));
	mbedtls_ssl_init(&c->ssl);
	c->net.fd = fd;
	if (mbedtls_ssl_setup(&c->ssl, &s->conf)) {
		free(c);
		return NULL;
	}
	/* A modem with a client certificate for the socket's sec_tag meets a
	 * server that asks for it; one without meets one that does not. */
	mbedtls_ssl_set_hs_authmode(&c->ssl, mutual ? MBEDTLS_SSL_VERIFY_REQUIRED
						   : MBEDTLS_SSL_VERIFY_NONE);
	mbedtls_ssl_set_bio(&c->ssl, &c->net, mbedtls_net_send, mbedtls_net_recv, NULL);
	return handshake(c);
}

int peer_tls_read(struct peer_tls_conn *c, void *buf, size_t len)
{
	int rc;

	do
		rc = mbedtls_ssl_read(&c->ssl, buf, len);
	while (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE);
	return rc > 0 ? rc : rc == 0 || rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY ? 0 : -1;
}

size_t peer_tls_pending(const struct peer_tls_conn *c)
{
	return mbedtls_ssl_get_bytes_avail(&c->ssl);
}

int peer_tls_write(struct peer_tls_conn *c, const void *buf, size_t len)
{
	const unsigned char *p = buf;

	while (len) {
		int rc = mbedtls_ssl_write(&c->ssl, p, len);

		if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
			continue;
		if (rc < 0)
			return -1;
		p += rc;
		len -= (size_t)rc;
	}
	return 0;
}

void peer_tls_close(struct peer_tls_conn *c)
{
	if (!c)
		return;
	mbedtls_ssl_close_notify(&c->ssl);
	mbedtls_ssl_free(&c->ssl);
	if (c->dtls_conf) {
		mbedtls_ssl_config_free(c->dtls_conf);
		free(c->dtls_conf);
	}
	free(c);
}

/* A DTLS server configuration for one client: its PSK, no cookie round
 * (the client is the local emulator). */
static int dtls_conf(struct peer_tls_server *s, struct peer_tls_conn *c, const char *psk_hex,
		     const char *identity)
{
	size_t n = 0;

	for (const char *h = psk_hex; h[0] && h[1] && n < sizeof(c->psk); h += 2) {
		unsigned v;

		if (sscanf(h, "%2x", &v) != 1)
			return -1;
		c->psk[n++] = (unsigned char)v;
	}
	c->dtls_conf = calloc(1, sizeof(*c->dtls_conf));
	if (!c->dtls_conf)
		return -1;
	mbedtls_ssl_config_init(c->dtls_conf);
	if (mbedtls_ssl_config_defaults(c->dtls_conf, MBEDTLS_SSL_IS_SERVER,
					MBEDTLS_SSL_TRANSPORT_DATAGRAM, MBEDTLS_SSL_PRESET_DEFAULT) ||
	    mbedtls_ssl_conf_psk(c->dtls_conf, c->psk, n, (const unsigned char *)identity,
				 strlen(identity)))
		return -1;
	mbedtls_ssl_conf_rng(c->dtls_conf, mbedtls_ctr_drbg_random, &s->drbg);
	mbedtls_ssl_conf_dtls_cookies(c->dtls_conf, NULL, NULL, NULL);
	/* A client that went away: the retransmissions give up in seconds. */
	mbedtls_ssl_conf_handshake_timeout(c->dtls_conf, 500, 4000);
	mbedtls_ssl_conf_read_timeout(c->dtls_conf, 10000);
	return 0;
}

struct peer_tls_conn *peer_tls_accept_dtls(struct peer_tls_server *s, int fd, const char *psk_hex,
					   const char *identity)
{
	struct peer_tls_conn *c = calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	mbedtls_ssl_init(&c->ssl);
	c->net.fd = fd;
	if (dtls_conf(s, c, psk_hex, identity) || mbedtls_ssl_setup(&c->ssl, c->dtls_conf)) {
		peer_tls_close(c);
		return NULL;
	}
	mbedtls_ssl_set_timer_cb(&c->ssl, &c->timer, mbedtls_timing_set_delay,
				 mbedtls_timing_get_delay);
	mbedtls_ssl_set_bio(&c->ssl, &c->net, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
	return handshake(c);
}
