#include "tls_session.h"

#include <errno.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/platform.h>
#include <mbedtls/ssl.h>
#include <mbedtls/timing.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "tls_buffers.h"
#include "tls_conf.h"
#include "tls_profile.h"
#include "tls_rules.h"
#include "tls_service.h"

struct tls_session {
	struct tls_session_params p;
	int fd;
	int last_err;		/* mbedTLS code of the last failure */
	const mbedtls_ssl_config *conf;	/* shared (tls_conf.h) */
	mbedtls_ssl_context ssl;
	/* Broken rules, kept only when one breaks: the client credentials'
	 * (waits for a server that asks for them), the verify callback's and
	 * the socket buffer's (a record too large). */
	char *key_rule, *verify_rule, *record_rule;
	bool paged;		/* record buffers moved (tls_buffers.h) */
	struct tls_record_watch records;
	mbedtls_timing_delay_context timer;	/* DTLS retransmission */
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
	char rule[256];
	ssize_t n;

	if (s->record_rule)
		return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
	n = recv(s->fd, buf, len, 0);
	if (n > 0) {
		/* The record watch reads TLS's 5-byte headers; DTLS's differ. */
		if (s->p.dtls)
			return (int)n;
		if (tls_rule_watch_records(s->p.prof, &s->records, buf, (size_t)n, rule,
					   sizeof(rule))) {
			s->record_rule = strdup(rule);
			return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
		}
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
	char rule[512];
	size_t n = 0;

	if (!s->p.prof->verify_expiry)
		*flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
	if (depth != 0)
		return 0;
	for (const mbedtls_x509_crt *c = crt; c; c = c->next)
		n += c->raw.len;
	if (tls_rule_check_chain(s->p.prof, n, rule, sizeof(rule))) {
		free(s->verify_rule);
		s->verify_rule = strdup(rule);
		return MBEDTLS_ERR_X509_FATAL_ERROR;
	}
	return 0;
}

struct tls_session *tls_session_new(const struct tls_session_params *p, char *why, size_t whylen)
{
	struct tls_session *s = calloc(1, sizeof(*s));
	char key_rule[512];

	if (!s) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	s->p = *p;
	s->fd = -1;
	mbedtls_ssl_init(&s->ssl);
	if (!(s->conf = tls_conf_acquire(p, key_rule, sizeof(key_rule), why, whylen)))
		goto fail;
	if (key_rule[0] && !(s->key_rule = strdup(key_rule)))
		goto oom;
	if (mbedtls_ssl_setup(&s->ssl, s->conf) ||
	    (p->hostname && mbedtls_ssl_set_hostname(&s->ssl, p->hostname))) {
		snprintf(why, whylen, "TLS set-up failed");
		goto fail;
	}
	s->paged = tls_buffers_page(&s->ssl);
	/* Per session: the configuration is shared. */
	mbedtls_ssl_set_verify(&s->ssl, verify_cb, s);
	mbedtls_ssl_set_bio(&s->ssl, s, bio_send, bio_recv, NULL);
	/* Retransmission timers in real time: they matter only when a
	 * datagram is lost, and the clock is held during a handshake. */
	if (p->dtls)
		mbedtls_ssl_set_timer_cb(&s->ssl, &s->timer, mbedtls_timing_set_delay,
					 mbedtls_timing_get_delay);
	return s;
oom:
	snprintf(why, whylen, "out of memory");
fail:
	tls_session_free(s);
	return NULL;
}

void tls_session_free(struct tls_session *s)
{
	if (!s)
		return;
	if (s->paged)
		tls_buffers_unpage(&s->ssl);
	mbedtls_ssl_free(&s->ssl);
	if (s->conf)
		tls_conf_release(s->p.svc, s->conf);
	free(s->key_rule);
	free(s->verify_rule);
	free(s->record_rule);
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

	if (s->record_rule || s->verify_rule) {
		snprintf(why, whylen, "%s", s->record_rule ? s->record_rule : s->verify_rule);
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

/* The server's chain is checked during the handshake and never looked at
 * again (no renegotiation, no session export), but Debian's mbedTLS is
 * built with MBEDTLS_SSL_KEEP_PEER_CERTIFICATE and would keep it, parsed,
 * for the whole session: some 4 kB per live connection.  The same for a
 * session ticket the server issued: the modem never resumes a session
 * here (nothing calls mbedtls_ssl_get_session), so it is never sent back. */
static void drop_kept_state(struct tls_session *s)
{
	mbedtls_ssl_session *ses = s->ssl.session;

	if (!ses)
		return;
#if defined(MBEDTLS_SSL_KEEP_PEER_CERTIFICATE)
	if (ses->peer_cert) {
		mbedtls_x509_crt_free(ses->peer_cert);
		mbedtls_free(ses->peer_cert);
		ses->peer_cert = NULL;
	}
#endif
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
	mbedtls_free(ses->ticket);
	ses->ticket = NULL;
	ses->ticket_len = 0;
#endif
}

enum tls_step tls_session_handshake(struct tls_session *s, char *why, size_t whylen)
{
	int rc;

	for (;;) {
		if (s->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER) {
			drop_kept_state(s);
			return TLS_STEP_DONE;
		}
		/* The modem's own rules bite where the key would be used. */
		if (s->ssl.state == MBEDTLS_SSL_CLIENT_CERTIFICATE && s->ssl.client_auth &&
		    s->key_rule) {
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
		if (s->record_rule)
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
