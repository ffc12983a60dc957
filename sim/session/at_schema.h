/* A row's parameter schema: the set form's parameters by name, type, range
 * and role.  The dispatcher checks a command against it before the handler
 * runs, as the SLM's handlers check what the NCS at_cmd_parser typed (an
 * integer getter refuses a string, a string getter an integer or an empty
 * parameter); handlers then read typed values that cannot fail, and
 * slmreplay finds the host, port, sec_tag... of a logged line by role. */
#ifndef SLMSIM_AT_SCHEMA_H
#define SLMSIM_AT_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct at_cmd;
struct modem;

enum at_ptype {
	AT_P_INT,	/* a decimal integer in [lo, hi] (and in `only`, when set) */
	AT_P_STR,	/* a double-quoted string of at most max_len characters */
	AT_P_TEXT,	/* a string quoted or not: the modem's own parser takes both */
	AT_P_ANY,	/* a quoted string, or an integer the handler reads (a shifted
			 * list such as #XMQTTPUB's) */
	AT_P_LATE,	/* declared for its name and role; the handler checks it (its
			 * place or meaning depends on others) */
	AT_P_DEPENDS,	/* read as `cases` say, by the value of the earlier parameter
			 * `on` (#XGPIO's <value> is read for a write only) */
};

/* Whether a parameter may be left out. */
enum at_popt {
	AT_REQ,		/* present and of its type */
	AT_OPT,		/* empty or absent is fine */
	AT_OPT_END,	/* the line may end before it, but an empty one fails */
	AT_TRY,		/* read only when of its type, else passed over: a getter whose
			 * failure the SLM ignores (#XSLMUART's); an integer's type is
			 * lo..hi (the getter's: 0..UINT16_MAX for an unsigned short),
			 * its allowed values `only` or `vals` */
};

/* What a parameter is to the world around the modem. */
enum at_role {
	AT_R_NONE,
	AT_R_OP,	/* the operation; forms are chosen by its value */
	AT_R_HOST,	/* a destination host name or address */
	AT_R_PORT,
	AT_R_SEC_TAG,	/* credentials it uses or writes */
	AT_R_CRED_TYPE,	/* %CMNG's <type> */
	AT_R_CONTENT,	/* a credential's content */
	AT_R_KEY_TYPE,	/* %KEYGEN's <key_type> */
	AT_R_KEY_FORMAT,	/* %KEYGEN's <format>: 0 CSR */
	AT_R_SOCK_TYPE,	/* an opener's socket type */
	AT_R_USER,	/* a log-in the peer checks */
	AT_R_PASSWORD,
	AT_R_CLIENT_ID,	/* MQTT client id */
	AT_R_TOPIC,	/* MQTT topic or filter */
	AT_R_QOS,
	AT_R_RETAIN,
	AT_R_PAYLOAD,	/* bytes sent to the peer */
	AT_R_TIMEOUT,
	AT_R_COUNT,
	AT_R_PAYLOAD_LEN,	/* bytes that follow in data mode (#XHTTPCREQ's body) */
};

/* A value set of small integers for at_param_def.only. */
#define AT_BIT(n) (UINT64_C(1) << (n))

struct at_param_def;

/* One case of an AT_P_DEPENDS parameter: while the parameter it depends on
 * is in [lo, hi], it is read as def says. */
struct at_param_case {
	int64_t lo, hi;
	const struct at_param_def *def;
};

struct at_param_def {
	const char *name;	/* as the docs write it: "port" for <port> */
	uint8_t type;		/* enum at_ptype */
	uint8_t role;		/* enum at_role */
	uint8_t opt;		/* enum at_popt */
	bool nonempty;		/* a string that must not be "" */
	int64_t lo, hi;		/* an integer's range */
	uint64_t only;		/* AT_BIT() set of the allowed values 0..63; 0: any in range */
	uint16_t max_len;	/* a string's most characters; 0: no limit */
	uint8_t bits;		/* a string of exactly this many 0s and 1s (a GPRS timer,
				 * an eDRX value); 0: any characters */
	bool quoted;		/* with bits: only a quoted string (AT_P_TEXT takes a bare one) */
	const char *why;	/* the explanation when it fails; NULL: derived (strings) or
				 * the form's usage */
	const char *why_value;	/* when an integer is not in `only` or `vals`, or out of
				 * range when value_fmt is set and `only` is not;
				 * a string not in `words`; NULL: why */
	bool value_fmt;		/* why_value is a format with one %lld: the value */
	const int64_t *vals;	/* an integer's allowed values (any size), n_vals of them;
				 * NULL: lo..hi (and only) */
	uint8_t n_vals;
	const char *const *words;	/* a string's allowed values, matched without case
					 * (at_word() gives the index), n_words of them */
	uint8_t n_words;
	bool bits_max;		/* with bits: 1..bits characters, not exactly bits */
	bool min_prev;		/* an integer at least the parameter before it (a range's
				 * upper end) */
	uint8_t on;		/* AT_P_DEPENDS: the earlier parameter that decides */
	const struct at_param_case *cases;	/* AT_P_DEPENDS: none matching: not read */
	uint8_t n_cases;
};

/* Declarations of parameters: AT_INT("port", AT_R_PORT, 0, 65535, .why = ...). */
#define AT_INT(n, r, l, h, ...) \
	{ .name = (n), .type = AT_P_INT, .role = (r), .lo = (l), .hi = (h), __VA_ARGS__ }
#define AT_STR(n, r, max, ...) \
	{ .name = (n), .type = AT_P_STR, .role = (r), .max_len = (max), __VA_ARGS__ }
#define AT_BITS(n, r, nbits, ...) \
	{ .name = (n), .type = AT_P_TEXT, .role = (r), .bits = (nbits), __VA_ARGS__ }
#define AT_LATE(n, r) { .name = (n), .type = AT_P_LATE, .role = (r) }
/* An integer of a list: AT_VALS("baud_rate", AT_R_NONE, bauds, ...). */
#define AT_VALS(n, r, list, ...) \
	{ .name = (n), .type = AT_P_INT, .role = (r), .vals = (list), \
	  .n_vals = sizeof(list) / sizeof((list)[0]), __VA_ARGS__ }
/* A string of a list: AT_WORDS("PDP_type", AT_R_NONE, types, ...). */
#define AT_WORDS(n, r, list, ...) \
	{ .name = (n), .type = AT_P_TEXT, .role = (r), .words = (list), \
	  .n_words = sizeof(list) / sizeof((list)[0]), __VA_ARGS__ }
/* Read by the value of parameter o: AT_DEPENDS("value", AT_R_NONE, 0, cases). */
#define AT_DEPENDS(n, r, o, list) \
	{ .name = (n), .type = AT_P_DEPENDS, .role = (r), .on = (o), .cases = (list), \
	  .n_cases = sizeof(list) / sizeof((list)[0]) }

/* What the handler sees of a form whose parameters were checked. */
typedef int (*at_guard)(struct modem *m, const struct at_cmd *cmd);
/* The SLM keeps parameters as it reads them: on a failed check the row's
 * hook gets the count of leading parameters that were good. */
typedef void (*at_keep)(struct modem *m, const struct at_cmd *cmd, size_t good);

/* One shape of the set form.  A row with several forms chooses by the value
 * of parameter 0 (its <op>), which is checked first against forms[0].p[0]. */
struct at_form {
	int64_t op_lo, op_hi;	/* values of <op> that select it (several forms only) */
	const struct at_param_def *p;
	uint8_t n;		/* parameters declared */
	uint8_t min_count, max_count;	/* counted parameters; 0,0: not counted (the
					 * SLM ignores extras) */
	const char *count_why;	/* when the count is outside them; NULL: usage */
	const char *usage;	/* "expected AT#X=..." for failures without a why */
	at_guard guard;		/* a state check the SLM makes before the parameters
				 * after <op> (a socket already open...) */
	at_keep keep;
	/* A group of n_rep parameters after the n fixed ones, repeated as many
	 * times as parameter rep_count says (%XMAGPIO's frequency ranges); the
	 * count and the total are checked first (count_why, else usage). */
	const struct at_param_def *rep;
	uint8_t n_rep, rep_count;
	/* A failing parameter without a why: "<usage> (parameter N <pos_why>)". */
	const char *pos_why;
};

/* The NCS at_cmd_parser (v1.8) drops a trailing empty parameter: "a,1,"
 * has two.  A profile or row that parses so sets this. */
#define AT_S_DROP_TRAILING_EMPTY (1u << 0)
/* The =? text is `test` followed by the value sets of the first form's
 * parameters: "(1200,2400),(0,1)". */
#define AT_S_TEST_SETS (1u << 1)

struct at_schema {
	const struct at_form *forms;
	uint8_t n_forms;
	unsigned flags;		/* AT_S_* */
	const char *test;	/* the =? form's text */
};

/* Applies the schema's parse rules to cmd (the trailing empty parameter),
 * chooses its form and checks it.  0 when good (cmd->form set), else the
 * result code with the explanation in why ("" when a guard has logged its
 * own). */
int at_schema_check(const struct at_schema *s, struct at_cmd *cmd, struct modem *m,
		    char *why, size_t whylen);
/* The form line would use, by the value of its <op>; NULL when none. */
const struct at_form *at_schema_form(const struct at_schema *s, const struct at_cmd *cmd);
/* The =? form's text of s (buf holds it when it is made); NULL: none. */
const char *at_schema_test(const struct at_schema *s, char *buf, size_t len);
/* Position of the first parameter of role in any form of s; -1 none. */
int at_schema_role(const struct at_schema *s, enum at_role role);

/* Typed values of a checked command; absent optional parameters read as
 * 0 and "". */
int64_t at_arg_int(const struct at_cmd *cmd, size_t i);
const char *at_arg_str(const struct at_cmd *cmd, size_t i, size_t *len);
bool at_arg_has(const struct at_cmd *cmd, size_t i);
/* The same by the schema's name: at_int(cmd, "port"). */
int64_t at_int(const struct at_cmd *cmd, const char *name);
const char *at_str(const struct at_cmd *cmd, const char *name);
/* Whether the parameter is given and of its type (an AT_TRY one may not be). */
bool at_has(const struct at_cmd *cmd, const char *name);
/* The index in `words` of a string of a list; -1 when absent. */
int at_word(const struct at_cmd *cmd, const char *name);

#endif
