/* A client certificate a log writes after %KEYGEN made the sec_tag's key:
 * the user's CA signed the CSR the real modem answered with, so the replay
 * CA signs the CSR the emulated modem answered with, and that certificate
 * is written instead.  The key never leaves the modem, as on the device. */
#include "keygen_cert.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/base64.h>

#include "cmd_table.h"
#include "replay_pki.h"
#include "runner.h"

/* The CSR of "%KEYGEN: "<base64url CSR>.<base64url COSE>"", as DER. */
static int csr_der(const char *line, unsigned char *der, size_t size, size_t *len)
{
	const char *q = strchr(line, '"'), *dot = q ? strchr(q, '.') : NULL;
	char b64[4096];
	size_t n;

	if (!dot || (size_t)(dot - q - 1) + 4 >= sizeof(b64))
		return -1;
	n = (size_t)(dot - q - 1);
	for (size_t i = 0; i < n; i++)
		b64[i] = q[1 + i] == '-' ? '+' : q[1 + i] == '_' ? '/' : q[1 + i];
	while (n % 4)
		b64[n++] = '=';
	return mbedtls_base64_decode(der, size, len, (const unsigned char *)b64, n) ? -1 : 0;
}

char *keygen_cert_issue(const struct script *sc, const struct step *st,
			const struct step_run *runs, const char *certs, char *note, size_t notelen)
{
	const char *got = NULL;
	unsigned char der[3072];
	const struct at_cmd_facts *f = st->facts;
	size_t len, n;
	char *pem, *cmd;

	for (size_t i = 0; i < sc->n && !got; i++)
		if (sc->steps[i].cause == st->csr_from && runs[i].got)
			got = runs[i].got;
	if (!got || csr_der(got, der, sizeof(der), &len) || !f ||
	    !(pem = pki_cert_for_csr(certs, der, len)))
		return NULL;
	/* %CMNG keeps the body as sent: no trailing line break inside the quotes. */
	n = strlen(pem);
	while (n && pem[n - 1] == '\n')
		pem[--n] = '\0';
	if (asprintf(&cmd, "AT%%CMNG=0,%u,1,\"%s\"", f->sec_tag, pem) < 0) {
		free(pem);
		return NULL;
	}
	free(pem);
	snprintf(note, notelen, "the replay CA issued it for the CSR the emulated "
		 "modem answered at log line %d", sc->steps[st->csr_from].ev->line);
	return cmd;
}
