/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jobs.h: background programs (NODE CMD... &). A job runs in its node
 * after the command returns and after netsh exits, in a session of its
 * own, its output in a log file; a small watcher process records how it
 * ended. Jobs are kept under the lab's state directory, in jobs/:
 *
 *     jobs/3        pid=4242 start=1234567 node=ns1 cmd=iperf3 -s
 *     jobs/3.log    what it printed (stdout and stderr)
 *     jobs/3.status "exit 0" or "signal 15", once it ended
 *
 * A job's pid is proven by its start time (field 22 of /proc/PID/stat):
 * a pid the kernel gave to another process since is never signalled. */
#ifndef NETSH_JOBS_H
#define NETSH_JOBS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "core/error.h"
#include "core/model.h"

struct session;

enum job_state { JOB_RUNNING, JOB_EXITED, JOB_GONE };

struct job {
	int id;
	pid_t pid;
	unsigned long long start;	/* its start time, in clock ticks after boot */
	char node[NODE_NAME_MAX + 1];
	char cmd[512];
	enum job_state state;
	int status;			/* JOB_EXITED: its exit status, 128+N for signal N */
	int signal;			/* the N, or 0 */
};

/* Start argv in node n as a job; *id gets its number. Fails (nothing
 * runs) when the program cannot be started: not found, a dry run, a node
 * that fails its proof, a lab without a state directory. */
int job_start(struct session *s, const struct node *n, char *const argv[], int *id,
	      struct nerr *err);

/* The lab's jobs, by number, each with its state now (free *out). */
int jobs_list(struct session *s, struct job **out, size_t *n, struct nerr *err);

/* The path of a job's log (malloc'd). */
char *job_log(struct session *s, int id);

/* Stop a running job: SIGTERM, then SIGKILL after a grace time. *how says
 * which it took ("SIGTERM" or "SIGKILL"), or that it had ended already. */
int job_stop(struct session *s, int id, const char **how, struct nerr *err);

/* Forget every job (destroy: their namespaces, and so they, are gone). */
void jobs_forget(struct session *s);

#endif
