/* What the modem's %KEYGEN and %ATTESTTOKEN produce (modem-commands.md 1,
 * 2): a P-256 key made inside the modem, its PKCS#10 CSR in the modem's
 * DER layout, and COSE_Sign1 signatures by the modem's identity key over
 * the CBOR payloads Nordic's tools verify. */
#ifndef SLMSIM_KEYGEN_H
#define SLMSIM_KEYGEN_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "strbuf.h"

struct tls_service;

struct keygen_req {
	uint32_t sec_tag;
	int content;		/* 0 CSR, 1 public key */
	const char *subject;	/* "CN=...,O=..." */
	uint16_t key_usage;	/* X.509 KeyUsage bits 0..8, bit 0 = digitalSignature */
	const char *uuid;	/* the device UUID, 8-4-4-4-12 */
};

/* A new P-256 key in key; 0 or an mbedTLS error. */
int keygen_new_key(struct tls_service *svc, mbedtls_pk_context *key);
/* The private key as the modem stores it: SEC1 PEM.  0 or an error. */
int keygen_key_pem(mbedtls_pk_context *key, struct strbuf *out);
/* "<base64url(CSR or public key DER)>.<base64url(COSE_Sign1)>" into out;
 * identity signs the COSE part.  0 or an mbedTLS error. */
int keygen_response(struct tls_service *svc, mbedtls_pk_context *key,
		    mbedtls_pk_context *identity, const struct keygen_req *r, struct strbuf *out);
/* The attestation token: "<base64url(CBOR)>.<base64url(COSE_Sign1)>". */
int keygen_attest(struct tls_service *svc, mbedtls_pk_context *identity, const char *uuid,
		  const char *fw_uuid, int device_type, struct strbuf *out);

#endif
