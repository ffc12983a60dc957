/* What a command handler sees: the row that describes its command
 * (at_cmd_def.h), the result codes it returns, and the helpers that write
 * its response, raise URCs and log.  Handlers live in sim/commands/, one
 * row each in cmd_table.c. */
#ifndef SLMSIM_AT_CMD_H
#define SLMSIM_AT_CMD_H

#include <stdbool.h>
#include <stdint.h>

#include "at_cmd_def.h"
#include "slm_profile.h"
#include "at_parser.h"
#include "modem_state.h"

#define AT_OK		0
#define AT_ERROR	(-1)
#define AT_PENDING	(-2)	/* the handler finishes later with modem_complete() */
#define AT_SILENT	(-3)	/* no final result (data mode entered, reset) */
#define AT_CME_BASE	(-10000)
#define AT_CME(n)	(AT_CME_BASE - (n))
#define AT_IS_CME(rc)	((rc) <= AT_CME_BASE && (rc) > AT_CMS_BASE)
#define AT_CME_CODE(rc)	(AT_CME_BASE - (rc))
/* SMS commands fail with +CMS ERROR (27.005 3.2.5), whatever +CMEE says. */
#define AT_CMS_BASE	(-20000)
#define AT_CMS(n)	(AT_CMS_BASE - (n))
#define AT_IS_CMS(rc)	((rc) <= AT_CMS_BASE)
#define AT_CMS_CODE(rc)	(AT_CMS_BASE - (rc))

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

/* Unsolicited result code: "\r\n<text>\r\n", written at once unless the
 * profile's URC policy holds it until the answer or data mode is over. */
void modem_urc(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A URC of the modem itself (+CEREG, ...): the SLM forwards these through
 * its AT monitor and drops them in data mode. */
void modem_urc_modem(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Writes the URCs held, once no answer runs and data mode is over. */
void modem_urc_flush(struct modem *m);
/* Bytes of an SLM URC of its own (#XRECV's data after its line): held
 * with the URCs, as modem_urc() would hold a line. */
void modem_urc_bytes(struct modem *m, const char *buf, size_t len);
/* Raw bytes to the host outside any response (data after #XMQTTMSG). */
void modem_write(struct modem *m, const char *buf, size_t len);
void modem_log(struct modem *m, enum slog_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int64_t modem_now(const struct modem *m);
/* Host lines as Link Monitor logs them, one ">>" line per line break. */
void modem_record_command(struct modem *m, const char *line, size_t len);

/* From a handler that then returns AT_SILENT: everything the host sends
 * next is payload until the profile's escape ("+++", framed by a second of
 * silence each side in 1.8), under its data-mode rules. */
void modem_enter_datamode(struct modem *m, datamode_send_fn send);
/* SM's AT#XSEND=<h>,<mode>,<flags>,<data_len>: exactly data_len bytes of
 * payload, the escape not searched, then "#XDATAMODE: 0". */
void modem_enter_datamode_len(struct modem *m, datamode_send_fn send, size_t data_len);
/* Inside a send: whether more data stays buffered behind this chunk (the
 * buffer was full: SLM_DATAMODE_FLAGS_MORE_DATA; UDP and MQTT overflow). */
bool datamode_more_data(const struct modem *m);
/* How a service's end of data mode reads in NCS 1.8-2.0 (exit_datamode()'s
 * modes); later generations print its result instead (profile rules). */
enum dm_exit_mode { DM_EXIT_OK, DM_EXIT_ERROR, DM_EXIT_URC };
/* A service ends data mode itself (its peer gone, a transfer done, an
 * overflow): at once with the answer of mode (1.8-2.0) or result (2.1-2.4),
 * or from 2.5 into NULL mode: input dropped until the host's escape, then
 * "#XDATAMODE: <result>" (SM: -1 for any error). */
void datamode_service_exit(struct modem *m, enum dm_exit_mode mode, int result);
/* The same after sending the escape to the host, so it leaves data mode
 * too: proxies from NCS 2.7 (SLM_FEAT_PROXY_QUIT), SM v0.3+ sockets on an
 * error (sm_at_socket.c socket_datamode_callback). */
void datamode_fail(struct modem *m, int result);
/* #XDATACTRL's minimum: the time a UART receive buffer takes to fill at
 * the baud rate, plus a margin (verify_datamode_control()). */
int datamode_min_time_limit(const struct modem *m);
/* A proxy's send command: its quoted payload argument through send, answered
 * with rsp and the length; without one, data mode into send. */
struct at_rsp;
int at_send_or_datamode(struct modem *m, const struct at_cmd *cmd, datamode_send_fn send,
			const struct at_rsp *rsp);
/* Called once when data mode ends, by "+++" or a failed send. */
void modem_datamode_on_exit(struct modem *m, void (*on_exit)(struct modem *m));
/* A service's end of data mode (the SLM's exit_datamode()): text goes to
 * the host, NULL none. */
void modem_leave_datamode(struct modem *m, const char *text);
/* Host bytes in data mode; returns how many it took.  The rest (after an
 * escape that ends data mode, 2.5+) are commands again. */
size_t datamode_input(struct modem *m, const uint8_t *buf, size_t len);
void datamode_init(struct modem *m);
void datamode_fini(struct modem *m);

#endif
