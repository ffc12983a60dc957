/* The command table: every emulated AT command is one row (at_cmd.h), and
 * every layer that needs to know about commands asks here: the dispatcher
 * for handlers, slmsim for --list-commands, slmreplay for what a logged
 * command implies (at_cmd_facts). */
#ifndef SLMSIM_CMD_TABLE_H
#define SLMSIM_CMD_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "at_cmd_def.h"
#include "at_term.h"
#include "slm_profiles.h"

/* A module that keeps per-modem state for its commands. */
struct cmd_module {
	const char *name;
	int (*init)(struct modem *m, char *err, size_t errlen);
	void (*fini)(struct modem *m);
	void (*net_changed)(struct modem *m);	/* registration or radio changed */
	/* slm_at_uninit(): #XRESET and #XSLEEP=0/1 stop the SLM's services
	 * before the power change, in table order; they may still answer. */
	void (*uninit)(struct modem *m);
	/* After a boot's "Ready" (slm_at_host_init()'s end). */
	void (*booted)(struct modem *m);
};

extern const struct at_cmd_def at_commands[];
extern const struct cmd_module cmd_modules[];	/* ends with a NULL name */
/* Every row, for the profiles to pick from (slm_profiles.c). */
extern const struct slm_rows at_table;

/* What one logged command line implies for the world around the modem. */
struct at_cmd_facts {
	const struct at_cmd_def *def;	/* NULL: not an emulated command */
	bool set;			/* the set form (=...) */
	bool read;			/* the read form (?) */
	bool needs_registration;
	bool blocking;
	bool opens_socket;		/* a later connect uses this socket */
	bool has_sec_tag;
	uint32_t sec_tag;		/* credentials the command uses */
	bool cred_write;		/* writes sec_tag's credential of cred_type */
	bool key_made;			/* makes sec_tag's private key in the modem */
	bool key_csr;			/* ... and answers with a CSR for it */
	int cred_type;
	const char *host;		/* destination, when it connects somewhere */
	int port;
	enum at_peer peer;		/* who is at host:port */
	char host_buf[129];
	bool closes_socket;		/* an opener's <op> 0 */
	int sock_type;			/* an opener's type: 1 stream, 2 datagram; 0 */
	bool receives;			/* answers with the peer's bytes */
	bool subscribes;		/* topic is a filter the session now receives */
	bool has_data;			/* sends data */
	bool enters_datamode;		/* a sender without data: the payload follows raw */
	size_t datamode_len;		/* ... that many bytes, then data mode ends by itself;
					 * 0: until "+++" */
	size_t data_len;
	char data[1300];		/* SLM's longest: 1252 characters */
	char user[129], password[129];	/* the log-in it gives ("" none) */
	char topic[257], client_id[129];	/* MQTT ("" none) */
	bool retain;			/* an MQTT publish the broker keeps */
};

/* Facts of line (a whole command, "AT...") under profile p; false when it
 * does not parse.  Parameters are found by their schema's roles. */
bool at_cmd_facts_of(const struct slm_profile *p, const char *line, struct at_cmd_facts *f);
/* The same under the default profile. */
bool at_cmd_facts(const char *line, struct at_cmd_facts *f);
/* Whether the row's schema has a parameter of role (AT_R_PAYLOAD: it sends
 * bytes to its peer). */
bool at_cmd_role(const struct at_cmd_def *d, enum at_role role);

enum at_list_style {
	AT_LIST_TEXT,		/* one line a command */
	AT_LIST_MARKDOWN,	/* docs/commands.md */
	AT_LIST_FIDELITY,	/* docs/fidelity.md: the SLM's whole surface, emulated or not */
	AT_LIST_GENERATIONS,	/* docs/generations.md: every later profile against NCS 1.8 */
};

/* The table as text; false for an unknown style name. */
bool at_cmd_list_style(const char *name, enum at_list_style *style);
void at_cmd_list(const struct slm_profile *p, FILE *out, enum at_list_style style);
/* The generations' table (cmd_docs_gen.c): what differs from NCS 1.8. */
void at_cmd_list_generations(FILE *out);

#endif
