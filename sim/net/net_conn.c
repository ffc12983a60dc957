#include "net_conn.h"

#include <arpa/inet.h>
#include <errno.h>
#include <ev.h>
#include <fcntl.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include <netinet/tcp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "cred_store.h"
#include "sim_ctx.h"
#include "sim_log.h"
#include "resolver.h"
#include "strbuf.h"
#include "tls_profile.h"
#include "tls_rules.h"
#include "tls_service.h"

/* Real time a connection may hold virtual time while its peer is silent;
 * after that the time-out is allowed to come (a dead peer, not a slow one). */
#define HOLD_GRACE_S 2.0

enum conn_state { ST_CONNECTING, ST_HANDSHAKE, ST_STALLED, ST_OPEN, ST_CLOSED };

struct conn {
	struct sim_ctx *ctx;
	const struct tls_profile *prof;
	struct conn_params p;
	char host[129], hostname[129], owner[16];
	const struct conn_ops *ops;
	void *arg;
	enum conn_state state;
	int fd;
	ev_io rio, wio;
	struct sim_timer timeout;
	struct sim_timer stall;	/* --fault handshake-stall: outcome held back */
	int stalled_err;	/* the outcome: 0 open, -errno failed */
	bool stalled;
	ev_timer grace;
	bool held, await;
	int busy;		/* inside an entry point: conn_close defers the free */
	bool closed;		/* the owner closed it */
	struct strbuf rx, tx;
	char why[768];

	bool tls;
	bool counted;		/* counts against the modem's TLS sessions */
	mbedtls_ssl_config conf;
	mbedtls_ssl_context ssl;
	mbedtls_x509_crt ca, own;
	mbedtls_pk_context key;
	bool have_own;
	char key_rule[512];	/* non-empty: the key breaks a profile rule */
	char verify_rule[512];	/* set by the verify callback */
	/* TLS record framing seen on the wire, for the secure socket buffer. */
	unsigned char rec_hdr[5];
	size_t rec_hdr_len, rec_left;
	char record_rule[256];
};

static void leave(struct conn *c);

static void set_why(struct conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_why(struct conn *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->why, sizeof(c->why), fmt, ap);
	va_end(ap);
}

const char *conn_why(const struct conn *c) { return c->why; }

const char *conn_cipher(const struct conn *c)
{
	return c->tls && c->state == ST_OPEN ? mbedtls_ssl_get_ciphersuite(&c->ssl) : "none (TCP)";
}

static void hold(struct conn *c, bool on)
{
	if (on == c->held)
		return;
	c->held = on;
	if (on) {
		sim_clock_hold(c->ctx->clock);
		ev_timer_again(c->ctx->loop, &c->grace);
	} else {
		sim_clock_release(c->ctx->clock);
		ev_timer_stop(c->ctx->loop, &c->grace);
	}
}

static void update_hold(struct conn *c)
{
	hold(c, c->state == ST_CONNECTING || c->state == ST_HANDSHAKE ||
		(c->state == ST_OPEN && c->await));
}

static void grace_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct conn *c = w->data;

	(void)loop;
	(void)revents;
	/* The peer said nothing for a while: let the clock reach the time-out. */
	if (c->held) {
		c->held = false;
		sim_clock_release(c->ctx->clock);
	}
}

static void progress(struct conn *c)
{
	if (c->held)
		ev_timer_again(c->ctx->loop, &c->grace);
	else
		update_hold(c);
}

void conn_await(struct conn *c, bool waiting)
{
	c->await = waiting;
	update_hold(c);
}

static void teardown(struct conn *c)
{
	ev_io_stop(c->ctx->loop, &c->rio);
	ev_io_stop(c->ctx->loop, &c->wio);
	ev_timer_stop(c->ctx->loop, &c->grace);
	sim_timer_stop(&c->timeout);
	sim_timer_stop(&c->stall);
	hold(c, false);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->counted) {
		(*c->p.tls_count)--;
		c->counted = false;
	}
	c->state = ST_CLOSED;
}

static void fail(struct conn *c, int err)
{
	enum conn_state was = c->state;

	teardown(c);
	if (was == ST_OPEN) {
		if (c->ops->on_closed)
			c->ops->on_closed(c->arg, err);
	} else if (was != ST_CLOSED) {
		c->ops->on_open(c->arg, err);
	}
}

/* The secure socket buffer bounds application data records; handshake
 * records (a chain up to 4 kB) have their own rule. */
static void inspect_records(struct conn *c, const unsigned char *buf, size_t len)
{
	size_t limit = c->prof->record_buffer + 256;	/* room for IV, MAC, padding */

	if (c->prof->record_buffer >= 16384)
		return;
	while (len) {
		if (c->rec_left) {
			size_t n = len < c->rec_left ? len : c->rec_left;

			c->rec_left -= n;
			buf += n;
			len -= n;
			continue;
		}
		c->rec_hdr[c->rec_hdr_len++] = *buf++;
		len--;
		if (c->rec_hdr_len < 5)
			continue;
		c->rec_hdr_len = 0;
		c->rec_left = ((size_t)c->rec_hdr[3] << 8) | c->rec_hdr[4];
		if (c->rec_hdr[0] == MBEDTLS_SSL_MSG_APPLICATION_DATA && c->rec_left > limit &&
		    !c->record_rule[0])
			snprintf(c->record_rule, sizeof(c->record_rule),
				 "rule record-buffer: the server sent a %zu-byte TLS application record; "
				 "the modem's secure socket buffer is %zu bytes (profile %s); send smaller "
				 "messages or have the server limit its TLS records (e.g. OpenSSL "
				 "max_send_fragment)", c->rec_left, c->prof->record_buffer, c->prof->name);
	}
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
	struct conn *c = ctx;
	ssize_t n = send(c->fd, buf, len, MSG_NOSIGNAL);

	if (n >= 0)
		return (int)n;
	if (errno == EAGAIN || errno == EINTR)
		return MBEDTLS_ERR_SSL_WANT_WRITE;
	return errno == EPIPE || errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET
						     : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
	struct conn *c = ctx;
	ssize_t n;

	if (c->record_rule[0])
		return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
	n = recv(c->fd, buf, len, 0);
	if (n > 0) {
		inspect_records(c, buf, (size_t)n);
		if (c->record_rule[0])
			return MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL;
		return (int)n;
	}
	if (n == 0)
		return 0;
	if (errno == EAGAIN || errno == EINTR)
		return MBEDTLS_ERR_SSL_WANT_READ;
	return errno == ECONNRESET ? MBEDTLS_ERR_NET_CONN_RESET : MBEDTLS_ERR_NET_RECV_FAILED;
}

static size_t chain_bytes(const mbedtls_x509_crt *crt)
{
	size_t n = 0;

	for (; crt; crt = crt->next)
		n += crt->raw.len;
	return n;
}

static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
	struct conn *c = ctx;

	if (!c->prof->verify_expiry)
		*flags &= ~(uint32_t)(MBEDTLS_X509_BADCERT_EXPIRED | MBEDTLS_X509_BADCERT_FUTURE);
	if (depth == 0 && c->prof->max_server_chain) {
		size_t n = chain_bytes(crt);

		if (n > c->prof->max_server_chain) {
			snprintf(c->verify_rule, sizeof(c->verify_rule),
				 "rule server-chain-size: the server sent a certificate chain of %zu "
				 "bytes; %s accepts at most %zu; serve a shorter chain (leaf and one "
				 "intermediate, ECDSA certificates are smaller)", n, c->prof->name,
				 c->prof->max_server_chain);
			return MBEDTLS_ERR_X509_FATAL_ERROR;
		}
	}
	return 0;
}

static char *cred_text(const struct cred *cr, size_t *len)
{
	*len = cr->len + 1;	/* mbedTLS parses PEM with its NUL */
	return cr->data;
}

static int tls_setup(struct conn *c)
{
	const struct cred_store *cs = c->p.creds;
	const struct cred *ca = cs ? cred_store_get(cs, c->p.sec_tag, CRED_CA_CERT) : NULL;
	const struct cred *crt = cs ? cred_store_get(cs, c->p.sec_tag, CRED_CLIENT_CERT) : NULL;
	const struct cred *key = cs ? cred_store_get(cs, c->p.sec_tag, CRED_PRIVATE_KEY) : NULL;
	struct tls_service *svc = c->ctx->tls;
	size_t len;
	int rc;

	mbedtls_ssl_config_init(&c->conf);
	mbedtls_ssl_init(&c->ssl);
	mbedtls_x509_crt_init(&c->ca);
	mbedtls_x509_crt_init(&c->own);
	mbedtls_pk_init(&c->key);
	c->tls = true;
	if (mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
					MBEDTLS_SSL_PRESET_DEFAULT))
		return -ENOMEM;
	mbedtls_ssl_conf_rng(&c->conf, mbedtls_ctr_drbg_random, &svc->drbg);
	mbedtls_ssl_conf_min_version(&c->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(&c->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	if (c->prof->ciphersuites)
		mbedtls_ssl_conf_ciphersuites(&c->conf, c->prof->ciphersuites);
	mbedtls_ssl_conf_curves(&c->conf, c->prof->curves);
	switch (c->prof->negotiate_mfl ? c->prof->record_buffer : 0) {
	case 512: mbedtls_ssl_conf_max_frag_len(&c->conf, MBEDTLS_SSL_MAX_FRAG_LEN_512); break;
	case 1024: mbedtls_ssl_conf_max_frag_len(&c->conf, MBEDTLS_SSL_MAX_FRAG_LEN_1024); break;
	case 2048: mbedtls_ssl_conf_max_frag_len(&c->conf, MBEDTLS_SSL_MAX_FRAG_LEN_2048); break;
	case 4096: mbedtls_ssl_conf_max_frag_len(&c->conf, MBEDTLS_SSL_MAX_FRAG_LEN_4096); break;
	default: break;
	}
	mbedtls_ssl_conf_authmode(&c->conf, c->p.verify == CONN_VERIFY_REQUIRED ? MBEDTLS_SSL_VERIFY_REQUIRED :
				  c->p.verify == CONN_VERIFY_OPTIONAL ? MBEDTLS_SSL_VERIFY_OPTIONAL :
				  MBEDTLS_SSL_VERIFY_NONE);
	mbedtls_ssl_conf_verify(&c->conf, verify_cb, c);

	if (c->p.verify != CONN_VERIFY_NONE && !ca) {
		set_why(c, "sec_tag %u has no root CA certificate (type 0) but peer verification is "
			"required; write the CA that signed the server certificate with "
			"AT%%CMNG=0,%u,0,\"<PEM>\"", c->p.sec_tag, c->p.sec_tag);
		return -EACCES;
	}
	if (ca) {
		char *pem = cred_text(ca, &len);

		rc = mbedtls_x509_crt_parse(&c->ca, (const unsigned char *)pem, len);
		if (rc) {
			set_why(c, "sec_tag %u type 0 (root CA) is not a valid certificate (mbedTLS "
				"-0x%04x)", c->p.sec_tag, (unsigned)-rc);
			return -EACCES;
		}
		mbedtls_ssl_conf_ca_chain(&c->conf, &c->ca, NULL);
	}
	if (crt && key) {
		char *pem = cred_text(crt, &len);

		rc = mbedtls_x509_crt_parse(&c->own, (const unsigned char *)pem, len);
		if (rc)
			snprintf(c->key_rule, sizeof(c->key_rule), "rule cert-parse: sec_tag %u type 1 "
				 "(client certificate) is not a valid certificate (mbedTLS -0x%04x)",
				 c->p.sec_tag, (unsigned)-rc);
		else
			tls_rule_check_key(c->prof, c->p.sec_tag, key->data, key->len, key->passwd,
					   c->key_rule, sizeof(c->key_rule));
		if (!c->key_rule[0]) {
			pem = cred_text(key, &len);
			rc = mbedtls_pk_parse_key(&c->key, (const unsigned char *)pem, len,
						  (const unsigned char *)key->passwd,
						  key->passwd ? strlen(key->passwd) : 0);
			if (!rc && mbedtls_pk_check_pair(&c->own.pk, &c->key))
				snprintf(c->key_rule, sizeof(c->key_rule), "rule key-pair: the private "
					 "key (type 2) in sec_tag %u does not belong to the client "
					 "certificate (type 1); write the key the certificate was "
					 "issued for", c->p.sec_tag);
			else if (!rc && !mbedtls_ssl_conf_own_cert(&c->conf, &c->own, &c->key))
				c->have_own = true;
		}
	} else if (crt || key) {
		snprintf(c->key_rule, sizeof(c->key_rule), "sec_tag %u has a %s but no %s; the modem "
			 "needs both for client authentication", c->p.sec_tag,
			 crt ? "client certificate (type 1)" : "private key (type 2)",
			 crt ? "private key (type 2)" : "client certificate (type 1)");
	} else {
		snprintf(c->key_rule, sizeof(c->key_rule), "sec_tag %u has no client certificate "
			 "(type 1) and private key (type 2), but the server asked for them",
			 c->p.sec_tag);
	}
	if (mbedtls_ssl_setup(&c->ssl, &c->conf))
		return -ENOMEM;
	if (c->p.hostname && mbedtls_ssl_set_hostname(&c->ssl, c->p.hostname))
		return -EINVAL;
	mbedtls_ssl_set_bio(&c->ssl, c, bio_send, bio_recv, NULL);
	return 0;
}

static void explain_tls_failure(struct conn *c, int rc)
{
	char err[128];
	uint32_t flags;

	if (c->record_rule[0]) {
		set_why(c, "%s", c->record_rule);
		return;
	}
	if (c->verify_rule[0]) {
		set_why(c, "%s", c->verify_rule);
		return;
	}
	if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED) {
		char info[512];

		flags = mbedtls_ssl_get_verify_result(&c->ssl);
		mbedtls_x509_crt_verify_info(info, sizeof(info), "", flags);
		for (char *p = info; *p; p++)
			if (*p == '\n')
				*p = (p[1] ? ';' : '\0');
		set_why(c, "server certificate rejected for '%s' with the CA of sec_tag %u: %s%s",
			c->p.hostname ? c->p.hostname : c->host, c->p.sec_tag, info,
			(flags & MBEDTLS_X509_BADCERT_CN_MISMATCH) ?
			" (the certificate is issued for another host name)" : "");
		return;
	}
	mbedtls_strerror(rc, err, sizeof(err));
	if (rc == MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE)
		set_why(c, "the server aborted the TLS handshake with a fatal alert (%s): it rejected "
			"the client certificate of sec_tag %u, or shares no cipher suite or curve "
			"with %s", err, c->p.sec_tag, c->prof->name);
	else if (rc == MBEDTLS_ERR_SSL_CONN_EOF || rc == MBEDTLS_ERR_NET_CONN_RESET ||
		 rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
		set_why(c, "the server closed the connection during the TLS handshake (%s)", err);
	else
		set_why(c, "TLS handshake failed: %s (mbedTLS -0x%04x)", err, (unsigned)-rc);
}

static void watch(struct conn *c, bool want_write)
{
	ev_io_start(c->ctx->loop, &c->rio);
	if (want_write)
		ev_io_start(c->ctx->loop, &c->wio);
	else
		ev_io_stop(c->ctx->loop, &c->wio);
}

static void flush_tx(struct conn *c);

static void opened(struct conn *c)
{
	sim_timer_stop(&c->timeout);
	c->state = ST_OPEN;
	update_hold(c);
	watch(c, c->tx.len > 0);
	c->ops->on_open(c->arg, 0);
}

/* The outcome of a handshake, held back by a stall fault: the modem's
 * blocking connect of the report took 36 minutes to say ERROR.  The clock
 * is not held meanwhile, so virtual time skips the wait. */
static bool stall_outcome(struct conn *c, int err)
{
	int64_t ms = c->ctx->faults.handshake_stall_ms;

	if (ms <= 0 || c->stalled)
		return false;
	c->stalled = true;
	c->stalled_err = err;
	ev_io_stop(c->ctx->loop, &c->rio);
	ev_io_stop(c->ctx->loop, &c->wio);
	sim_timer_stop(&c->timeout);
	c->await = false;
	c->state = ST_STALLED;
	update_hold(c);
	slog_printf(c->ctx->log, sim_clock_epoch_ms(c->ctx->clock), c->owner, SLOG_INFO,
		    "fault handshake-stall: the handshake %s; answering in %lld ms",
		    err ? "failed" : "succeeded", (long long)ms);
	sim_timer_start(c->ctx->clock, &c->stall, ms);
	return true;
}

static void stall_cb(struct sim_timer *t, void *arg)
{
	struct conn *c = arg;

	(void)t;
	c->busy++;
	c->state = ST_HANDSHAKE;
	if (c->stalled_err)
		fail(c, c->stalled_err);
	else
		opened(c);
	leave(c);
}

static void handshake(struct conn *c)
{
	int rc;

	for (;;) {
		if (c->ssl.state == MBEDTLS_SSL_HANDSHAKE_OVER) {
			if (!stall_outcome(c, 0))
				opened(c);
			return;
		}
		/* The modem's own rules bite where the key would be used. */
		if (c->ssl.state == MBEDTLS_SSL_CLIENT_CERTIFICATE && c->ssl.client_auth &&
		    c->key_rule[0]) {
			set_why(c, "%s", c->key_rule);
			mbedtls_ssl_send_alert_message(&c->ssl, MBEDTLS_SSL_ALERT_LEVEL_FATAL,
						       MBEDTLS_SSL_ALERT_MSG_HANDSHAKE_FAILURE);
			if (!stall_outcome(c, -ECONNABORTED))
				fail(c, -ECONNABORTED);
			return;
		}
		rc = mbedtls_ssl_handshake_step(&c->ssl);
		if (rc == MBEDTLS_ERR_SSL_WANT_READ) {
			watch(c, false);
			return;
		}
		if (rc == MBEDTLS_ERR_SSL_WANT_WRITE) {
			watch(c, true);
			return;
		}
		if (rc) {
			explain_tls_failure(c, rc);
			if (!stall_outcome(c, -ECONNABORTED))
				fail(c, -ECONNABORTED);
			return;
		}
	}
}

static void read_open(struct conn *c)
{
	unsigned char buf[4096];
	bool got = false;

	for (;;) {
		int n;

		if (c->tls) {
			n = mbedtls_ssl_read(&c->ssl, buf, sizeof(buf));
			if (n == MBEDTLS_ERR_SSL_WANT_READ || n == MBEDTLS_ERR_SSL_WANT_WRITE)
				break;
			if (n == 0 || n == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || n == MBEDTLS_ERR_SSL_CONN_EOF) {
				set_why(c, "the server closed the connection");
				n = 0;
			} else if (n < 0) {
				char err[128];

				mbedtls_strerror(n, err, sizeof(err));
				if (c->record_rule[0])
					set_why(c, "%s", c->record_rule);
				else
					set_why(c, "TLS connection failed: %s", err);
				if (got)
					c->ops->on_data(c->arg);
				fail(c, n == MBEDTLS_ERR_NET_CONN_RESET ? -ECONNRESET : -ECONNABORTED);
				return;
			}
		} else {
			n = (int)recv(c->fd, buf, sizeof(buf), 0);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (n < 0) {
				int e = errno;

				set_why(c, "connection failed: %s", strerror(e));
				if (got)
					c->ops->on_data(c->arg);
				fail(c, -e);
				return;
			}
			if (n == 0)
				set_why(c, "the server closed the connection");
		}
		if (n == 0) {
			if (got)
				c->ops->on_data(c->arg);
			if (c->state == ST_OPEN)
				fail(c, -ENOTCONN);
			return;
		}
		sb_append(&c->rx, buf, (size_t)n);
		got = true;
	}
	if (got) {
		progress(c);
		c->ops->on_data(c->arg);
	}
}

static void flush_tx(struct conn *c)
{
	while (c->state == ST_OPEN && c->tx.len) {
		int n;

		if (c->tls) {
			n = mbedtls_ssl_write(&c->ssl, (const unsigned char *)c->tx.data, c->tx.len);
			if (n == MBEDTLS_ERR_SSL_WANT_WRITE || n == MBEDTLS_ERR_SSL_WANT_READ)
				break;
			if (n < 0) {
				char err[128];

				mbedtls_strerror(n, err, sizeof(err));
				set_why(c, "TLS send failed: %s", err);
				fail(c, -ECONNRESET);
				return;
			}
		} else {
			n = (int)send(c->fd, c->tx.data, c->tx.len, MSG_NOSIGNAL);
			if (n < 0 && (errno == EAGAIN || errno == EINTR))
				break;
			if (n < 0) {
				int e = errno;

				set_why(c, "send failed: %s", strerror(e));
				fail(c, -e);
				return;
			}
		}
		sb_consume(&c->tx, (size_t)n);
	}
	if (c->state == ST_OPEN)
		watch(c, c->tx.len > 0);
}

static void conn_free(struct conn *c);

/* Every entry point counts itself in and out, so an owner closing the
 * connection from a callback frees it only once we are out. */
static void leave(struct conn *c)
{
	if (--c->busy == 0 && c->closed)
		conn_free(c);
}

static void io_step(struct conn *c, ev_io *w);

static void io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct conn *c = w->data;

	(void)loop;
	(void)revents;
	c->busy++;
	io_step(c, w);
	leave(c);
}

static void io_step(struct conn *c, ev_io *w)
{
	switch (c->state) {
	case ST_CONNECTING: {
		int err = 0;
		socklen_t len = sizeof(err);

		getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len);
		if (err) {
			set_why(c, "TCP connect to %s:%u failed: %s", c->host, c->p.port, strerror(err));
			fail(c, -err);
			return;
		}
		progress(c);
		if (!c->tls) {
			opened(c);
			return;
		}
		c->state = ST_HANDSHAKE;
		sim_timer_start(c->ctx->clock, &c->timeout, c->prof->handshake_timeout_ms);
		handshake(c);
		return;
	}
	case ST_HANDSHAKE:
		progress(c);
		handshake(c);
		return;
	case ST_OPEN:
		if (w == &c->wio)
			flush_tx(c);
		else
			read_open(c);
		return;
	case ST_STALLED:
	case ST_CLOSED:
		return;
	}
}

static void timeout_cb(struct sim_timer *t, void *arg)
{
	struct conn *c = arg;

	(void)t;
	c->busy++;
	if (c->state == ST_CONNECTING)
		set_why(c, "TCP connect to %s:%u timed out after %d ms (profile %s)", c->host,
			c->p.port, c->prof->tcp_connect_timeout_ms, c->prof->name);
	else
		set_why(c, "TLS handshake with %s:%u timed out after %d ms (profile %s)", c->host,
			c->p.port, c->prof->handshake_timeout_ms, c->prof->name);
	fail(c, -ETIMEDOUT);
	leave(c);
}

static void conn_free(struct conn *c)
{
	ev_timer_stop(c->ctx->loop, &c->grace);
	if (c->tls) {
		mbedtls_ssl_free(&c->ssl);
		mbedtls_ssl_config_free(&c->conf);
		mbedtls_x509_crt_free(&c->ca);
		mbedtls_x509_crt_free(&c->own);
		mbedtls_pk_free(&c->key);
	}
	sb_free(&c->rx);
	sb_free(&c->tx);
	free(c);
}

int conn_open(struct conn **out, struct sim_ctx *ctx, const struct conn_params *p,
	      const struct conn_ops *ops, void *arg, char *why, size_t whylen)
{
	struct conn *c = calloc(1, sizeof(*c));
	struct sockaddr_in sa;
	char addr[INET_ADDRSTRLEN];
	int rc, one = 1;

	if (!c) {
		snprintf(why, whylen, "out of memory");
		return -ENOMEM;
	}
	c->ctx = ctx;
	c->prof = ctx->profile;
	c->p = *p;
	snprintf(c->host, sizeof(c->host), "%s", p->host);
	snprintf(c->owner, sizeof(c->owner), "%s", p->owner ? p->owner : "");
	if (p->hostname) {
		snprintf(c->hostname, sizeof(c->hostname), "%s", p->hostname);
		c->p.hostname = c->hostname;
	}
	c->p.host = c->host;
	c->ops = ops;
	c->arg = arg;
	c->fd = -1;
	sim_timer_init(&c->timeout, timeout_cb, c);
	sim_timer_init(&c->stall, stall_cb, c);
	ev_init(&c->grace, grace_cb);
	c->grace.repeat = HOLD_GRACE_S;
	c->grace.data = c;

	if (resolver_lookup(ctx->resolver, c->host, p->port, &sa)) {
		snprintf(why, whylen, "DNS: no address for '%s' (slmsim resolves only IP literals, "
			 "localhost and names given with --resolve, e.g. --resolve %s:%u=127.0.0.1:PORT)",
			 c->host, c->host, p->port);
		conn_free(c);
		return -EHOSTUNREACH;
	}
	if (p->tls && *p->tls_count >= c->prof->max_tls_sessions) {
		snprintf(why, whylen, "rule tls-sessions: %d TLS connections are already open; %s "
			 "allows at most %d at a time; close one first", *p->tls_count,
			 c->prof->name, c->prof->max_tls_sessions);
		conn_free(c);
		return -ENOMEM;
	}
	if (p->tls && (rc = tls_setup(c))) {
		snprintf(why, whylen, "%s", c->why[0] ? c->why : "TLS set-up failed");
		conn_free(c);
		return rc;
	}
	c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (c->fd < 0) {
		snprintf(why, whylen, "socket: %s", strerror(errno));
		conn_free(c);
		return -ENOMEM;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	inet_ntop(AF_INET, &sa.sin_addr, addr, sizeof(addr));
	slog_printf(ctx->log, sim_clock_epoch_ms(ctx->clock), c->owner, SLOG_INFO,
		    "connecting to %s:%u (%s:%u)%s", c->host, p->port, addr, ntohs(sa.sin_port),
		    p->tls ? ", TLS" : "");
	ev_io_init(&c->rio, io_cb, c->fd, EV_READ);
	ev_io_init(&c->wio, io_cb, c->fd, EV_WRITE);
	c->rio.data = c->wio.data = c;
	if (p->tls) {
		(*p->tls_count)++;
		c->counted = true;
	}
	c->state = ST_CONNECTING;
	rc = connect(c->fd, (struct sockaddr *)&sa, sizeof(sa));
	if (rc && errno != EINPROGRESS) {
		snprintf(why, whylen, "TCP connect to %s:%u failed: %s", c->host, p->port, strerror(errno));
		rc = -errno;
		teardown(c);
		conn_free(c);
		return rc;
	}
	ev_io_start(ctx->loop, &c->wio);
	sim_timer_start(ctx->clock, &c->timeout, c->prof->tcp_connect_timeout_ms);
	update_hold(c);
	*out = c;
	return 0;
}

int conn_send(struct conn *c, const void *buf, size_t len)
{
	int rc;

	if (c->state != ST_OPEN)
		return -ENOTCONN;
	if (sb_append(&c->tx, buf, len))
		return -ENOMEM;
	c->busy++;
	flush_tx(c);
	rc = c->state == ST_OPEN ? 0 : -ENOTCONN;
	leave(c);
	return rc;
}

size_t conn_recv(struct conn *c, void *buf, size_t len)
{
	size_t n = len < c->rx.len ? len : c->rx.len;

	memcpy(buf, c->rx.data, n);
	sb_consume(&c->rx, n);
	return n;
}

size_t conn_rx_pending(const struct conn *c) { return c->rx.len; }

void conn_close(struct conn *c)
{
	if (!c)
		return;
	if (c->tls && c->state == ST_OPEN)
		mbedtls_ssl_close_notify(&c->ssl);
	teardown(c);
	if (c->busy)
		c->closed = true;
	else
		conn_free(c);
}
