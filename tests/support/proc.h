/* Integration-test helpers: start slmsim as a separate process, open its
 * pty the way a terminal program does, and talk to it.  Every wait has an
 * upper bound in real time; none asserts how fast anything is. */
#ifndef SLMSIM_TEST_PROC_H
#define SLMSIM_TEST_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

struct simproc {
	pid_t pid;
	int err_fd;		/* slmsim's stderr */
	char pty[128];
	int fd;			/* our end of the serial line */
	struct strbuf rx;	/* everything read and not yet consumed */
	struct strbuf err;	/* stderr read so far */
};

/* argv: extra slmsim arguments, NULL-terminated.  Returns 0 when the pty
 * was announced; path of the binary from $SLMSIM or build default. */
int simproc_start(struct simproc *p, const char *const *extra_args);
int simproc_open_tty(struct simproc *p);
/* Fleet: the pty of modem i from the start-up lines, or -1. */
int simproc_fleet_pty(const struct simproc *p, int i, char *out, size_t len);
void simproc_close_tty(struct simproc *p);
void simproc_send(struct simproc *p, const char *text);
/* Waits until rx contains needle; returns everything up to and including it
 * (caller frees) and drops it from rx, or NULL after limit_ms. */
char *simproc_expect(struct simproc *p, const char *needle, int limit_ms);
/* simproc_expect that fails the running Check test when needle never
 * comes; frees what it read. */
void simproc_must_see(struct simproc *p, const char *needle);
/* Stops the process by its pid (SIGTERM, then SIGKILL); returns its exit status. */
int simproc_stop(struct simproc *p);
const char *simproc_bin(void);
/* Runs slmsim --stdio with all of input already in its stdin pipe (so a
 * virtual clock cannot jump ahead of input still on its way), collects
 * stdout until exit into out; returns the exit status, or -1. */
int simproc_run_stdio(const char *input, const char *const *extra_args, char *out, size_t outlen);

#endif
