/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nsprocs.h: the programs running in the lab's namespaces, found by the
 * namespace identity of each process (/proc/PID/ns/net), and stopping them
 * when their node goes. */
#ifndef NETSH_NSPROCS_H
#define NETSH_NSPROCS_H

#include <stdio.h>
#include <sys/types.h>

#include "core/op.h"

struct nsproc {
	pid_t pid;
	char comm[32];		/* its name, as /proc/PID/comm has it */
	size_t ns;		/* the index of its namespace in the list asked */
};

/* The processes (netsh itself aside) whose network namespace is one of the
 * n namespaces ids[]. Returns how many (free *out). */
size_t nsprocs_find(const struct nsid *ids, size_t n, struct nsproc **out);

/* Stop them: SIGTERM, then SIGKILL for those still running after a short
 * wait; each is reported as "stopped NAME (pid N) in NODE" (names[]: the
 * nodes, by the index of nsprocs_find). Signals go through pidfds, so a
 * reused pid is never hit. */
void nsprocs_stop(const struct nsproc *p, size_t n, const char *const *names, FILE *report);

#endif
