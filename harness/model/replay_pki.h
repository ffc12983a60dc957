/* The replay's PKI: the fixture CA (certs/ca.crt, ca.key) stands in for
 * whatever CA the logged peers had.  Certificates are issued with mbedTLS. */
#ifndef SLMREPLAY_REPLAY_PKI_H
#define SLMREPLAY_REPLAY_PKI_H

#include <stdbool.h>
#include <stddef.h>

enum pki_verdict {
	PKI_UNREADABLE,	/* not a certificate mbedTLS reads: keep it, the modem judges it */
	PKI_CHAINS,	/* already the replay CA's: keep it */
	PKI_REISSUED,	/* another CA's: replaced */
};

/* A broker certificate for the fixture broker key, valid for every host
 * (names and IPv4 literals), written to out as PEM. */
int pki_server_cert(const char *certs, const char *const *hosts, size_t n, const char *out,
		    char *err, size_t errlen);
/* A client certificate from a log: PKI_REISSUED with *reissued (malloc'd
 * PEM) for the same public key and subject, issued by the replay CA. */
enum pki_verdict pki_client_cert(const char *certs, const char *pem, char **reissued);
/* A client certificate for a PKCS#10 CSR (DER): its subject and key,
 * issued by the replay CA, as malloc'd PEM; NULL when the CSR is not one. */
char *pki_cert_for_csr(const char *certs, const unsigned char *der, size_t len);
/* A CA certificate from a log: the replay CA itself, or another. */
enum pki_verdict pki_ca_cert(const char *certs, const char *pem);

#endif
