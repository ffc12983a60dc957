#include "script.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "at_parser.h"
#include "fill.h"

static void note(struct script *sc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct script *sc, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)
		return;
	sc->notes = realloc(sc->notes, (sc->n_notes + 1) * sizeof(char *));
	sc->notes[sc->n_notes++] = s;
}

bool script_is_final(const char *l)
{
	return !strcmp(l, "OK") || !strcmp(l, "ERROR") || !strncmp(l, "+CME ERROR:", 11) ||
	       !strncmp(l, "+CMS ERROR:", 11);
}

/* "+CFUN" of "AT+CFUN?" */
static void cmd_name(const char *cmd, char *out, size_t len)
{
	size_t i = 0;

	out[0] = '\0';
	if (strncasecmp(cmd, "AT", 2) || !cmd[2])
		return;
	for (cmd += 2; *cmd && *cmd != '=' && *cmd != '?' && i + 1 < len; cmd++)
		out[i++] = (char)toupper((unsigned char)*cmd);
	out[i] = '\0';
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

static int cereg_stat(const char *line)
{
	int stat;

	return sscanf(line, "+CEREG: %d", &stat) == 1 ? stat : -1;
}

/* Subscription level a +CEREG URC's shape needs. */
static int cereg_level(const char *line)
{
	int fields = 1;

	for (const char *p = line; *p; p++)
		fields += *p == ',';
	return fields == 1 ? 1 : fields <= 4 ? 2 : 5;
}

static void add_host(struct script *sc, const char *host, int port, bool tls)
{
	for (size_t i = 0; i < sc->n_hosts; i++)
		if (!strcmp(sc->hosts[i].host, host) && sc->hosts[i].port == port)
			return;
	if (sc->n_hosts == 16)
		return;
	snprintf(sc->hosts[sc->n_hosts].host, sizeof(sc->hosts[0].host), "%s", host);
	sc->hosts[sc->n_hosts].port = port;
	sc->hosts[sc->n_hosts++].tls = tls;
}

static void uses_tag(struct script *sc, const struct replay_log *log, int64_t tag)
{
	char want[32];
	size_t n = (size_t)snprintf(want, sizeof(want), "AT%%CMNG=0,%lld,", (long long)tag);

	for (size_t i = 0; i < log->nev; i++)
		if (log->ev[i].kind == EV_SEND && !strncasecmp(log->ev[i].text, want, n))
			return;
	for (size_t i = 0; i < sc->n_unwritten; i++)
		if (sc->unwritten_tags[i] == tag)
			return;
	if (sc->n_unwritten < 16) {
		sc->unwritten_tags[sc->n_unwritten++] = (uint32_t)tag;
		note(sc, "sec_tag %lld is used but never written in the log: a working credential set "
		     "is written first", (long long)tag);
	}
}

/* Network commands, hosts and sec_tags a SEND implies. */
static void scan_send(struct script *sc, const struct replay_log *log, const char *text,
		      bool *network_cmd, bool *secure_socket)
{
	struct at_cmd cmd;
	const char *url;
	int64_t op, port, tag;

	*network_cmd = false;
	if (at_cmd_parse(&cmd, text, strlen(text)))
		return;
	if (!strcmp(cmd.name, "#XMQTTCON") && !at_param_int(&cmd, 0, &op) && op == 1 &&
	    !at_param_str(&cmd, 4, &url, NULL) && !at_param_int(&cmd, 5, &port)) {
		bool tls = !at_param_int(&cmd, 6, &tag);

		add_host(sc, url, (int)port, tls);
		if (tls)
			uses_tag(sc, log, tag);
		*network_cmd = true;
	} else if (!strcmp(cmd.name, "#XSSOCKET") && !at_param_int(&cmd, 3, &tag)) {
		uses_tag(sc, log, tag);
		*secure_socket = true;
	} else if (!strcmp(cmd.name, "#XSOCKET")) {
		*secure_socket = false;
	} else if (!strcmp(cmd.name, "#XCONNECT") && !at_param_str(&cmd, 0, &url, NULL) &&
		   !at_param_int(&cmd, 1, &port)) {
		add_host(sc, url, (int)port, *secure_socket);
		*network_cmd = true;
	} else if (!strcmp(cmd.name, "#XGETADDRINFO")) {
		*network_cmd = true;
	}
	at_cmd_free(&cmd);
}

static int fill_send(struct step *st, const struct replay_log *log, const struct scenario *s,
		     const char *certs_dir, char *err, size_t errlen)
{
	const char *text = st->ev->text;
	struct at_cmd cmd;
	int64_t op, tag, type;
	char file[512], why[160];
	bool overridden = false;

	st->send = strdup(text);
	if (strncasecmp(text, "AT%CMNG=0,", 10) || at_cmd_parse(&cmd, text, strlen(text)))
		return 0;
	if (at_param_int(&cmd, 0, &op) || at_param_int(&cmd, 1, &tag) || at_param_int(&cmd, 2, &type)) {
		at_cmd_free(&cmd);
		return 0;
	}
	at_cmd_free(&cmd);
	for (size_t i = 0; s && i < s->n_creds; i++)
		overridden |= s->creds[i].sec_tag == tag && s->creds[i].type == type;
	if (!st->ev->elided && !overridden)
		return 0;
	fill_pick(log, s, (uint32_t)tag, (int)type, file, sizeof(file), why, sizeof(why));
	free(st->send);
	st->send = fill_cmng_write(certs_dir, s ? s->dir : NULL, (uint32_t)tag, (int)type, file, err, errlen);
	if (!st->send)
		return -1;
	snprintf(st->note, sizeof(st->note), "body filled with %s (%s)", file, why);
	return 0;
}

int script_build(struct script *sc, const struct replay_log *log, const struct scenario *s,
		 const char *certs_dir, char *err, size_t errlen)
{
	int pending = -1, last_send = -1;
	bool cfun1_seen = false, cereg_set = false, secure = false;
	int cfun_ceregs = 0;	/* +CEREG URCs the last AT+CFUN may still cause */
	const char *msg_lines = NULL;
	int msg_left = 0;

	memset(sc, 0, sizeof(*sc));
	sc->cereg_n = -1;
	sc->t0 = -1;
	for (size_t i = 0; i < log->nev; i++) {
		const struct log_event *ev = &log->ev[i];
		struct step *st;
		char name[32];

		if (ev->kind == EV_NOTE)
			continue;
		if (sc->t0 < 0)
			sc->t0 = ev->t_ms;
		sc->steps = realloc(sc->steps, (sc->n + 1) * sizeof(*st));
		st = &sc->steps[sc->n];
		memset(st, 0, sizeof(*st));
		st->ev = ev;
		st->cause = -1;
		if (ev->kind == EV_SEND) {
			bool net;

			st->role = ROLE_SEND;
			if (fill_send(st, log, s, certs_dir, err, errlen))
				return -1;
			scan_send(sc, log, ev->text, &net, &secure);
			cmd_name(ev->text, name, sizeof(name));
			if (!strcmp(name, "+CFUN")) {
				cfun1_seen |= !strncasecmp(ev->text, "AT+CFUN=1", 9);
				cfun_ceregs = strchr(ev->text, '=') && !strchr(ev->text, '?') ? 2 : 0;
			}
			if (!strcmp(name, "+CEREG") && strchr(ev->text, '=') && !strchr(ev->text, '?'))
				cereg_set = true;
			if (net && !cfun1_seen && !sc->needs_registration) {
				sc->needs_registration = true;
				note(sc, "the log starts after registration: the modem is registered first");
			}
			pending = last_send = (int)sc->n;
			sc->n++;
			continue;
		}
		/* A modem line: the payload lines of #XMQTTMSG first. */
		if (msg_left > 0) {
			st->role = ROLE_URC;
			st->cause = last_send;
			msg_left--;
			sc->n++;
			continue;
		}
		cmd_name(pending >= 0 ? sc->steps[pending].ev->text : "", name, sizeof(name));
		if (script_is_final(ev->text) && pending >= 0) {
			st->role = ROLE_FINAL;
			st->cause = pending;
			pending = -1;
		} else if (!strcmp(ev->text, "Ready")) {
			st->role = ROLE_BOOT;
		} else if (starts(ev->text, "+CEREG:") && strcmp(name, "+CEREG")) {
			int stat = cereg_stat(ev->text);

			if (!cereg_set && sc->cereg_n < 0) {
				sc->cereg_n = cereg_level(ev->text);
				note(sc, "+CEREG URCs of level %d appear without AT+CEREG=: it is set first",
				     sc->cereg_n);
			}
			if (cfun_ceregs > 0) {
				st->role = ROLE_URC;
				st->cause = last_send;
				cfun_ceregs -= stat == 2 ? 1 : 2;
			} else {
				st->role = ROLE_NET_EVENT;
				st->net_stat = stat;
			}
		} else if (starts(ev->text, "#XMQTTEVT:") || starts(ev->text, "#XMQTTMSG:") ||
			   starts(ev->text, "#XDATAMODE:") || starts(ev->text, "%CESQ:") ||
			   starts(ev->text, "+CSCON:")) {
			st->role = ROLE_URC;
			st->cause = last_send;
			if (starts(ev->text, "#XMQTTMSG:")) {
				int tl, ml;

				msg_lines = ev->text;
				msg_left = sscanf(msg_lines, "#XMQTTMSG: %d,%d", &tl, &ml) == 2 ? (ml ? 2 : 1) : 0;
			}
		} else if (pending >= 0) {
			st->role = ROLE_RESPONSE;
			st->cause = pending;
		} else {
			st->role = ROLE_URC;
			st->cause = last_send;
		}
		for (size_t k = 0; s && k < s->n_tolerate; k++)
			if (starts(ev->text, s->tolerate[k]))
				st->optional = true;
		sc->n++;
	}
	for (size_t i = 0; s && i < s->n_hosts; i++) {
		struct host_map *h = NULL;

		for (size_t k = 0; k < sc->n_hosts; k++)
			if (!strcmp(sc->hosts[k].host, s->hosts[i].host))
				h = &sc->hosts[k];
		if (h)
			h->tls = strcmp(s->hosts[i].target, "broker-plain") != 0;
	}
	for (size_t i = 0; i < sc->n_hosts; i++)
		note(sc, "%s:%d goes to the local broker (%s)", sc->hosts[i].host, sc->hosts[i].port,
		     sc->hosts[i].tls ? "mutual TLS" : "plain MQTT");
	if (sc->t0 < 0)
		sc->t0 = 0;
	return 0;
}

void script_free(struct script *sc)
{
	for (size_t i = 0; i < sc->n; i++)
		free(sc->steps[i].send);
	for (size_t i = 0; i < sc->n_notes; i++)
		free(sc->notes[i]);
	free(sc->notes);
	free(sc->steps);
	memset(sc, 0, sizeof(*sc));
}
