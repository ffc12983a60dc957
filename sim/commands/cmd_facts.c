/* What a command line implies, read from its row: slmreplay and the docs
 * ask here instead of naming commands. */
#include <stdio.h>
#include <string.h>

#include "at_parser.h"
#include "cmd_mqtt.h"
#include "cmd_table.h"

/* The string of role's parameter into out; false when none is given. */
static bool role_str(const struct at_cmd_def *d, const struct at_cmd *cmd, enum at_role role,
		     char *out, size_t len)
{
	int i = at_schema_role(d->schema, role);
	const char *s;

	if (i < 0 || at_param_str(cmd, (size_t)i, &s, NULL))
		return false;
	snprintf(out, len, "%s", s);
	return true;
}

static bool role_int(const struct at_cmd_def *d, const struct at_cmd *cmd, enum at_role role,
		     int64_t *v)
{
	int i = at_schema_role(d->schema, role);

	return i >= 0 && !at_param_int(cmd, (size_t)i, v);
}

static void read_data(const struct at_cmd_def *d, const struct at_cmd *cmd,
		      struct at_cmd_facts *f)
{
	int i = at_schema_role(d->schema, AT_R_PAYLOAD);
	const char *s;
	size_t len;

	if (i >= 0 && !at_param_str(cmd, (size_t)i, &s, &len)) {
		f->has_data = true;
		f->data_len = len < sizeof(f->data) ? len : sizeof(f->data) - 1;
		memcpy(f->data, s, f->data_len);
		f->data[f->data_len] = '\0';
	}
}

static void read_params(const struct slm_profile *p, const struct at_cmd_def *d,
			const struct at_cmd *cmd, struct at_cmd_facts *f)
{
	int64_t v;

	if (role_int(d, cmd, AT_R_SEC_TAG, &v) && v >= 0 && v <= UINT32_MAX) {
		f->has_sec_tag = true;
		f->sec_tag = (uint32_t)v;
	}
	if (role_str(d, cmd, AT_R_HOST, f->host_buf, sizeof(f->host_buf)))
		f->host = f->host_buf;
	role_str(d, cmd, AT_R_USER, f->user, sizeof(f->user));
	role_str(d, cmd, AT_R_PASSWORD, f->password, sizeof(f->password));
	role_str(d, cmd, AT_R_TOPIC, f->topic, sizeof(f->topic));
	/* A broker's connect that names no client id (2.6+) connects with the
	 * one #XMQTTCFG set, the generation's default until then. */
	if (!role_str(d, cmd, AT_R_CLIENT_ID, f->client_id, sizeof(f->client_id)) &&
	    d->peer == AT_PEER_BROKER && f->host && mqtt_default_client_id(p))
		snprintf(f->client_id, sizeof(f->client_id), "%s", mqtt_default_client_id(p));
	if (role_int(d, cmd, AT_R_RETAIN, &v))
		f->retain = v == 1;
	if (role_int(d, cmd, AT_R_PORT, &v))
		f->port = (int)v;
	if (at_schema_role(d->schema, AT_R_SOCK_TYPE) >= 0 && !at_param_int(cmd, 0, &v)) {
		f->closes_socket = v == 0;
		if (role_int(d, cmd, AT_R_SOCK_TYPE, &v))
			f->sock_type = (int)v;
	}
	read_data(d, cmd, f);
	/* <sec_tag>,<key_type>[,<format>]: type 2 is a client key, format 0 a CSR. */
	if ((d->flags & AT_F_MAKES_KEY) && f->has_sec_tag && role_int(d, cmd, AT_R_KEY_TYPE, &v) &&
	    v == 2) {
		f->key_made = true;
		f->key_csr = !role_int(d, cmd, AT_R_KEY_FORMAT, &v) || v == 0;
	}
	/* A credential write is <op>=0,<sec_tag>,<type>,<content>. */
	if ((d->flags & AT_F_CRED_WRITE) && role_int(d, cmd, AT_R_OP, &v) && v == 0 &&
	    role_int(d, cmd, AT_R_CRED_TYPE, &v)) {
		f->cred_write = f->has_sec_tag;
		f->cred_type = (int)v;
	}
}

/* A payload parameter the row takes only as a string holding something
 * else (2.0's AT#XMQTTPUB="t",1): the command fails, no data mode. */
static bool payload_mistyped(const struct at_cmd_def *d, const struct at_cmd *cmd)
{
	for (size_t k = 0; d->schema && k < d->schema->n_forms; k++)
		for (size_t i = 0; i < d->schema->forms[k].n; i++) {
			const struct at_param_def *q = &d->schema->forms[k].p[i];

			if (q->role == AT_R_PAYLOAD && q->type == AT_P_STR &&
			    at_param_present(cmd, i) && cmd->params[i].type != AT_PARAM_STR)
				return true;
		}
	return false;
}

bool at_cmd_facts_of(const struct slm_profile *p, const char *line, struct at_cmd_facts *f)
{
	struct at_cmd cmd;
	int64_t v;

	memset(f, 0, sizeof(*f));
	if (at_cmd_parse(&cmd, line, strlen(line)))
		return false;
	f->def = cmd.name[0] ? at_cmd_find(p, cmd.name) : NULL;
	f->set = cmd.mode == AT_MODE_SET;
	f->read = cmd.mode == AT_MODE_READ;
	if (f->def)
		f->peer = (enum at_peer)f->def->peer;
	if (f->def && f->set) {
		f->needs_registration = f->def->flags & AT_F_NEEDS_REG;
		f->blocking = f->def->flags & AT_F_BLOCKING;
		f->opens_socket = f->def->flags & AT_F_OPENS_SOCKET;
		f->receives = f->def->flags & AT_F_RECEIVES;
		f->subscribes = f->def->flags & AT_F_SUBSCRIBES;
		read_params(p, f->def, &cmd, f);
	}
	/* "AT#XSEND" and "AT#XSEND=" alike: the SLM sees no data parameter. */
	f->enters_datamode = f->def && at_cmd_role(f->def, AT_R_PAYLOAD) &&
			     (!f->has_data || (!f->data_len && (f->def->flags & AT_F_EMPTY_DATAMODE))) &&
			     (cmd.mode == AT_MODE_SET || cmd.mode == AT_MODE_ACTION) &&
			     !payload_mistyped(f->def, &cmd);
	/* A body of <payload_length> bytes follows (#XHTTPCREQ). */
	if (f->def && f->set && role_int(f->def, &cmd, AT_R_PAYLOAD_LEN, &v) && v > 0) {
		f->enters_datamode = true;
		f->datamode_len = (size_t)v;
	}
	at_cmd_free(&cmd);
	return true;
}

bool at_cmd_role(const struct at_cmd_def *d, enum at_role role)
{
	return at_schema_role(d->schema, role) >= 0;
}

bool at_cmd_facts(const char *line, struct at_cmd_facts *f)
{
	return at_cmd_facts_of(slm_profile_default(), line, f);
}
