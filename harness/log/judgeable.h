/* Whether a readable log holds anything to judge, before any replay. */
#ifndef SLMREPLAY_JUDGEABLE_H
#define SLMREPLAY_JUDGEABLE_H

#include <stddef.h>

#include "log_parser.h"

enum judgeable {
	JUDGE_YES,		/* commands, and at least one line of the modem */
	JUDGE_NO_COMMAND,	/* inconclusive: no host command at all */
	JUDGE_NO_ANSWER,	/* inconclusive: commands, and nothing of the modem's side */
	JUDGE_DEAD_LINK,	/* commands in a record of the link, and nothing came back */
};

/* Which of the above the log is; why (for the verdict line) when not YES. */
enum judgeable log_judgeable(const struct replay_log *log, char *why, size_t len);
/* What the log's own lines say about a dead link's settings (a terminal
 * at another baud rate than the SLM's); "" when nothing. */
void log_link_hint(const struct replay_log *log, char *hint, size_t len);

#endif
