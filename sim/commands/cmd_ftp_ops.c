/* The SLM's FTP operations (do_ftp_open() ... do_ftp_mput() of
 * slm_at_ftp.c): each reads its parameters as the SLM does, then runs the
 * library's operation; put, uput and mput without data enter data mode. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_ftp_state.h"
#include "ftp_client.h"

#define STR_WHY(what, most) "<" what "> must be a quoted string of at most " #most " characters"

/* util_string_get(): a quoted string shorter than size; SLM index i is
 * the parser's parameter i - 1. */
bool ftp_str_arg(const struct at_cmd *cmd, size_t i, char *out, size_t size)
{
	const struct at_param *p = i - 1 < cmd->nparams ? &cmd->params[i - 1] : NULL;

	if (!p || p->type != AT_PARAM_STR || p->len >= size)
		return false;
	memcpy(out, p->str, p->len);
	out[p->len] = '\0';
	return true;
}

size_t ftp_count(const struct at_cmd *cmd)
{
	return cmd->nparams + 1;	/* at_params_valid_count_get(): the name too */
}

int ftp_pending(struct modem *m, enum ftp_step step, int want)
{
	m->ftp->step = step;
	m->ftp->want = want;
	return AT_PENDING;
}

static bool int_arg(const struct at_cmd *cmd, size_t i, int64_t hi, int64_t *out)
{
	const struct at_param *p = i - 1 < cmd->nparams ? &cmd->params[i - 1] : NULL;

	if (!p || p->type != AT_PARAM_INT || p->ival < 0 || p->ival > hi)
		return false;
	*out = p->ival;
	return true;
}

static int do_open(struct modem *m, const struct at_cmd *cmd)
{
	struct ftp_state *s = m->ftp;
	char host[SLM_MAX_URL];
	int64_t port = FTP_DEFAULT_PORT, tag = -1;
	struct conn_params p = {
		.host = host, .verify = CONN_VERIFY_REQUIRED, .creds = m->creds, .prof = m->tls,
		.tls_count = &m->tls_sessions, .owner = m->name, .stats = &m->radio.stats,
	};

	memset(s->password, 0, sizeof(s->password));
	if (!ftp_str_arg(cmd, 2, s->user, sizeof(s->user)) || !s->user[0]) {
		snprintf(s->user, sizeof(s->user), "%s", FTP_USER_ANONYMOUS);
		snprintf(s->password, sizeof(s->password), "%s", FTP_PASSWORD_ANONYMOUS);
	} else if (!ftp_str_arg(cmd, 3, s->password, sizeof(s->password))) {
		return at_why(m, AT_ERROR, STR_WHY("password", 31));
	}
	if (!ftp_str_arg(cmd, 4, host, sizeof(host)))
		return at_why(m, AT_ERROR, STR_WHY("hostname", 127));
	if (ftp_count(cmd) > 5 && !int_arg(cmd, 5, 65535, &port))
		return at_why(m, AT_ERROR, "<port> must be an integer 0..65535");
	if (ftp_count(cmd) > 6 && !int_arg(cmd, 6, UINT32_MAX, &tag))
		return at_why(m, AT_ERROR, "<sec_tag> must be an unsigned integer");
	if (!net_registered(&m->net))
		return at_why(m, AT_ERROR, "ftp: the lookup of %s fails: the modem is not "
			      "registered to a network (AT+CFUN=1, then wait for +CEREG: 1 or 5)",
			      host);
	p.port = (uint16_t)port;
	p.tls = tag >= 0;
	p.sec_tag = (uint32_t)(tag >= 0 ? tag : 0);
	ftp_open(s->client, &p);
	return ftp_pending(m, STEP_OPEN, 200);
}

static int do_close(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	ftp_close(m->ftp->client);
	return ftp_pending(m, STEP_CODE, 221);
}

static int do_status(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	ftp_status(m->ftp->client);
	return ftp_pending(m, STEP_CODE, 211);
}

static int do_ascii(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	ftp_type(m->ftp->client, false);
	return ftp_pending(m, STEP_CODE, 200);
}

static int do_binary(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	ftp_type(m->ftp->client, true);
	return ftp_pending(m, STEP_CODE, 200);
}

/* slm_util_cmd_casecmp(): word's letters first, any case. */
static bool starts_with(const char *s, const char *word)
{
	size_t n = strlen(word);

	if (strlen(s) < n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (toupper((unsigned char)s[i]) != word[i])
			return false;
	return true;
}

static int do_verbose(struct modem *m, const struct at_cmd *cmd)
{
	char mode[4];
	const char *text;

	if (!ftp_str_arg(cmd, 2, mode, sizeof(mode)))
		return at_why(m, AT_ERROR, "expected AT#XFTP=\"verbose\",\"on|off\"");
	if (starts_with(mode, "ON"))
		m->ftp->verbose = true;
	else if (starts_with(mode, "OFF"))
		m->ftp->verbose = false;
	else
		return at_why(m, AT_ERROR, "expected AT#XFTP=\"verbose\",\"on|off\"");
	text = m->ftp->verbose ? "\r\nVerbose mode on\r\n" : "\r\nVerbose mode off\r\n";
	modem_write(m, text, strlen(text));
	return AT_OK;
}

static int do_pwd(struct modem *m, const struct at_cmd *cmd)
{
	(void)cmd;
	ftp_pwd(m->ftp->client);
	return ftp_pending(m, STEP_CODE, 257);
}

static int do_ls(struct modem *m, const struct at_cmd *cmd)
{
	struct ftp_state *s = m->ftp;
	char options[FTP_MAX_OPTION] = "";

	memset(s->filepath, 0, sizeof(s->filepath));
	if (ftp_count(cmd) > 2 && !ftp_str_arg(cmd, 2, options, sizeof(options)))
		return at_why(m, AT_ERROR, STR_WHY("options", 31));
	if (ftp_count(cmd) > 3 && !ftp_str_arg(cmd, 3, s->filepath, sizeof(s->filepath)))
		return at_why(m, AT_ERROR, STR_WHY("folder", 127));
	s->data_len = 0;
	ftp_list(s->client, options, s->filepath);
	return ftp_pending(m, STEP_DATA, 226);
}

/* The operations on one path: cd, mkdir, rmdir, delete, get. */
static int path_op(struct modem *m, const struct at_cmd *cmd,
		   void (*op)(struct ftp_client *c, const char *path), enum ftp_step step, int want)
{
	struct ftp_state *s = m->ftp;

	if (!ftp_str_arg(cmd, 2, s->filepath, sizeof(s->filepath)))
		return at_why(m, AT_ERROR, STR_WHY("file or folder", 127));
	s->data_len = 0;
	op(s->client, s->filepath);
	return ftp_pending(m, step, want);
}

static int do_cd(struct modem *m, const struct at_cmd *cmd)
{
	return path_op(m, cmd, ftp_cwd, STEP_CODE, 250);
}

static int do_mkdir(struct modem *m, const struct at_cmd *cmd)
{
	return path_op(m, cmd, ftp_mkd, STEP_CODE, 257);
}

static int do_rmdir(struct modem *m, const struct at_cmd *cmd)
{
	return path_op(m, cmd, ftp_rmd, STEP_CODE, 250);
}

static int do_delete(struct modem *m, const struct at_cmd *cmd)
{
	return path_op(m, cmd, ftp_delete, STEP_CODE, 250);
}

static int do_get(struct modem *m, const struct at_cmd *cmd)
{
	return path_op(m, cmd, ftp_get, STEP_DATA, 226);
}

static int do_rename(struct modem *m, const struct at_cmd *cmd)
{
	struct ftp_state *s = m->ftp;
	char file_new[FTP_MAX_FILEPATH];

	if (!ftp_str_arg(cmd, 2, s->filepath, sizeof(s->filepath)))
		return at_why(m, AT_ERROR, STR_WHY("filename_old", 127));
	if (!ftp_str_arg(cmd, 3, file_new, sizeof(file_new)))
		return at_why(m, AT_ERROR, STR_WHY("filename_new", 127));
	ftp_rename(s->client, s->filepath, file_new);
	return ftp_pending(m, STEP_CODE, 250);
}

/* A data-mode chunk to the server: STOR, STOU or APPE of its bytes. */
static int dm_start(struct modem *m, const uint8_t *data, size_t len)
{
	struct ftp_state *s = m->ftp;

	if (s->dm != DM_UPUT && !s->filepath[0]) {
		modem_log(m, SLOG_WHY, "ftp: an empty <file>: the SLM sends nothing");
		if (s->dm == DM_MPUT)
			return -1;	/* raw_send(): data mode ends with ERROR */
		s->dm = DM_NONE;
		datamode_service_exit(m, DM_EXIT_URC, 0);
		return 0;
	}
	s->step = s->dm == DM_MPUT ? STEP_DM_MPUT : STEP_DM_PUT;
	ftp_put(s->client, s->dm == DM_UPUT ? NULL : s->filepath, data, len,
		s->dm == DM_PUT ? FTP_PUT_NORMAL : s->dm == DM_UPUT ? FTP_PUT_UNIQUE :
		FTP_PUT_APPEND);
	return 0;
}

static int dm_send(struct modem *m, const uint8_t *data, size_t len)
{
	struct ftp_state *s = m->ftp;

	if (s->dm == DM_NONE) {
		modem_log(m, SLOG_WARN, "ftp: no datamode send handler: %zu bytes dropped", len);
		return 0;
	}
	if (s->step != STEP_NONE) {
		/* The put blocks the SLM's send work: an append takes the rest
		 * next; put and uput leave data mode, their ring buffer reset. */
		if (s->dm == DM_MPUT)
			sb_append(&s->queued, data, len);
		else
			modem_log(m, SLOG_WARN, "ftp: %zu bytes came during the put: the SLM drops "
				  "them when it leaves data mode", len);
		return 0;
	}
	return dm_start(m, data, len);
}

void ftp_dm_send_next(struct modem *m)
{
	struct ftp_state *s = m->ftp;
	struct strbuf next = s->queued;

	if (s->dm != DM_MPUT || !m->dm.active || !next.len)
		return;
	memset(&s->queued, 0, sizeof(s->queued));
	if (dm_start(m, (const uint8_t *)next.data, next.len) < 0)
		datamode_service_exit(m, DM_EXIT_ERROR, -1);
	sb_free(&next);
}

static void dm_exit(struct modem *m)
{
	m->ftp->dm = DM_NONE;
	sb_clear(&m->ftp->queued);
}

/* put, uput and mput: the data as a parameter, or in data mode. */
static int put_op(struct modem *m, const struct at_cmd *cmd, enum ftp_dm dm, size_t data_at)
{
	struct ftp_state *s = m->ftp;
	char data[TCP_MAX_PAYLOAD_IPV4];

	if (dm != DM_UPUT && !ftp_str_arg(cmd, 2, s->filepath, sizeof(s->filepath)))
		return at_why(m, AT_ERROR, STR_WHY("file", 127));
	if (ftp_count(cmd) == data_at) {
		s->dm = dm;
		modem_enter_datamode(m, dm_send);
		modem_datamode_on_exit(m, dm_exit);
		return AT_SILENT;
	}
	if (!ftp_str_arg(cmd, data_at, data, sizeof(data)))
		return at_why(m, AT_ERROR, STR_WHY("data", 667));
	ftp_put(s->client, dm == DM_UPUT ? NULL : s->filepath, (const uint8_t *)data,
		strlen(data), dm == DM_PUT ? FTP_PUT_NORMAL : dm == DM_UPUT ? FTP_PUT_UNIQUE :
		FTP_PUT_APPEND);
	return ftp_pending(m, STEP_CODE, 226);
}

static int do_put(struct modem *m, const struct at_cmd *cmd)
{
	return put_op(m, cmd, DM_PUT, 3);
}

static int do_uput(struct modem *m, const struct at_cmd *cmd)
{
	return put_op(m, cmd, DM_UPUT, 2);
}

static int do_mput(struct modem *m, const struct at_cmd *cmd)
{
	return put_op(m, cmd, DM_MPUT, 3);
}

const struct ftp_op ftp_ops[] = {
	{ "close", do_close }, { "open", do_open }, { "status", do_status },
	{ "ascii", do_ascii }, { "binary", do_binary }, { "verbose", do_verbose },
	{ "pwd", do_pwd }, { "cd", do_cd }, { "ls", do_ls }, { "mkdir", do_mkdir },
	{ "rmdir", do_rmdir }, { "rename", do_rename }, { "delete", do_delete },
	{ "get", do_get }, { "put", do_put }, { "uput", do_uput }, { "mput", do_mput },
	{ NULL, NULL },
};
