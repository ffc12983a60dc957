/* Inside #XFTP (cmd_ftp.c, cmd_ftp_ops.c): the SLM's FTP state. */
#ifndef SLMSIM_CMD_FTP_STATE_H
#define SLMSIM_CMD_FTP_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"

struct at_cmd;
struct modem;

#define FTP_MAX_OPTION 32
#define FTP_MAX_FILEPATH 128
#define SLM_MAX_URL 128
#define SLM_MAX_USERNAME 32
#define SLM_MAX_PASSWORD 32
#define TCP_MAX_PAYLOAD_IPV4 668	/* MODEM_MSS - 40 */
/* RING_BUF_DECLARE(ftp_data_buf, SLM_MAX_PAYLOAD): 1280 - 28 bytes */
#define FTP_DATA_BUF 1252
#define FTP_USER_ANONYMOUS "anonymous"
#define FTP_PASSWORD_ANONYMOUS "anonymous@example.com"
#define FTP_DEFAULT_PORT 21

/* What the running operation's end means. */
enum ftp_step {
	STEP_NONE, STEP_OPEN, STEP_LOGIN, STEP_CODE, STEP_DATA, STEP_DM_PUT, STEP_DM_MPUT,
};

/* The data mode handler the SLM set (ftp_data_mode_handler). */
enum ftp_dm { DM_NONE, DM_PUT, DM_UPUT, DM_MPUT };

struct ftp_state {
	struct ftp_client *client;
	bool verbose;
	enum ftp_step step;
	int want;			/* STEP_CODE: the reply code that means OK */
	char filepath[FTP_MAX_FILEPATH];
	char user[SLM_MAX_USERNAME], password[SLM_MAX_PASSWORD];
	uint8_t data[FTP_DATA_BUF];	/* ftp_data_buf */
	size_t data_len;
	enum ftp_dm dm;
	struct strbuf queued;		/* mput data that came during an append */
};

/* util_string_get(): a quoted string shorter than size at the SLM's
 * parameter index i (1 is <cmd>). */
bool ftp_str_arg(const struct at_cmd *cmd, size_t i, char *out, size_t size);
/* at_params_valid_count_get(): the parameters and the command's name. */
size_t ftp_count(const struct at_cmd *cmd);
/* The handler waits for the operation: its end means step (want: the
 * reply code that is OK). */
int ftp_pending(struct modem *m, enum ftp_step step, int want);
/* Data mode: the next queued mput data, if any. */
void ftp_dm_send_next(struct modem *m);

struct ftp_op {
	const char *name;
	int (*run)(struct modem *m, const struct at_cmd *cmd);
};

/* The SLM's ftp_op_list, ended by a NULL name. */
extern const struct ftp_op ftp_ops[];

#endif
