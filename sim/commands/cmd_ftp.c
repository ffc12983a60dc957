/* SLM v1.8 FTP client (slm_at_ftp.c): AT#XFTP="<op>",... runs one
 * operation of the FTP client library (sim/services/ftp_client.c) and
 * answers OK when its reply code is the one the SLM wants.  In verbose
 * mode (the default) every server reply is passed on as received; a
 * listing or a file comes after its 226 from a 1252-byte buffer; put,
 * uput and mput without data take it in data mode. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_cmd.h"
#include "cmd_ftp.h"
#include "cmd_ftp_state.h"
#include "ftp_client.h"
#include "rsp_table.h"
#include "zerrno.h"

static void on_ctrl(void *arg, const char *msg, size_t len)
{
	struct modem *m = arg;
	struct ftp_state *s = m->ftp;
	int code = atoi((char[4]){ msg[0], len > 1 ? msg[1] : 0, len > 2 ? msg[2] : 0, 0 });
	int err;

	if (code <= 900 || code >= 1000) {
		if (s->verbose)
			modem_write(m, msg, len);
		return;
	}
	err = code == FTP_DISCONNECTED ? ECONNRESET : code == FTP_ABORTED ? ECONNABORTED :
	      code == FTP_POLL_ERROR ? EIO : code == FTP_POLL_EVENT ? EAGAIN :
	      code == FTP_NET_DOWN ? ENETDOWN : ENOEXEC;
	if (s->dm != DM_NONE && m->dm.active) {
		s->dm = DM_NONE;
		datamode_service_exit(m, DM_EXIT_URC, -EAGAIN);
	}
	modem_log(m, SLOG_WHY, "ftp: %s", ftp_client_why(s->client));
	if (s->verbose)
		at_reply(m, &RSP_XFTP, "%d,\"disconnected\"", -zephyr_errno(err));
}

/* ftp_data_save(): a piece that does not fit is dropped whole. */
static void on_data(void *arg, const uint8_t *data, size_t len)
{
	struct modem *m = arg;
	struct ftp_state *s = m->ftp;

	if (s->data_len + len > sizeof(s->data)) {
		modem_log(m, SLOG_WARN, "ftp: FTP buffer overflow: %zu bytes dropped (the SLM keeps "
			  "%d bytes of a listing or file)", len, FTP_DATA_BUF);
		return;
	}
	memcpy(s->data + s->data_len, data, len);
	s->data_len += len;
}

static bool net_down(void *arg)
{
	struct modem *m = arg;

	return !net_registered(&m->net);
}

static void fail(struct modem *m, int ret, const char *what)
{
	struct ftp_state *s = m->ftp;

	if (ret < 0)
		at_why(m, AT_ERROR, "ftp: %s failed (%d): %s", what, -zephyr_errno(-ret),
		       ftp_client_why(s->client));
	else
		at_why(m, AT_ERROR, "ftp: %s: no \"%d \" in the server's reply \"%.*s\"", what,
		       s->want, (int)strcspn(ftp_client_reply(s->client), "\r\n"),
		       ftp_client_reply(s->client));
	modem_complete(m, AT_ERROR);
}

/* A put's end in data mode: put and uput leave it, mput stays unless the
 * append failed. */
static void dm_put_done(struct modem *m, int ret)
{
	struct ftp_state *s = m->ftp;

	if (s->step == STEP_DM_PUT) {
		s->step = STEP_NONE;
		if (s->dm != DM_NONE && m->dm.active) {
			s->dm = DM_NONE;
			/* exit_datamode(DATAMODE_EXIT_URC); from 2.1 the result */
			datamode_service_exit(m, DM_EXIT_URC, ret == 226 ? 0 : -EAGAIN);
		}
		return;
	}
	s->step = STEP_NONE;
	if (ret != 226 && m->dm.active) {
		modem_log(m, SLOG_WHY, "ftp: the append failed (%d): %s", ret,
			  ftp_client_why(s->client));
		s->dm = DM_NONE;
		sb_clear(&s->queued);
		datamode_service_exit(m, DM_EXIT_ERROR, -1);
		return;
	}
	ftp_dm_send_next(m);
}

static void on_done(void *arg, int ret)
{
	struct modem *m = arg;
	struct ftp_state *s = m->ftp;
	enum ftp_step step = s->step;

	s->step = STEP_NONE;
	switch (step) {
	case STEP_OPEN:
		if (ret != 200)
			return fail(m, ret, "connecting to the FTP server");
		s->step = STEP_LOGIN;
		ftp_login(s->client, s->user, s->password);
		return;
	case STEP_LOGIN:
		if (ret != 230)
			return fail(m, ret, "logging in");
		modem_complete(m, AT_OK);
		return;
	case STEP_DATA:
		if (ret != 226)
			return fail(m, ret, "the transfer");
		modem_write(m, (const char *)s->data, s->data_len);	/* ftp_data_send() */
		s->data_len = 0;
		modem_complete(m, AT_OK);
		return;
	case STEP_CODE:
		if (ret != s->want)
			return fail(m, ret, "the FTP command");
		modem_complete(m, AT_OK);
		return;
	case STEP_DM_PUT:
	case STEP_DM_MPUT:
		s->step = step;
		dm_put_done(m, ret);
		return;
	case STEP_NONE:
		return;
	}
}

static const struct ftp_client_ops client_ops = { on_ctrl, on_data, on_done, net_down };

static const struct at_param_def xftp_params[] = {
	AT_STR("cmd", AT_R_OP, 15, .why = "<cmd> must be a quoted FTP command (\"open\", \"ls\", "
	       "\"get\", ...) of at most 15 characters"),
	AT_LATE("username", AT_R_NONE),
	AT_LATE("password", AT_R_NONE),
	AT_LATE("hostname", AT_R_NONE),
	AT_LATE("port", AT_R_NONE),
	AT_LATE("sec_tag", AT_R_SEC_TAG),
};

const struct at_schema xftp_schema = {
	.forms = (const struct at_form[]){
		{ .p = xftp_params, .n = ARRAY_SIZE(xftp_params),
		  .usage = "expected AT#XFTP=\"<cmd>\"[,<param1>[,<param2>...]]" },
	}, .n_forms = 1,
	.flags = AT_S_DROP_TRAILING_EMPTY,
};

int xftp_set(struct modem *m, const struct at_cmd *cmd)
{
	char op[16];

	if (!ftp_str_arg(cmd, 1, op, sizeof(op)))
		return at_why(m, AT_ERROR, "<cmd> must be a quoted FTP command");
	for (size_t i = 0; ftp_ops[i].name; i++)
		if (!strcasecmp(op, ftp_ops[i].name))
			return ftp_ops[i].run(m, cmd);
	return at_why(m, AT_ERROR, "\"%s\" is not an FTP command of the SLM (open, close, status, "
		      "ascii, binary, verbose, pwd, cd, ls, mkdir, rmdir, rename, delete, get, put, "
		      "uput, mput)", op);
}

int ftp_init(struct modem *m, char *err, size_t errlen)
{
	m->ftp = calloc(1, sizeof(*m->ftp));
	if (m->ftp)
		m->ftp->client = ftp_client_new(m->ctx, &client_ops, m);
	if (m->ftp && m->ftp->client)
		ftp_client_fds(m->ftp->client, &m->fds);
	if (!m->ftp || !m->ftp->client) {
		free(m->ftp);
		m->ftp = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->ftp->verbose = true;		/* slm_at_ftp_init() */
	return 0;
}

/* slm_at_ftp_uninit(): ftp_close() of an open session. */
void ftp_uninit(struct modem *m)
{
	struct ftp_state *s = m->ftp;

	if (ftp_client_abort(s->client))
		modem_log(m, SLOG_INFO, "ftp: the SLM stops: QUIT sent and the session closed (its "
			  "221 reply is not shown)");
	s->step = STEP_NONE;
	s->dm = DM_NONE;
}

void ftp_fini(struct modem *m)
{
	if (!m->ftp)
		return;
	ftp_client_free(m->ftp->client);
	sb_free(&m->ftp->queued);
	free(m->ftp);
	m->ftp = NULL;
}
