/* The state of one modem, private to the AT layer and the command
 * handlers: the line engine, the response under construction, data mode,
 * and the per-modem services the handlers drive. */
#ifndef SLMSIM_MODEM_STATE_H
#define SLMSIM_MODEM_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>

#include "at_cmd_def.h"
#include "at_parser.h"
#include "clock.h"
#include "config.h"
#include "fd_table.h"
#include "fota.h"
#include "mfw_profile.h"
#include "net_conn.h"
#include "net_model.h"
#include "sim_ctx.h"
#include "sim_log.h"
#include "strbuf.h"

struct at_engine;
struct slm_profile;
struct modem;
struct sock_table;
struct sm_socks;
struct mqtt_state;
struct modemcfg_state;
struct mdmev_state;
struct sms_state;
struct httpc_state;
struct fota_state;
struct ftp_state;

/* A PDP context (+CGDCONT). */
struct pdn_ctx {
	bool defined;
	char type[8];		/* IP, IPV6, IPV4V6, Non-IP */
	char apn[64];		/* "" until the network assigns one (cid 0) */
};

/* What the modem's own commands set: functional modes, system mode, PDN,
 * power saving, subscriptions.  The network model answers from it. */
struct radio_state {
	int lte_cfun;		/* the last +CFUN that set LTE: 0,1,2,4,20,21,44 */
	bool gnss_on, uicc_on;
	int sysmode[4];		/* LTE-M, NB-IoT, GNSS, preference */
	bool psm_req;
	char req_tau[9], req_active[9];
	int edrx_mode[2];	/* per AcT: [0] LTE-M (4), [1] NB-IoT (5) */
	char edrx_req[2][5];
	struct pdn_ctx pdn[11];
	bool pdn_active[11];	/* +CGACT of a secondary context */
	int cops_mode, cops_format;
	char cops_plmn[7];	/* manual selection */
	bool cesq_urc, xtime_urc, connstat_on;
	char bandlock[2][89];	/* permanent, runtime; "" unset */
	int64_t clock_offset_ms;	/* +CCLK set by the host */
	bool time_known;
	struct link_stats stats;	/* %XCONNSTAT */
	unsigned sms_tx, sms_rx;	/* ... and its SMS counts */
};
struct at_cmd_def;


/* Data mode: each chunk the host sends goes to this function (0 or -errno). */
typedef int (*datamode_send_fn)(struct modem *m, const uint8_t *data, size_t len);

struct datamode {
	bool active;
	datamode_send_fn send;
	void (*on_exit)(struct modem *m);	/* DATAMODE_EXIT: the service forgets its state */
	size_t rx_pos;		/* position in the 256-byte UART DMA buffer: events end at its end */
	int64_t last_rx;	/* clock ms of the last data-mode chunk, kept across sessions */
	bool quit_pending;	/* "+++" seen, waiting for the trailing silence */
	struct sim_timer quit_timer;
	struct sim_timer flush_timer;	/* #XDATACTRL time limit */
	struct strbuf buf;	/* received, not yet sent */
	size_t match;		/* bytes of the escape matched so far, held back (2.5+) */
	size_t data_len;	/* SM's <data_len>: bytes still expected; 0: none given */
	bool counted;		/* entered with a <data_len> */
	bool null_mode;		/* the service has gone: input dropped until the host's escape */
	bool more;		/* the send in progress leaves data buffered (a full buffer) */
	int result;		/* what "#XDATAMODE: <result>" will say */
};

/* What the power timer does: reboot, or the state entered (SLM v1.8's
 * #XSLEEP numbers; 2.0's 1 and 2 are the same states). */
enum {
	MODEM_SLEEP_REBOOT = -1,
	MODEM_SLEEP_IDLE = 0,		/* the SLM stopped, LTE kept */
	MODEM_SLEEP_OFF = 1,		/* system off: a wake-up is a cold boot */
	MODEM_SLEEP_UART_OFF = 2,	/* the SLM runs on, its UART off */
	MODEM_SLEEP_SHUTDOWN = 3,	/* #XSHUTDOWN: system off, no wake-up pin */
};

struct modem {
	struct sim_ctx *ctx;
	int index;
	char name[16];
	struct modem_config cfg;
	const struct slm_profile *profile;	/* its SLM generation: rows, framing, data mode */
	struct mfw_release mfw;		/* its modem firmware: features the modem commands ask */
	const struct tls_profile *tls;	/* --profile's, else its firmware's */
	struct at_engine *engine;	/* the AT layer's line engine */

	void (*tx)(void *arg, const char *buf, size_t len);	/* modem_set_tx() */
	void *tx_arg;
	/* Upward news: a command or data mode ended, input may flow again.
	 * Installed by the layer that feeds input (modem.c). */
	void (*on_idle)(struct modem *m);
	/* The SLM stops its services (#XRESET, #XSLEEP: slm_at_uninit); set by the AT layer. */
	void (*host_uninit)(struct modem *m);

	struct strbuf held;	/* input that arrived while a command ran */
	bool warned_held;
	bool rx_in_key;		/* the host is sending a private key's body */
	struct strbuf resp;	/* response under construction */
	struct strbuf rec_line;	/* output not yet recorded (no line end seen) */
	bool pending;
	bool answering;		/* a command line is being answered: URCs may wait (profile) */
	bool echo;		/* input lines come back (the profile's default) */
	struct strbuf urc_held;	/* URCs the profile holds until an answer or data mode ends */
	enum at_origin cur_origin;
	const struct at_cmd_def *cur_def;	/* the running command's row */
	char cur_name[AT_MAX_NAME];

	struct datamode dm;

	/* #XRESET / #XSLEEP / #XSHUTDOWN: what power_timer does (a
	 * MODEM_SLEEP_*), and whether the modem sleeps (input lost). */
	int sleep_mode;
	struct sim_timer power_timer;
	bool asleep;
	struct strbuf asleep_out;	/* output kept while the UART is off (2.0+) */

	int cfun;		/* what +CFUN? reports */
	struct radio_state radio;
	int cmee;
	int cereg_n;
	struct net_model net;

	/* Per-modem services: the store is the modem's, the others belong
	 * to their command modules. */
	struct cred_store *creds;
	mbedtls_pk_context *identity;	/* %KEYGEN/%ATTESTTOKEN signer, made on first use */
	struct fd_table fds;		/* every socket's fd, whoever opens it */
	struct sock_table *socks;	/* socket_table.c */
	struct sm_socks *smsock;	/* cmd_socket_sm.c: the Serial Modem's per-socket state */
	struct mqtt_state *mqtt;
	struct events_state *events;
	struct ping_state *ping;
	struct modemcfg_state *mcfg;	/* cmd_modemcfg.c */
	struct mdmev_state *mdmev;	/* cmd_mdmev.c */
	struct gpio_state *gpio;	/* cmd_gpio.c */
	struct nrfcloud_state *nrfcloud;	/* cmd_nrfcloud.c */
	struct gps_state *gps;	/* cmd_gps.c */
	struct sms_state *sms;		/* cmd_sms.c, cmd_xsms.c */
	struct tcp_proxy *tcpp;		/* cmd_tcp_proxy.c */
	struct udp_proxy *udpp;		/* cmd_udp_proxy.c */
	struct httpc_state *httpc;	/* cmd_httpc.c */
	struct fota_state *fota;	/* cmd_fota.c */
	/* What the flash keeps for FOTA across reboots (cmd_fota_boot.c). */
	struct fota_flash fota_flash;
	struct ftp_state *ftp;		/* cmd_ftp.c */
	int tls_sessions;	/* open TLS connections, bounded by the profile */
};

#endif
