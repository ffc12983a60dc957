/* The modem's SMS (3GPP TS 27.005, PDU mode): AT+CNMI, AT+CMGS, AT+CNMA,
 * the +CMT URC, and the modem's number in the fleet's SMS centre. */
#ifndef SLMSIM_CMD_SMS_H
#define SLMSIM_CMD_SMS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sms_pdu.h"

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema cnmi_schema, cnma_schema, cmgs_schema;

/* The SLM's sms library (#XSMS, cmd_xsms.c): its concatenation buffer. */
struct xsms_concat {
	uint16_t ref;
	uint8_t total, count;
	char first[SMS_SEPTETS_MAX * 2 + 64];	/* the URC so far: part 1 */
	char rest[2][SMS_SEPTETS_MAX + 1];	/* parts 2 and 3 */
};

struct sms_state {
	int cnmi[5];		/* mode, mt, bm, ds, bfr */
	bool ack_pending;	/* a +CMT the host has not acknowledged */
	uint8_t mr;		/* the last message reference +CMGS gave */
	bool slm_started;	/* #XSMS=1: the library is the SMS client */
	/* The SLM's library reads each +CMT and acknowledges it itself. */
	void (*client)(struct modem *m, const char *hex);
	uint8_t slm_concat_id, slm_mr;	/* the library's counters */
	struct xsms_concat cc;
};

int sms_init(struct modem *m, char *err, size_t errlen);
void sms_fini(struct modem *m);
int cnmi_set(struct modem *m, const struct at_cmd *cmd);
int cnmi_read(struct modem *m, const struct at_cmd *cmd);
int cmgs_set(struct modem *m, const struct at_cmd *cmd);
int cnma_run(struct modem *m, const struct at_cmd *cmd);
/* The modem sends one PDU of tpdu_len octets (+CMGS's work, the library's
 * too): AT_OK with *mr, or the rc with the why logged. */
int sms_modem_submit(struct modem *m, const char *hex, int tpdu_len, int *mr);
/* An SMS from number from with text arrives now (the control channel):
 * 0, or -1 with why nobody would see it. */
int sms_inject(struct modem *m, const char *from, const char *text, char *err, size_t errlen);

#endif
