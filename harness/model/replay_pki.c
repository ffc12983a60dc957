/* The replay's PKI on mbedTLS: the fixture CA issues, per replay, a broker
 * certificate for every host the log connects to, and re-issues client
 * certificates a log carries in full, for the same key and subject. */
#include "replay_pki.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1write.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/oid.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>
#include <mbedtls/x509_csr.h>

struct issuer {
	mbedtls_x509_crt ca;
	mbedtls_pk_context key;
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
};

static void issuer_free(struct issuer *is)
{
	mbedtls_x509_crt_free(&is->ca);
	mbedtls_pk_free(&is->key);
	mbedtls_ctr_drbg_free(&is->drbg);
	mbedtls_entropy_free(&is->entropy);
}

static int issuer_load(struct issuer *is, const char *certs, char *err, size_t errlen)
{
	char path[600];

	mbedtls_x509_crt_init(&is->ca);
	mbedtls_pk_init(&is->key);
	mbedtls_entropy_init(&is->entropy);
	mbedtls_ctr_drbg_init(&is->drbg);
	snprintf(path, sizeof(path), "%s/ca.crt", certs);
	if (mbedtls_x509_crt_parse_file(&is->ca, path)) {
		snprintf(err, errlen, "cannot read the replay CA %s", path);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/ca.key", certs);
	if (mbedtls_pk_parse_keyfile(&is->key, path, NULL) ||
	    mbedtls_ctr_drbg_seed(&is->drbg, mbedtls_entropy_func, &is->entropy,
				  (const unsigned char *)"slmreplay", 9)) {
		snprintf(err, errlen, "cannot read the replay CA key %s", path);
		return -1;
	}
	return 0;
}

/* subjectAltName: every host as a dNSName (mbedTLS 2.28, as the modem's
 * TLS stack, matches a host name, IP literals too, against those), and IP
 * literals also as iPAddress for other clients. */
static int san_der(const char *const *hosts, size_t n, unsigned char *buf, size_t size,
		   unsigned char **start)
{
	unsigned char *p = buf + size;
	int len = 0, r;

	for (size_t i = n; i-- > 0;) {
		unsigned char ip[4];

		if (inet_pton(AF_INET, hosts[i], ip) == 1) {
			if ((r = mbedtls_asn1_write_raw_buffer(&p, buf, ip, 4)) < 0 ||
			    (len += r, (r = mbedtls_asn1_write_len(&p, buf, 4)) < 0) ||
			    (len += r, (r = mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7)) < 0))
				return -1;
			len += r;
		}
		if ((r = mbedtls_asn1_write_raw_buffer(&p, buf, (const unsigned char *)hosts[i],
						       strlen(hosts[i]))) < 0 ||
		    (len += r, (r = mbedtls_asn1_write_len(&p, buf, strlen(hosts[i]))) < 0) ||
		    (len += r, (r = mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONTEXT_SPECIFIC | 2)) < 0))
			return -1;
		len += r;
	}
	if ((r = mbedtls_asn1_write_len(&p, buf, (size_t)len)) < 0)
		return -1;
	len += r;
	if ((r = mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)) < 0)
		return -1;
	*start = p;
	return len + r;
}

/* Writes a certificate for key and subject, issued by the CA, as PEM. */
static int issue(struct issuer *is, mbedtls_pk_context *key, const char *subject, bool server,
		 const char *const *hosts, size_t n, unsigned char *pem, size_t pemlen)
{
	static const unsigned char server_auth[] = { 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01,
						     0x05, 0x05, 0x07, 0x03, 0x01 };
	static const unsigned char client_auth[] = { 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06, 0x01,
						     0x05, 0x05, 0x07, 0x03, 0x02 };
	mbedtls_x509write_cert w;
	mbedtls_mpi serial;
	unsigned char san[4096], *san_start, rnd[8];
	char issuer_name[256];
	int rc = -1, san_len;

	mbedtls_x509write_crt_init(&w);
	mbedtls_mpi_init(&serial);
	mbedtls_x509_dn_gets(issuer_name, sizeof(issuer_name), &is->ca.subject);
	mbedtls_ctr_drbg_random(&is->drbg, rnd, sizeof(rnd));
	rnd[0] &= 0x7f;
	mbedtls_mpi_read_binary(&serial, rnd, sizeof(rnd));
	mbedtls_x509write_crt_set_version(&w, MBEDTLS_X509_CRT_VERSION_3);
	mbedtls_x509write_crt_set_md_alg(&w, MBEDTLS_MD_SHA256);
	mbedtls_x509write_crt_set_subject_key(&w, key);
	mbedtls_x509write_crt_set_issuer_key(&w, &is->key);
	if (mbedtls_x509write_crt_set_serial(&w, &serial) ||
	    mbedtls_x509write_crt_set_validity(&w, "20200101000000", "20491231235959") ||
	    mbedtls_x509write_crt_set_issuer_name(&w, issuer_name) ||
	    mbedtls_x509write_crt_set_subject_name(&w, subject) ||
	    mbedtls_x509write_crt_set_basic_constraints(&w, 0, -1) ||
	    mbedtls_x509write_crt_set_subject_key_identifier(&w) ||
	    mbedtls_x509write_crt_set_authority_key_identifier(&w) ||
	    mbedtls_x509write_crt_set_extension(&w, MBEDTLS_OID_EXTENDED_KEY_USAGE,
						MBEDTLS_OID_SIZE(MBEDTLS_OID_EXTENDED_KEY_USAGE), 0,
						server ? server_auth : client_auth, sizeof(server_auth)))
		goto out;
	if (n) {
		san_len = san_der(hosts, n, san, sizeof(san), &san_start);
		if (san_len < 0 || mbedtls_x509write_crt_set_extension(&w, MBEDTLS_OID_SUBJECT_ALT_NAME,
				MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME), 0, san_start, (size_t)san_len))
			goto out;
	}
	rc = mbedtls_x509write_crt_pem(&w, pem, pemlen, mbedtls_ctr_drbg_random, &is->drbg) ? -1 : 0;
out:
	mbedtls_x509write_crt_free(&w);
	mbedtls_mpi_free(&serial);
	return rc;
}

int pki_server_cert(const char *certs, const char *const *hosts, size_t n, const char *out,
		    char *err, size_t errlen)
{
	struct issuer is;
	mbedtls_pk_context key;
	unsigned char pem[8192];
	char path[600], cn[160];
	FILE *f;
	int rc = -1;

	mbedtls_pk_init(&key);
	snprintf(path, sizeof(path), "%s/server.key", certs);
	snprintf(cn, sizeof(cn), "CN=%s", n ? hosts[0] : "localhost");
	if (issuer_load(&is, certs, err, errlen))
		goto out;
	if (mbedtls_pk_parse_keyfile(&key, path, NULL)) {
		snprintf(err, errlen, "cannot read the broker key %s", path);
		goto out;
	}
	if (issue(&is, &key, cn, true, hosts, n, pem, sizeof(pem))) {
		snprintf(err, errlen, "cannot issue the broker certificate");
		goto out;
	}
	if (!(f = fopen(out, "w")) || fputs((char *)pem, f) < 0 || fclose(f)) {
		snprintf(err, errlen, "cannot write %s", out);
		goto out;
	}
	rc = 0;
out:
	mbedtls_pk_free(&key);
	issuer_free(&is);
	return rc;
}

/* The PEM text with the line breaks a %CMNG body has, as mbedTLS wants it. */
static int parse_pem_crt(mbedtls_x509_crt *c, const char *pem)
{
	return mbedtls_x509_crt_parse(c, (const unsigned char *)pem, strlen(pem) + 1);
}

enum pki_verdict pki_client_cert(const char *certs, const char *pem, char **reissued)
{
	struct issuer is;
	mbedtls_x509_crt c;
	char subject[512], err[200];
	unsigned char out[8192];
	uint32_t flags;
	enum pki_verdict v = PKI_UNREADABLE;

	*reissued = NULL;
	mbedtls_x509_crt_init(&c);
	if (issuer_load(&is, certs, err, sizeof(err)) || parse_pem_crt(&c, pem))
		goto out;
	if (!mbedtls_x509_crt_verify(&c, &is.ca, NULL, NULL, &flags, NULL, NULL)) {
		v = PKI_CHAINS;
		goto out;
	}
	mbedtls_x509_dn_gets(subject, sizeof(subject), &c.subject);
	if (issue(&is, &c.pk, subject, false, NULL, 0, out, sizeof(out)))
		goto out;
	*reissued = strdup((char *)out);
	v = PKI_REISSUED;
out:
	mbedtls_x509_crt_free(&c);
	issuer_free(&is);
	return v;
}

char *pki_cert_for_csr(const char *certs, const unsigned char *der, size_t len)
{
	struct issuer is;
	mbedtls_x509_csr csr;
	char subject[512], err[200], *pem = NULL;
	unsigned char out[8192];

	mbedtls_x509_csr_init(&csr);
	if (!issuer_load(&is, certs, err, sizeof(err)) && !mbedtls_x509_csr_parse_der(&csr, der, len) &&
	    mbedtls_x509_dn_gets(subject, sizeof(subject), &csr.subject) > 0 &&
	    !issue(&is, &csr.pk, subject, false, NULL, 0, out, sizeof(out)))
		pem = strdup((char *)out);
	mbedtls_x509_csr_free(&csr);
	issuer_free(&is);
	return pem;
}

enum pki_verdict pki_ca_cert(const char *certs, const char *pem)
{
	mbedtls_x509_crt c, ca;
	char path[600];
	enum pki_verdict v = PKI_UNREADABLE;

	mbedtls_x509_crt_init(&c);
	mbedtls_x509_crt_init(&ca);
	snprintf(path, sizeof(path), "%s/ca.crt", certs);
	if (!parse_pem_crt(&c, pem) && !mbedtls_x509_crt_parse_file(&ca, path))
		v = c.raw.len == ca.raw.len && !memcmp(c.raw.p, ca.raw.p, c.raw.len) ?
		    PKI_CHAINS : PKI_REISSUED;
	mbedtls_x509_crt_free(&c);
	mbedtls_x509_crt_free(&ca);
	return v;
}
