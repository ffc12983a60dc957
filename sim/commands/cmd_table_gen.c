/* Rows of the generations after NCS 1.8: a command a later SLM or the
 * Serial Modem added, or answers differently, is a row here in the set of
 * the generation that brought it (slm_generations.c lists the sets each
 * profile searches, newest first, before the NCS 1.8 table). */
#include "cmd_generic.h"
#include "cmd_table.h"

#define SM02 "SM v0.2.0"

static const struct at_cmd_def sm02[] = {
	{ .name = "#XSMVER", .origin = AT_ORIGIN_SLM, .set = xsmver_set, .since = SM02,
	  .summary = "Serial Modem version and the NCS it is built on" },
};

const struct slm_rows rows_sm02 = { .rows = sm02, .n = ARRAY_SIZE(sm02) };
