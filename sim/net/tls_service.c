#include "tls_service.h"

#include <stdlib.h>

struct tls_service *tls_service_new(void)
{
	static const unsigned char pers[] = "slmsim";
	struct tls_service *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	mbedtls_entropy_init(&t->entropy);
	mbedtls_ctr_drbg_init(&t->drbg);
	if (mbedtls_ctr_drbg_seed(&t->drbg, mbedtls_entropy_func, &t->entropy, pers,
				  sizeof(pers) - 1)) {
		tls_service_free(t);
		return NULL;
	}
	return t;
}

void tls_service_free(struct tls_service *t)
{
	if (!t)
		return;
	mbedtls_ctr_drbg_free(&t->drbg);
	mbedtls_entropy_free(&t->entropy);
	free(t);
}
