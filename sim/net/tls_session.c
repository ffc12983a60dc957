#include "tls_session.h"

#include <errno.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/timing.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cred_store.h"
#include "tls_profile.h"
#include "tls_rules.h"
#include "tls_service.h"

struct tls_session {
	struct tls_session_params p;
	char hostname[129];
	int fd;
	int last_err;		/* mbedTLS code of the last failure */
	mbedtls_ssl_config conf;
	mbedtls_ssl_context ssl;
	mbedtls_x509_crt ca, own;
	mbedtls_pk_context key;
	char key_rule[512];	/* non-empty: the client credentials break a rule */
	char verify_rule[512];	/* set by the verify callback */
	char record_rule[256];	/* set when a record breaks the socket buffer */
	struct tls_record_watch records;
	mbedtls_timing_delay_context timer;	/* DTLS retransmission */
	unsigned char psk[64];
};

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
	struct tls_session *s = ctx;
	ssize_t n = send(s->fd, buf, len, MSG_NOSIGNAL);

	if (n >= 0)
		return (int)n;
	if (errno == EAGAIN || errno == EINTR)
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET
						     : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
	struct tls_session *s = ctx;
	ssize_t n;

	if (s->record_rule[0])
		return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
	n = recv(s->fd, buf, len, 0);
	if (n > 0) {
		/* The record watch reads TLS's 5-byte headers; DTLS's differ. */
		if (s->p.dtls)
			return (int)n;
		if (tls_rule_watch_records(s->p.prof, &s->records, buf, (size_t)n, s->record_rule,
					   sizeof(s->record_rule)))
			return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
		return (int)n;
	}
	if (n == 0)
		return 0;
	if (errno == EAGAIN || errno == EINTR)
		return MBEDTLS_ERR_SSL_WANT_READ;
	return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
	struct tls_session *s = ctx;
	size_t n = 0;

	if (!s->p.prof->verify_expiry)
		*flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
	if (depth != 0)
		return 0;
	for (const mbedtls_x509_crt *c = crt; c; c = c->next)
		n += c->raw.len;
	if (tls_rule_check_chain(s->p.prof, n, s->verify_rule, sizeof(s->verify_rule)))
		return MBEDTLS_ERR_X509_FATAL_ERROR;
	return 0;
}

static void configure(struct tls_session *s)
{
	const struct tls_profile *prof = s->p.prof;
	static const int authmodes[] = { MBEDTLS_SSL_VERIFY_NONE, MBEDTLS_SSL_VERIFY_OPTIONAL,
					 MBEDTLS_SSL_VERIFY_REQUIRED };

	mbedtls_ssl_conf_rng(&s->conf, mbedtls_ctr_drbg_random, &s->p.svc->drbg);
	mbedtls_ssl_conf_min_version(&s->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&s->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	if (prof->ciphersuites)
		mbedtls_ssl_conf_ciphersuites(&s->conf, prof->ciphersuites);
	mbedtls_ssl_conf_curves(&s->conf, prof->curves);
	switch (prof->negotiate_mfl ? prof->record_buffer : 0) {
	case 512: mbedtls_ssl_conf_max_frag_len(&s->conf, MBEDTLS_SSL_MAX_FRAG_LEN_512); break;
	case 1024: mbedtls_ssl_conf_max_frag_len(&s->conf, MBEDTLS_SSL_MAX_FRAG_LEN_1024); break;
	case 2048: mbedtls_ssl_conf_max_frag_len(&s->conf, MBEDTLS_SSL_MAX_FRAG_LEN_2048); break;
	case 4096: mbedtls_ssl_conf_max_frag_len(&s->conf, MBEDTLS_SSL_MAX_FRAG_LEN_4096); break;
	default: break;
	}
	mbedtls_ssl_conf_authmode(&s->conf, authmodes[s->p.verify >= 0 && s->p.verify <= 2 ?
							s->p.verify : 2]);
	mbedtls_ssl_conf_verify(&s->conf, verify_cb, s);
}

/* The sec_tag's root CA; -EACCES with why when verification needs one. */
static int load_ca(struct tls_session *s, char *why, size_t whylen)
{
	const struct cred *ca = s->p.creds ? cred_store_get(s->p.creds, s->p.sec_tag, CRED_CA_CERT)
					   : NULL;
	int rc;

	if (s->p.verify != 0 && !ca) {
		snprintf(why, whylen, "sec_tag %u has no root CA certificate (type 0) but peer "
			 "verification is required; write the CA that signed the server certificate "
			 "with AT%%CMNG=0,%u,0,\"<PEM>\"", s->p.sec_tag, s->p.sec_tag);
		return -EACCES;
	}
	if (!ca)
		return 0;
	/* mbedTLS parses PEM with its NUL. */
	rc = mbedtls_x509_crt_parse(&s->ca, (const unsigned char *)ca->data, ca->len + 1);
	if (rc) {
		snprintf(why, whylen, "sec_tag %u type 0 (root CA) is not a valid certificate "
			 "(mbedTLS -0x%04x)", s->p.sec_tag, (unsigned)-rc);
		return -EACCES;
	}
	mbedtls_ssl_conf_ca_chain(&s->conf, &s->ca, NULL);
	return 0;
}

/* The client certificate and key: used when the rules allow, else the
 * broken rule waits in key_rule for a server that asks for them. */
static void load_own(struct tls_session *s)
{
	const struct cred_store *cs = s->p.creds;
	const struct cred *crt = cs ? cred_store_get(cs, s->p.sec_tag, CRED_CLIENT_CERT) : NULL;
	const struct cred *key = cs ? cred_store_get(cs, s->p.sec_tag, CRED_PRIVATE_KEY) : NULL;

	if (tls_rule_client_creds(s->p.prof, s->p.sec_tag, crt, key, &s->own, &s->key,
				  s->key_rule, sizeof(s->key_rule)))
		return;
	mbedtls_ssl_conf_own_cert(&s->conf, &s->own, &s->key);
}

/* DTLS on the modem: the sec_tag's PSK (type 3, hex) and identity (type 4);
 * with a profile that allows only PSK, the certificates are not used. */
static int load_psk(struct tls_session *s, char *why, size_t whylen)
{
	const struct cred_store *cs = s->p.creds;
	const struct cred *psk = cs ? cred_store_get(cs, s->p.sec_tag, CRED_PSK) : NULL;
	const struct cred *id = cs ? cred_store_get(cs, s->p.sec_tag, CRED_PSK_IDENTITY) : NULL;
	size_t n = 0;

	if (!psk || !id) {
		if (!s->p.prof->dtls_psk_only)
			return 0;
		snprintf(why, whylen, "rule dtls-psk-only: %s does DTLS with a PSK only; sec_tag %u "
			 "has no %s (write it with AT%%CMNG=0,%u,%d,\"...\")", s->p.prof->name,
			 s->p.sec_tag, !psk ? "PSK (type 3, hex)" : "PSK identity (type 4)",
			 s->p.sec_tag, !psk ? 3 : 4);
		return -EACCES;
	}
	for (const char *h = psk->data; h[0] && h[1] && n < sizeof(s->psk); h += 2) {
		unsigned v;

		if (sscanf(h, "%2x", &v) != 1)
			break;
		s->psk[n++] = (unsigned char)v;
	}
	if (!n || n * 2 != psk->len ||
	    mbedtls_ssl_conf_psk(&s->conf, s->psk, n, (const unsigned char *)id->data, id->len)) {
		snprintf(why, whylen, "sec_tag %u type 3 (PSK) is not an even string of hex digits of "
			 "at most %zu bytes", s->p.sec_tag, sizeof(s->psk));
		return -EACCES;
	}
	return 0;
}

/* Certificates for TLS; the PSK, and certificates where the profile
 * allows them, for DTLS. */
static int load_creds(struct tls_session *s, char *why, size_t whylen)
{
	int rc;

	if (s->p.dtls && (rc = load_psk(s, why, whylen)))
		return rc;
	if (s->p.dtls && s->p.prof->dtls_psk_only) {
		mbedtls_ssl_conf_authmode(&s->conf, MBEDTLS_SSL_VERIFY_NONE);
		return 0;
	}
	if ((rc = load_ca(s, why, whylen)))
		return rc;
	load_own(s);
	return 0;
}

struct tls_session *tls_session_new(const struct tls_session_params *p, char *why, size_t whylen)
{
	struct tls_session *s = calloc(1, sizeof(*s));
	int rc;

	if (!s) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	s->p = *p;
	s->fd = -1;
	mbedtls_ssl_config_init(&s->conf);
	mbedtls_ssl_init(&s->ssl);
	mbedtls_x509_crt_init(&s->ca);
	mbedtls_x509_crt_init(&s->own);
	mbedtls_pk_init(&s->key);
	if (mbedtls_ssl_config_defaults(&s->conf, MBEDTLS_SSL_IS_CLIENT,
					p->dtls ? MBEDTLS_SSL_TRANSPORT_DATAGRAM :
						  MBEDTLS_SSL_TRANSPORT_STREAM,
					MBEDTLS_SSL_PRESET_DEFAULT)) {
		snprintf(why, whylen, "TLS set-up failed");
		goto fail;
	}
	configure(s);
	if ((rc = load_creds(s, why, whylen)))
		goto fail;
	if (mbedtls_ssl_setup(&s->ssl, &s->conf) ||
	    (p->hostname && mbedtls_ssl_set_hostname(&s->ssl, p->hostname))) {
		snprintf(why, whylen, "TLS set-up failed");
		goto fail;
	}
	mbedtls_ssl_set_bio(&s->ssl, s, bio_send, bio_recv, NULL);
	/* Retransmission timers in real time: they matter only when a
	 * datagram is lost, and the clock is held during a handshake. */
	if (p->dtls)
		mbedtls_ssl_set_timer_cb(&s->ssl, &s->timer, mbedtls_timing_set_delay,
					 mbedtls_timing_get_delay);
	return s;
fail:
	tls_session_free(s);
	return NULL;
}

void tls_session_free(struct tls_session *s)
{
	if (!s)
		return;
	mbedtls_ssl_free(&s->ssl);
	mbedtls_ssl_config_free(&s->conf);
	mbedtls_x509_crt_free(&s->ca);
	mbedtls_x509_crt_free(&s->own);
	mbedtls_pk_free(&s->key);
	free(s);
}

void tls_session_set_fd(struct tls_session *s, int fd) { s->fd = fd; }

const char *tls_session_cipher(const struct tls_session *s)
{
	return mbedtls_ssl_get_ciphersuite(&s->ssl);
}

bool tls_session_reset(const struct tls_session *s)
{
	return s->last_err == MBEDTLS_ERR_NET_CONN_RESET;
}

void tls_session_close_notify(struct tls_session *s)
{
	mbedtls_ssl_close_notify(&s->ssl);
}

static void explain_failure(struct tls_session *s, int rc, char *why, size_t whylen)
{
	char err[128], info[512];
	uint32_t flags;

	if (s->record_rule[0] || s->verify_rule[0]) {
		snprintf(why, whylen, "%s", s->record_rule[0] ? s->record_rule : s->verify_rule);
		return;
	}
	if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
		flags = mbedtls_ssl_get_verify_result(&s->ssl);
		mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags);
		for (char *p = info; *p; p++)
			if (*p == '\n')
				*p = (p[1] ? ';' : '\0');
		snprintf(why, whylen, "server certificate rejected for '%s' with the CA of sec_tag %u: "
			 "%s%s", s->p.hostname ? s->p.hostname : s->p.peer, s->p.sec_tag, info,
			 (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) ?
			 " (the certificate is issued for another host name)" : "");
		return;
	}
	mbedtls_strerror(rc, err, sizeof(err));
	if (rc == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE)
		snprintf(why, whylen, "the server aborted the TLS handshake with a fatal alert (%s): "
			 "it rejected the client certificate of sec_tag %u, or shares no cipher suite "
			 "or curve with %s", err, s->p.sec_tag, s->p.prof->name);
	else if (rc == MBEDTLS_ERR_SSL_CONN_EOF || rc == MBEDTLS_ERR_NET_CONN_RESET ||
		 rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
		snprintf(why, whylen, "the server closed the connection during the TLS handshake (%s)",
			 err);
	else
		snprintf(why, whylen, "TLS handshake failed: %s (mbedTLS -0x%04x)", err, (unsigned)-rc);
}

enum tls_step tls_session_handshake(struct tls_session *s, char *why, size_t whylen)
{
	int rc;

	for (;;) {
		if (s->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER)
			return TLS_STEP_DONE;
		/* The modem's own rules bite where the key would be used. */
		if (s->ssl.state == MBEDTLS_SSL_CLIENT_CERTIFICATE && s->ssl.client_auth &&
		    s->key_rule[0]) {
			snprintf(why, whylen, "%s", s->key_rule);
			mbedtls_ssl_send_alert_message(&s->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
						       MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
			return TLS_STEP_FAILED;
		}
		rc = mbedtls_ssl_handshake_step(&s->ssl);
		if (rc == MBEDTLS_ERR_SSL_WANT_READ)
			return TLS_STEP_WANT_READ;
		if (rc == MBEDTLS_ERR_SSL_WANT_WRITE)
			return TLS_STEP_WANT_WRITE;
		if (rc) {
			s->last_err = rc;
			explain_failure(s, rc, why, whylen);
			return TLS_STEP_FAILED;
		}
	}
}

enum tls_step tls_session_read(struct tls_session *s, void *buf, size_t len, size_t *n,
			       char *why, size_t whylen)
{
	char err[128];
	int rc = mbedtls_ssl_read(&s->ssl, buf, len);

	*n = 0;
	if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
		return TLS_STEP_WANT_READ;
	if (rc == 0 || rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == MBEDTLS_ERR_SSL_CONN_EOF) {
		snprintf(why, whylen, "the server closed the connection");
		return TLS_STEP_CLOSED;
	}
	if (rc < 0) {
		s->last_err = rc;
		mbedtls_strerror(rc, err, sizeof(err));
		if (s->record_rule[0])
			snprintf(why, whylen, "%s", s->record_rule);
		else
			snprintf(why, whylen, "TLS connection failed: %s", err);
		return TLS_STEP_FAILED;
	}
	*n = (size_t)rc;
	return TLS_STEP_DONE;
}

enum tls_step tls_session_write(struct tls_session *s, const void *buf, size_t len, size_t *n,
				char *why, size_t whylen)
{
	char err[128];
	int rc = mbedtls_ssl_write(&s->ssl, buf, len);

	*n = 0;
	if (rc == MBEDTLS_ERR_SSL_WANT_WRITE || rc == MBEDTLS_ERR_SSL_WANT_READ)
		return TLS_STEP_WANT_WRITE;
	if (rc < 0) {
		s->last_err = rc;
		mbedtls_strerror(rc, err, sizeof(err));
		snprintf(why, whylen, "TLS send failed: %s", err);
		return TLS_STEP_FAILED;
	}
	*n = (size_t)rc;
	return TLS_STEP_DONE;
}
