/* fota_download (NCS 1.8, subsys/net/lib/fota_download): the first
 * fragment picks the dfu_target by the image's magic and checks it against
 * the type asked for; each fragment is written and reported as a
 * percentage of the target's offset; socket resets are retried twice
 * (CONFIG_FOTA_SOCKET_RETRIES); a target holding bytes from before makes
 * the download start again from its offset a second later. */
#include "fota.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fota_dl.h"
#include "fota_target.h"
#include "sim_ctx.h"

#define SOCKET_RETRIES 2	/* CONFIG_FOTA_SOCKET_RETRIES */
#define OFFSET_RESTART_MS 1000	/* dlc_with_offset_work */
#define ERASE_POLL_MS 1000	/* delete_banked_modem_delta_fw()'s SLEEP_TIME */
#define ERASE_TIMEOUT_S 60	/* CONFIG_DFU_TARGET_MODEM_TIMEOUT */

struct fota {
	struct sim_ctx *ctx;
	struct fota_limits lim;
	const struct fota_ops *ops;
	void *arg;
	struct fota_dl *dl;
	struct fota_target tgt;
	bool downloading, first_fragment;
	int retries_left;
	enum fota_img expected;
	size_t file_size;
	/* a first fragment waiting for the modem's erase */
	const uint8_t *held_buf;
	size_t held_len;
	int erase_timeout;
	struct sim_timer erase_timer, offset_timer;
	bool restarting;		/* the connect is download_with_offset()'s */
	char url[300], file[300];
	struct fota_dl_cfg dcfg;
	char why[CONN_WHY_MAX];
};

static void event(struct fota *f, enum fota_evt id, const char *why)
{
	struct fota_event e = { .id = id };

	f->ops->on_event(f->arg, &e, why ? why : "");
}

static void error_event(struct fota *f, enum fota_cause cause, const char *why)
{
	struct fota_event e = { .id = FOTA_EVT_ERROR, .cause = cause };

	f->downloading = false;
	f->ops->on_event(f->arg, &e, why ? why : "");
}

/* A refused first fragment: the socket closed, the target reset. */
static int first_failed(struct fota *f, enum fota_cause cause, int err)
{
	fota_dl_disconnect(f->dl);
	error_event(f, cause, f->why);
	if (f->tgt.current)
		fota_target_done(&f->tgt, false);
	f->tgt.current = 0;	/* dfu_target_reset() */
	f->first_fragment = true;
	return err;
}

/* The write and its progress event. */
static int write_fragment(struct fota *f, const uint8_t *buf, size_t len)
{
	int err = fota_target_write(&f->tgt, buf, len, f->why, sizeof(f->why));
	size_t offset;

	if (err) {
		fota_target_done(&f->tgt, false);
		f->first_fragment = true;
		fota_dl_disconnect(f->dl);
		error_event(f, FOTA_CAUSE_INVALID_UPDATE, f->why);
		return err;
	}
	if (f->first_fragment)
		return 0;
	offset = fota_target_offset(&f->tgt);
	if (!f->file_size) {
		error_event(f, FOTA_CAUSE_DOWNLOAD_FAILED, "invalid file size 0");
		return -EINVAL;
	}
	{
		struct fota_event e = { .id = FOTA_EVT_PROGRESS,
					.progress = (int)(offset * 100 / f->file_size) };

		f->ops->on_event(f->arg, &e, "");
	}
	return 0;
}

/* After the target's init: a target holding bytes restarts the download
 * from its offset a second later; otherwise the fragment is written. */
static int first_continue(struct fota *f, const uint8_t *buf, size_t len)
{
	size_t offset = fota_target_offset(&f->tgt);

	if (offset) {
		fota_dl_disconnect(f->dl);
		sim_timer_start(f->ctx->clock, &f->offset_timer, OFFSET_RESTART_MS);
		return -1;	/* "Refuse fragment, restart with offset" */
	}
	return write_fragment(f, buf, len);
}

static int first_fragment(struct fota *f, const uint8_t *buf, size_t len)
{
	int type, err;

	f->file_size = fota_dl_file_size(f->dl);
	f->first_fragment = false;
	type = fota_img_type(buf, len);
	if (f->expected != FOTA_IMG_ANY && (int)f->expected != type) {
		snprintf(f->why, sizeof(f->why), "the image is %s, %s was asked for",
			 type == FOTA_IMG_MCUBOOT ? "an MCUboot application image" :
			 type == FOTA_IMG_MODEM_DELTA ? "a modem delta image" :
			 "of no type dfu_target knows (no MCUboot or modem delta magic)",
			 f->expected == FOTA_IMG_MCUBOOT ? "an application image (op 1)" :
			 "a modem delta (op 2)");
		return first_failed(f, FOTA_CAUSE_TYPE_MISMATCH, -EPROTOTYPE);
	}
	err = fota_target_init(&f->tgt, type, f->file_size, sim_clock_now(f->ctx->clock),
			       f->why, sizeof(f->why));
	if (err < 0 && err != -EBUSY)
		return first_failed(f, FOTA_CAUSE_DOWNLOAD_FAILED, err);
	if (err == 1) {
		/* The modem erases its area first; the fragment waits. */
		f->held_buf = buf;
		f->held_len = len;
		f->erase_timeout = ERASE_TIMEOUT_S;
		sim_timer_start(f->ctx->clock, &f->erase_timer, 0);
		return 1;
	}
	return first_continue(f, buf, len);
}

static int on_fragment(void *arg, const uint8_t *buf, size_t len)
{
	struct fota *f = arg;

	if (f->first_fragment)
		return first_fragment(f, buf, len);
	return write_fragment(f, buf, len);
}

/* delete_banked_modem_delta_fw(): polls the offset each second; past the
 * time-out ERASE_PENDING, at the end ERASE_DONE. */
static void erase_poll(struct sim_timer *t, void *arg)
{
	struct fota *f = arg;
	size_t offset;
	int rc;

	(void)t;
	if (fota_flash_mfw_offset(f->tgt.flash, sim_clock_now(f->ctx->clock), &offset)) {
		if (f->erase_timeout < 0) {
			event(f, FOTA_EVT_ERASE_PENDING, "the modem is still erasing its DFU area");
			f->erase_timeout = ERASE_TIMEOUT_S;
		}
		f->erase_timeout -= ERASE_POLL_MS / 1000;
		sim_timer_start(f->ctx->clock, &f->erase_timer, ERASE_POLL_MS);
		return;
	}
	event(f, FOTA_EVT_ERASE_DONE, "the modem erased its DFU area");
	fota_target_erased(&f->tgt);
	rc = first_continue(f, f->held_buf, f->held_len);
	if (rc == 0)
		fota_dl_resume(f->dl);
	else if (fota_dl_connected(f->dl))
		fota_dl_disconnect(f->dl);
}

static void on_done(void *arg)
{
	struct fota *f = arg;

	if (fota_target_done(&f->tgt, true)) {
		error_event(f, FOTA_CAUSE_DOWNLOAD_FAILED, "dfu_target_done failed");
		return;
	}
	fota_dl_disconnect(f->dl);
	f->first_fragment = true;
	f->downloading = false;
	event(f, FOTA_EVT_FINISHED, "");
}

static int on_error(void *arg, int err, const char *why)
{
	struct fota *f = arg;

	if (f->retries_left && (err == ENOTCONN || err == ECONNRESET)) {
		f->retries_left--;
		return 0;	/* download_client reconnects and asks again */
	}
	fota_dl_disconnect(f->dl);
	fota_target_done(&f->tgt, false);
	f->first_fragment = true;
	snprintf(f->why, sizeof(f->why), "%s (%s)", why, err == ECONNRESET ?
		 "connection reset, retries used" : err == EHOSTDOWN ? "reconnecting failed" :
		 err == ETIMEDOUT ? "receive timed out" : err == EBADMSG ? "bad response" :
		 "socket error");
	error_event(f, FOTA_CAUSE_DOWNLOAD_FAILED, f->why);
	return err;
}

static void on_connected(void *arg, int err, const char *why)
{
	struct fota *f = arg;

	if (f->restarting) {
		/* download_with_offset(): its failures are only logged */
		f->restarting = false;
		if (!err)
			err = fota_dl_start(f->dl, f->file, fota_target_offset(&f->tgt));
		if (!err)
			f->downloading = true;
		else
			f->ops->on_log(f->arg, why && *why ? why : "restarting the download failed");
		return;
	}
	if (!err)
		err = fota_dl_start(f->dl, f->file, 0);
	if (err) {
		fota_dl_disconnect(f->dl);
		f->ops->on_start(f->arg, err, why && *why ? why : "sending the request failed");
		return;
	}
	f->downloading = true;
	f->ops->on_start(f->arg, 0, "");
}

/* download_with_offset(): connect again and ask from the target's offset. */
static void offset_restart(struct sim_timer *t, void *arg)
{
	struct fota *f = arg;
	int rc;

	(void)t;
	f->restarting = true;
	rc = fota_dl_connect(f->dl, &f->dcfg, f->why, sizeof(f->why));
	if (rc <= 0)
		on_connected(f, rc, f->why);
}

static const struct fota_dl_ops dl_ops = { on_connected, on_fragment, on_done, on_error };

struct fota *fota_new(struct sim_ctx *ctx, struct fota_flash *flash, const struct fota_limits *lim,
		      const struct fota_ops *ops, void *arg)
{
	struct fota *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->dl = fota_dl_new(ctx, &dl_ops, f);
	if (!f->dl) {
		free(f);
		return NULL;
	}
	f->ctx = ctx;
	f->lim = *lim;
	f->ops = ops;
	f->arg = arg;
	f->tgt.flash = flash;
	f->tgt.lim = &f->lim;
	f->first_fragment = true;
	sim_timer_init(&f->erase_timer, erase_poll, f);
	sim_timer_init(&f->offset_timer, offset_restart, f);
	return f;
}

void fota_free(struct fota *f)
{
	if (!f)
		return;
	sim_timer_stop(&f->erase_timer);
	sim_timer_stop(&f->offset_timer);
	fota_dl_free(f->dl);
	free(f);
}

int fota_start(struct fota *f, const struct fota_start *s, char *why, size_t whylen)
{
	int rc;

	if (f->downloading) {
		snprintf(why, whylen, "a download is already running (EALREADY)");
		return -EALREADY;
	}
	f->retries_left = SOCKET_RETRIES;
	snprintf(f->url, sizeof(f->url), "%s", s->host);
	snprintf(f->file, sizeof(f->file), "%s", s->file);
	f->dcfg = (struct fota_dl_cfg){ .url = f->url, .sec_tag = s->sec_tag,
					.frag_size = f->lim.frag_size, .conn = s->conn, .fds = s->fds };
	f->expected = s->expected;
	f->restarting = false;
	rc = fota_dl_connect(f->dl, &f->dcfg, why, whylen);
	if (rc < 0)
		return rc;
	if (rc == 0)	/* already connected: start at once */
		on_connected(f, 0, "");
	return 0;
}

int fota_cancel(struct fota *f)
{
	int err;

	f->downloading = false;
	if (!fota_dl_connected(f->dl))
		return -EAGAIN;	/* not started, aborted or completed */
	fota_dl_disconnect(f->dl);
	sim_timer_stop(&f->erase_timer);
	err = fota_target_done(&f->tgt, false);
	if (!err || err == -EACCES) {
		f->first_fragment = true;
		event(f, FOTA_EVT_CANCELLED, "");
	}
	return err;
}
