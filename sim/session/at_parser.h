/* Grammar check and parameter split of one AT command line.
 * Shapes accepted (SLM v1.8 cmd_grammar_check): AT, AT<sep><body>,
 * AT<sep><body>=, AT<sep><body>?, AT<sep><body>=?, AT<sep><body>=<params>
 * with <sep> one of + % # and <body> one or more alphanumerics. */
#ifndef SLMSIM_AT_PARSER_H
#define SLMSIM_AT_PARSER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define AT_MAX_PARAMS 42	/* CONFIG_SLM_AT_MAX_PARAM */
#define AT_MAX_NAME 32

enum at_mode {
	AT_MODE_ACTION,	/* AT+X */
	AT_MODE_SET,	/* AT+X=... (also AT+X= with no parameter) */
	AT_MODE_READ,	/* AT+X? */
	AT_MODE_TEST,	/* AT+X=? */
};

enum at_param_type {
	AT_PARAM_EMPTY,	/* nothing between two commas */
	AT_PARAM_INT,	/* decimal integer, optional sign */
	AT_PARAM_STR,	/* double-quoted string (no escapes: it ends at the next quote) */
	AT_PARAM_RAW,	/* anything else unquoted */
};

struct at_param {
	enum at_param_type type;
	int64_t ival;
	const char *str;	/* NUL-terminated, points into at_cmd.store */
	size_t len;
};

struct at_form;

struct at_cmd {
	char name[AT_MAX_NAME];	/* upper-cased, e.g. "+CFUN", "#XSLMVER", "" for AT */
	enum at_mode mode;
	size_t nparams;
	struct at_param params[AT_MAX_PARAMS];
	char *store;		/* owned copy of the parameter text */
	const struct at_form *form;	/* the schema form it was checked against */
};

enum at_parse_err {
	AT_PARSE_OK = 0,
	AT_PARSE_NOT_AT,	/* does not start with AT */
	AT_PARSE_GRAMMAR,	/* fails the SLM grammar check */
	AT_PARSE_BINARY,	/* NUL inside the command */
	AT_PARSE_NAME_LONG,
	AT_PARSE_TOO_MANY,	/* more than AT_MAX_PARAMS parameters */
	AT_PARSE_QUOTE,		/* unterminated quote or text after a closing quote */
	AT_PARSE_NOMEM,
};

/* Parses line[0..len) into cmd; returns an at_parse_err.  On success free
 * the command with at_cmd_free(). */
int at_cmd_parse(struct at_cmd *cmd, const char *line, size_t len);
void at_cmd_free(struct at_cmd *cmd);
/* The NCS parser's parameter after a trailing comma is never stored:
 * "a,1," has two parameters (at_parse_param skips the comma). */
void at_cmd_drop_trailing_empty(struct at_cmd *cmd);
const char *at_parse_strerror(int err);

/* Typed access; they return 0, or -1 when absent or of another type. */
int at_param_int(const struct at_cmd *cmd, size_t i, int64_t *out);
int at_param_int_range(const struct at_cmd *cmd, size_t i, int64_t lo, int64_t hi, int64_t *out);
int at_param_str(const struct at_cmd *cmd, size_t i, const char **s, size_t *len);
bool at_param_present(const struct at_cmd *cmd, size_t i);
/* A string quoted or not: the modem's own parser takes both
 * (AT+CGDCONT=1,IP,apn.name). */
int at_param_text(const struct at_cmd *cmd, size_t i, const char **s, size_t *len);

#endif
