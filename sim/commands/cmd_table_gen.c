/* Rows of the generations after NCS 1.8: a command a later SLM or the
 * Serial Modem added, or answers differently, is a row here in the set of
 * the generation that brought it (slm_generations.c lists the sets each
 * profile searches, newest first, before the NCS 1.8 table). */
#include "cmd_generic.h"
#include "cmd_slm.h"
#include "cmd_table.h"

#define SLM20 "SLM 2.0.0"
#define SLM23 "SLM 2.3.0"
#define SLM25 "SLM 2.5.0"
#define SM02 "SM v0.2.0"

static const struct at_cmd_def v20[] = {
	{ .name = "#XSLEEP", .origin = AT_ORIGIN_SLM, .set = xsleep20_set,
	  .schema = &xsleep20_schema, .since = SLM20,
	  .summary = "1 sleep (a wake-up is a cold boot), 2 idle (the UART off): input is lost "
		     "until SIGUSR1, then Ready and what came meanwhile (1024 B)",
	  .limits = "no power states: a pty has no GPIO, SIGUSR1 stands for the wake-up pin" },
};

/* Profile C has #XSHUTDOWN from 2.3 on (its 'added' list). */
static const struct at_cmd_def v21[] = {
	{ .name = "#XSHUTDOWN", .origin = AT_ORIGIN_SLM, .set = xshutdown_set, .since = SLM23,
	  .summary = "OK, then System Off with the wake-up pin disconnected: only a reset "
		     "(slmctl reset) boots it",
	  .limits = "SIGUSR1 does not wake it, as the pin does not on the board" },
};

static const struct at_cmd_def v25[] = {
	{ .name = "#XMODEMRESET", .origin = AT_ORIGIN_SLM, .set = xmodemreset_set, .since = SLM25,
	  .summary = "the modem library restarted: #XMODEMRESET: 0; the modem's volatile state "
		     "gone (CFUN 0, +CEREG/+CMEE reporting off), the SLM's kept",
	  .limits = "never fails (no <step>,<err> answer); open sockets are not closed" },
};

static const struct at_cmd_def sm02[] = {
	{ .name = "#XSMVER", .origin = AT_ORIGIN_SLM, .set = xsmver_set, .since = SM02,
	  .summary = "Serial Modem version and the NCS it is built on" },
	{ .name = "E0", .origin = AT_ORIGIN_SLM, .set = ate_set, .since = SM02,
	  .summary = "echo off (the default)" },
	{ .name = "E1", .origin = AT_ORIGIN_SLM, .set = ate_set, .since = SM02,
	  .summary = "echo on: every byte the host sends comes back as read, a command's "
		     "echo cut at 4096 bytes" },
};

const struct slm_rows rows_v20 = { .rows = v20, .n = ARRAY_SIZE(v20) };
const struct slm_rows rows_v21 = { .rows = v21, .n = ARRAY_SIZE(v21) };
const struct slm_rows rows_v25 = { .rows = v25, .n = ARRAY_SIZE(v25) };
const struct slm_rows rows_sm02 = { .rows = sm02, .n = ARRAY_SIZE(sm02) };
