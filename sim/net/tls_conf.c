#include "tls_conf.h"

#include <errno.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cred_store.h"
#include "tls_profile.h"
#include "tls_rules.h"
#include "tls_service.h"
#include "tls_session.h"
#include "tls_shared.h"

struct own_creds {
	mbedtls_x509_crt crt;
	mbedtls_pk_context key;
};

struct shared_conf {
	mbedtls_ssl_config conf;	/* first: sessions hold its address */
	struct tls_shared **list;
	mbedtls_x509_crt *ca;		/* held, or NULL */
	struct own_creds *own;		/* held, or NULL */
};

/* What one connect's configuration is made of, gathered (and held)
 * before it is looked up. */
struct conf_spec {
	const struct tls_session_params *p;
	struct tls_shared **list;
	mbedtls_x509_crt *ca;
	struct own_creds *own;
	const struct cred *psk, *psk_id;
	unsigned char psk_bin[64];
	size_t psk_len;
};

static void ca_destroy(void *obj)
{
	mbedtls_x509_crt_free(obj);
	free(obj);
}

static void own_destroy(void *obj)
{
	struct own_creds *o = obj;

	mbedtls_x509_crt_free(&o->crt);
	mbedtls_pk_free(&o->key);
	free(o);
}

static void conf_destroy(void *obj)
{
	struct shared_conf *c = obj;

	mbedtls_ssl_config_free(&c->conf);
	tls_shared_put(c->list, c->ca);
	tls_shared_put(c->list, c->own);
	free(c);
}

/* The sec_tag's root CA, parsed once per content; -EACCES with why when
 * verification needs one and there is none or it does not parse. */
static int get_ca(struct conf_spec *s, char *why, size_t whylen)
{
	const struct tls_session_params *p = s->p;
	const struct cred *ca = p->creds ? cred_store_get(p->creds, p->sec_tag, CRED_CA_CERT) : NULL;
	char key[96];
	int rc;

	if (p->verify != 0 && !ca) {
		snprintf(why, whylen, "sec_tag %u has no root CA certificate (type 0) but peer "
			 "verification is required; write the CA that signed the server certificate "
			 "with AT%%CMNG=0,%u,0,\"<PEM>\"", p->sec_tag, p->sec_tag);
		return -EACCES;
	}
	if (!ca)
		return 0;
	snprintf(key, sizeof(key), "ca %zu %s", ca->len, ca->sha_hex);
	if ((s->ca = tls_shared_get(s->list, key)))
		return 0;
	if (!(s->ca = malloc(sizeof(*s->ca))))
		goto oom;
	mbedtls_x509_crt_init(s->ca);
	/* mbedTLS parses PEM with its NUL. */
	rc = mbedtls_x509_crt_parse(s->ca, (const unsigned char *)ca->data, ca->len + 1);
	if (rc) {
		snprintf(why, whylen, "sec_tag %u type 0 (root CA) is not a valid certificate "
			 "(mbedTLS -0x%04x)", p->sec_tag, (unsigned)-rc);
		ca_destroy(s->ca);
		s->ca = NULL;
		return -EACCES;
	}
	if ((s->ca = tls_shared_add(s->list, key, s->ca, ca_destroy)))
		return 0;
oom:
	snprintf(why, whylen, "out of memory");
	return -ENOMEM;
}

/* The client certificate and key, parsed once per content and profile
 * when the rules allow them; else the broken rule goes to rule. */
static void get_own(struct conf_spec *s, char *rule, size_t rulelen)
{
	const struct tls_session_params *p = s->p;
	const struct cred *crt = p->creds ? cred_store_get(p->creds, p->sec_tag, CRED_CLIENT_CERT) : NULL;
	const struct cred *key = p->creds ? cred_store_get(p->creds, p->sec_tag, CRED_PRIVATE_KEY) : NULL;
	struct own_creds *o;
	char *k = NULL;

	if (crt && key && asprintf(&k, "own %p %zu %s %zu %s %s", (const void *)p->prof, crt->len,
				   crt->sha_hex, key->len, key->sha_hex,
				   key->passwd ? key->passwd : "") < 0) {
		snprintf(rule, rulelen, "out of memory");
		return;
	}
	if (k && (s->own = tls_shared_get(s->list, k)))
		goto out;
	if (!(o = malloc(sizeof(*o)))) {
		snprintf(rule, rulelen, "out of memory");
		goto out;
	}
	mbedtls_x509_crt_init(&o->crt);
	mbedtls_pk_init(&o->key);
	/* Both credentials exist (so does k) once the rules pass. */
	if (tls_rule_client_creds(p->prof, p->sec_tag, crt, key, &o->crt, &o->key, rule, rulelen))
		own_destroy(o);
	else if (!(s->own = tls_shared_add(s->list, k, o, own_destroy)))
		snprintf(rule, rulelen, "out of memory");
out:
	free(k);
}

static int psk_refused(const struct tls_session_params *p, char *why, size_t whylen)
{
	snprintf(why, whylen, "sec_tag %u type 3 (PSK) is not an even string of hex digits of at "
		 "most %zu bytes", p->sec_tag, sizeof(((struct conf_spec *)0)->psk_bin));
	return -EACCES;
}

/* DTLS on the modem: the sec_tag's PSK (type 3, hex) and identity (type
 * 4); with a profile that allows only PSK, both must be there. */
static int get_psk(struct conf_spec *s, char *why, size_t whylen)
{
	const struct tls_session_params *p = s->p;
	const struct cred *psk = p->creds ? cred_store_get(p->creds, p->sec_tag, CRED_PSK) : NULL;
	const struct cred *id = p->creds ? cred_store_get(p->creds, p->sec_tag, CRED_PSK_IDENTITY) : NULL;
	size_t n = 0;

	if (!psk || !id) {
		if (!p->prof->dtls_psk_only)
			return 0;
		snprintf(why, whylen, "rule dtls-psk-only: %s does DTLS with a PSK only; sec_tag %u "
			 "has no %s (write it with AT%%CMNG=0,%u,%d,\"...\")", p->prof->name,
			 p->sec_tag, !psk ? "PSK (type 3, hex)" : "PSK identity (type 4)",
			 p->sec_tag, !psk ? 3 : 4);
		return -EACCES;
	}
	for (const char *h = psk->data; h[0] && h[1] && n < sizeof(s->psk_bin); h += 2) {
		unsigned v;

		if (sscanf(h, "%2x", &v) != 1)
			break;
		s->psk_bin[n++] = (unsigned char)v;
	}
	s->psk = psk;
	s->psk_id = id;
	s->psk_len = n;
	if (n && n * 2 == psk->len)
		return 0;
	return psk_refused(p, why, whylen);
}

/* The profile's side of the configuration. */
static void configure(mbedtls_ssl_config *conf, const struct tls_session_params *p)
{
	const struct tls_profile *prof = p->prof;
	static const int authmodes[] = { MBEDTLS_SSL_VERIFY_NONE, MBEDTLS_SSL_VERIFY_OPTIONAL,
					 MBEDTLS_SSL_VERIFY_REQUIRED };

	mbedtls_ssl_conf_rng(conf, mbedtls_ctr_drbg_random, &p->svc->drbg);
	mbedtls_ssl_conf_min_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	mbedtls_ssl_conf_max_version(conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
	if (prof->ciphersuites)
		mbedtls_ssl_conf_ciphersuites(conf, prof->ciphersuites);
	mbedtls_ssl_conf_curves(conf, prof->curves);
	switch (prof->negotiate_mfl ? prof->record_buffer : 0) {
	case 512: mbedtls_ssl_conf_max_frag_len(conf, MBEDTLS_SSL_MAX_FRAG_LEN_512); break;
	case 1024: mbedtls_ssl_conf_max_frag_len(conf, MBEDTLS_SSL_MAX_FRAG_LEN_1024); break;
	case 2048: mbedtls_ssl_conf_max_frag_len(conf, MBEDTLS_SSL_MAX_FRAG_LEN_2048); break;
	case 4096: mbedtls_ssl_conf_max_frag_len(conf, MBEDTLS_SSL_MAX_FRAG_LEN_4096); break;
	default: break;
	}
	mbedtls_ssl_conf_authmode(conf, authmodes[p->verify >= 0 && p->verify <= 2 ? p->verify : 2]);
	if (p->dtls && prof->dtls_psk_only)
		mbedtls_ssl_conf_authmode(conf, MBEDTLS_SSL_VERIFY_NONE);
}

/* A new configuration from the spec, which hands it its CA and client
 * credentials. */
static struct shared_conf *make_conf(struct conf_spec *s, char *why, size_t whylen)
{
	const struct tls_session_params *p = s->p;
	struct shared_conf *c = calloc(1, sizeof(*c));

	if (!c) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	c->list = s->list;
	mbedtls_ssl_config_init(&c->conf);
	c->ca = s->ca;
	c->own = s->own;
	s->ca = NULL;
	s->own = NULL;
	if (mbedtls_ssl_config_defaults(&c->conf, MBEDTLS_SSL_IS_CLIENT,
					p->dtls ? MBEDTLS_SSL_TRANSPORT_DATAGRAM :
						  MBEDTLS_SSL_TRANSPORT_STREAM,
					MBEDTLS_SSL_PRESET_DEFAULT)) {
		snprintf(why, whylen, "TLS set-up failed");
		goto fail;
	}
	configure(&c->conf, p);
	if (s->psk_len && mbedtls_ssl_conf_psk(&c->conf, s->psk_bin, s->psk_len,
					       (const unsigned char *)s->psk_id->data,
					       s->psk_id->len)) {
		psk_refused(p, why, whylen);
		goto fail;
	}
	if (c->ca)
		mbedtls_ssl_conf_ca_chain(&c->conf, c->ca, NULL);
	if (c->own && mbedtls_ssl_conf_own_cert(&c->conf, &c->own->crt, &c->own->key)) {
		snprintf(why, whylen, "out of memory");
		goto fail;
	}
	return c;
fail:
	conf_destroy(c);
	return NULL;
}

static const mbedtls_ssl_config *find_or_make(struct conf_spec *s, char *why, size_t whylen)
{
	const struct tls_session_params *p = s->p;
	struct shared_conf *c;
	char key[320];

	snprintf(key, sizeof(key), "conf %p %d %d ca=%p own=%p psk=%zu:%s id=%zu:%s",
		 (const void *)p->prof, p->dtls, p->verify, (void *)s->ca, (void *)s->own,
		 s->psk ? s->psk->len : 0, s->psk ? s->psk->sha_hex : "",
		 s->psk_id ? s->psk_id->len : 0, s->psk_id ? s->psk_id->sha_hex : "");
	if ((c = tls_shared_get(s->list, key))) {
		tls_shared_put(s->list, s->ca);
		tls_shared_put(s->list, s->own);
		return &c->conf;
	}
	if (!(c = make_conf(s, why, whylen)))
		return NULL;
	if (!(c = tls_shared_add(s->list, key, c, conf_destroy))) {
		snprintf(why, whylen, "out of memory");
		return NULL;
	}
	return &c->conf;
}

const mbedtls_ssl_config *tls_conf_acquire(const struct tls_session_params *p, char *key_rule,
					   size_t krlen, char *why, size_t whylen)
{
	struct conf_spec s = { .p = p, .list = &p->svc->shared };

	key_rule[0] = '\0';
	if (p->dtls && get_psk(&s, why, whylen))
		return NULL;
	if (!(p->dtls && p->prof->dtls_psk_only)) {
		if (get_ca(&s, why, whylen))
			return NULL;
		get_own(&s, key_rule, krlen);
	}
	return find_or_make(&s, why, whylen);
}

void tls_conf_release(struct tls_service *svc, const mbedtls_ssl_config *conf)
{
	/* conf is the first member of its shared_conf. */
	tls_shared_put(&svc->shared, (void *)conf);
}

size_t tls_conf_shared_count(const struct tls_service *svc)
{
	return tls_shared_count(svc->shared);
}
