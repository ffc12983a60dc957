/* Certificates for keys the modem made (%KEYGEN), issued during a replay. */
#ifndef SLMREPLAY_KEYGEN_CERT_H
#define SLMREPLAY_KEYGEN_CERT_H

#include <stdbool.h>
#include <stddef.h>

#include "script.h"

struct step_run;

/* st writes a client certificate for the CSR of its csr_from step: the
 * command that writes a certificate the replay CA issued for the CSR the
 * target answered (as the runner recorded it in runs), malloc'd, and a
 * note; NULL (st's send stays) when the target made no CSR. */
char *keygen_cert_issue(const struct script *sc, const struct step *st,
			const struct step_run *runs, const char *certs, char *note, size_t notelen);

#endif
