/* One emulated modem: all of its state lives here (no globals), so one
 * process can serve many.  Input arrives with modem_input(); output leaves
 * through the tx callback the transport installs. */
#ifndef SLMSIM_MODEM_H
#define SLMSIM_MODEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "at_cmd.h"
#include "at_engine.h"
#include "clock.h"
#include "config.h"
#include "net_model.h"
#include "sim_log.h"
#include "strbuf.h"

struct ev_loop;
struct cred_store;
struct resolver;
struct tls_service;
struct tls_profile;
struct sock_state;
struct mqtt_state;

/* Faults a user asks for (--fault, scenario [faults]). */
struct sim_faults {
	int64_t handshake_stall_ms;	/* TLS handshake outcomes arrive this late */
};

/* Process-wide services shared by every modem. */
struct sim_ctx {
	struct sim_faults faults;
	struct ev_loop *loop;
	struct sim_clock *clock;
	struct sim_log *log;
	const struct tls_profile *profile;
	struct tls_service *tls;	/* one entropy source and DRBG */
	struct resolver *resolver;	/* --resolve map: the emulated DNS */
};

typedef void (*modem_tx_fn)(void *arg, const char *buf, size_t len);
/* Data mode: each chunk the host sends goes to this function (0 or -errno). */
typedef int (*datamode_send_fn)(struct modem *m, const uint8_t *data, size_t len);

#define DATAMODE_TERMINATOR "+++"
#define DATAMODE_SILENCE_MS 1000	/* CONFIG_SLM_DATAMODE_SILENCE */

struct datamode {
	bool active;
	datamode_send_fn send;
	int64_t last_rx;	/* clock ms of the last chunk */
	bool quit_pending;	/* "+++" seen, waiting for the trailing silence */
	struct sim_timer quit_timer;
	int failed;		/* a send failed: exit with ERROR */
};

struct modem {
	struct sim_ctx *ctx;
	int index;
	char name[16];
	struct modem_config cfg;
	struct at_engine engine;

	modem_tx_fn tx;
	void *tx_arg;

	struct strbuf held;	/* input that arrived while a command ran */
	bool warned_held;
	bool rx_in_key;		/* the host is sending a private key's body */
	struct strbuf resp;	/* response under construction */
	struct strbuf urcq;	/* URCs held back until the response is out */
	struct strbuf rec_line;	/* output not yet recorded (no line end seen) */
	bool in_handler;
	bool pending;
	enum at_origin cur_origin;
	char cur_name[AT_MAX_NAME];

	struct datamode dm;

	int cfun;
	int cmee;
	int cereg_n;
	struct net_model net;

	/* Per-modem state of the service layers, owned by their modules. */
	struct cred_store *creds;
	struct sock_state *sock;
	struct mqtt_state *mqtt;
	int tls_sessions;	/* open TLS connections, bounded by the profile */
	int next_fd;		/* modem socket handles handed out */
};

/* err receives why creation failed (a damaged state directory, say). */
struct modem *modem_new(struct sim_ctx *ctx, int index, const struct modem_config *cfg,
			char *err, size_t errlen);
void modem_free(struct modem *m);
void modem_set_tx(struct modem *m, modem_tx_fn tx, void *arg);
/* Greets with "Ready" like the SLM after boot. */
void modem_start(struct modem *m);
void modem_input(struct modem *m, const uint8_t *buf, size_t len);
/* The terminal program closed the line: drop a half-typed command. */
void modem_host_gone(struct modem *m);
bool modem_busy(const struct modem *m);

/* From a handler that then returns AT_SILENT: everything the host sends
 * next is payload until "+++" framed by a second of silence each side. */
void modem_enter_datamode(struct modem *m, datamode_send_fn send);
void datamode_input(struct modem *m, const uint8_t *buf, size_t len);
void datamode_init(struct modem *m);
void datamode_fini(struct modem *m);

/* Inside the AT layer: the line engine hands a command to the dispatcher,
 * and input held back while a command ran is fed again when it ends. */
void at_dispatch_line(struct modem *m, const char *line, size_t len, enum at_line_status st);
void modem_resume_input(struct modem *m);

/* Finish a command whose handler returned AT_PENDING. */
void modem_complete(struct modem *m, int rc);
/* Unsolicited result code: "\r\n<text>\r\n", held back while a response is
 * being built. */
void modem_urc(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Raw bytes to the host outside any response (data after #XMQTTMSG). */
void modem_write(struct modem *m, const char *buf, size_t len);
void modem_log(struct modem *m, enum slog_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int64_t modem_now(const struct modem *m);

#endif
