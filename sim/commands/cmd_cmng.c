/* AT%CMNG: credential write, list, read and delete (mfw 1.3.x; fact sheet
 * 5.1).  The store enforces the profile's count and size limits. */
#include <errno.h>
#include <string.h>

#include "at_cmd.h"
#include "rsp_table.h"
#include "cmd_cmng.h"
#include "cred_store.h"
#include "tls_profile.h"

#define CME_NOT_FOUND	513
#define CME_NO_ACCESS	514
#define CME_MEMORY_FULL	515
#define CME_REPORTED_527	527	/* users' reports on mfw 2.0.2/2.0.4 (modem.cmng_crlf_527) */

enum { OP_WRITE = 0, OP_LIST = 1, OP_READ = 2, OP_DELETE = 3 };

#define TAG_WHY "<sec_tag> must be an integer 0..2147483647 (on nRF91x1 also a test tag " \
		"2147483648..2147483667)"
#define TYPE_WHY "<type> must be 0..6 (0 CA, 1 client cert, 2 private key, 3 PSK, " \
		 "4 PSK identity, 5 public key, 6 device identity key)"
#define OPCODE AT_INT("opcode", AT_R_OP, 0, 3, \
		      .why = "<opcode> must be 0 write, 1 list, 2 read or 3 delete")
#define SEC_TAG(o) AT_INT("sec_tag", AT_R_SEC_TAG, 0, CRED_TEST_TAG_LAST, .opt = (o), .why = TAG_WHY)

static const struct at_param_def write_params[] = {
	OPCODE, SEC_TAG(AT_REQ),
	AT_INT("type", AT_R_CRED_TYPE, 0, CRED_TYPE_MAX, .why = TYPE_WHY),
	AT_STR("content", AT_R_CONTENT, 0, .nonempty = true,
	       .why = "<content> must be a non-empty quoted string"),
	AT_STR("passwd", AT_R_NONE, 0, .opt = AT_OPT_END, .why = "<passwd> must be a quoted string"),
};

static const struct at_param_def list_params[] = {
	OPCODE, SEC_TAG(AT_OPT),
	AT_INT("type", AT_R_CRED_TYPE, 0, CRED_TYPE_MAX, .opt = AT_OPT, .why = "<type> must be 0..6"),
};

const struct at_schema cmng_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = OP_WRITE, .op_hi = OP_WRITE, .p = write_params, .n = 5, .min_count = 4,
		  .max_count = 5,
		  .count_why = "write is AT%CMNG=0,<sec_tag>,<type>,\"<content>\"[,\"<passwd>\"]" },
		{ .op_lo = OP_LIST, .op_hi = OP_LIST, .p = list_params, .n = 3, .min_count = 1,
		  .max_count = 3, .count_why = "list is AT%CMNG=1[,<sec_tag>[,<type>]]" },
		{ .op_lo = OP_READ, .op_hi = OP_READ, .p = write_params, .n = 3, .min_count = 3,
		  .max_count = 3, .count_why = "read is AT%CMNG=2,<sec_tag>,<type>" },
		{ .op_lo = OP_DELETE, .op_hi = OP_DELETE, .p = write_params, .n = 3, .min_count = 3,
		  .max_count = 3, .count_why = "delete is AT%CMNG=3,<sec_tag>,<type>" },
	}, .n_forms = 4,
};

static int do_write(struct modem *m, const struct at_cmd *cmd)
{
	size_t len;
	const char *content = at_arg_str(cmd, 3, &len);
	const char *passwd = cmd->nparams == 5 ? at_str(cmd, "passwd") : NULL;
	uint32_t tag = (uint32_t)at_int(cmd, "sec_tag");
	int type = (int)at_int(cmd, "type"), rc;

	rc = at_cfun_check(m, "writing a credential");
	if (rc)
		return rc;
	if (m->cfg.cmng_crlf_527 && type <= CRED_CLIENT_CERT && memmem(content, len, "\r\n", 2))
		return at_why(m, AT_CME(CME_REPORTED_527), "the certificate has CR LF line ends, "
			      "refused as users report of mfw 2.0.2/2.0.4 (modem.cmng_crlf_527, "
			      "UNCONFIRMED); write it with LF line ends");
	rc = cred_store_write(m->creds, tag, type, content, len, passwd);
	if (rc == -ENOMEM)
		return at_why(m, AT_CME(CME_MEMORY_FULL), "credential storage full: %zu of %zu "
			      "credentials, %zu of %zu bytes in use; %zu more bytes do not fit "
			      "(profile %s); delete unused credentials with AT%%CMNG=3",
			      m->creds->count, m->creds->max_items, m->creds->bytes,
			      m->creds->max_bytes, len, m->tls->name);
	if (rc)
		return at_why(m, AT_ERROR, "could not store the credential durably in the state "
			      "directory (%s); nothing was changed", strerror(-rc));
	modem_log(m, SLOG_INFO, "stored sec_tag %u type %d (%s), %zu bytes, sha256 %s", tag, type,
		  cred_type_name(type), len, cred_store_get(m->creds, tag, type)->sha_hex);
	return AT_OK;
}

static int do_list(struct modem *m, const struct at_cmd *cmd)
{
	int64_t tag = at_arg_has(cmd, 1) ? at_int(cmd, "sec_tag") : -1;
	int64_t type = at_arg_has(cmd, 2) ? at_int(cmd, "type") : -1;

	for (size_t i = 0; i < m->creds->count; i++) {
		const struct cred *c = &m->creds->items[i];

		if ((tag >= 0 && c->sec_tag != tag) || (type >= 0 && c->type != type))
			continue;
		at_reply(m, &RSP_CMNG, "%u,%u,\"%s\"", c->sec_tag, c->type, c->sha_hex);
	}
	return AT_OK;
}

static int do_read(struct modem *m, const struct at_cmd *cmd)
{
	uint32_t tag = (uint32_t)at_int(cmd, "sec_tag");
	int type = (int)at_int(cmd, "type");
	const struct cred *c = cred_store_get(m->creds, tag, type);

	if (!c)
		return at_why(m, AT_CME(CME_NOT_FOUND), "no credential of type %d (%s) under "
			      "sec_tag %u", type, cred_type_name(type), tag);
	if (type == CRED_PRIVATE_KEY || type == CRED_PSK)
		return at_why(m, AT_CME(CME_NO_ACCESS), "a %s cannot be read back from the modem",
			      cred_type_name(type));
	at_reply(m, &RSP_CMNG, "%u,%u,\"%s\",\"%s\"", c->sec_tag, c->type, c->sha_hex, c->data);
	return AT_OK;
}

static int do_delete(struct modem *m, const struct at_cmd *cmd)
{
	uint32_t tag = (uint32_t)at_int(cmd, "sec_tag");
	int type = (int)at_int(cmd, "type"), rc;

	rc = at_cfun_check(m, "deleting a credential");
	if (rc)
		return rc;
	rc = cred_store_delete(m->creds, tag, type);
	if (rc == -ENOENT)
		return at_why(m, AT_CME(CME_NOT_FOUND), "no credential of type %d under sec_tag %u",
			      type, tag);
	if (rc)
		return at_why(m, AT_ERROR, "could not delete durably (%s); nothing was changed",
			      strerror(-rc));
	return AT_OK;
}

int cmng_set(struct modem *m, const struct at_cmd *cmd)
{
	/* The schema takes the test tags; whether they exist is the firmware's. */
	if (at_arg_has(cmd, 1) && at_int(cmd, "sec_tag") > CRED_SEC_TAG_MAX &&
	    !mfw_has(&m->mfw, MFW_TEST_SEC_TAGS))
		return at_why(m, AT_ERROR, "<sec_tag> must be an integer 0..2147483647: the test tags "
			      "2147483648..2147483667 are nRF91x1 modem firmware 2.0.x's; this modem "
			      "runs %s", m->cfg.revision);
	switch (at_arg_int(cmd, 0)) {
	case OP_WRITE: return do_write(m, cmd);
	case OP_LIST: return do_list(m, cmd);
	case OP_READ: return do_read(m, cmd);
	default: return do_delete(m, cmd);
	}
}
