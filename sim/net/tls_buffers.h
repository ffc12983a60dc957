/* mbedTLS's record buffers, backed by memory only where records touch them.
 *
 * Debian's mbedTLS 2.28 is built without MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH:
 * every session callocs an input and an output buffer for 16 KiB records
 * (16.7 kB each).  Taken from the heap they are resident whole, since
 * calloc clears reused memory; yet mbedTLS writes each record from the
 * buffer's start and the modem's records are small (a 2 KiB secure socket
 * buffer, MQTT packets of a few hundred bytes), so most of both is never
 * used.  tls_buffers_page() moves them to anonymous mappings of the same
 * size, which the kernel backs page by page as they are written: a 16 KiB
 * record still fits, a small one costs a page. */
#ifndef SLMSIM_TLS_BUFFERS_H
#define SLMSIM_TLS_BUFFERS_H

#include <mbedtls/ssl.h>
#include <stdbool.h>

/* After mbedtls_ssl_setup, before any I/O: true when the buffers moved
 * (false keeps mbedTLS's own, e.g. a build whose sizes differ). */
bool tls_buffers_page(mbedtls_ssl_context *ssl);
/* Before mbedtls_ssl_free of a context whose buffers moved. */
void tls_buffers_unpage(mbedtls_ssl_context *ssl);

#endif
