/* What the log hides: elided credential bodies and credentials a log uses
 * without writing them, filled from the fixture PKI. */
#ifndef SLMREPLAY_FILL_H
#define SLMREPLAY_FILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log_parser.h"
#include "scenario.h"

struct script;
struct slm_profile;
struct at_cmd_facts;

/* The facts of a log's sends, parsed once when the script is built: of[i]
 * for the log's event i, NULL where it is no send or does not parse.  The
 * steps take theirs over (script.c); the stages after read those. */
struct logged_facts {
	const struct replay_log *log;
	const struct at_cmd_facts **of;
};

/* Parses every send of log under profile p; -1 when out of memory. */
int logged_facts_parse(struct logged_facts *lf, const struct replay_log *log,
		       const struct slm_profile *p);
/* Frees the facts no step took (the ones taken are set to NULL first). */
void logged_facts_free(struct logged_facts *lf);

/* Base name of the generated client credential whose key has the shape of
 * the visible PEM text ("client-ec-params", "client-rsa", ...). */
const char *fill_key_shape(const char *visible);
/* The PSK (type 3) and identity (type 4) a replay writes for a DTLS
 * sec_tag the log uses but never writes; the local DTLS peer shares them. */
#define FILL_PSK_HEX "000102030405060708090a0b0c0d0e0f"
#define FILL_PSK_IDENTITY "slmreplay-psk-identity"

/* The set-up write of credential type (0..4) for an unwritten sec_tag
 * (types: a bit per type to write, 0 a working set): the command (malloc'd)
 * and what it writes, or NULL with err empty when that type is not
 * written, or set on a failure. */
char *fill_setup_write(uint32_t tag, uint8_t types, int type, const struct scenario *s,
		       const char *certs_dir, char *what, size_t whatlen, char *err, size_t errlen);

/* The log's first command that writes sec_tag's credential of type (-1:
 * any type), or NULL. */
const char *fill_log_write(const struct logged_facts *lf, uint32_t tag, int type);

/* The fixture file for sec_tag/type: the scenario's, else inferred from
 * the log's own type 2 write for that tag, else the RSA set.  Writes into
 * out (certificate-directory relative unless absolute) and why. */
void fill_pick(const struct logged_facts *lf, const struct scenario *s, uint32_t tag, int type,
	       char *out, size_t outlen, char *why, size_t whylen);

/* AT%CMNG=0,<tag>,<type>,"<file content>": malloc'd; NULL if unreadable. */
char *fill_cmng_write(const char *certs_dir, const char *scen_dir, uint32_t tag, int type,
		      const char *file, char *err, size_t errlen);

/* A credential body the log shows in full: a client certificate of another
 * CA is re-issued by the replay CA (same key and subject), a CA certificate
 * that is not the replay CA's is replaced by it; keys and anything mbedTLS
 * cannot read are used exactly as logged.  The new command (malloc'd) and a
 * note, or NULL to send the logged one. */
char *fill_full_body(const char *certs_dir, uint32_t tag, int type, const char *send, char *note,
		     size_t notelen);

#endif
