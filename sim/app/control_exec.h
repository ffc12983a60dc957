/* What slmsim does with one control request: parsed by control_proto,
 * aimed at modem I, run against the models (modem_world), answered with
 * one line "ok ..." or "error ...". */
#ifndef SLMSIM_CONTROL_EXEC_H
#define SLMSIM_CONTROL_EXEC_H

#include <stdbool.h>
#include <stddef.h>

struct sim_ctx;
struct modem;
struct strbuf;
struct ctl_exec;

typedef void (*ctl_answer_fn)(void *arg, const char *line);

struct ctl_exec *ctl_exec_new(struct sim_ctx *ctx, struct modem *const *modems, int n);
void ctl_exec_free(struct ctl_exec *x);
/* Runs one request line.  True when it is answered in out (no line end);
 * false when the answer comes later, from the loop, as answer(arg, line)
 * (a publish waits for the broker), unless ctl_exec_forget(x, arg) first. */
bool ctl_exec_line(struct ctl_exec *x, const char *line, size_t len, struct strbuf *out,
		   ctl_answer_fn answer, void *arg);
/* The asker of arg is gone: its pending work finishes unheard. */
void ctl_exec_forget(struct ctl_exec *x, void *arg);

#endif
