/* What a command module sees: the table row it registers, the result codes
 * its handlers return, and the helpers that write the response. */
#ifndef SLMSIM_AT_CMD_H
#define SLMSIM_AT_CMD_H

#include "at_parser.h"

struct modem;

/* Where a command lives decides its framing (fact sheet 1.3): SLM's own
 * commands print "\r\n<line>\r\n" per line and "\r\nOK\r\n"; commands the
 * SLM forwards to the modem come back as "\r\n" + "<line>\r\n...OK\r\n". */
enum at_origin {
	AT_ORIGIN_SLM,
	AT_ORIGIN_MODEM,
};

#define AT_OK		0
#define AT_ERROR	(-1)
#define AT_PENDING	(-2)	/* the handler finishes later with modem_complete() */
#define AT_SILENT	(-3)	/* no final result (data mode entered, reset) */
#define AT_CME_BASE	(-10000)
#define AT_CME(n)	(AT_CME_BASE - (n))
#define AT_IS_CME(rc)	((rc) <= AT_CME_BASE)
#define AT_CME_CODE(rc)	(AT_CME_BASE - (rc))

typedef int (*at_handler)(struct modem *m, const struct at_cmd *cmd);

struct at_cmd_def {
	const char *name;	/* upper case with its separator: "+CFUN", "#XSLMVER" */
	enum at_origin origin;
	at_handler fn;
};

struct at_cmd_table {
	const char *module;
	const struct at_cmd_def *cmds;
	size_t count;
	/* Optional hooks. */
	int (*init)(struct modem *m, char *err, size_t errlen);
	void (*fini)(struct modem *m);
	void (*net_changed)(struct modem *m);	/* registration or radio changed */
};

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Information line of the current response. */
void at_info(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Raw response bytes, framed by nobody (AT#XCLAC prints "%s\r\n"). */
void at_raw(struct modem *m, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Logs why the command fails and returns rc, so handlers can
 * `return at_why(m, AT_CME(518), "...")`. */
int at_why(struct modem *m, int rc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Look a command up in the registered tables (case-insensitive name). */
const struct at_cmd_def *at_lookup(const char *name);
/* Every registered table, NULL-terminated. */
extern const struct at_cmd_table *const at_tables[];

#endif
