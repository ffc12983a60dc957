/* The top of the AT layer: a modem's life (made, started, freed), the
 * input path from the serial line to the line engine or data mode, and the
 * network the outside drives.  Everything it calls lies below it; the layers
 * below report back through the callbacks it installs. */
#include "modem.h"

#include <stdio.h>
#include <stdlib.h>

#include "at_dispatch.h"
#include "at_engine.h"
#include "cmd_table.h"
#include "cred_store.h"
#include "radio.h"
#include "redact.h"
#include "tls_profile.h"

static void on_line(void *arg, const char *line, size_t len, enum at_line_status st)
{
	struct modem *m = arg;

	at_dispatch_line(m, line, len, st);
	/* The SLM stops its UART receiver at a command's end: what follows in
	 * the same chunk is not read as commands (kept or lost below). */
	at_engine_pause(m->engine);
}

static void on_echo(void *arg, const uint8_t *data, size_t len)
{
	modem_write(arg, (const char *)data, len);
}

static void on_net_changed(void *arg)
{
	struct modem *m = arg;

	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->net_changed)
			mod->net_changed(m);
}

static void resume_input(struct modem *m);
static void power_cb(struct sim_timer *t, void *arg);
static void host_uninit(struct modem *m);

static int open_services(struct modem *m, char *err, size_t errlen)
{
	const struct tls_profile *p = m->tls;

	if (cred_store_open(&m->creds, m->cfg.state_dir[0] ? m->cfg.state_dir : NULL,
			    (size_t)p->max_credentials, p->credential_storage, err, errlen))
		return -1;
	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->init && mod->init(m, err, errlen))
			return -1;
	return 0;
}

struct modem *modem_new(struct sim_ctx *ctx, int index, const struct modem_config *cfg,
			char *err, size_t errlen)
{
	struct modem *m = calloc(1, sizeof(*m));

	if (m && !(m->engine = malloc(sizeof(*m->engine)))) {
		free(m);
		m = NULL;
	}
	if (!m) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	m->ctx = ctx;
	m->index = index;
	snprintf(m->name, sizeof(m->name), "m%d", index);
	m->cfg = *cfg;
	if (slm_profile_apply(&m->cfg, err, errlen)) {
		free(m->engine);
		free(m);
		return NULL;
	}
	m->profile = slm_profile_of(&m->cfg);
	fd_table_init(&m->fds, m->cfg.socket_fd);
	m->mfw = mfw_configure(&m->cfg, m->profile->default_mfw);
	m->tls = ctx->profile ? ctx->profile : tls_profile_find(m->mfw.p->tls_profile);
	if (m->cfg.busy_input == BUSY_INPUT_UNSET)
		m->cfg.busy_input = m->profile->framing.busy_keep ? BUSY_INPUT_KEEP : BUSY_INPUT_DROP;
	config_fill_uuid(&m->cfg);
	m->on_idle = resume_input;
	m->host_uninit = host_uninit;
	sim_timer_init(&m->power_timer, power_cb, m);
	at_engine_init(m->engine, m->cfg.term, on_line, m);
	at_engine_set_limit(m->engine, m->profile->limits.max_cmd_len);
	at_engine_set_echo(m->engine, on_echo, m->profile->limits.echo_max);
	m->engine->consume = m->cfg.busy_input == BUSY_INPUT_CONSUME;
	m->echo = m->profile->framing.echo;
	net_init(&m->net, ctx->clock, &m->cfg.net, on_net_changed, m);
	datamode_init(m);
	radio_reset(m);
	if (open_services(m, err, errlen)) {
		modem_free(m);
		return NULL;
	}
	return m;
}

void modem_free(struct modem *m)
{
	size_t n = 0;

	if (!m)
		return;
	while (cmd_modules[n].name)
		n++;
	while (n-- > 0)
		if (cmd_modules[n].fini)
			cmd_modules[n].fini(m);
	sim_timer_stop(&m->power_timer);
	cred_store_close(m->creds);
	fota_flash_free(&m->fota_flash);
	net_fini(&m->net);
	datamode_fini(m);
	sb_free(&m->held);
	sb_free(&m->urc_held);
	sb_free(&m->asleep_out);
	sb_free(&m->resp);
	sb_free(&m->rec_line);
	free(m->engine);
	free(m);
}

void modem_set_tx(struct modem *m, modem_tx_fn tx, void *arg)
{
	m->tx = tx;
	m->tx_arg = arg;
}

const struct modem_config *modem_config_of(const struct modem *m) { return &m->cfg; }
const struct cred_store *modem_creds(const struct modem *m) { return m->creds; }
const char *modem_tls_name(const struct modem *m) { return m->tls->name; }

/* The banner: "Ready", or from 3.1 (SM) "INIT ERROR" when the SLM's init
 * failed (modem.init_error, --fault init-error).  After INIT ERROR the
 * SLM still reads commands: its UART handler and command list came up
 * before the module whose init failed (slm_at_host_init()). */
static void banner(struct modem *m)
{
	if (!m->cfg.slm)
		return;
	if (!m->cfg.init_error)
		modem_write(m, "Ready\r\n", 7);
	else if (slm_has(m->profile, SLM_FEAT_INIT_ERROR))
		modem_write(m, "INIT ERROR\r\n", 12);
	else
		modem_log(m, SLOG_WARN, "modem.init_error: SLM %s has no INIT ERROR (NCS 3.1 and the "
			  "Serial Modem have): its failed init prints nothing", m->cfg.slm_version);
}

/* What the modules say after the banner (the FOTA result). */
static void booted(struct modem *m)
{
	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->booted)
			mod->booted(m);
}

void modem_start(struct modem *m)
{
	modem_log(m, SLOG_INFO, "%s %s (%s, TLS profile %s), SLM %s, IMEI %s", m->cfg.model,
		  m->cfg.revision, m->mfw.p->name, m->tls->name,
		  m->cfg.slm ? m->cfg.slm_version : "none", m->cfg.imei);
	banner(m);
	booted(m);
}

bool modem_busy(const struct modem *m)
{
	return m->pending;
}

/* Bytes that came while a command ran, or after its line end in the same
 * chunk: the SLM stops its UART receiver there until it has answered. */
static void busy_input(struct modem *m, const uint8_t *buf, size_t len)
{
	bool only_eol = true;

	for (size_t i = 0; i < len && only_eol; i++)
		only_eol = buf[i] == '\r' || buf[i] == '\n';
	if (m->cfg.busy_input == BUSY_INPUT_KEEP) {
		/* The LF of a CRLF is no command; the warning is for real input. */
		if (!m->warned_held && !only_eol)
			modem_log(m, SLOG_WARN, "host sent data while AT%s was still running; the "
				  "real SLM disables UART RX during a command and loses it, slmsim "
				  "keeps it (modem.busy_input=keep) and runs it afterwards",
				  m->cur_name);
		m->warned_held |= !only_eol;
		sb_append(&m->held, buf, len);
		return;
	}
	if (!only_eol)
		modem_log(m, SLOG_WARN, "%zu bytes lost: they came while AT%s ran, and the SLM stops "
			  "reading the UART from a command's line end until it has answered (send one "
			  "command at a time and wait for its result, or set modem.busy_input=keep)",
			  len, m->cur_name);
}

/* Why nothing ran: the terminal's line end is not the SLM's CR LF. */
static void explain_lone(struct modem *m)
{
	char c = at_engine_take_lone(m->engine);

	if (c == '\r')
		modem_log(m, SLOG_WHY, "a CR without LF went into the command as data: the SLM ends "
			  "a command only at CR LF (modem.terminator=crlf), so nothing ran. Send CR LF: "
			  "picocom --omap crcrlf; tio --map ONLCRNL and end lines with Ctrl-J; minicom: "
			  "Ctrl-J after Enter; or run slmsim with --set modem.terminator=any");
	else if (c == '\n')
		modem_log(m, SLOG_WHY, "an LF without CR before it went into the command as data: "
			  "the SLM ends a command only at CR LF (modem.terminator=crlf), so nothing ran. "
			  "End lines with \"\\r\\n\" (picocom --omap lfcrlf for a terminal sending LF), "
			  "or run slmsim with --set modem.terminator=any");
}

static void feed(struct modem *m, const uint8_t *buf, size_t len)
{
	while (len) {
		size_t used;

		if (m->dm.active) {
			/* Data mode (entered now or before): the rest is payload. */
			used = at_engine_skip_lf(m->engine, buf, len);
			if (used < len)
				used += datamode_input(m, buf + used, len - used);
			if (used == len)
				return;
			/* An escape ended data mode: what follows is commands. */
			buf += used;
			len -= used;
			continue;
		}
		if (!m->pending)
			at_engine_resume(m->engine);
		m->engine->echo = m->echo;	/* ATE0/ATE1 may have changed it */
		used = at_engine_feed(m->engine, buf, len);
		explain_lone(m);
		at_engine_run_due(m->engine);
		buf += used;
		len -= used;
		if (!len || m->dm.active)
			continue;
		if (m->pending || m->cfg.busy_input != BUSY_INPUT_KEEP) {
			busy_input(m, buf, len);
			return;
		}
	}
	if (!m->pending && !m->dm.active)
		at_engine_resume(m->engine);
}

void modem_input(struct modem *m, const uint8_t *buf, size_t len)
{
	if (m->ctx->log && m->ctx->log->diag) {
		struct strbuf shown = { 0 };

		redact_keys((const char *)buf, len, &m->rx_in_key, &shown);
		slog_write(m->ctx->log, modem_now(m), m->name, SLOG_RX, shown.data ? shown.data : "",
			   shown.len);
		sb_free(&shown);
	}
	if (m->asleep || sim_timer_active(&m->power_timer)) {
		modem_log(m, SLOG_WARN, "%zu bytes lost: the modem %s", len, m->asleep ? "sleeps "
			  "(#XSLEEP; wake it with SIGUSR1)" : "is powering down or rebooting");
		return;
	}
	if (m->held.len && !m->dm.active) {
		sb_append(&m->held, buf, len);
		return;
	}
	feed(m, buf, len);
}

void modem_host_gone(struct modem *m)
{
	if (at_engine_partial(m->engine))
		modem_log(m, SLOG_WARN, "terminal closed with %zu bytes of an unfinished command; dropped",
			  at_engine_partial(m->engine));
	at_engine_reset(m->engine);
	if (!m->pending)
		sb_clear(&m->held);
}

/* A command or data mode ended: run input that arrived meanwhile. */
static void resume_input(struct modem *m)
{
	m->warned_held = false;
	at_engine_resume(m->engine);
	while (m->held.len && !m->engine->paused) {
		struct strbuf chunk = m->held;

		m->held = (struct strbuf){ 0 };
		feed(m, (const uint8_t *)chunk.data, chunk.len);
		sb_free(&chunk);
	}
}

/* A cold boot: the RAM state is gone (modes, subscriptions, sessions,
 * sockets, data mode), the flash kept (credentials, UART settings). */
static void reboot(struct modem *m)
{
	char err[256];

	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->fini)
			mod->fini(m);
	fd_table_init(&m->fds, m->cfg.socket_fd);	/* an fd the SLM lost is free again */
	m->cereg_n = 0;	/* no URC: the modem is off */
	m->cmee = 0;
	m->cfg.datamode_time_limit_ms = 0;
	radio_reset(m);
	datamode_fini(m);
	m->dm.active = false;
	datamode_init(m);
	at_engine_reset(m->engine);
	sb_clear(&m->held);
	sb_clear(&m->urc_held);
	m->pending = false;
	m->answering = false;
	m->echo = m->profile->framing.echo;
	sb_clear(&m->asleep_out);
	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->init && mod->init(m, err, sizeof(err)))
			modem_log(m, SLOG_WARN, "reboot: %s", err);
	modem_log(m, SLOG_INFO, "rebooted");
	banner(m);
	booted(m);
	resume_input(m);
}

/* The SLM stops its services (#XRESET, #XSLEEP): each module's uninit,
 * in table order; an open socket closes with its URC. */
static void host_uninit(struct modem *m)
{
	for (const struct cmd_module *mod = cmd_modules; mod->name; mod++)
		if (mod->uninit)
			mod->uninit(m);
}

static void power_cb(struct sim_timer *t, void *arg)
{
	struct modem *m = arg;

	(void)t;
	if (m->sleep_mode == MODEM_SLEEP_REBOOT) {
		reboot(m);
		return;
	}
	if (m->sleep_mode != MODEM_SLEEP_UART_OFF)
		host_uninit(m);	/* idle and sleep stop the SLM; UART off does not */
	m->asleep = true;
	if (m->sleep_mode == MODEM_SLEEP_OFF || m->sleep_mode == MODEM_SLEEP_SHUTDOWN)
		radio_set_cfun(m, 0);	/* system off: the SLM sends AT+CFUN=0 first */
	if (m->sleep_mode == MODEM_SLEEP_SHUTDOWN)
		modem_log(m, SLOG_INFO, "shut down (#XSHUTDOWN): input is lost, and no wake-up "
			  "(SIGUSR1) boots it, only a reset (slmctl reset)");
	else
		modem_log(m, SLOG_INFO, "asleep (#XSLEEP=%d): input is lost until a wake-up "
			  "(SIGUSR1)", m->sleep_mode);
}

void modem_wake(struct modem *m)
{
	if (!m->asleep)
		return;
	if (m->sleep_mode == MODEM_SLEEP_SHUTDOWN) {
		modem_log(m, SLOG_WARN, "wake-up ignored: #XSHUTDOWN disconnected the wake-up pin; "
			  "only a reset boots the modem (slmctl reset)");
		return;
	}
	m->asleep = false;
	if (m->sleep_mode == MODEM_SLEEP_OFF) {
		reboot(m);	/* waking from system off is a cold boot */
		return;
	}
	if (m->sleep_mode == MODEM_SLEEP_IDLE)
		m->cfg.datamode_time_limit_ms = 0;	/* slm_at_host_init() */
	modem_log(m, SLOG_INFO, "woken up");
	modem_write(m, "Ready\r\n", 7);
	/* 2.0+: what the SLM sent while its UART was off follows Ready. */
	modem_write(m, m->asleep_out.data, m->asleep_out.len);
	sb_clear(&m->asleep_out);
}

void modem_reset(struct modem *m)
{
	modem_log(m, SLOG_INFO, "reset from outside; Ready in %d ms", m->cfg.boot_ms);
	m->asleep = false;
	m->sleep_mode = MODEM_SLEEP_REBOOT;
	sim_timer_start(m->ctx->clock, &m->power_timer, m->cfg.boot_ms);
}

void modem_net_lose(struct modem *m, int stat)
{
	net_lose(&m->net, (enum net_stat)stat);
}

void modem_net_regain(struct modem *m)
{
	net_regain(&m->net);
}

void modem_net_drive(struct modem *m, int stat)
{
	if (stat != NET_STAT_HOME && stat != NET_STAT_ROAMING)
		net_lose(&m->net, (enum net_stat)stat);
	else if (net_registered(&m->net))
		net_reannounce(&m->net);
	else
		net_regain(&m->net);
}
