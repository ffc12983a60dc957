#include "tls_buffers.h"

#include <malloc.h>
#include <mbedtls/platform.h>
#include <mbedtls/ssl_internal.h>
#include <mbedtls/version.h>
#include <sys/mman.h>

/* The buffers' fields are public in 2.x; with variable buffer lengths
 * mbedTLS reallocates them itself. */
#if MBEDTLS_VERSION_NUMBER < 0x03000000 && !defined(MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH)

#define IN_LEN ((size_t)MBEDTLS_SSL_IN_BUFFER_LEN)
#define OUT_LEN ((size_t)MBEDTLS_SSL_OUT_BUFFER_LEN)

/* The library allocated what its headers say (both come from one build);
 * anything else keeps its buffers.  malloc_usable_size adds at most a
 * few bytes of rounding to a heap block. */
static bool sized_as_headers(void *p, size_t len)
{
	size_t n = p ? malloc_usable_size(p) : 0;

	return n >= len && n < len + 64;
}

static void *pages(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

bool tls_buffers_page(mbedtls_ssl_context *ssl)
{
	unsigned char *in, *out;

	if (!sized_as_headers(ssl->in_buf, IN_LEN) || !sized_as_headers(ssl->out_buf, OUT_LEN))
		return false;
	if (!(in = pages(IN_LEN)))
		return false;
	if (!(out = pages(OUT_LEN))) {
		munmap(in, IN_LEN);
		return false;
	}
	/* Fresh mappings read as zeros, as calloc's blocks do. */
	mbedtls_free(ssl->in_buf);
	mbedtls_free(ssl->out_buf);
	ssl->in_buf = in;
	ssl->out_buf = out;
	mbedtls_ssl_reset_in_out_pointers(ssl);
	return true;
}

void tls_buffers_unpage(mbedtls_ssl_context *ssl)
{
	munmap(ssl->in_buf, IN_LEN);
	munmap(ssl->out_buf, OUT_LEN);
	ssl->in_buf = NULL;
	ssl->out_buf = NULL;
}

#else

bool tls_buffers_page(mbedtls_ssl_context *ssl)
{
	(void)ssl;
	return false;
}

void tls_buffers_unpage(mbedtls_ssl_context *ssl) { (void)ssl; }

#endif
