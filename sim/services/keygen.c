#include "keygen.h"

#include <mbedtls/asn1write.h>
#include <mbedtls/base64.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/oid.h>
#include <mbedtls/sha256.h>
#include <mbedtls/x509.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cbor_min.h"
#include "tls_service.h"

#define TAG_SELF_DESCRIBED 55799
#define MSG_CSR 9
#define MSG_PUBKEY 8
#define MSG_ATTEST_ID 1

int keygen_new_key(struct tls_service *svc, mbedtls_pk_context *key)
{
	int rc = mbedtls_pk_setup(key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));

	return rc ? rc : mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*key),
					     mbedtls_ctr_drbg_random, &svc->drbg);
}

int keygen_key_pem(mbedtls_pk_context *key, struct strbuf *out)
{
	unsigned char buf[512];
	int rc = mbedtls_pk_write_key_pem(key, buf, sizeof(buf));

	if (!rc)
		sb_append(out, buf, strlen((char *)buf));
	return rc;
}

/* base64url without padding. */
static void b64url(struct strbuf *out, const unsigned char *data, size_t len)
{
	unsigned char buf[4096];
	size_t n;

	if (mbedtls_base64_encode(buf, sizeof(buf), &n, data, len))
		return;
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '=')
			break;
		sb_appendf(out, "%c", buf[i] == '+' ? '-' : buf[i] == '/' ? '_' : buf[i]);
	}
}

/* KeyUsage: a BIT STRING of bits 0..8, its unused trailing bits counted. */
static int write_key_usage(unsigned char **p, unsigned char *start, uint16_t ku)
{
	unsigned char bits[2] = { (unsigned char)(ku & 0xff), (unsigned char)(ku >> 8) };
	size_t nbytes = ku & 0x100 ? 2 : 1, used = nbytes * 8;
	int len = 0, ret;

	/* Bit 0 (digitalSignature) is the most significant bit of byte 0. */
	bits[0] = 0;
	for (int b = 0; b < 8; b++)
		if (ku & (1u << b))
			bits[0] |= (unsigned char)(0x80 >> b);
	bits[1] = ku & 0x100 ? 0x80 : 0;
	while (used > 0 && !(bits[(used - 1) / 8] & (0x80 >> ((used - 1) % 8))))
		used--;
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_bitstring(p, start, bits, used));
	return len;
}

/* [0] { extensionRequest: { keyUsage (not critical) } } */
static int write_attributes(unsigned char **p, unsigned char *start, uint16_t ku)
{
	int len = 0, ext, ret;

	MBEDTLS_ASN1_CHK_ADD(len, write_key_usage(p, start, ku));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(p, start, (size_t)len));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_OCTET_STRING));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_oid(p, start, MBEDTLS_OID_KEY_USAGE,
							 MBEDTLS_OID_SIZE(MBEDTLS_OID_KEY_USAGE)));
	ext = len;
	for (int i = 0; i < 3; i++) {	/* Extension, Extensions, the SET of values */
		MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(p, start, (size_t)ext));
		MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(p, start, i < 2 ?
			MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE :
			MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET));
		ext = len;
	}
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_oid(p, start, MBEDTLS_OID_PKCS9_CSR_EXT_REQ,
							 MBEDTLS_OID_SIZE(MBEDTLS_OID_PKCS9_CSR_EXT_REQ)));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(p, start, (size_t)len));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_CONSTRUCTED |
							 MBEDTLS_ASN1_SEQUENCE));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(p, start, (size_t)len));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_CONTEXT_SPECIFIC |
							 MBEDTLS_ASN1_CONSTRUCTED | 0));
	return len;
}

/* CertificationRequestInfo, written backwards from the end of buf. */
static int write_info(unsigned char **p, unsigned char *start, mbedtls_pk_context *key,
		      const struct keygen_req *r)
{
	mbedtls_asn1_named_data *names = NULL;
	int len = 0, n, ret;

	MBEDTLS_ASN1_CHK_ADD(len, write_attributes(p, start, r->key_usage));
	/* The public key is written at the end of the space it is given. */
	n = mbedtls_pk_write_pubkey_der(key, start, (size_t)(*p - start));
	if (n < 0)
		return n;
	*p -= n;
	len += n;
	/* A name it cannot parse leaves the part it did parse to free. */
	if (mbedtls_x509_string_to_names(&names, r->subject)) {
		mbedtls_asn1_free_named_data_list(&names);
		return MBEDTLS_ERR_X509_INVALID_NAME;
	}
	n = mbedtls_x509_write_names(p, start, names);
	mbedtls_asn1_free_named_data_list(&names);
	if (n < 0)
		return n;
	len += n;
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_int(p, start, 0));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(p, start, (size_t)len));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(p, start, MBEDTLS_ASN1_CONSTRUCTED |
							 MBEDTLS_ASN1_SEQUENCE));
	return len;
}

/* ECDSA over SHA-256 of data: DER (for the CSR) or raw r||s (for COSE). */
static int sign(struct tls_service *svc, mbedtls_pk_context *key, const unsigned char *data,
		size_t len, bool raw, unsigned char *sig, size_t *siglen)
{
	unsigned char hash[32];
	mbedtls_mpi r, s;
	int rc;

	mbedtls_sha256_ret(data, len, hash, 0);
	if (!raw)
		return mbedtls_pk_sign(key, MBEDTLS_MD_SHA256, hash, 32, sig, siglen,
				       mbedtls_ctr_drbg_random, &svc->drbg);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&s);
	rc = mbedtls_ecdsa_sign(&mbedtls_pk_ec(*key)->grp, &r, &s, &mbedtls_pk_ec(*key)->d, hash,
				32, mbedtls_ctr_drbg_random, &svc->drbg);
	if (!rc)
		rc = mbedtls_mpi_write_binary(&r, sig, 32);
	if (!rc)
		rc = mbedtls_mpi_write_binary(&s, sig + 32, 32);
	*siglen = 64;
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&s);
	return rc;
}

/* The CSR: info, ecdsa-with-SHA256 (with the modem's explicit NULL), the
 * signature.  Its DER ends at buf + size; *der points at its start. */
static int write_csr(struct tls_service *svc, mbedtls_pk_context *key, const struct keygen_req *r,
		     unsigned char *buf, size_t size, unsigned char **der)
{
	unsigned char *p = buf + size, sig[MBEDTLS_ECDSA_MAX_LEN];
	size_t siglen;
	int len = 0, info, ret;

	MBEDTLS_ASN1_CHK_ADD(len, write_info(&p, buf, key, r));
	info = len;
	if ((ret = sign(svc, key, p, (size_t)info, false, sig, &siglen)))
		return ret;
	/* Written backwards: the signature, the algorithm, then the info's
	 * bytes move back in front of them. */
	memmove(buf, p, (size_t)info);
	p = buf + size;
	len = 0;
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_bitstring(&p, buf + info, sig, siglen * 8));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_algorithm_identifier(&p, buf + info,
		MBEDTLS_OID_ECDSA_SHA256, MBEDTLS_OID_SIZE(MBEDTLS_OID_ECDSA_SHA256), 0));
	if (p - buf < info)
		return MBEDTLS_ERR_ASN1_BUF_TOO_SMALL;
	memmove(p - info, buf, (size_t)info);
	p -= info;
	len += info;
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_len(&p, buf, (size_t)len));
	MBEDTLS_ASN1_CHK_ADD(len, mbedtls_asn1_write_tag(&p, buf, MBEDTLS_ASN1_CONSTRUCTED |
							 MBEDTLS_ASN1_SEQUENCE));
	*der = p;
	return len;
}

/* 8-4-4-4-12 hex into 16 bytes. */
static void uuid_bytes(const char *uuid, unsigned char out[16])
{
	for (int i = 0, k = 0; uuid[i] && k < 16; i++) {
		unsigned v;

		if (uuid[i] == '-' || sscanf(uuid + i, "%2x", &v) != 1)
			continue;
		out[k++] = (unsigned char)v;
		i++;
	}
}

/* COSE_Sign1 with ES256 and kid h'21' (the identity key) over payload;
 * a detached payload is signed but written as nil. */
static int cose_sign1(struct tls_service *svc, mbedtls_pk_context *identity, const struct strbuf *payload,
		      bool detached, struct strbuf *out)
{
	static const unsigned char prot[] = { 0xa1, 0x01, 0x26 };
	struct strbuf tbs = { 0 };
	unsigned char sig[64];
	size_t siglen;
	int rc;

	cbor_head(&tbs, CBOR_ARRAY, 4);
	cbor_head(&tbs, CBOR_TSTR, 10);
	sb_append(&tbs, "Signature1", 10);
	cbor_bstr(&tbs, prot, sizeof(prot));
	cbor_bstr(&tbs, "", 0);
	cbor_bstr(&tbs, payload->data, payload->len);
	rc = sign(svc, identity, (unsigned char *)tbs.data, tbs.len, true, sig, &siglen);
	sb_free(&tbs);
	if (rc)
		return rc;
	cbor_head(out, CBOR_TAG, 18);
	cbor_head(out, CBOR_ARRAY, 4);
	cbor_bstr(out, prot, sizeof(prot));
	sb_append(out, "\xa1\x04\x41\x21", 4);	/* { kid: h'21' } */
	if (detached)
		sb_append(out, "\xf6", 1);
	else
		cbor_bstr(out, payload->data, payload->len);
	cbor_bstr(out, sig, sizeof(sig));
	return 0;
}

/* [msg type, device UUID, CBOR(sec_tag), SHA-256(part 1), nonce] */
static void keygen_payload(struct tls_service *svc, const struct keygen_req *r,
			   const unsigned char *part1, size_t len, struct strbuf *out)
{
	unsigned char uuid[16] = { 0 }, hash[32], nonce[16];
	struct strbuf tag = { 0 };

	uuid_bytes(r->uuid, uuid);
	mbedtls_sha256_ret(part1, len, hash, 0);
	mbedtls_ctr_drbg_random(&svc->drbg, nonce, sizeof(nonce));
	cbor_int(&tag, r->sec_tag);
	cbor_head(out, CBOR_TAG, TAG_SELF_DESCRIBED);
	cbor_head(out, CBOR_ARRAY, 5);
	cbor_int(out, r->content ? MSG_PUBKEY : MSG_CSR);
	cbor_bstr(out, uuid, sizeof(uuid));
	cbor_bstr(out, tag.data, tag.len);
	cbor_bstr(out, hash, sizeof(hash));
	cbor_bstr(out, nonce, sizeof(nonce));
	sb_free(&tag);
}

int keygen_response(struct tls_service *svc, mbedtls_pk_context *key,
		    mbedtls_pk_context *identity, const struct keygen_req *r, struct strbuf *out)
{
	unsigned char buf[2048], *der;
	struct strbuf payload = { 0 }, cose = { 0 };
	int len, rc;

	/* Both writers put the DER at the end of buf. */
	if (r->content) {
		len = mbedtls_pk_write_pubkey_der(key, buf, sizeof(buf));
		der = buf + sizeof(buf) - (len > 0 ? len : 0);
	} else {
		len = write_csr(svc, key, r, buf, sizeof(buf), &der);
	}
	if (len < 0)
		return len;
	keygen_payload(svc, r, der, (size_t)len, &payload);
	rc = cose_sign1(svc, identity, &payload, false, &cose);
	if (!rc) {
		b64url(out, der, (size_t)len);
		sb_append(out, ".", 1);
		b64url(out, (unsigned char *)cose.data, cose.len);
	}
	sb_free(&payload);
	sb_free(&cose);
	return rc;
}

int keygen_attest(struct tls_service *svc, mbedtls_pk_context *identity, const char *uuid,
		  const char *fw_uuid, int device_type, struct strbuf *out)
{
	unsigned char dev[16] = { 0 }, fw[16] = { 0 }, nonce[16];
	struct strbuf token = { 0 }, cose = { 0 };
	int rc;

	uuid_bytes(uuid, dev);
	uuid_bytes(fw_uuid, fw);
	mbedtls_ctr_drbg_random(&svc->drbg, nonce, sizeof(nonce));
	cbor_head(&token, CBOR_TAG, TAG_SELF_DESCRIBED);
	cbor_head(&token, CBOR_ARRAY, 5);
	cbor_int(&token, MSG_ATTEST_ID);
	cbor_bstr(&token, dev, sizeof(dev));
	cbor_int(&token, device_type);
	cbor_bstr(&token, fw, sizeof(fw));
	cbor_bstr(&token, nonce, sizeof(nonce));
	rc = cose_sign1(svc, identity, &token, true, &cose);
	if (!rc) {
		b64url(out, (unsigned char *)token.data, token.len);
		sb_append(out, ".", 1);
		b64url(out, (unsigned char *)cose.data, cose.len);
	}
	sb_free(&token);
	sb_free(&cose);
	return rc;
}
