#include "modem_world.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "at_cmd.h"
#include "cmd_mqtt.h"
#include "cmd_netinfo.h"
#include "cmd_sms.h"
#include "cmd_socket_io.h"
#include "modem.h"
#include "mqtt_client.h"
#include "radio.h"
#include "sim_ctx.h"
#include "socket_state.h"

static int refuse(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int refuse(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static int radio_on(struct modem *m, const char *what, char *err, size_t errlen)
{
	if (m->net.radio_on)
		return 0;
	return refuse(err, errlen, "%s: the modem's LTE radio is off (+CFUN: %d); the host turns "
		      "it on with AT+CFUN=1", what, m->cfun);
}

int world_net_lose(struct modem *m, int stat, char *err, size_t errlen)
{
	if (radio_on(m, "no registration to lose", err, errlen))
		return -1;
	if (!net_registered(&m->net))
		return refuse(err, errlen, "no registration to lose: the modem is not registered "
			      "(+CEREG stat %d)", m->net.stat);
	modem_log(m, SLOG_INFO, "slmctl: registration lost (stat %d)", stat);
	modem_net_lose(m, stat);
	return 0;
}

int world_register(struct modem *m, char *err, size_t errlen)
{
	if (radio_on(m, "cannot register", err, errlen))
		return -1;
	if (m->net.blocked)
		return refuse(err, errlen, "cannot register: the modem's own settings keep it off the "
			      "cell (+COPS manual PLMN or deregistered, %%XBANDLOCK)");
	if (m->cfg.net.reject_cause)
		return refuse(err, errlen, "cannot register: the network rejects every attach "
			      "(network.reject_cause %d)", m->cfg.net.reject_cause);
	if (!net_registered(&m->net))
		modem_log(m, SLOG_INFO, "slmctl: registration back");
	modem_net_regain(m);
	return 0;
}

int world_signal(struct modem *m, int rsrp, int rsrq, char *err, size_t errlen)
{
	struct net_config *c = &m->cfg.net;
	int old_rsrp = c->rsrp, old_rsrq = c->rsrq;

	(void)err;
	(void)errlen;
	c->rsrp = rsrp;
	if (rsrq >= 0)
		c->rsrq = rsrq;
	modem_log(m, SLOG_INFO, "slmctl: signal RSRP %d dBm, RSRQ %.1f dB", c->rsrp - 140,
		  c->rsrq / 2.0 - 19.5);
	netinfo_signal_changed(m, old_rsrp, old_rsrq);
	return 0;
}

/* The network repeats the registration with what changed (a TAU). */
static void reannounce(struct modem *m)
{
	if (net_registered(&m->net))
		net_reannounce(&m->net);
}

int world_cell(struct modem *m, const char *tac, const char *ci, char *err, size_t errlen)
{
	struct net_config *c = &m->cfg.net;

	if (strlen(tac) != 4 || strlen(ci) != 8)
		return refuse(err, errlen, "TAC is 4 hex digits, CI 8");
	memcpy(c->tac, tac, 5);
	memcpy(c->ci, ci, 9);
	modem_log(m, SLOG_INFO, "slmctl: cell TAC %s CI %s", tac, ci);
	reannounce(m);
	return 0;
}

int world_psm(struct modem *m, const char *active_time, const char *periodic_tau, char *err,
	      size_t errlen)
{
	struct net_config *c = &m->cfg.net;

	if (active_time && (strlen(active_time) != 8 || strlen(periodic_tau) != 8))
		return refuse(err, errlen, "PSM timers are 8-bit strings");
	c->psm = active_time != NULL;
	if (active_time) {
		memcpy(c->active_time, active_time, 9);
		memcpy(c->periodic_tau, periodic_tau, 9);
	}
	modem_log(m, SLOG_INFO, "slmctl: the network grants %s%s%s", c->psm ? "PSM " : "no PSM",
		  c->psm ? c->active_time : "", c->psm ? "/" : "");
	reannounce(m);
	return 0;
}

int world_edrx(struct modem *m, const char *value, const char *ptw, char *err, size_t errlen)
{
	struct net_config *c = &m->cfg.net;

	if ((value && strlen(value) != 4) || (ptw && *ptw && strlen(ptw) != 4))
		return refuse(err, errlen, "eDRX values are 4-bit strings");
	snprintf(c->edrx, sizeof(c->edrx), "%s", value ? value : "");
	if (ptw && *ptw)
		memcpy(c->ptw, ptw, 5);
	modem_log(m, SLOG_INFO, "slmctl: the network grants %s%s", value ? "eDRX " : "no eDRX",
		  c->edrx);
	reannounce(m);
	return 0;
}

int world_broker_disconnect(struct modem *m, char *err, size_t errlen)
{
	int rc = mqtt_broker_closes(m);

	if (rc == -ENOTCONN)
		return refuse(err, errlen, "the modem has no MQTT connection to close "
			      "(AT#XMQTTCON=1,... first)");
	if (rc)
		return refuse(err, errlen, "closing the MQTT connection failed: %s", strerror(-rc));
	return 0;
}

int world_broker(struct modem *m, struct mqtt_client_params *p, char *err, size_t errlen)
{
	if (mqtt_broker_of(m, p))
		return refuse(err, errlen, "the modem is connected to no broker (AT#XMQTTCON=1,... "
			      "and #XMQTTEVT: 0,0 first): nobody to publish to");
	return 0;
}

int world_peer_close(struct modem *m, char *err, size_t errlen)
{
	int rc = socket_peer_closes(m);

	if (rc == -EPROTOTYPE)
		return refuse(err, errlen, "the modem's socket is UDP: a datagram peer has no "
			      "connection to close");
	if (rc == -ENOTCONN)
		return refuse(err, errlen, "the modem has no connected TCP/TLS socket "
			      "(#XSOCKET/#XSSOCKET and #XCONNECT first)");
	if (rc)
		return refuse(err, errlen, "closing the socket failed: %s", strerror(-rc));
	return 0;
}

int world_sms(struct modem *m, const char *from, const char *text, char *err, size_t errlen)
{
	if (m->asleep)
		return refuse(err, errlen, "the modem sleeps (#XSLEEP): its host would not see the SMS");
	return sms_inject(m, from, text, err, errlen);
}

int world_reset(struct modem *m, char *err, size_t errlen)
{
	(void)err;
	(void)errlen;
	modem_reset(m);
	return 0;
}

int world_wake(struct modem *m, char *err, size_t errlen)
{
	if (!m->asleep)
		return refuse(err, errlen, "the modem is not asleep (AT#XSLEEP puts it to sleep)");
	modem_wake(m);
	return 0;
}

static const char *tf(bool b)
{
	return b ? "true" : "false";
}

static void network_json(struct modem *m, struct strbuf *sb)
{
	const struct net_config *c = &m->cfg.net;

	sb_appendf(sb, "\"network\":{\"stat\":%d,\"registered\":%s,\"radio_on\":%s,\"tac\":\"%s\","
		   "\"ci\":\"%s\",\"act\":%d,\"rsrp_dbm\":%d,\"rsrq_db\":%.1f,", m->net.stat,
		   tf(net_registered(&m->net)), tf(m->net.radio_on), c->tac, c->ci, radio_act(m),
		   c->rsrp - 140, c->rsrq / 2.0 - 19.5);
	sb_appendf(sb, "\"psm\":{\"offered\":%s,\"in_force\":%s,\"active_time\":\"%s\","
		   "\"periodic_tau\":\"%s\"},", tf(c->psm), tf(radio_psm(m) && net_registered(&m->net)),
		   c->active_time,
		   c->periodic_tau);
	sb_appendf(sb, "\"edrx\":{\"offered\":\"%s\",\"ptw\":\"%s\",\"in_force\":%s}}", c->edrx,
		   c->ptw, tf(radio_edrx(m) && net_registered(&m->net)));
}

static void sms_json(const struct modem *m, struct strbuf *sb)
{
	const struct sms_state *s = m->sms;
	const char *client = !s ? "none" : s->slm_started ? "slm" : s->cnmi[1] == 2 ? "host" :
			     "none";

	sb_appendf(sb, "\"sms\":{\"msisdn\":\"%s\",\"client\":\"%s\",\"unacknowledged\":%s},",
		   m->cfg.msisdn, client, tf(s && s->ack_pending));
}

void world_status(struct modem *m, struct strbuf *sb)
{
	const struct sock_state *s = sock_current(m);

	sb_appendf(sb, "{\"modem\":%d,\"imei\":\"%s\",\"cfun\":%d,\"asleep\":%s,\"rebooting\":%s,"
		   "\"busy\":%s,\"clock_s\":%.3f,", m->index, m->cfg.imei, m->cfun, tf(m->asleep),
		   tf(sim_timer_active(&m->power_timer) && m->sleep_mode < 0), tf(m->pending),
		   sim_clock_now(m->ctx->clock) / 1000.0);
	network_json(m, sb);
	sb_append(sb, ",", 1);
	mqtt_status_json(m, sb);
	sb_appendf(sb, ",\"socket\":{\"open\":%s,\"type\":%d,\"connected\":%s,\"peer_closed\":%s},",
		   tf(s && s->open), s ? s->type : 0, tf(s && s->connected), tf(s && s->peer_closed));
	sms_json(m, sb);
	sb_appendf(sb, "\"stall_s\":%.3f}", m->ctx->faults.handshake_stall_ms / 1000.0);
}
