/* Byte stream -> AT command lines, following SLM v1.8 cmd_rx_handler():
 * terminators count only outside double quotes, every '"' toggles (there
 * is no escape), backspace/DEL drop the last byte without touching the
 * quote state, the buffer holds AT_MAX_CMD_LEN bytes including the NUL,
 * and the byte that would overflow it ends the command at once as an
 * overflow: the rest of that chunk is lost, the quote state starts anew. */
#ifndef SLMSIM_AT_ENGINE_H
#define SLMSIM_AT_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "at_term.h"

#define AT_MAX_CMD_LEN 4096

enum at_line_status {
	AT_LINE_OK,
	AT_LINE_OVERFLOW,	/* longer than AT_MAX_CMD_LEN - 1; content truncated */
};

typedef void (*at_line_cb)(void *arg, const char *line, size_t len, enum at_line_status st);
typedef void (*at_echo_cb)(void *arg, const uint8_t *data, size_t len);

struct at_engine {
	char buf[AT_MAX_CMD_LEN];
	size_t len;		/* bytes seen in this command, may exceed the buffer */
	bool in_quotes;
	bool paused;		/* a command is running: stop consuming input */
	bool after_cr;		/* AT_TERM_ANY: a CR ended the last line; its LF is no data */
	bool consume;		/* SLM v1.8 UART: a line end does not stop the chunk */
	bool due;		/* consume: a line ended in this chunk; it runs after it */
	char lone;		/* AT_TERM_CRLF: a CR or LF just stored as data, else 0 */
	bool echo;		/* the bytes read come back as they are (SM's ATE1) */
	size_t echo_max;	/* a command's echo is cut to this, its line end kept */
	size_t echoed;		/* echoed of the command so far */
	at_echo_cb on_echo;
	enum at_term term;
	size_t max;		/* the longest command: at most AT_MAX_CMD_LEN - 1 */
	at_line_cb on_line;
	void *arg;
};

void at_engine_init(struct at_engine *e, enum at_term term, at_line_cb cb, void *arg);
/* Lines longer than max bytes (capped at AT_MAX_CMD_LEN - 1) overflow. */
void at_engine_set_limit(struct at_engine *e, size_t max);
/* With echo on, every byte read goes to cb before the line it ends runs,
 * a command's echo cut at max bytes (its line end kept), as SM v0.2.0's
 * cmd_rx_handler() echoes them. */
void at_engine_set_echo(struct at_engine *e, at_echo_cb cb, size_t max);
/* Consume bytes until done or until the line callback pauses the engine;
 * returns how many bytes were consumed (an overflow consumes the whole
 * chunk: the SLM drops what follows it). */
size_t at_engine_feed(struct at_engine *e, const uint8_t *data, size_t len);
void at_engine_pause(struct at_engine *e);
void at_engine_resume(struct at_engine *e);
/* Drop a half-received command (the terminal program went away). */
void at_engine_reset(struct at_engine *e);
/* Skips the LF of a CRLF whose CR ended the last command (data mode
 * starts after the whole terminator); returns how many bytes to skip. */
size_t at_engine_skip_lf(struct at_engine *e, const uint8_t *data, size_t len);
/* '\r' or '\n' when that character, alone, went into the command as data
 * since the last call (CR LF terminator only), else 0; clears it. */
char at_engine_take_lone(struct at_engine *e);
/* consume: the bytes after a line end in one chunk go on into the command
 * buffer (cmd_rx_handler), over the ended command; once the chunk is
 * read, the buffer up to its first NUL runs, once.  Call after each feed. */
void at_engine_run_due(struct at_engine *e);
/* Bytes buffered of an unfinished command. */
size_t at_engine_partial(const struct at_engine *e);

#endif
