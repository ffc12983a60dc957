/* What a command handler sees: the row that describes its command, the
 * result codes it returns, and the helpers that write its response, raise
 * URCs and log.  Handlers live in sim/commands/, one row each in
 * cmd_table.c. */
#ifndef SLMSIM_AT_CMD_H
#define SLMSIM_AT_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "at_parser.h"
#include "modem_state.h"

#define AT_OK		0
#define AT_ERROR	(-1)
#define AT_PENDING	(-2)	/* the handler finishes later with modem_complete() */
#define AT_SILENT	(-3)	/* no final result (data mode entered, reset) */
#define AT_CME_BASE	(-10000)
#define AT_CME(n)	(AT_CME_BASE - (n))
#define AT_IS_CME(rc)	((rc) <= AT_CME_BASE)
#define AT_CME_CODE(rc)	(AT_CME_BASE - (rc))

typedef int (*at_handler)(struct modem *m, const struct at_cmd *cmd);

/* Facts about a command that layers other than its handler use. */
#define AT_F_NEEDS_REG		(1u << 0)	/* talks to the network: needs registration */
#define AT_F_BLOCKING		(1u << 1)	/* the SLM stops reading the UART until it answers */
#define AT_F_OPENS_SOCKET	(1u << 2)	/* opens the socket later commands connect */
#define AT_F_CRED_WRITE		(1u << 3)	/* <op>=0 writes <sec_tag>,<type>,<content> */
#define AT_F_RECEIVES		(1u << 4)	/* answers with the peer's bytes, then a count */
#define AT_F_EMPTY_DATAMODE	(1u << 5)	/* empty data, not only none, enters data mode */
#define AT_F_SUBSCRIBES		(1u << 6)	/* its topic is a filter the broker sends matches of */
#define AT_F_FRESH		(1u << 7)	/* answers with what the modem makes anew each time
						 * (a key, a signature, a nonce) */
#define AT_F_MAKES_KEY		(1u << 8)	/* <key_type> 2 makes <sec_tag>'s private key */
#define AT_F_REBOOTS		(1u << 9)	/* the modem boots again after answering: Ready */

/* What the host parameter of a row reaches. */
enum at_peer { AT_PEER_NONE, AT_PEER_BROKER, AT_PEER_SOCKET };

/* A parameter position in a row: AT_PARAM(0) is the first; 0 means none. */
#define AT_PARAM(i)		((int8_t)((i) + 1))
/* A set of CFUN modes (0..63). */
#define AT_CFUN(n)		(UINT64_C(1) << (n))

struct at_cmd_def {
	const char *name;	/* upper case with its separator: "+CFUN", "#XSLMVER" */
	enum at_origin origin;
	/* One handler per form; NULL: that form answers ERROR. */
	at_handler action, set, read;
	const char *test;	/* fixed text of the =? form; NULL: test_fn, or ERROR */
	at_handler test_fn;	/* a test form that is not one plain line */
	unsigned flags;		/* AT_F_* */
	int8_t sec_tag, host, port;	/* AT_PARAM() of those parameters */
	int8_t user, password;	/* AT_PARAM() of a log-in the peer checks */
	int8_t data;		/* AT_PARAM() of bytes sent to the peer */
	int8_t topic;		/* AT_PARAM() of an MQTT topic */
	int8_t client_id;	/* AT_PARAM() of the MQTT client id */
	int8_t retain;		/* AT_PARAM() of an MQTT publish's retain flag */
	int8_t sock_type;	/* AT_PARAM() of an opener's socket type */
	uint8_t peer;		/* enum at_peer: who is at host:port */
	uint64_t cfun_refused;	/* CFUN modes that refuse its state-changing forms */
	const char *causes;	/* URC prefix its set form causes ("+CEREG" for +CFUN) */
	const char *subscribes;	/* URC prefix whose level its set form chooses */
	const char *since;	/* the SLM or modem firmware that has it */
	const char *summary;	/* one line for --list-commands */
	const char *limits;	/* what of the real command is not emulated (docs/fidelity.md) */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Information line of the current response. */
void at_info(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Raw response bytes, framed by nobody (AT#XCLAC prints "%s\r\n"). */
void at_raw(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Logs why the command fails and returns rc, so handlers can
 * `return at_why(m, AT_CME(518), "...")`. */
int at_why(struct modem *m, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* rc when the running command's row refuses the current CFUN mode. */
int at_cfun_check(struct modem *m, const char *what);
/* Finish a command whose handler returned AT_PENDING. */
void modem_complete(struct modem *m, int rc);
/* Frames the result rc of the current command and writes it (the
 * dispatcher's and modem_complete's end). */
void at_finish(struct modem *m, int rc);

/* Unsolicited result code: "\r\n<text>\r\n", written at once. */
void modem_urc(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A URC of the modem itself (+CEREG, ...): the SLM forwards these through
 * its AT monitor and drops them in data mode. */
void modem_urc_modem(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Raw bytes to the host outside any response (data after #XMQTTMSG). */
void modem_write(struct modem *m, const char *buf, size_t len);
void modem_log(struct modem *m, enum slog_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int64_t modem_now(const struct modem *m);
/* Host lines as Link Monitor logs them, one ">>" line per line break. */
void modem_record_command(struct modem *m, const char *line, size_t len);

#define DATAMODE_TERMINATOR "+++"
#define DATAMODE_SILENCE_MS 1000	/* CONFIG_SLM_DATAMODE_SILENCE */

/* From a handler that then returns AT_SILENT: everything the host sends
 * next is payload until "+++" framed by a second of silence each side. */
void modem_enter_datamode(struct modem *m, datamode_send_fn send);
void datamode_input(struct modem *m, const uint8_t *buf, size_t len);
void datamode_init(struct modem *m);
void datamode_fini(struct modem *m);

#endif
