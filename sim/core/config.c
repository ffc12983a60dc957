#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <mbedtls/sha256.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void config_defaults(struct modem_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	snprintf(cfg->imei, sizeof(cfg->imei), "352656100367872");
	snprintf(cfg->svn, sizeof(cfg->svn), "89");
	snprintf(cfg->manufacturer, sizeof(cfg->manufacturer), "Nordic Semiconductor ASA");
	snprintf(cfg->model, sizeof(cfg->model), "nRF9160-SICA");
	snprintf(cfg->revision, sizeof(cfg->revision), "mfw_nrf9160_1.3.1");
	snprintf(cfg->slm_version, sizeof(cfg->slm_version), "1.8.0");
	cfg->term = AT_TERM_ANY;
	/* Zephyr's default CONFIG_MQTT_KEEPALIVE; rsa-key.log pings every 60 s. */
	cfg->mqtt_keepalive_s = 60;
	cfg->baud = 115200;
	cfg->boot_ms = 500;
	snprintf(cfg->fw_uuid, sizeof(cfg->fw_uuid), "25c95751-efa4-40d4-8b4a-1dcaab81fac9");
	/* ec-key.log: CFUN=1 OK at 25.852, searching at 27.750, roaming at 29.448 */
	snprintf(cfg->net.tac, sizeof(cfg->net.tac), "026F");
	snprintf(cfg->net.ci, sizeof(cfg->net.ci), "00332521");
	cfg->net.act = 7;
	cfg->net.reg_stat = 5;
	cfg->net.search_delay_ms = 1898;
	cfg->net.register_delay_ms = 1698;
	cfg->net.psm = true;
	snprintf(cfg->net.active_time, sizeof(cfg->net.active_time), "00011110");
	snprintf(cfg->net.periodic_tau, sizeof(cfg->net.periodic_tau), "11100000");
}

static bool all_of(const char *s, size_t n, int (*pred)(int))
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!pred((unsigned char)s[i]))
			return false;
	return true;
}

static int is_bit(int c) { return c == '0' || c == '1'; }

static int parse_ms(const char *v, int *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || *end || n < 0 || n > 24L * 3600 * 1000)
		return -1;
	*out = (int)n;
	return 0;
}

static int parse_bool(const char *v, bool *out)
{
	if (!strcmp(v, "1") || !strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcasecmp(v, "on"))
		*out = true;
	else if (!strcmp(v, "0") || !strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcasecmp(v, "off"))
		*out = false;
	else
		return -1;
	return 0;
}

#define COPY(dst, v) snprintf((dst), sizeof(dst), "%s", (v))

/* 8-4-4-4-12 lower-case hex. */
static bool is_uuid(const char *v)
{
	if (strlen(v) != 36)
		return false;
	for (int i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? v[i] != '-' : !(isdigit((unsigned char)v[i]) || (v[i] >= 'a' && v[i] <= 'f')))
			return false;
	}
	return true;
}

void config_fill_uuid(struct modem_config *cfg)
{
	unsigned char h[32];

	if (cfg->uuid[0])
		return;
	mbedtls_sha256_ret((const unsigned char *)cfg->imei, strlen(cfg->imei), h, 0);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x40);	/* version 4 layout */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(cfg->uuid, sizeof(cfg->uuid),
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
		 h[13], h[14], h[15]);
}

static int set_modem(struct modem_config *cfg, const char *key, const char *v)
{
	if (!strcmp(key, "imei")) {
		if (!all_of(v, 15, isdigit))
			return -1;
		COPY(cfg->imei, v);
	} else if (!strcmp(key, "svn")) {
		if (!all_of(v, 2, isdigit))
			return -1;
		COPY(cfg->svn, v);
	} else if (!strcmp(key, "manufacturer") && strlen(v) < sizeof(cfg->manufacturer)) {
		COPY(cfg->manufacturer, v);
	} else if (!strcmp(key, "model") && strlen(v) < sizeof(cfg->model)) {
		COPY(cfg->model, v);
	} else if (!strcmp(key, "revision") && strlen(v) < sizeof(cfg->revision)) {
		COPY(cfg->revision, v);
	} else if (!strcmp(key, "slm_version") && strlen(v) < sizeof(cfg->slm_version)) {
		COPY(cfg->slm_version, v);
	} else if (!strcmp(key, "terminator")) {
		return at_term_parse(v, &cfg->term);
	} else if (!strcmp(key, "uuid") || !strcmp(key, "fw_uuid")) {
		if (!is_uuid(v))
			return -1;
		if (!strcmp(key, "uuid"))
			COPY(cfg->uuid, v);
		else
			COPY(cfg->fw_uuid, v);
	} else if (!strcmp(key, "boot_ms")) {
		return parse_ms(v, &cfg->boot_ms);
	} else if (!strcmp(key, "busy_input")) {
		if (strcmp(v, "drop") && strcmp(v, "keep"))
			return -1;
		cfg->busy_input = !strcmp(v, "keep") ? BUSY_INPUT_KEEP : BUSY_INPUT_DROP;
	} else {
		return -1;
	}
	return 0;
}

static int set_network(struct net_config *n, const char *key, const char *v)
{
	if (!strcmp(key, "tac")) {
		if (!all_of(v, 4, isxdigit))
			return -1;
		COPY(n->tac, v);
	} else if (!strcmp(key, "ci")) {
		if (!all_of(v, 8, isxdigit))
			return -1;
		COPY(n->ci, v);
	} else if (!strcmp(key, "act")) {
		if (strcmp(v, "7") && strcmp(v, "9"))
			return -1;
		n->act = atoi(v);
	} else if (!strcmp(key, "status")) {
		if (!strcmp(v, "home") || !strcmp(v, "1"))
			n->reg_stat = 1;
		else if (!strcmp(v, "roaming") || !strcmp(v, "5"))
			n->reg_stat = 5;
		else
			return -1;
	} else if (!strcmp(key, "search_delay_ms")) {
		return parse_ms(v, &n->search_delay_ms);
	} else if (!strcmp(key, "register_delay_ms")) {
		return parse_ms(v, &n->register_delay_ms);
	} else if (!strcmp(key, "psm")) {
		return parse_bool(v, &n->psm);
	} else if (!strcmp(key, "active_time")) {
		if (!all_of(v, 8, is_bit))
			return -1;
		COPY(n->active_time, v);
	} else if (!strcmp(key, "periodic_tau")) {
		if (!all_of(v, 8, is_bit))
			return -1;
		COPY(n->periodic_tau, v);
	} else {
		return -1;
	}
	return 0;
}

int config_set(struct modem_config *cfg, const char *section, const char *key,
	       const char *value, char *err, size_t errlen)
{
	int rc = -1;

	if (!strcmp(section, "modem"))
		rc = set_modem(cfg, key, value);
	else if (!strcmp(section, "mqtt") && !strcmp(key, "keepalive_s"))
		rc = parse_ms(value, &cfg->mqtt_keepalive_s) || cfg->mqtt_keepalive_s > 65535 ? -1 : 0;
	else if (!strcmp(section, "network"))
		rc = set_network(&cfg->net, key, value);
	if (rc)
		snprintf(err, errlen, "invalid setting %s.%s=%s (see docs/configuration.md)",
			 section, key, value);
	return rc;
}

int config_set_arg(struct modem_config *cfg, const char *arg, char *err, size_t errlen)
{
	char section[32], key[64];
	const char *dot = strchr(arg, '.');
	const char *eq = strchr(arg, '=');

	if (!dot || !eq || dot > eq || (size_t)(dot - arg) >= sizeof(section) ||
	    (size_t)(eq - dot - 1) >= sizeof(key)) {
		snprintf(err, errlen, "expected SECTION.KEY=VALUE, got '%s'", arg);
		return -1;
	}
	snprintf(section, sizeof(section), "%.*s", (int)(dot - arg), arg);
	snprintf(key, sizeof(key), "%.*s", (int)(eq - dot - 1), dot + 1);
	return config_set(cfg, section, key, eq + 1, err, errlen);
}

struct ini_ctx {
	struct modem_config *cfg;
	char *err;
	size_t errlen;
	int failed;
};

static int on_ini_entry(void *user, const char *section, const char *name, const char *value)
{
	struct ini_ctx *ctx = user;

	if (ctx->failed)
		return 0;
	if (config_set(ctx->cfg, section, name, value, ctx->err, ctx->errlen)) {
		ctx->failed = 1;
		return 0;
	}
	return 1;
}

int config_load_ini(struct modem_config *cfg, const char *path, char *err, size_t errlen)
{
	struct ini_ctx ctx = { cfg, err, errlen, 0 };
	int rc = ini_parse(path, on_ini_entry, &ctx);

	if (rc == -1) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (ctx.failed) {
		size_t n = strlen(err);

		snprintf(err + n, errlen - n, " in %s line %d", path, rc);
		return -1;
	}
	if (rc) {
		snprintf(err, errlen, "%s: syntax error on line %d", path, rc);
		return -1;
	}
	return 0;
}
