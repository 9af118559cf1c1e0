/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.h: running a program inside a node: the one process runner behind
 * exec and the NODE CMD form, shell, and Lua's n:exec and n:spawn. The
 * child enters the node's namespace (and a private /sys) through the
 * kernel layer; exec failures come back as errors, not as output. */
#ifndef NETSH_PROC_H
#define NETSH_PROC_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "core/error.h"
#include "core/model.h"

struct session;

struct proc_opts {
	bool capture;		/* stdout and stderr to a memory file (else
				 * inherited: the program talks to the terminal) */
	const char *input;	/* with capture: stdin's content (NULL: /dev/null) */
	size_t inlen;
	bool group;		/* its own process group (a captured or background
				 * program, killed whole); else it stays in ours,
				 * so the terminal's Ctrl-C reaches it */
};

struct proc {
	pid_t pid;
	int pidfd;		/* -1 when pidfd_open is missing */
	int outfd;		/* the memory file holding the output, or -1 */
	bool group;
	bool done;		/* reaped: status is final */
	int status;		/* the exit status, 128+N when killed by signal N */
	int signal;		/* that N, or 0 */
	char name[64];		/* the program, for messages */
};

/* Start argv[0] (looked up in PATH) inside node n. Fails when the program
 * could not be started (nothing runs then): NERR_NOT_FOUND for a program
 * not found, NERR_NOT_OURS when the node's namespace fails its proof. */
int proc_start(struct session *s, const struct node *n, char *const argv[],
	       const struct proc_opts *o, struct proc *p, struct nerr *err);

enum proc_wait {
	PROC_EXITED,
	PROC_TIMEOUT,		/* timeout seconds passed; it still runs */
	PROC_STOPPED,		/* *stop became non-zero; it still runs */
};

/* Wait until the program exits, timeout seconds pass (<= 0: no limit) or
 * *stop is set (stop may be NULL). */
enum proc_wait proc_wait(struct proc *p, double timeout, volatile sig_atomic_t *stop);

/* Has it exited? (Reaps it when it has.) */
bool proc_running(struct proc *p);

/* Signal the program (its whole group when it has one). */
void proc_signal(struct proc *p, int sig);

/* Kill it, reap it and record `status` as its exit status. */
void proc_kill(struct proc *p, int status);

/* Its output so far (malloc'd, NUL-terminated; len without the NUL). */
char *proc_output(const struct proc *p, size_t *len);

/* Kill it if it runs and free what it holds. */
void proc_close(struct proc *p);

/* The message for a program that did not exit 0 (NERR_EXIT or
 * NERR_SIGNAL), with token tok to blame; 0 when it did. */
int proc_failed(const struct proc *p, int tok, struct nerr *err);

#endif
