/* Which SLM generation wrote a log, from the log alone (slm-versions.md
 * 1.1): a version answer (#XSLMVER, #XSMVER) first, else the shapes of
 * lines only some generations produce, each a row of a table
 * (profile_rules.c) naming the profiles it implies; the rows a log shows
 * are intersected.  docs/log-formats.md lists the rows. */
#ifndef SLMREPLAY_PROFILE_DETECT_H
#define SLMREPLAY_PROFILE_DETECT_H

#include <stdbool.h>
#include <stddef.h>

#include "log_parser.h"
#include "slm_profile.h"

/* The profiles the rows speak of, oldest first: a set is a bit mask of
 * their positions (PROF(DET_NCS21) | ...). */
enum det_profile {
	DET_NCS18, DET_NCS19, DET_NCS20, DET_NCS21, DET_NCS25, DET_NCS26,
	DET_SM02, DET_SM03, DET_SM20, DET_N
};
#define PROF(p) (1u << (p))
/* Every profile from a to b, both included. */
#define PROFS(a, b) ((PROF(b) << 1) - PROF(a))

/* The name of a position ("ncs-2.1"), and slmsim's profile of that name
 * (its ranges: slm_generations.c). */
extern const char *const det_names[DET_N];
const struct slm_profile *det_profile(int p);
/* The position of a profile, or -1. */
int det_index(const struct slm_profile *p);

/* A shape row: a line of the log (the host's or the modem's) that only
 * the generations of set produce. */
enum det_ctx {
	CTX_LINE,		/* the line alone */
	CTX_NEXT_IS,		/* a host line whose very next line is the modem's, matching other */
	CTX_NEXT_NOT,		/* a host line followed by anything but the modem's other */
	CTX_AFTER_SEND,		/* a modem line right after the host line other */
	CTX_AFTER_DATA,		/* a modem line after another modem line, the last host line other */
	CTX_LAST_SEND,		/* a modem line whose last host line before it matches other */
	CTX_UNASKED,		/* a modem line whose last host line does not match other */
	CTX_ECHO,		/* a modem line repeating the host line right before it */
};

struct det_rule {
	enum log_ev_kind side;	/* EV_SEND (matched ignoring case) or EV_RECV */
	const char *line;	/* POSIX extended regular expression */
	enum det_ctx ctx;
	const char *other;	/* the context's expression */
	unsigned set;		/* the profiles that produce it */
	/* The NCS release the shape starts at inside the first profile of set
	 * ("2.3": #XSHUTDOWN); NULL: the whole set. */
	const char *since;
	const char *what;	/* what it shows, for the note */
};
extern const struct det_rule det_rules[];
extern const size_t det_n_rules;

/* One line's testimony. */
struct det_evidence {
	int line;		/* 0: none */
	char text[160];		/* "#XSLMVER: \"2.3.0\"" or "+++ answered by ...: <line>" */
	char says[48];		/* the profiles it implies: "ncs-2.1..sm-2.0" */
};

enum det_how { DET_DEFAULT, DET_VERSION, DET_SHAPE };

struct profile_guess {
	enum det_profile profile;
	char spec[24];		/* for modem.slm_profile: "2.3.0", "sm-1.0.1", "3.1", else the name */
	enum det_how how;
	unsigned set;		/* every profile the evidence allows (DET_SHAPE) */
	struct det_evidence why;	/* the deciding line */
	/* The version answer names a release no profile covers: judged on the
	 * nearest, and this says so ("" otherwise). */
	char nearest[128];
	bool conflict;
	struct det_evidence a, b;	/* a: the one judged by, b: the one set aside */
};

/* Reads log's version answers and shapes into g; never fails (no evidence:
 * the default, ncs-1.8). */
void profile_detect(const struct replay_log *log, struct profile_guess *g);
/* A version answer line's profile and release into g (profile, spec,
 * nearest); false when line is none (profile_versions.c). */
bool det_version_answer(const char *line, struct profile_guess *g);
/* The same from the note slmsim --record writes first ("INFO slmsim: SLM
 * profile sm-1.0.1 (sm-0.3)"). */
bool det_record_header(const char *note, struct profile_guess *g);
/* "profile ncs-2.1 (line 12: ...)" for the transcript's note. */
void profile_guess_note(const struct profile_guess *g, char *buf, size_t len);
/* "profile evidence conflicts: line N (...) says X, line M (...) says Y;
 * judged as Z", or "" without a conflict. */
void profile_conflict_note(const struct profile_guess *g, char *buf, size_t len);
/* The profiles of set as text: "ncs-2.1", "ncs-2.1..sm-2.0", "ncs-1.8/sm-2.0". */
void det_set_text(unsigned set, char *buf, size_t len);

#endif
