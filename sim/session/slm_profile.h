/* What one SLM generation is on the wire, as data (like tls_profile.h is for
 * a modem firmware): the rows it has, its #XCLAC list, framing, data mode,
 * limits and URC policy.  Handlers and the line engine read these values
 * and never name a version.  Adding a generation is a profile: new rows
 * for the commands it answers differently, the shared ones by reference. */
#ifndef SLMSIM_SLM_PROFILE_H
#define SLMSIM_SLM_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "at_cmd_def.h"
#include "at_term.h"
#include "config.h"

/* A release number, compared as numbers ("2.10" comes after "2.9"). */
struct slm_version {
	uint16_t major, minor, patch;
};

/* The numbering a version belongs to: NCS tags for the SLM application,
 * the add-on's own tags for the Serial Modem (SM v0.1.0 is NCS 2.6-3.1). */
enum slm_line { SLM_LINE_NCS, SLM_LINE_SM };

/* Releases [from, to) of one line. */
struct slm_range {
	enum slm_line line;
	struct slm_version from, to;	/* to {0}: no end yet */
};

/* What a generation does differently, asked by handlers and the engine
 * instead of a version number.  A profile lists those it has, each from
 * the release of its range that brought it. */
enum slm_feature {
	SLM_FEAT_VERSION_LIBMODEM,	/* #XSLMVER: "<ncs>","<libmodem>" (2.3-3.1) */
	SLM_FEAT_VERSION_CUSTOMER,	/* ... ,"<customer>" when modem.slm_customer is set (2.6+) */
	SLM_FEAT_INIT_ERROR,		/* "INIT ERROR" instead of Ready when init fails (3.1+) */
	SLM_FEAT_CME_FROM_SLM,		/* an SLM command's modem error is +CME ERROR: <n> (3.1+) */
	SLM_FEAT_DATAMODE_URC,		/* modem.datamode_urc: "#XDATAMODE: <sent>" per send (2.2+) */
	SLM_FEAT_NO_DATAMODE_URC,	/* ... that option gone again (SM v1.0+) */
	SLM_FEAT_DM_OVERFLOW,		/* a datagram (UDP, MQTT) over a full data-mode buffer: NULL mode (2.5+) */
	SLM_FEAT_PROXY_QUIT,		/* a proxy leaving data mode itself sends "+++" to the host (2.7+) */
	SLM_FEAT_MQTT_RX_STREAM,	/* incoming payloads streamed, no 576-byte limit (2.0+) */
	SLM_FEAT_MQTT_RX_PUBACK,	/* PUBACK for an incoming QoS 1 message (2.0+) */
	SLM_FEAT_MQTT_RX_PUBREC,	/* PUBREC for an incoming QoS 2 message (2.6+) */
	SLM_FEAT_MQTT_PUB_1024,		/* #XMQTTPUB's inline <msg> buffer: 1024 bytes, not 256 (2.3+) */
	SLM_FEAT_MQTT_SM_CLIENT_ID,	/* default MQTT client id sm_default_client_id (SM) */
	SLM_FEAT_SM_DATAMODE_BREAK,	/* a socket error in data mode: the SM sends +++ (SM 0.3+) */
	SLM_FEAT_SM_HEX_LOWER,		/* hex data in lower case, bin2hex (SM 1.0+) */
	SLM_FEAT_GETADDRINFO_FAMILY,	/* #XGETADDRINFO=<host>[,<family>] (2.8+) */
	SLM_FEAT_SEND_FLAGS,		/* #XSEND/#XSENDTO <flags>, empty <data> = data mode (3.1) */
	SLM_FEAT_COUNT
};

struct slm_feature_from {
	enum slm_feature feature;
	struct slm_version from;	/* {0}: the whole range */
};

/* What AT#XCLAC prints from a release on, when it changed inside a
 * profile's range (2.7 lists the modem library's custom commands). */
struct slm_clac {
	struct slm_version from;
	bool crlf_first;		/* "\r\n" before the first name */
	const char *const *names;	/* NULL-terminated; NULL ends the array */
};

/* A command a generation gained inside its range (#XSHUTDOWN in 2.3). */
struct slm_row_from {
	const char *name;
	struct slm_version from;
};

/* From release sm on, the Serial Modem is built on NCS 'ncs' (#XSMVER's
 * second field). */
struct slm_pin {
	struct slm_version sm;
	const char *ncs;
};

/* A run of rows, in the order the SLM matches them (its table order). */
struct slm_rows {
	const struct at_cmd_def *rows;
	size_t n;
};

enum slm_empty_line {
	SLM_EMPTY_ERROR,	/* the grammar check fails: ERROR (1.8-2.4) */
	SLM_EMPTY_IGNORED,	/* no output at all (2.5+, SM) */
};

enum slm_urc_timing {
	SLM_URC_AT_ONCE,	/* written when raised, even inside a response (SLM) */
	SLM_URC_AFTER_RESPONSE,	/* held until the running command has answered (SM 0.2+) */
};

enum slm_urc_datamode {
	SLM_URC_DM_DROP,	/* modem URCs in data mode are lost (SLM) */
	SLM_URC_DM_HOLD,	/* kept until data mode ends (SM 0.2+) */
};

struct slm_framing {
	enum at_term term;		/* the default of modem.terminator */
	bool echo;			/* the command line comes back before its answer */
	bool blank_before_modem_final;	/* "\r\n" before a modem OK that follows lines (2.0+) */
	enum slm_empty_line empty_line;
	bool skip_to_at;		/* bytes before a line's first "AT" are skipped (2.5+) */
	bool busy_keep;			/* the default of modem.busy_input: keep, else drop */
	/* The SLM's parser (NCS at_cmd_parser) never stores the parameter after
	 * a trailing comma: AT#XMQTTSUB="t",1, has two.  SLM commands only: the
	 * modem parses its own. */
	bool drop_trailing_empty;
};

/* When what the host sends in data mode goes to the service. */
enum slm_dm_cut {
	SLM_DM_CUT_CHUNK,	/* each UART receive event, or at #XDATACTRL's limit if set (1.8) */
	SLM_DM_CUT_TIME,	/* when the line was quiet the time limit; 0: the minimum (1.9-2.4) */
	SLM_DM_CUT_TIME_OR_FULL,	/* ... or when the buffer is full (2.5+) */
};

/* Where the escape ("+++") ends data mode. */
enum slm_dm_quit_at {
	SLM_DM_QUIT_ALONE,	/* a receive event of exactly it, silence_ms before and after (1.8) */
	SLM_DM_QUIT_AT_END,	/* at the end of what the time limit gathered (1.9-2.4) */
	SLM_DM_QUIT_ANYWHERE,	/* anywhere, even split; what follows is commands (2.5+) */
};

/* What the host reads when data mode ends. */
enum slm_dm_answer {
	SLM_DM_ANSWER_OK,	/* "OK" (1.8-2.0) */
	SLM_DM_ANSWER_ZERO,	/* "#XDATAMODE: 0" (2.1-2.4) */
	SLM_DM_ANSWER_RESULT,	/* "#XDATAMODE: <result>" (2.5-3.1) */
	SLM_DM_ANSWER_SIGN,	/* "#XDATAMODE: 0", or -1 after an error (SM) */
};

/* A data-mode send the service fails. */
enum slm_dm_send_fail {
	SLM_DM_FAIL_ERROR,	/* "ERROR" and data mode ends (1.8) */
	SLM_DM_FAIL_EXIT,	/* data mode ends with its usual answer (1.9-2.4) */
	SLM_DM_FAIL_STAY,	/* the bytes are dropped, data mode goes on (2.5+) */
};

/* A service ending data mode itself (a proxy's peer gone, HTTP done). */
enum slm_dm_service_exit {
	SLM_DM_SVC_MODES,	/* at once, by the service's mode: OK, ERROR or "#XDATAMODE: 0" (1.8-2.0) */
	SLM_DM_SVC_RESULT,	/* at once: "#XDATAMODE: <result>" (2.1-2.4) */
	SLM_DM_SVC_NULL_MODE,	/* input dropped until the host's escape, then the answer (2.5+) */
};

/* AT#XDATACTRL=0. */
enum slm_dm_ctrl_zero {
	SLM_DM_ZERO_OFF,	/* accepted: no time limit (1.8) */
	SLM_DM_ZERO_ERROR,	/* refused (1.9) */
	SLM_DM_ZERO_MIN,	/* accepted: the minimum at the next entry (2.0+) */
};

struct slm_datamode_rules {
	bool entry_ok;			/* the entering command answers OK (2.1+) */
	const char *quit;		/* the escape: "+++" */
	int silence_ms;			/* silence before and after it; 0: none needed */
	size_t rx_chunk;		/* bytes per UART receive event (one send each in 1.8) */
	size_t buffer;			/* bytes buffered before a send */
	enum slm_dm_cut cut;
	enum slm_dm_quit_at quit_at;
	enum slm_dm_answer answer;
	enum slm_dm_send_fail send_fail;
	enum slm_dm_service_exit service_exit;
	enum slm_dm_ctrl_zero ctrl_zero;
};

struct slm_limits {
	size_t max_cmd_len;		/* longest command line, its terminator excluded */
	size_t echo_max;		/* a command's echo is cut here (CONFIG_SM_AT_ECHO_MAX_LEN) */
};

struct slm_urc_policy {
	enum slm_urc_timing timing;
	enum slm_urc_datamode in_datamode;
	/* Output kept while #XSLEEP has the UART off and sent after Ready on
	 * the wake-up (2.0+: the 1024 B delayed_rb); 0: lost (1.8, 1.9). */
	size_t asleep_keep;
};

struct slm_profile {
	const char *name;		/* "ncs-1.8" */
	const char *label;		/* "SLM v1.8": how the emulator's explanations name it */
	const char *summary;
	/* The releases it stands for: its own line first (the numbering its
	 * features and added rows use), then one wire-identical range of the
	 * other line (SM v0.1.0 is NCS 3.1.99's SLM) standing for 'same_as'. */
	struct slm_range range, also;
	struct slm_version same_as;
	const char *default_mfw;	/* the modem firmware it runs on unless --mfw says */
	const struct slm_feature_from *features;
	size_t n_features;
	const struct slm_row_from *added;	/* NULL-name-terminated, or NULL */
	const struct slm_pin *pins;	/* ascending, NULL-ncs-terminated; SM profiles */
	/* Searched in order: a generation's own rows first, then those it
	 * shares; the first row of a name wins. */
	const struct slm_rows *const *row_sets;
	size_t n_row_sets;
	const char *const *without;	/* names of shared rows it lacks; NULL-terminated, or NULL */
	const char *const *clac;	/* what #XCLAC prints, emulated or not; NULL-terminated */
	const struct slm_clac *clac_later;	/* ascending; replace clac from their release */
	struct slm_framing framing;
	struct slm_datamode_rules datamode;
	struct slm_limits limits;
	struct slm_urc_policy urc;
	/* Set on the copy a modem runs (slm_profile_at()): the release of
	 * range.line it stands for, and its rows with the shadowed and the
	 * missing ones taken out.  {0}/NULL on the static profiles, which
	 * then have every feature and row of their range. */
	struct slm_version release;
	const struct at_cmd_def *const *resolved;
	size_t n_resolved;
};

/* "1.8", "v2.6.0", "1.3.1": 0, or -1 when it is no version. */
int slm_version_parse(const char *s, struct slm_version *v);
/* <0, 0, >0 as a is before, the same as, after b. */
int slm_version_cmp(const struct slm_version *a, const struct slm_version *b);
/* Whether the profile stands for release v of that line. */
bool slm_profile_covers(const struct slm_profile *p, enum slm_line line,
			const struct slm_version *v);
/* Whether p, at its release, does what f names. */
bool slm_has(const struct slm_profile *p, enum slm_feature f);
/* "ncs-2.6", "sm-1.0.1", "3.1": the text of a release of a line. */
void slm_version_format(enum slm_line line, const struct slm_version *v, char *out, size_t len);

/* Whether d is one of p's rows: in its sets, not shadowed by an earlier
 * row of the same name, not in its without list. */
bool slm_profile_has(const struct slm_profile *p, const struct at_cmd_def *d);
const struct at_cmd_def *slm_profile_next_shadowed(const struct slm_profile *p, size_t *i);
/* p's rows one by one: start with *i = 0; NULL after the last.  Inline
 * for a profile of one row set without removals (no row can shadow
 * another), since the dispatcher walks the rows for every line. */
static inline const struct at_cmd_def *slm_profile_next(const struct slm_profile *p, size_t *i)
{
	if (p->resolved)
		return *i < p->n_resolved ? p->resolved[(*i)++] : NULL;
	if (p->n_row_sets == 1 && !p->without && !p->added)
		return *i < p->row_sets[0]->n ? &p->row_sets[0]->rows[(*i)++] : NULL;
	return slm_profile_next_shadowed(p, i);
}
/* Whether name ("#XSMS") is on p's #XCLAC list. */
bool slm_profile_in_clac(const struct slm_profile *p, const char *name);
/* The names AT#XCLAC prints at p's release ("AT#XSMS"), one by one: start
 * with *i = 0; NULL after the last.  A name p's 'added' list dates after
 * its release is left out. */
const char *slm_profile_clac_next(const struct slm_profile *p, size_t *i);
/* Whether that list starts with "\r\n" (2.7+). */
bool slm_profile_clac_crlf(const struct slm_profile *p);

/* p at release r of p->range.line ({0}: the first of its range): a copy
 * made once per (profile, release) and kept for the process, with its
 * rows resolved.  NULL when out of memory. */
const struct slm_profile *slm_profile_at(const struct slm_profile *p, const struct slm_version *r);

/* Makes p cfg's profile and gives cfg p's defaults for the settings it
 * decides (terminator, the version answer) unless cfg has them set
 * explicitly (config_is_set). */
void slm_profile_configure(struct modem_config *cfg, const struct slm_profile *p);

#endif
