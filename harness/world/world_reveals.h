/* The world a log reveals: which field of which response or URC shape
 * (sim/commands/rsp_table.c) fills which configuration key, and how. */
#ifndef SLMREPLAY_WORLD_REVEALS_H
#define SLMREPLAY_WORLD_REVEALS_H

#include <stddef.h>

#include "rsp_table.h"

enum kind {
	W_TEXT,		/* the field as it is */
	W_STAT,		/* 1 home, 5 roaming; other states reveal nothing */
	W_TIMER,	/* a granted PSM timer: not "11100000" (deactivated) */
	W_CID0,		/* only on the line of context 0 */
	W_CID0_IDLE,	/* context 0 before registration: what the host configured */
	W_CID0_UP,	/* context 0 while registered: what the network assigned */
	W_INDEX,	/* a signal index; 255 is unknown */
	W_OPER,		/* +COPS <oper>: the key follows <format> (0 long, 1 short, 2 PLMN) */
	W_TZ,		/* "yy/MM/dd,hh:mm:ss+zz": the zone, in quarter hours */
	W_HANDLE,	/* a socket opener's "<handle>,<type>,<protocol>" */
	W_BAND,		/* %XCBAND: "<band>", or "(<supported>,...)" of the test form */
	W_REJECT,	/* +CEREG <reject_cause>, when <stat> is 3 (denied) */
	W_HW_MODEL,	/* %HWVERSION "nRF9160 SICA B0A": the +CGMM model, "nRF9160-SICA" */
	W_HW_REV,	/* ... and the revision, "B0A" */
	W_MFW,		/* %SHORTSWVER "nrf9160_1.3.1": +CGMR's "mfw_nrf9160_1.3.1" */
	W_MFW_RELEASE,	/* +CGMR "mfw_nrf91x1_2.0.1" (%SHORTSWVER without "mfw_"): 2.0.1 */
	W_CONEVAL,	/* a %CONEVAL field, when the evaluation succeeded (<result> 0) */
	W_EF_ICCID,	/* +CRSM's EF_ICCID bytes: the ICCID, nibble-swapped */
	W_ADDR4,	/* context 0's IPv4 address in an address field */
	W_ADDR6,	/* ... its IPv6 one */
};

/* A field of a response or URC shape (rsp_table.c) that fills a key. */
struct reveal {
	const struct at_rsp *rsp;	/* its shape; a line of any shape of that prefix
					 * with the field name (+CEREG's read too) */
	const char *field;
	const char *key;		/* "network.tac" */
	enum kind kind;
};

extern const struct reveal world_reveals[];
extern const size_t world_n_reveals;

#endif
