/* Response and URC shapes: every information line and URC the emulator
 * writes is declared once (sim/commands/rsp_table.c) with its prefix, its
 * fields by name, what causes it and whether it is solicited.  Handlers
 * write through at_reply(); slmreplay classifies a log's lines and reads
 * their values by field name from the same declarations. */
#ifndef SLMSIM_AT_RSP_H
#define SLMSIM_AT_RSP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct modem;

enum at_rsp_kind {
	AT_RSP_ANSWER,		/* an information line of a command's response */
	AT_RSP_URC,		/* a modem URC: the SLM drops it in data mode */
	AT_RSP_SLM_URC,		/* the SLM's own URC: written whatever the mode */
};

struct at_rsp {
	const char *prefix;	/* "+CEREG"; "" for a bare line (+CIMI's IMSI) */
	const char *fields;	/* names in order, comma-separated: "stat,tac,ci,act" */
	uint8_t kind;		/* enum at_rsp_kind */
	const char *answers;	/* ANSWER: the command whose response holds it */
	const char *subscribe;	/* URC: the command whose set form turns it on */
	const char *cause;	/* URC: a command whose set form makes it come ("+CFUN") */
	uint8_t lines_after;	/* raw lines that follow it (#XMQTTMSG: topic, payload) */
};

/* "<prefix>: <fields>" (fields formatted from fmt) as r's kind says: an
 * information line of the running command, or a URC. */
void at_reply(struct modem *m, const struct at_rsp *r, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Position of field name in r (0-based); -1 when r has none. */
int at_rsp_field_index(const struct at_rsp *r, const char *name);
/* The text after "<prefix>: " of line, or line itself for a bare shape. */
const char *at_rsp_values(const struct at_rsp *r, const char *line);
/* Field name of a line of shape r (its prefix first, unless r is bare),
 * quotes removed, into out; false when the line is of another shape or has
 * no such field. */
bool at_rsp_field(const struct at_rsp *r, const char *line, const char *name, char *out,
		  size_t len);
/* Whether line starts with r's "<prefix>:". */
bool at_rsp_is(const struct at_rsp *r, const char *line);
/* Field name of a line of shape r (its prefix first, unless r is bare) as a
 * decimal integer into out; false when the line is of another shape, has no
 * such field or the field is not a number (a quoted one is a string). */
bool at_rsp_int(const struct at_rsp *r, const char *line, const char *name, int64_t *out);

#endif
