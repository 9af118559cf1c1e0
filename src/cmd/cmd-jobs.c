/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-jobs.c: jobs and stop ID: the lab's background programs (NODE
 * CMD... &, engine/jobs.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/jobs.h"
#include "engine/session.h"

/* "running", "exited 3", "killed by signal 15", "gone". */
static void state_text(const struct job *j, char *buf, size_t len)
{
	if (j->state == JOB_RUNNING)
		snprintf(buf, len, "running");
	else if (j->state == JOB_GONE)
		snprintf(buf, len, "gone");
	else if (j->signal)
		snprintf(buf, len, "killed by signal %d", j->signal);
	else
		snprintf(buf, len, "exited %d", j->status);
}

static int run_jobs(struct session *s, const struct command *c, struct nerr *err)
{
	struct job *v;
	size_t n;
	char st[32];

	(void)c;
	if (jobs_list(s, &v, &n, err) < 0)
		return -1;
	if (n == 0 && !s->quiet)
		fprintf(s->out, "no jobs (NODE CMD... & starts one)\n");
	if (n)
		fprintf(s->out, "%-4s %-10s %-8s %-20s %-32s %s\n", "job", "node", "pid", "state",
			"output", "command");
	for (size_t i = 0; i < n; i++) {
		char *log = job_log(s, v[i].id);
		state_text(&v[i], st, sizeof(st));
		fprintf(s->out, "%-4d %-10s %-8d %-20s %-32s %s\n", v[i].id, v[i].node,
			(int)v[i].pid, st, log, v[i].cmd);
		free(log);
	}
	free(v);
	return 0;
}

static int run_stop(struct session *s, const struct command *c, struct nerr *err)
{
	const char *w = c->tok[1].text, *how;
	char *end;
	long id = strtol(w[0] == '%' ? w + 1 : w, &end, 10);

	if (*end || id <= 0 || id > 1000000 || end == w)
		return nerr_set(err, 1, "'%s': expected a job number (jobs lists them)", w);
	if (job_stop(s, (int)id, &how, err) < 0)
		return -1;
	if (!s->quiet)
		fprintf(s->out, "job %ld: %s\n", id, strcmp(how, "SIGTERM") == 0 ? "stopped with SIGTERM"
				: strcmp(how, "SIGKILL") == 0 ? "stopped with SIGKILL (it ignored SIGTERM)"
				: how);
	return 0;
}

const struct cmd_entry cmd_jobs_entry = {
	.name = "jobs", .unrecorded = true, .group = "Run", .usage = "",
	.summary = "list the background programs (NODE CMD... &)",
	.help = "Lists the lab's jobs: their number, node, pid, state (running, exited N,\n"
		"killed by signal N) and command, and the log file that holds their output.\n"
		"A job runs on after the command that started it and after netsh exits, in\n"
		"a session of its own; stop ID ends it, del NODE and destroy stop the jobs\n"
		"of the nodes they remove.",
	.example = "ns2 iperf3 -s &\njobs\nstop 1",
	.complete = "", .min_args = 0, .max_args = 0, .run = run_jobs,
};

const struct cmd_entry cmd_stop_entry = {
	.name = "stop", .group = "Run", .usage = "ID",
	.summary = "stop a background program",
	.help = "Sends the job (the program and what it started: its process group)\n"
		"SIGTERM and, if it still runs after 2 s, SIGKILL. The job's pid is checked\n"
		"against its start time first, so a pid the kernel has given to another\n"
		"process since is never signalled.",
	.example = "stop 1",
	.sandbox_refuses = SANDBOX_NO_PROGRAMS,
	.complete = "-", .min_args = 1, .max_args = 1, .run = run_stop,
};
