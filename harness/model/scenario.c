#include "scenario.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mqtt_client.h"
#include "rsp_table.h"

void scenario_defaults(struct scenario *s)
{
	memset(s, 0, sizeof(*s));
	s->urc_window_ms = 15000;
	s->response_window_ms = 60000;
	config_defaults(&s->cfg);
	/* A replay judges the SLM as built: its default CR+LF terminator, and
	 * input sent during a command lost (a scenario may say otherwise). */
	s->cfg.term = AT_TERM_CRLF;
	s->cfg.busy_input = BUSY_INPUT_DROP;
}

struct ctx {
	struct scenario *s;
	char *err;
	size_t errlen;
	int bad;
};

static int fail(struct ctx *c, const char *section, const char *key, const char *value,
		const char *why)
{
	snprintf(c->err, c->errlen, "[%s] %s = %s: %s", section, key, value, why);
	c->bad = 1;
	return 0;
}

static int parse_ms(const char *v, int64_t *out)
{
	char *end;
	long long n;

	errno = 0;
	n = strtoll(v, &end, 10);
	if (errno || *end || n < 0)
		return -1;
	*out = n;
	return 0;
}

static int on_entry(void *user, const char *section, const char *key, const char *value)
{
	struct ctx *c = user;
	struct scenario *s = c->s;

	if (c->bad)
		return 0;
	if (!strcmp(section, "replay")) {
		if (!strcmp(key, "log")) {
			free(s->log);
			s->log = strdup(value);
		} else if (!strcmp(key, "profile")) {
			free(s->profile);
			s->profile = strdup(value);
		} else if (!strcmp(key, "expect_why") && s->n_expect_why < SCEN_MAX) {
			s->expect_why[s->n_expect_why++] = strdup(value);
		} else if (!strcmp(key, "urc_window_ms") || !strcmp(key, "response_window_ms")) {
			s->windows_set = true;
			if (parse_ms(value, key[0] == 'u' ? &s->urc_window_ms : &s->response_window_ms))
				return fail(c, section, key, value, "milliseconds expected");
		} else {
			return fail(c, section, key, value, "unknown key");
		}
		return 1;
	}
	if (!strcmp(section, "credentials")) {
		unsigned tag;
		int type, n = 0;

		if (sscanf(key, "%u,%d%n", &tag, &type, &n) != 2 || key[n] || type < 0 || type > 6 ||
		    s->n_creds == SCEN_MAX)
			return fail(c, section, key, value, "expected <sec_tag>,<type> = <file>");
		s->creds[s->n_creds].sec_tag = tag;
		s->creds[s->n_creds].type = type;
		s->creds[s->n_creds++].file = strdup(value);
		return 1;
	}
	if (!strcmp(section, "hosts")) {
		char host[200];
		int port = -1;
		const char *colon = strrchr(key, ':');

		if (s->n_hosts == SCEN_MAX || strlen(key) >= sizeof(host))
			return fail(c, section, key, value, "too many or too long");
		snprintf(host, sizeof(host), "%s", key);
		if (colon) {
			host[colon - key] = '\0';
			port = atoi(colon + 1);
		}
		s->hosts[s->n_hosts].host = strdup(host);
		s->hosts[s->n_hosts].port = port;
		s->hosts[s->n_hosts++].target = strdup(value);
		return 1;
	}
	if (!strcmp(section, "faults")) {
		char *end;
		double v = strtod(value, &end);

		if (strcmp(key, "handshake_stall_s") || *end || v < 0)
			return fail(c, section, key, value, "expected handshake_stall_s = <seconds>");
		s->handshake_stall_ms = (int64_t)(v * 1000 + 0.5);
		return 1;
	}
	if (!strcmp(section, "tolerate")) {
		if (strcmp(key, "line") || s->n_tolerate == SCEN_MAX)
			return fail(c, section, key, value, "expected line = <prefix>");
		s->tolerate[s->n_tolerate++] = strdup(value);
		return 1;
	}
	if (scenario_set(s, section, key, value, c->err, c->errlen)) {
		c->bad = 1;
		return 0;
	}
	return 1;
}

int scenario_set(struct scenario *s, const char *section, const char *key, const char *value,
		 char *err, size_t errlen)
{
	if (config_set(&s->cfg, section, key, value, err, errlen))
		return -1;
	if (s->n_cfg_keys < SCEN_MAX * 2 && asprintf(&s->cfg_keys[s->n_cfg_keys], "%s.%s",
						     section, key) > 0)
		s->n_cfg_keys++;
	return 0;
}

static int finish(struct ctx *c, const char *path, int rc)
{
	char *err = c->err;
	size_t errlen = c->errlen;

	if (rc == -1) {
		snprintf(err, errlen, "cannot read scenario %s: %s", path, strerror(errno));
		return -1;
	}
	if (c->bad) {
		size_t n = strlen(err);

		snprintf(err + n, errlen - n, " (%s line %d)", path, rc);
		return -1;
	}
	if (rc) {
		snprintf(err, errlen, "%s: syntax error on line %d", path, rc);
		return -1;
	}
	return 0;
}

int scenario_load(struct scenario *s, const char *path, char *err, size_t errlen)
{
	struct ctx c = { s, err, errlen, 0 };
	const char *slash = strrchr(path, '/');

	s->path = strdup(path);
	s->dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	return finish(&c, path, ini_parse(path, on_entry, &c));
}

int scenario_parse_string(struct scenario *s, const char *text, char *err, size_t errlen)
{
	struct ctx c = { s, err, errlen, 0 };

	s->path = strdup("(string)");
	s->dir = strdup(".");
	return finish(&c, "(string)", ini_parse_string(text, on_entry, &c));
}

void scenario_free(struct scenario *s)
{
	free(s->path);
	free(s->dir);
	free(s->log);
	free(s->profile);
	for (size_t i = 0; i < s->n_expect_why; i++)
		free(s->expect_why[i]);
	for (size_t i = 0; i < s->n_creds; i++)
		free(s->creds[i].file);
	for (size_t i = 0; i < s->n_hosts; i++) {
		free(s->hosts[i].host);
		free(s->hosts[i].target);
	}
	for (size_t i = 0; i < s->n_tolerate; i++)
		free(s->tolerate[i]);
	for (size_t i = 0; i < s->n_cfg_keys; i++)
		free(s->cfg_keys[i]);
	memset(s, 0, sizeof(*s));
}

void scenario_untimed(struct scenario *s)
{
	const int64_t day = 24LL * 3600 * 1000;

	if (!s->windows_set) {
		s->urc_window_ms = day;
		s->response_window_ms = day;
	}
	/* What only elapsed time causes cannot be judged without times: the
	 * MQTT keep-alive's PINGRESP event. */
	if (s->n_tolerate < SCEN_MAX && (s->tolerate[s->n_tolerate] = malloc(32)))
		snprintf(s->tolerate[s->n_tolerate++], 32, "%s: %d,", RSP_XMQTTEVT.prefix,
			 MQTT_EVT_PINGRESP);
}

bool scenario_sets(const struct scenario *s, const char *key)
{
	for (size_t i = 0; i < s->n_cfg_keys; i++)
		if (!strcmp(s->cfg_keys[i], key))
			return true;
	return false;
}

char *scenario_beside(const char *log)
{
	char *p = malloc(strlen(log) + 16);
	char *dot, *slash;

	strcpy(p, log);
	dot = strrchr(p, '.');
	slash = strrchr(p, '/');
	if (dot && (!slash || dot > slash))
		*dot = '\0';
	strcat(p, ".scenario");
	if (access(p, R_OK)) {
		free(p);
		return NULL;
	}
	return p;
}

bool scenario_is_file(const char *path)
{
	size_t n = strlen(path);

	return n > 9 && !strcmp(path + n - 9, ".scenario");
}

int scenario_write_world(const struct scenario *s, const char *log_name, const char *path,
			 char *err, size_t errlen)
{
	FILE *f = fopen(path, "w");

	if (!f) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	fprintf(f, "; The modem and network of %s as slmreplay inferred them (its notes say\n"
		"; from which lines), for 'slmsim --config %s'.  The terminator and busy_input\n"
		"; are the SLM's own; a terminal program that sends CR alone wants\n"
		"; --set modem.terminator=any after --config.\n", log_name, path);
	config_write_ini(&s->cfg, f);
	if (fclose(f)) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
