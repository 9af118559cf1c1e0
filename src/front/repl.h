/* SPDX-License-Identifier: GPL-2.0-or-later */
/* repl.h: the interactive shell (libedit): prompt, Tab completion,
 * history, continuation lines, Ctrl-C. */
#ifndef NETSH_REPL_H
#define NETSH_REPL_H

#include <signal.h>
#include <stdbool.h>

struct session;

/* Set when Ctrl-C arrived while a command ran in the REPL (netsh itself is
 * never stopped by it); long-running built-in commands may poll it. */
extern volatile sig_atomic_t repl_interrupted;

/* Read, run and record lines from the terminal until Ctrl-D, quit or exit.
 * `lab` names the lab in the prompt. Returns the exit status. */
int repl_run(struct session *s, const char *lab);

#endif
