/* AT%CMNG: credential write, list, read and delete (mfw 1.3.x; fact sheet
 * 5.1).  The store enforces the profile's count and size limits. */
#include <errno.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_cmng.h"
#include "cred_store.h"
#include "tls_profile.h"

#define CME_NOT_FOUND	513
#define CME_NO_ACCESS	514
#define CME_MEMORY_FULL	515

enum { OP_WRITE = 0, OP_LIST = 1, OP_READ = 2, OP_DELETE = 3 };

static int tag_and_type(struct modem *m, const struct at_cmd *cmd, uint32_t *tag, int *type)
{
	int64_t v;

	if (at_param_int_range(cmd, 1, 0, CRED_SEC_TAG_MAX, &v))
		return at_why(m, AT_ERROR, "<sec_tag> must be an integer 0..2147483647");
	*tag = (uint32_t)v;
	if (at_param_int_range(cmd, 2, 0, CRED_TYPE_MAX, &v))
		return at_why(m, AT_ERROR, "<type> must be 0..6 (0 CA, 1 client cert, 2 private "
			      "key, 3 PSK, 4 PSK identity, 5 public key, 6 device identity key)");
	*type = (int)v;
	return AT_OK;
}

static int do_write(struct modem *m, const struct at_cmd *cmd)
{
	const char *content, *passwd = NULL;
	size_t len;
	uint32_t tag;
	int type, rc;

	if (cmd->nparams < 4 || cmd->nparams > 5)
		return at_why(m, AT_ERROR, "write is AT%%CMNG=0,<sec_tag>,<type>,\"<content>\"[,\"<passwd>\"]");
	rc = tag_and_type(m, cmd, &tag, &type);
	if (rc)
		return rc;
	if (at_param_str(cmd, 3, &content, &len) || len == 0)
		return at_why(m, AT_ERROR, "<content> must be a non-empty quoted string");
	if (cmd->nparams == 5 && at_param_str(cmd, 4, &passwd, NULL))
		return at_why(m, AT_ERROR, "<passwd> must be a quoted string");
	rc = at_cfun_check(m, "writing a credential");
	if (rc)
		return rc;
	rc = cred_store_write(m->creds, tag, type, content, len, passwd);
	if (rc == -ENOMEM)
		return at_why(m, AT_CME(CME_MEMORY_FULL), "credential storage full: %zu of %zu "
			      "credentials, %zu of %zu bytes in use; %zu more bytes do not fit "
			      "(profile %s); delete unused credentials with AT%%CMNG=3",
			      m->creds->count, m->creds->max_items, m->creds->bytes,
			      m->creds->max_bytes, len, m->ctx->profile->name);
	if (rc)
		return at_why(m, AT_ERROR, "could not store the credential durably in the state "
			      "directory (%s); nothing was changed", strerror(-rc));
	modem_log(m, SLOG_INFO, "stored sec_tag %u type %d (%s), %zu bytes, sha256 %s", tag, type,
		  cred_type_name(type), len, cred_store_get(m->creds, tag, type)->sha_hex);
	return AT_OK;
}

static int do_list(struct modem *m, const struct at_cmd *cmd)
{
	int64_t tag = -1, type = -1;

	if (cmd->nparams > 3)
		return at_why(m, AT_ERROR, "list is AT%%CMNG=1[,<sec_tag>[,<type>]]");
	if (at_param_present(cmd, 1) && at_param_int_range(cmd, 1, 0, CRED_SEC_TAG_MAX, &tag))
		return at_why(m, AT_ERROR, "<sec_tag> must be an integer 0..2147483647");
	if (at_param_present(cmd, 2) && at_param_int_range(cmd, 2, 0, CRED_TYPE_MAX, &type))
		return at_why(m, AT_ERROR, "<type> must be 0..6");
	for (size_t i = 0; i < m->creds->count; i++) {
		const struct cred *c = &m->creds->items[i];

		if ((tag >= 0 && c->sec_tag != tag) || (type >= 0 && c->type != type))
			continue;
		at_info(m, "%%CMNG: %u,%u,\"%s\"", c->sec_tag, c->type, c->sha_hex);
	}
	return AT_OK;
}

static int do_read(struct modem *m, const struct at_cmd *cmd)
{
	const struct cred *c;
	uint32_t tag;
	int type, rc;

	if (cmd->nparams != 3)
		return at_why(m, AT_ERROR, "read is AT%%CMNG=2,<sec_tag>,<type>");
	rc = tag_and_type(m, cmd, &tag, &type);
	if (rc)
		return rc;
	c = cred_store_get(m->creds, tag, type);
	if (!c)
		return at_why(m, AT_CME(CME_NOT_FOUND), "no credential of type %d (%s) under "
			      "sec_tag %u", type, cred_type_name(type), tag);
	if (type == CRED_PRIVATE_KEY || type == CRED_PSK)
		return at_why(m, AT_CME(CME_NO_ACCESS), "a %s cannot be read back from the modem",
			      cred_type_name(type));
	at_info(m, "%%CMNG: %u,%u,\"%s\",\"%s\"", c->sec_tag, c->type, c->sha_hex, c->data);
	return AT_OK;
}

static int do_delete(struct modem *m, const struct at_cmd *cmd)
{
	uint32_t tag;
	int type, rc;

	if (cmd->nparams != 3)
		return at_why(m, AT_ERROR, "delete is AT%%CMNG=3,<sec_tag>,<type>");
	rc = tag_and_type(m, cmd, &tag, &type);
	if (rc)
		return rc;
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
	int64_t op;

	if (at_param_int_range(cmd, 0, 0, 3, &op))
		return at_why(m, AT_ERROR, "<opcode> must be 0 write, 1 list, 2 read or 3 delete");
	switch (op) {
	case OP_WRITE: return do_write(m, cmd);
	case OP_LIST: return do_list(m, cmd);
	case OP_READ: return do_read(m, cmd);
	default: return do_delete(m, cmd);
	}
}
