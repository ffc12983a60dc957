/* The script model of a log: what to send when, and what must come back
 * (responses in order, URCs within a window after their cause, network
 * events to drive), plus the set-up a log assumes (credentials it never
 * wrote, a registration it started after, host names to map). */
#ifndef SLMREPLAY_SCRIPT_H
#define SLMREPLAY_SCRIPT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log_parser.h"
#include "broker_kind.h"
#include "scenario.h"

struct at_cmd;

enum step_role {
	ROLE_SEND,
	ROLE_RESPONSE,		/* information line of the pending command */
	ROLE_FINAL,		/* OK / ERROR / +CME ERROR of the pending command */
	ROLE_URC,		/* caused by an earlier command or session */
	ROLE_NET_EVENT,		/* a +CEREG no command caused: the network did it */
	ROLE_BOOT,		/* "Ready" */
};

struct step {
	enum step_role role;
	const struct log_event *ev;
	int cause;		/* SEND step index, -1 none */
	char *send;		/* ROLE_SEND: the bytes to send, credentials filled */
	bool raw;		/* ROLE_SEND in data mode: sent without a line end */
	bool ends_datamode;	/* raw: the "+++" that ends it, no payload */
	/* ROLE_SEND, not raw: what send implies, parsed once when the script
	 * is built; NULL when it does not parse (or raw, or not a SEND). */
	const struct at_cmd_facts *facts;
	/* The same send's name and parameters, parsed once with it; NULL
	 * where facts is. */
	const struct at_cmd *cmd;
	char note[768];		/* what was filled or inferred */
	int net_stat;		/* ROLE_NET_EVENT */
	bool optional;		/* tolerated by a scenario rule */
	bool fresh;		/* answers a command whose output the modem makes anew */
	int csr_from;		/* a client certificate for the CSR of this %KEYGEN step; -1 */
	/* An #XMQTTMSG no publish of the host explains: another client sends
	 * it into the broker at its log time. */
	bool inject;
	const char *topic, *payload;	/* the event texts of its two lines */
	char topic_buf[257];		/* a topic made from a subscription's filter */
	/* An #XMQTTEVT: 1 the host did not ask for: another client takes the
	 * session over (same client id), and the broker drops the modem. */
	bool takeover;
	char client_id[129];
	/* What the local peer says for the same thing where it cannot say
	 * what the log shows (NULL: only the log's text). */
	const char *alt;
	/* ROLE_SEND: the log shows no final result for it before the next
	 * command or its end; the target's answer is consumed, not judged. */
	bool unanswered;
};

struct host_map {
	char host[129];
	int port;
	enum broker_kind kind;	/* which of the local broker's listeners */
	bool socket;		/* a socket's peer (#XCONNECT, #XSENDTO), not a broker */
	bool fails;		/* a plain broker every connect to which the log shows failing */
	bool unresolved;	/* a name the log shows the modem's DNS failing on */
};

struct script {
	struct step *steps;
	size_t n;
	int64_t t0;
	/* set-up before the log's first event */
	uint32_t unwritten_tags[16];
	uint8_t unwritten_types[16];	/* bit per %CMNG type to write; 0: a working set */
	size_t n_unwritten;
	bool needs_registration;
	int cereg_n;		/* -1: leave the subscription alone */
	struct host_map hosts[16];
	size_t n_hosts;
	char *logins;		/* "user:password\n" the log shows accepted */
	char unresolved[8][129];	/* names whose look-up the log shows failing */
	size_t n_unresolved;
	char resolved[8][129];	/* names a command without a peer uses and the log shows working */
	size_t n_resolved;
	bool retains;		/* publishes a retained message: the broker keeps state */
	/* The log records the link and shows no line of the modem: anything the
	 * target answers shows the real link was dead (judgeable.c). */
	bool dead_link;
	char dead_link_hint[160];	/* what the log says of the link's settings */
	/* No SLM command (#X...), no data mode and no "Ready": an application
	 * on the modem library wrote it; judged without the SLM layer. */
	bool modem_only;
	char **notes;		/* what was inferred, for the transcript */
	size_t n_notes;
};

int script_build(struct script *sc, const struct replay_log *log, const struct scenario *s,
		 const char *certs_dir, char *err, size_t errlen);
void script_free(struct script *sc);
/* Adds a note to a list of notes (script_base.c). */
void notes_vadd(char ***notes, size_t *n, const char *fmt, va_list ap);
/* Adds a note (what was inferred) to the transcript's head. */
void script_note(struct script *sc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* What the broker side does in the log (script_broker.c): messages other
 * clients publish, disconnects the host did not ask for.  script_build()
 * calls it last, so the steps it returns are complete and never change. */
void script_broker_events(struct script *sc);
struct at_cmd_facts;
/* script_hosts.c: the hosts, log-ins, names and sec_tags a logged command
 * implies; true when the command talks to the network. */
struct logged_facts;
bool script_scan_send(struct script *sc, const struct logged_facts *lf, const struct scenario *s,
		      const struct log_event *ev, const struct at_cmd_facts *f, bool *secure_socket,
		      uint32_t *socket_tag);
/* Notes what each host goes to, once the whole log is read. */
void script_hosts_note(struct script *sc, const struct scenario *s);
/* The final result the log shows for the SEND at step i ("": none). */
const char *script_final_of(const struct script *sc, size_t i);
/* A final result code line: OK, ERROR, +CME ERROR: <n> or +CMS ERROR: <n>. */
bool script_is_final(const char *line);
/* The integer a SEND step gives as its first parameter (a radio command's
 * <fun>), from the step's parsed command; -1 when it gives none. */
int64_t script_first_int(const struct step *st);

#endif
