/* Certificates for keys the modem made (%KEYGEN), issued during a replay. */
#ifndef SLMREPLAY_KEYGEN_CERT_H
#define SLMREPLAY_KEYGEN_CERT_H

#include <stdbool.h>

#include "script.h"

/* st writes a client certificate for the CSR of its csr_from step: its
 * send becomes a certificate the replay CA issued for the CSR the target
 * answered.  False (send unchanged) when the target made no CSR. */
bool keygen_cert_issue(struct script *sc, struct step *st, const char *certs);

#endif
