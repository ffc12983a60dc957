/* AT%KEYGEN and AT%ATTESTTOKEN (mfw 1.3.x; modem-commands.md 1, 2): a key
 * made inside the modem, stored as the sec_tag's private key and never
 * readable, answered with its CSR (or public key) and a COSE signature by
 * the modem's identity key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_keygen.h"
#include "cred_store.h"
#include "keygen.h"
#include "tls_profile.h"

#define CME_NO_ACCESS 514
#define CME_MEMORY_FULL 515
#define CME_EXISTS 519
#define CME_KEYGEN_FAILED 523
#define KEY_USAGE_DEFAULT 0x17	/* "111010000": digitalSignature, nonRepudiation,
				 * keyEncipherment, keyAgreement */

/* The modem's identity key: made once per modem run (the real one is
 * provisioned at the factory and never leaves the modem). */
static mbedtls_pk_context *identity(struct modem *m)
{
	if (!m->identity) {
		m->identity = calloc(1, sizeof(*m->identity));
		if (!m->identity)
			return NULL;
		mbedtls_pk_init(m->identity);
		if (keygen_new_key(m->ctx->tls, m->identity)) {
			keygen_free_identity(m);
			return NULL;
		}
	}
	return m->identity;
}

void keygen_free_identity(struct modem *m)
{
	if (!m->identity)
		return;
	mbedtls_pk_free(m->identity);
	free(m->identity);
	m->identity = NULL;
}

/* "<9 bits>", left to right X.509 KeyUsage bits 0..8. */
static int key_usage(const char *s, uint16_t *out)
{
	if (strlen(s) != 9 || strspn(s, "01") != 9)
		return -1;
	*out = 0;
	for (int i = 0; i < 9; i++)
		if (s[i] == '1')
			*out |= (uint16_t)(1u << i);
	return 0;
}

static const struct at_param_def keygen_params[] = {
	AT_INT("sec_tag", AT_R_SEC_TAG, 0, 2147483647),
	AT_INT("key_type", AT_R_KEY_TYPE, INT64_MIN, INT64_MAX, .only = AT_BIT(2) | AT_BIT(8)),
	AT_INT("format", AT_R_KEY_FORMAT, 0, 1, .opt = AT_OPT),
	AT_STR("attributes", AT_R_NONE, 0, .opt = AT_OPT),
	AT_STR("key_usage", AT_R_NONE, 0, .opt = AT_OPT),
};

const struct at_schema keygen_schema = {
	.forms = (const struct at_form[]){
		{ .p = keygen_params, .n = 5,
		  .usage = "expected AT%KEYGEN=<sec_tag>,<2|8>[,<0 CSR|1 public key>"
			   "[,\"<attributes>\"[,\"<key usage: 9 bits>\"]]]" },
	}, .n_forms = 1,
};

static int parse(struct modem *m, const struct at_cmd *cmd, struct keygen_req *r, int *type,
		 char *subject, size_t sublen)
{
	const char *attr = at_arg_has(cmd, 3) ? at_str(cmd, "attributes") : NULL;

	r->key_usage = KEY_USAGE_DEFAULT;
	if (at_arg_has(cmd, 4) && key_usage(at_str(cmd, "key_usage"), &r->key_usage))
		return at_why(m, AT_ERROR, "<key_usage> is 9 characters of 0 and 1, KeyUsage bits 0..8");
	snprintf(subject, sublen, attr && *attr ? "%s" : "CN=%s", attr && *attr ? attr : m->cfg.uuid);
	r->sec_tag = (uint32_t)at_int(cmd, "sec_tag");
	r->content = (int)at_int(cmd, "format");
	r->subject = subject;
	r->uuid = m->cfg.uuid;
	*type = (int)at_int(cmd, "key_type");
	return AT_OK;
}

/* A new client key stored under the sec_tag (type 2). */
static int store_key(struct modem *m, const struct keygen_req *r, mbedtls_pk_context *key)
{
	struct strbuf pem = { 0 };
	int rc;

	if (cred_store_get(m->creds, r->sec_tag, CRED_PRIVATE_KEY))
		return at_why(m, AT_CME(CME_EXISTS), "sec_tag %u already has a private key; delete it "
			      "first with AT%%CMNG=3,%u,2", r->sec_tag, r->sec_tag);
	if (keygen_new_key(m->ctx->tls, key) || keygen_key_pem(key, &pem))
		return at_why(m, AT_CME(CME_KEYGEN_FAILED), "key generation failed");
	rc = cred_store_write(m->creds, r->sec_tag, CRED_PRIVATE_KEY, pem.data, pem.len, NULL);
	sb_free(&pem);
	if (rc)
		return at_why(m, AT_CME(CME_MEMORY_FULL), "the credential storage has no room for "
			      "the key (profile %s)", m->tls->name);
	modem_log(m, SLOG_INFO, "%%KEYGEN: P-256 key made for sec_tag %u; it never leaves the modem",
		  r->sec_tag);
	return AT_OK;
}

int keygen_set(struct modem *m, const struct at_cmd *cmd)
{
	struct keygen_req r;
	mbedtls_pk_context key, *id;
	struct strbuf out = { 0 };
	char subject[256];
	int type = 0, rc;

	if ((rc = parse(m, cmd, &r, &type, subject, sizeof(subject))) ||
	    (rc = at_cfun_check(m, "generating a key")))
		return rc;
	if (!(id = identity(m)))
		return at_why(m, AT_CME(CME_KEYGEN_FAILED), "no identity key");
	mbedtls_pk_init(&key);
	/* Type 8, the device endorsement key, is the identity key itself. */
	rc = type == 2 ? store_key(m, &r, &key) : AT_OK;
	if (!rc && keygen_response(m->ctx->tls, type == 2 ? &key : id, id, &r, &out))
		rc = at_why(m, AT_CME(CME_KEYGEN_FAILED), "the CSR could not be made (subject '%s')",
			    r.subject);
	if (!rc)
		at_reply(m, &RSP_KEYGEN, "\"%s\"", out.data);
	mbedtls_pk_free(&key);
	sb_free(&out);
	return rc;
}

int attesttoken_action(struct modem *m, const struct at_cmd *cmd)
{
	struct strbuf out = { 0 };
	mbedtls_pk_context *id = identity(m);
	/* Device types: 1 SIAA, 2 SIBA, 3 SICA. */
	int dev = strstr(m->cfg.model, "SIAA") ? 1 : strstr(m->cfg.model, "SIBA") ? 2 : 3;

	(void)cmd;
	if (!id || keygen_attest(m->ctx->tls, id, m->cfg.uuid, m->cfg.fw_uuid, dev, &out))
		return at_why(m, AT_CME(CME_NO_ACCESS), "no attestation token could be made");
	at_reply(m, &RSP_ATTESTTOKEN, "\"%s\"", out.data);
	sb_free(&out);
	return AT_OK;
}
