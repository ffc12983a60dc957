/* What a command line implies, read from its row: slmreplay and the docs
 * ask here instead of naming commands. */
#include <stdio.h>
#include <string.h>

#include "at_parser.h"
#include "cmd_table.h"

static int param_at(int8_t pos) { return pos - 1; }

static void read_params(const struct at_cmd_def *d, const struct at_cmd *cmd,
			struct at_cmd_facts *f)
{
	const char *host;
	size_t len;
	int64_t v;

	if (d->sec_tag && !at_param_int(cmd, (size_t)param_at(d->sec_tag), &v) &&
	    v >= 0 && v <= UINT32_MAX) {
		f->has_sec_tag = true;
		f->sec_tag = (uint32_t)v;
	}
	if (d->host && !at_param_str(cmd, (size_t)param_at(d->host), &host, NULL)) {
		snprintf(f->host_buf, sizeof(f->host_buf), "%s", host);
		f->host = f->host_buf;
	}
	if (d->user && !at_param_str(cmd, (size_t)param_at(d->user), &host, NULL))
		snprintf(f->user, sizeof(f->user), "%s", host);
	if (d->password && !at_param_str(cmd, (size_t)param_at(d->password), &host, NULL))
		snprintf(f->password, sizeof(f->password), "%s", host);
	if (d->topic && !at_param_str(cmd, (size_t)param_at(d->topic), &host, NULL))
		snprintf(f->topic, sizeof(f->topic), "%s", host);
	if (d->client_id && !at_param_str(cmd, (size_t)param_at(d->client_id), &host, NULL))
		snprintf(f->client_id, sizeof(f->client_id), "%s", host);
	if (d->retain && !at_param_int(cmd, (size_t)param_at(d->retain), &v))
		f->retain = v == 1;
	if (d->port && !at_param_int(cmd, (size_t)param_at(d->port), &v))
		f->port = (int)v;
	if (d->sock_type && !at_param_int(cmd, 0, &v)) {
		f->closes_socket = v == 0;
		if (!at_param_int(cmd, (size_t)param_at(d->sock_type), &v))
			f->sock_type = (int)v;
	}
	if (d->data && !at_param_str(cmd, (size_t)param_at(d->data), &host, &len)) {
		f->has_data = true;
		f->data_len = len < sizeof(f->data) ? len : sizeof(f->data) - 1;
		memcpy(f->data, host, f->data_len);
		f->data[f->data_len] = '\0';
	}
	/* <sec_tag>,<key_type>[,<response_content>]: type 2 is a client key. */
	if ((d->flags & AT_F_MAKES_KEY) && f->has_sec_tag && !at_param_int(cmd, 1, &v) && v == 2) {
		f->key_made = true;
		f->key_csr = at_param_int(cmd, 2, &v) || v == 0;
	}
	/* A credential write is <op>=0,<sec_tag>,<type>,<content>. */
	if ((d->flags & AT_F_CRED_WRITE) && !at_param_int(cmd, 0, &v) && v == 0 &&
	    !at_param_int(cmd, 2, &v)) {
		f->cred_write = f->has_sec_tag;
		f->cred_type = (int)v;
	}
}

bool at_cmd_facts(const char *line, struct at_cmd_facts *f)
{
	struct at_cmd cmd;

	memset(f, 0, sizeof(*f));
	if (at_cmd_parse(&cmd, line, strlen(line)))
		return false;
	f->def = cmd.name[0] ? at_cmd_find(cmd.name) : NULL;
	f->set = cmd.mode == AT_MODE_SET;
	if (f->def)
		f->peer = (enum at_peer)f->def->peer;
	if (f->def && f->set) {
		f->needs_registration = f->def->flags & AT_F_NEEDS_REG;
		f->blocking = f->def->flags & AT_F_BLOCKING;
		f->opens_socket = f->def->flags & AT_F_OPENS_SOCKET;
		f->receives = f->def->flags & AT_F_RECEIVES;
		f->subscribes = f->def->flags & AT_F_SUBSCRIBES;
		read_params(f->def, &cmd, f);
	}
	/* "AT#XSEND" and "AT#XSEND=" alike: the SLM sees no data parameter. */
	f->enters_datamode = f->def && f->def->data &&
			     (!f->has_data || (!f->data_len && (f->def->flags & AT_F_EMPTY_DATAMODE))) &&
			     (cmd.mode == AT_MODE_SET || cmd.mode == AT_MODE_ACTION);
	at_cmd_free(&cmd);
	return true;
}
