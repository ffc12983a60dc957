/* SLM v1.8 FOTA (slm_at_fota.c): AT#XFOTA=<op>[,<file_uri>[,<sec_tag>[,<pdn_id>]]]
 * starts an application (1) or modem delta (2) download through
 * fota_download, cancels it (0), reads the MCUboot slots (6) or the
 * modem's DFU area (7) and erases either (8, 9).  The library's events
 * become "#XFOTA: <stage>,<status>[,<info>]" as the SLM prints them; its
 * stage, status and info live in RAM and are saved when a download
 * finishes (slm_settings.c), for the report after the reset. */
#include <errno.h>
#include <http_parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_cmd.h"
#include "cmd_fota.h"
#include "cmd_fota_state.h"
#include "fota.h"
#include "rsp_table.h"
#include "zerrno.h"

#define FILE_URI_MAX 256
#define SLM_MAX_URL 128		/* the SLM's path buffer */
#define URI_HOST_MAX 64
#define INVALID_SEC_TAG (-1LL)
#define POLL_S 2		/* do_fota_erase_mfw(): polls every 2 s ... */
#define WAIT_S 10		/* ... for 10 s */
/* PM_MCUBOOT_PRIMARY_ID and PM_MCUBOOT_SECONDARY_ID of the nRF9160 DK
 * build, as the SLM's FOTA documentation shows them. */
#define PRIMARY_ID 3
#define SECONDARY_ID 7

enum { OP_STOP, OP_START_APP, OP_START_MFW, OP_APP_READ = 6, OP_MFW_READ, OP_ERASE_APP,
       OP_ERASE_MFW };

void fota_urc(struct modem *m, bool with_info)
{
	struct fota_state *s = m->fota;

	if (with_info)
		at_reply(m, &RSP_XFOTA_URC, "%d,%d,%d", s->stage, s->status, (int)s->info);
	else
		at_reply(m, &RSP_XFOTA_URC, "%d,%d", s->stage, s->status);
}

void fota_save(struct modem *m)
{
	m->fota_flash.stage = m->fota->stage;
	m->fota_flash.status = m->fota->status;
	m->fota_flash.info = m->fota->info;
}

void fota_ram_init(struct modem *m)
{
	m->fota->stage = FOTA_STAGE_INIT;
	m->fota->status = FOTA_STATUS_OK;
	m->fota->info = 0;
}

/* fota_dl_handler() */
static void on_event(void *arg, const struct fota_event *e, const char *why)
{
	struct modem *m = arg;
	struct fota_state *s = m->fota;

	switch (e->id) {
	case FOTA_EVT_PROGRESS:
		s->stage = FOTA_STAGE_DOWNLOAD;
		s->status = FOTA_STATUS_OK;
		s->info = e->progress;
		fota_urc(m, true);
		return;
	case FOTA_EVT_FINISHED:
		s->stage = FOTA_STAGE_ACTIVATE;
		s->info = 0;
		fota_urc(m, false);
		fota_save(m);
		modem_log(m, SLOG_INFO, "fota: download complete; AT#XRESET applies it");
		return;
	case FOTA_EVT_ERASE_PENDING:
	case FOTA_EVT_ERASE_DONE:
		s->stage = e->id == FOTA_EVT_ERASE_DONE ? FOTA_STAGE_DOWNLOAD_ERASED :
			   FOTA_STAGE_DOWNLOAD_ERASE_PENDING;
		fota_urc(m, false);
		return;
	case FOTA_EVT_ERROR:
		s->status = FOTA_STATUS_ERROR;
		s->info = e->cause;
		modem_log(m, SLOG_WHY, "fota: %s", why);
		fota_urc(m, true);
		fota_ram_init(m);
		return;
	case FOTA_EVT_CANCELLED:
		s->status = FOTA_STATUS_CANCELLED;
		s->info = 0;
		fota_urc(m, false);
		fota_ram_init(m);
		return;
	}
}

static void start_failed(struct modem *m, int err)
{
	at_reply(m, &RSP_XFOTA_URC, "%d,%d,%d", FOTA_STAGE_DOWNLOAD, FOTA_STATUS_ERROR, err);
}

static void on_start(void *arg, int err, const char *why)
{
	struct modem *m = arg;

	if (!m->fota->starting)
		return;
	m->fota->starting = false;
	if (err) {
		start_failed(m, -zephyr_errno(-err));
		at_why(m, AT_ERROR, "fota: %s", why);
		modem_complete(m, AT_ERROR);
		return;
	}
	modem_complete(m, AT_OK);
}

static void on_log(void *arg, const char *why)
{
	modem_log(arg, SLOG_WARN, "fota: %s (the SLM only logs this; no URC follows)", why);
}

static const struct fota_ops fota_ops = { on_start, on_event, on_log };

/* fota_download_start_with_image_type() through the service. */
static int start_download(struct modem *m, const char *host, const char *path, long long sec_tag,
			  enum fota_img type)
{
	char why[CONN_WHY_MAX];
	struct fota_start st = {
		.host = host, .file = path, .sec_tag = sec_tag, .expected = type,
		.conn = { .creds = m->creds, .tls_count = &m->tls_sessions, .prof = m->tls,
			  .owner = m->name, .stats = &m->radio.stats },
		.fds = &m->fds,
	};
	int rc;

	if (!net_registered(&m->net)) {
		rc = -EHOSTUNREACH;
		snprintf(why, sizeof(why), "DNS lookup of the server failed: the modem is not "
			 "registered to a network (AT+CFUN=1, then wait for +CEREG: 1 or 5)");
	} else {
		rc = fota_start(m->fota->svc, &st, why, sizeof(why));
	}
	if (rc) {
		start_failed(m, -zephyr_errno(-rc));
		return at_why(m, AT_ERROR, "fota: %s", why);
	}
	m->fota->starting = true;
	return AT_PENDING;
}

/* do_fota_start(): the URL cut as the SLM cuts it, then the download. */
static int do_start(struct modem *m, const char *uri, long long sec_tag, enum fota_img type)
{
	struct http_parser_url u;
	char schema[8] = "", path[SLM_MAX_URL], host[URI_HOST_MAX];
	size_t ulen = strlen(uri), plen;

	http_parser_url_init(&u);
	if (http_parser_parse_url(uri, ulen, 0, &u))
		return at_why(m, AT_ERROR, "fota: the URL does not parse (expected "
			      "http://host[:port]/path or https://...)");
	if (!(u.field_set & (1 << UF_SCHEMA)) || u.field_data[UF_SCHEMA].len >= sizeof(schema))
		return at_why(m, AT_ERROR, "fota: the URL has no scheme");
	memcpy(schema, uri + u.field_data[UF_SCHEMA].off, u.field_data[UF_SCHEMA].len);
	if (!(u.field_set & (1 << UF_PATH)))
		return at_why(m, AT_ERROR, "fota: the URL has no path");
	plen = u.field_data[UF_PATH].len;
	if (plen >= sizeof(path) || ulen - plen >= sizeof(host))
		return at_why(m, AT_ERROR, "fota: the URL's %s is too long for the SLM's buffer "
			      "(path < %d, scheme and host < %d characters)", plen >= sizeof(path) ?
			      "path" : "scheme and host", SLM_MAX_URL, URI_HOST_MAX);
	snprintf(path, sizeof(path), "%.*s", (int)plen, uri + u.field_data[UF_PATH].off);
	snprintf(host, sizeof(host), "%.*s", (int)(ulen - plen), uri);
	if (!strcasecmp(schema, "https")) {
		if (sec_tag == INVALID_SEC_TAG)
			return at_why(m, AT_ERROR, "fota: an https URL needs a <sec_tag>");
		return start_download(m, host, path, sec_tag, type);
	}
	if (!strcasecmp(schema, "http"))
		return start_download(m, host, path, INVALID_SEC_TAG, type);
	start_failed(m, -EINVAL);
	return at_why(m, AT_ERROR, "fota: scheme '%s' is neither http nor https", schema);
}

static void app_line(struct modem *m, int id, const struct fota_app_image *img)
{
	if (!img->valid) {
		modem_log(m, SLOG_INFO, "fota: area %d holds no image header; nothing printed", id);
		return;
	}
	at_reply(m, &RSP_XFOTA, "%d,1,%u,\"%u.%u.%u+%u\"", id, (unsigned)img->size, img->major,
		 img->minor, img->revision, (unsigned)img->build);
}

/* The clock the FOTA service keeps its times in (not the epoch). */
static int64_t clock_ms(const struct modem *m)
{
	return sim_clock_now(m->ctx->clock);
}

static int mfw_read(struct modem *m)
{
	size_t offset;

	if (fota_flash_mfw_offset(&m->fota_flash, clock_ms(m), &offset))
		return at_why(m, AT_ERROR, "fota: the modem is erasing its DFU area "
			      "(NRF_MODEM_DELTA_DFU_ERASE_PENDING)");
	at_reply(m, &RSP_XFOTA_MFW, "%d,%d", m->cfg.fota.mfw_scratch_size, (int)offset);
	return AT_OK;
}

/* do_fota_erase_mfw(): the erase, then a look every 2 s for 10 s. */
static void erase_poll(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;
	struct fota_state *s = m->fota;
	size_t offset;

	(void)t;
	s->erase_elapsed += POLL_S;
	if (!fota_flash_mfw_offset(&m->fota_flash, clock_ms(m), &offset) && offset == 0) {
		modem_complete(m, AT_OK);
		return;
	}
	if (s->erase_elapsed >= WAIT_S) {
		at_why(m, AT_ERROR, "fota: the erase took over %d s (ETIME; fota.mfw_erase_ms is %d)",
		       WAIT_S, m->cfg.fota.mfw_erase_ms);
		modem_complete(m, AT_ERROR);
		return;
	}
	sim_timer_start(m->ctx->clock, &s->erase_timer, POLL_S * 1000);
}

static int erase_mfw(struct modem *m)
{
	struct fota_state *s = m->fota;
	size_t offset;

	if (fota_flash_mfw_offset(&m->fota_flash, clock_ms(m), &offset))
		return at_why(m, AT_ERROR, "fota: the modem is erasing its DFU area already");
	if (offset == 0)
		return AT_OK;	/* no need of erasing */
	fota_flash_mfw_erase(&m->fota_flash, clock_ms(m), m->cfg.fota.mfw_erase_ms);
	s->erase_elapsed = 0;
	sim_timer_start(m->ctx->clock, &s->erase_timer, POLL_S * 1000);
	return AT_PENDING;
}

static int cancel(struct modem *m)
{
	int err = fota_cancel(m->fota->svc);

	if (err == -EAGAIN)
		return at_why(m, AT_ERROR, "fota: no download to cancel (fota_download_cancel: "
			      "EAGAIN)");
	if (err)
		return at_why(m, AT_ERROR, "fota: cancelled before any image data came "
			      "(dfu_target_done: EACCES); the SLM answers ERROR after the URC");
	return AT_OK;
}

int xfota_set(struct modem *m, const struct at_cmd *cmd)
{
	int64_t op = at_arg_int(cmd, 0), v;
	long long sec_tag = INVALID_SEC_TAG;

	switch (op) {
	case OP_STOP:
		return cancel(m);
	case OP_START_APP:
	case OP_START_MFW:
		/* <sec_tag> and <pdn_id> are read with their errors ignored */
		if (!at_param_int(cmd, 2, &v) && v >= 0 && v <= UINT32_MAX)
			sec_tag = v == UINT32_MAX ? INVALID_SEC_TAG : v;
		return do_start(m, at_arg_str(cmd, 1, NULL), sec_tag,
				op == OP_START_APP ? FOTA_IMG_MCUBOOT : FOTA_IMG_MODEM_DELTA);
	case OP_APP_READ:
		app_line(m, PRIMARY_ID, &m->fota_flash.primary);
		app_line(m, SECONDARY_ID, &m->fota_flash.secondary);
		return AT_OK;
	case OP_MFW_READ:
		return mfw_read(m);
	case OP_ERASE_APP:
		fota_flash_erase_app(&m->fota_flash);
		return AT_OK;
	case OP_ERASE_MFW:
		return erase_mfw(m);
	default:
		/* v1.8 has no else: another <op> answers OK (1.9 refuses it) */
		modem_log(m, SLOG_WARN, "fota: <op> %lld does nothing; SLM v1.8 answers OK",
			  (long long)op);
		return AT_OK;
	}
}

static const struct at_param_def xfota_params[] = {
	AT_INT("op", AT_R_OP, 0, 65535,
	       .why = "<op> must be 0 cancel, 1 application, 2 modem delta, 6-9 (0..65535)"),
	AT_STR("file_uri", AT_R_NONE, FILE_URI_MAX - 1, .why = "expected AT#XFOTA=<1|2>,"
	       "\"<file_uri>\"[,<sec_tag>[,<pdn_id>]]: <file_uri> a quoted string of at most 255 "
	       "characters"),
	AT_LATE("sec_tag", AT_R_SEC_TAG),
	AT_LATE("pdn_id", AT_R_NONE),
};

const struct at_schema xfota_schema = {
	.forms = (const struct at_form[]){
		{ .op_lo = 0, .op_hi = 0, .p = xfota_params, .n = 1 },
		{ .op_lo = 1, .op_hi = 2, .p = xfota_params, .n = 4 },
		{ .op_lo = 3, .op_hi = 65535, .p = xfota_params, .n = 1 },
	}, .n_forms = 3,
	.test = "#XFOTA: (0,1,2,6,7,8,9),<file_uri>,<sec_tag>,<apn>",
};

int fota_init(struct modem *m, char *err, size_t errlen)
{
	struct fota_state *s = calloc(1, sizeof(*s));
	const struct fota_config *c = &m->cfg.fota;

	if (!s) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	m->fota = s;
	fota_flash_init(&m->fota_flash, c->app_version, (uint32_t)c->app_size, m->cfg.slm_version);
	s->lim = (struct fota_limits){ .frag_size = (size_t)c->frag_size,
		.slot_size = (size_t)c->app_slot_size, .scratch_size = (size_t)c->mfw_scratch_size,
		.erase_ms = c->mfw_erase_ms, .revision = m->cfg.revision };
	s->svc = fota_new(m->ctx, &m->fota_flash, &s->lim, &fota_ops, m);
	if (!s->svc) {
		free(s);
		m->fota = NULL;
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	sim_timer_init(&s->erase_timer, erase_poll, m);
	/* slm_settings_init(): the saved stage, status and info */
	s->stage = m->fota_flash.stage;
	s->status = m->fota_flash.status;
	s->info = m->fota_flash.info;
	return 0;
}

void fota_fini(struct modem *m)
{
	if (!m->fota)
		return;
	sim_timer_stop(&m->fota->erase_timer);
	fota_free(m->fota->svc);
	free(m->fota);
	m->fota = NULL;
}
