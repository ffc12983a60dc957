/* A log that cannot be judged is said to be so, never passed or failed.
 *
 * No host command: nothing to replay.  Commands and no line of the modem:
 * when the log itself records the link (a tool's log with its own
 * messages, a command the tool timed out on, time stamps a program put on
 * every line, a terminal program's banner, status lines or local echo, a
 * dump or shell format), nothing came back on a live link: the real link
 * looked dead, a finding for the reporter, judged by the replay.  When it
 * is only the host's lines (a paste of the commands), it says nothing of
 * the modem: inconclusive. */
#include "judgeable.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The SLM's UART rate unless #XSLMUART changed it (at-surface.md 2). */
#define SLM_BAUD 115200

/* The log shows the link itself, not only what the host typed. */
static bool records_link(const struct replay_log *log)
{
	if (log->format != LOG_LINK_MONITOR && log->format != LOG_PLAIN)
		return true;	/* dumps and shell sessions are the wire's own record */
	if (log->session_shown || (log->format == LOG_PLAIN && log->timed))
		return true;
	for (size_t i = 0; i < log->nev; i++)
		if (log->ev[i].from_error || log->ev[i].timed_out || (log->format == LOG_LINK_MONITOR &&
					      log->ev[i].kind == EV_NOTE))
			return true;
	return false;
}

enum judgeable log_judgeable(const struct replay_log *log, char *why, size_t len)
{
	size_t sends = 0, modem = 0;

	for (size_t i = 0; i < log->nev; i++) {
		sends += log->ev[i].kind == EV_SEND;
		modem += log->ev[i].kind == EV_RECV;
	}
	if (!sends) {
		snprintf(why, len, "no line is a host command (AT...): readable text with nothing to "
			 "replay (%zu line(s) of the modem, %zu other line(s))", modem,
			 log->nev - modem + log->nprobs);
		return JUDGE_NO_COMMAND;
	}
	if (modem)
		return JUDGE_YES;
	if (records_link(log)) {
		snprintf(why, len, "%zu command(s) and not one line from the modem on a recorded link",
			 sends);
		return JUDGE_DEAD_LINK;
	}
	snprintf(why, len, "%zu command(s) and nothing of the modem's side: a paste of the host's "
		 "lines alone, with no answer, no tool message, no time stamps and no echo, says "
		 "nothing the modem did", sends);
	return JUDGE_NO_ANSWER;
}

void log_link_hint(const struct replay_log *log, char *hint, size_t len)
{
	hint[0] = '\0';
	for (size_t i = 0; i < log->nev; i++) {
		const char *t = log->ev[i].text, *b = strcasestr(t, "baud");
		long baud;

		if (log->ev[i].kind != EV_NOTE || !b)
			continue;
		b += strcspn(b, "0123456789\n");
		baud = isdigit((unsigned char)*b) ? strtol(b, NULL, 10) : 0;
		if (baud > 0 && baud != SLM_BAUD)
			snprintf(hint, len, "; the terminal ran at %ld baud (log line %d), the SLM's UART "
				 "at %d unless AT#XSLMUART changed it", baud, log->ev[i].line, SLM_BAUD);
		return;
	}
}
