/* The world around one modem, moved from outside while it runs (slmsim's
 * control channel): its network, cell, signal and grants, its broker and
 * socket peers, its power.  Each call checks everything first and changes
 * nothing when it refuses: 0, or -1 with the reason in err. */
#ifndef SLMSIM_MODEM_WORLD_H
#define SLMSIM_MODEM_WORLD_H

#include <stdbool.h>
#include <stddef.h>

struct modem;
struct strbuf;
struct mqtt_client_params;

/* The registration goes (stat: the +CEREG <stat> shown meanwhile). */
int world_net_lose(struct modem *m, int stat, char *err, size_t errlen);
int world_register(struct modem *m, char *err, size_t errlen);
/* rsrp, rsrq: +CESQ indices; rsrq < 0 keeps the current one. */
int world_signal(struct modem *m, int rsrp, int rsrq, char *err, size_t errlen);
int world_cell(struct modem *m, const char *tac, const char *ci, char *err, size_t errlen);
/* NULL timers: the network grants no PSM. */
int world_psm(struct modem *m, const char *active_time, const char *periodic_tau, char *err,
	      size_t errlen);
/* NULL value: no eDRX; ptw "" keeps the current window. */
int world_edrx(struct modem *m, const char *value, const char *ptw, char *err, size_t errlen);
int world_broker_disconnect(struct modem *m, char *err, size_t errlen);
/* The modem's broker, for another client to connect to. */
int world_broker(struct modem *m, struct mqtt_client_params *p, char *err, size_t errlen);
int world_peer_close(struct modem *m, char *err, size_t errlen);
/* An SMS from number from arrives now: +CMT to a host that registered with
 * AT+CNMI=3,2, the #XSMS URC when the SLM's SMS is started; refused while
 * the modem is not registered or nobody subscribed. */
int world_sms(struct modem *m, const char *from, const char *text, char *err, size_t errlen);
int world_reset(struct modem *m, char *err, size_t errlen);
int world_wake(struct modem *m, char *err, size_t errlen);
/* The modem's and network's state as one JSON object. */
void world_status(struct modem *m, struct strbuf *json);

#endif
