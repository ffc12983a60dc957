#include "modem_fixture.h"

#include <check.h>

#include "clock.h"
#include "tls_profile.h"
#include "resolver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static char *last;

static void capture(void *arg, const char *buf, size_t len)
{
	struct mfix *f = arg;

	sb_append(&f->out, buf, len);
}

static void on_why(void *arg, const char *modem, const char *text)
{
	struct mfix *f = arg;

	(void)modem;
	snprintf(f->why, sizeof(f->why), "%s", text);
}

void mfix_setup_profile(struct mfix *f, const struct modem_config *cfg, const char *profile)
{
	struct modem_config def;

	memset(f, 0, sizeof(*f));
	if (!cfg) {
		config_defaults(&def);
		cfg = &def;
	}
	f->loop = ev_loop_new(EVFLAG_AUTO);
	f->log.why_hook = on_why;
	f->log.why_arg = f;
	/* Unit tests step time by hand: real time never moves this clock. */
	f->ctx = sim_ctx_new(f->loop, SIM_CLOCK_FROZEN, &f->log);
	ck_assert(f->ctx);
	if (profile) {
		f->ctx->profile = tls_profile_find(profile);
		ck_assert_msg(f->ctx->profile, "no profile %s", profile);
	}
	f->m = modem_new(f->ctx, 0, cfg, f->why, sizeof(f->why));
	if (f->m)
		modem_set_tx(f->m, capture, f);
}

void mfix_setup_mfw(struct mfix *f, const char *mfw, const char *tls)
{
	struct modem_config cfg;
	char err[128];

	config_defaults(&cfg);
	cfg.term = AT_TERM_CRLF;
	ck_assert_msg(!config_set(&cfg, "modem", "mfw", mfw, err, sizeof(err)), "%s", err);
	mfix_setup_profile(f, &cfg, tls);
	ck_assert_msg(f->m, "%s", f->why);
}

void mfix_setup(struct mfix *f, const struct modem_config *cfg)
{
	mfix_setup_profile(f, cfg, NULL);
}

void mfix_restart(struct mfix *f, const struct modem_config *cfg)
{
	modem_free(f->m);
	sb_clear(&f->out);
	f->m = modem_new(f->ctx, 0, cfg, f->why, sizeof(f->why));
	if (f->m)
		modem_set_tx(f->m, capture, f);
}

void mfix_teardown(struct mfix *f)
{
	modem_free(f->m);
	sim_ctx_free(f->ctx);
	ev_loop_destroy(f->loop);
	sb_free(&f->out);
	sb_free(&f->raw);
	free(last);
	last = NULL;
}

static const char *take(struct mfix *f)
{
	free(last);
	last = strdup(f->out.data ? f->out.data : "");
	sb_clear(&f->raw);
	sb_append(&f->raw, f->out.data ? f->out.data : "", f->out.len);
	sb_clear(&f->out);
	return last;
}

const char *mfix_cmd(struct mfix *f, const char *text)
{
	modem_input(f->m, (const uint8_t *)text, strlen(text));
	return take(f);
}

const char *mfix_advance(struct mfix *f, int64_t ms)
{
	sim_clock_advance_to(f->ctx->clock, sim_clock_now(f->ctx->clock) + ms);
	return take(f);
}

const char *mfix_write_cred(struct mfix *f, unsigned tag, int type, const char *file)
{
	char path[512];
	struct strbuf cmd = { 0 };
	FILE *fp;
	char buf[4096];
	size_t n;
	const char *out;
	const char *dir = getenv("SLMSIM_CERTS");

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "build/fixtures/certs", file);
	fp = fopen(path, "rb");
	if (!fp)
		return "missing fixture";
	sb_appendf(&cmd, "AT%%CMNG=0,%u,%d,\"", tag, type);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_append(&cmd, buf, n);
	fclose(fp);
	while (cmd.len && (cmd.data[cmd.len - 1] == '\n' || cmd.data[cmd.len - 1] == '\r'))
		cmd.len--;
	sb_append(&cmd, "\"\r\n", 3);
	out = mfix_cmd(f, cmd.data);
	sb_free(&cmd);
	return out;
}

void mfix_register(struct mfix *f)
{
	const char *out;
	int n, stat;

	ck_assert_str_eq(mfix_cmd(f, "AT+CFUN=1\r\n"), "\r\nOK\r\n");
	mfix_advance(f, 60000);
	out = mfix_cmd(f, "AT+CEREG?\r\n");
	ck_assert_msg(sscanf(out, "\r\n+CEREG: %d,%d", &n, &stat) == 2 && (stat == 1 || stat == 5),
		      "not registered after AT+CFUN=1: %s", out);
}

const char *mfix_wait_for(struct mfix *f, const char *needle, int limit_ms)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		if (f->out.data && memmem(f->out.data, f->out.len, needle, strlen(needle)))
			break;
		ev_run(f->loop, EVRUN_NOWAIT);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 > limit_ms)
			break;
		struct timespec nap = { 0, 1000000 };

		nanosleep(&nap, NULL);
	}
	return take(f);
}

const char *mfix_receive(struct mfix *f, const char *cmd, int limit_ms)
{
	const char *out = mfix_cmd(f, cmd);

	return f->raw.len ? out : mfix_wait_for(f, "OK\r\n", limit_ms);
}
