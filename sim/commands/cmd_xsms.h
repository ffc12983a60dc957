/* AT#XSMS: the SLM's SMS over NCS 1.8's sms library (start, stop, send) and
 * its #XSMS URC. */
#ifndef SLMSIM_CMD_XSMS_H
#define SLMSIM_CMD_XSMS_H

struct at_cmd;
struct at_schema;
struct modem;

extern const struct at_schema xsms_schema;

int xsms_set(struct modem *m, const struct at_cmd *cmd);
/* The library's +CMT handler: hex is the PDU the modem reported. */
void xsms_notify(struct modem *m, const char *hex);

#endif
