/* A replay scenario: a small INI file (read with libinih) next to a log,
 * saying what the log hides and how strictly to judge it.  See
 * docs/scenarios.md.  Without one, everything is inferred and strict. */
#ifndef SLMREPLAY_SCENARIO_H
#define SLMREPLAY_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"

#define SCEN_MAX 32

struct scen_cred {
	uint32_t sec_tag;
	int type;
	char *file;		/* relative to the certificate directory, or absolute */
};

struct scen_host {
	char *host;
	int port;		/* -1: any */
	char *target;		/* "broker" (mutual TLS), "broker-plain", or "IP:PORT" */
};

struct scenario {
	char *path;
	char *dir;
	char *log;			/* [replay] log, relative to dir */
	char *profile;			/* [replay] profile */
	int64_t urc_window_ms;		/* URC may differ from its log time by this much */
	int64_t response_window_ms;	/* a response may come this much later than logged */
	bool windows_set;		/* the scenario gives either window itself */
	char *expect_why[SCEN_MAX];	/* explanations the emulator must log */
	size_t n_expect_why;
	struct scen_cred creds[SCEN_MAX];
	size_t n_creds;
	struct scen_host hosts[SCEN_MAX];
	size_t n_hosts;
	char *tolerate[SCEN_MAX];	/* line prefixes that may be extra or missing */
	size_t n_tolerate;
	struct modem_config cfg;	/* [modem], [network], [mqtt] as for slmsim --config */
	int64_t handshake_stall_ms;	/* [faults] handshake_stall_s */
	/* slmreplay --slm: the SLM profile whatever the log or the file says. */
	const char *slm_override;
	char *cfg_keys[SCEN_MAX * 2];	/* "section.key" of every setting it makes */
	size_t n_cfg_keys;
};

void scenario_defaults(struct scenario *s);
int scenario_load(struct scenario *s, const char *path, char *err, size_t errlen);
/* The same from text (dir "."), for tests and fuzzing. */
int scenario_parse_string(struct scenario *s, const char *text, char *err, size_t errlen);
void scenario_free(struct scenario *s);
/* A log without times: windows wide enough that only the order counts,
 * unless the scenario sets them. */
void scenario_untimed(struct scenario *s);
/* A setting the scenario makes as if its file said it (slmreplay --mfw):
 * nothing inferred replaces it.  0, or -1 with err set. */
int scenario_set(struct scenario *s, const char *section, const char *key, const char *value,
		 char *err, size_t errlen);
/* The scenario sets key ("network.tac") itself: nothing inferred replaces it. */
bool scenario_sets(const struct scenario *s, const char *key);
/* The modem and network the replay of log_name runs on, as an INI that
 * slmsim --config reads; 0, or -1 with err set. */
int scenario_write_world(const struct scenario *s, const char *log_name, const char *path,
			 char *err, size_t errlen);
/* "x.scenario" beside "x.log" when it exists (malloc'd), else NULL. */
char *scenario_beside(const char *log);
/* The path names a scenario file (".scenario"). */
bool scenario_is_file(const char *path);

#endif
