/* Process-wide TLS state: one entropy source and one CTR-DRBG, and the
 * parsed credentials and configurations (tls_conf.h), shared by every
 * modem and connection. */
#ifndef SLMSIM_TLS_SERVICE_H
#define SLMSIM_TLS_SERVICE_H

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>

struct tls_shared;

struct tls_service {
	mbedtls_entropy_context entropy;
	mbedtls_ctr_drbg_context drbg;
	struct tls_shared *shared;	/* tls_shared.h; empty once every session is gone */
};

struct tls_service *tls_service_new(void);
void tls_service_free(struct tls_service *t);

#endif
