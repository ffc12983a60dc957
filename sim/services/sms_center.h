/* The network's SMS service centre for the modems of one process (a fleet):
 * each modem joins with its number (modem.msisdn); a message submitted to
 * a number reaches the modem that has it network.sms_delay_ms later, as an
 * SMS-DELIVER's user data.  A number no modem has is accepted and dropped,
 * as an SMSC accepts a submit before it knows the destination.  It calls
 * modems back, never writes to a host. */
#ifndef SLMSIM_SMS_CENTER_H
#define SLMSIM_SMS_CENTER_H

#include <stdint.h>

#include "sms_pdu.h"

struct sim_ctx;
struct sms_center;

/* A message for the modem that joined with arg: from is the sender's
 * number ('+' first when international). */
typedef void (*sms_deliver_fn)(void *arg, const char *from, const struct sms_ud *ud);

/* The process's centre, made on first use and freed with ctx; NULL when out
 * of memory. */
struct sms_center *sms_center_of(struct sim_ctx *ctx);
/* 0, or -1 when out of memory. */
int sms_center_join(struct sms_center *c, const char *msisdn, sms_deliver_fn fn, void *arg);
/* arg leaves; messages on their way to it are dropped. */
void sms_center_leave(struct sms_center *c, void *arg);
/* Whether two numbers are the same ('+' aside). */
int sms_number_eq(const char *a, const char *b);
/* Routes ud from to: 1 on its way to a modem, 0 nobody has that number
 * (dropped), -1 out of memory. */
int sms_center_submit(struct sms_center *c, const char *from, const char *to,
		      const struct sms_ud *ud, int64_t delay_ms);
/* A fresh 8-bit concatenation reference for messages the network makes. */
uint8_t sms_center_ref(struct sms_center *c);

#endif
