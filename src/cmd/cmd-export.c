/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-export.c: export dot|json|sh [FILE]: the lab for other tools:
 * Graphviz, JSON (as -j show prints it), or a shell script of ip, nft and
 * tc commands that builds it without netsh. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/plan.h"
#include "core/save.h"
#include "core/xalloc.h"
#include "engine/session.h"

static const char *const formats[] = { "dot", "json", "sh", "svg", NULL };

/* export svg FILE: the dot graph drawn by Graphviz's dot, run as a program
 * of the user's (netsh does not need Graphviz otherwise). */
static int export_svg(struct session *s, const char *path, struct nerr *err)
{
	char prog[] = "dot", type[] = "-Tsvg", *out = xasprintf("-o%s", path);
	char *argv[] = { prog, type, out, NULL };
	struct sigaction old_pipe;
	int in[2], st = 0;
	pid_t pid;
	FILE *f;

	if (pipe2(in, O_CLOEXEC) < 0) {
		free(out);
		return nerr_set(err, -1, "pipe: %s", strerror(errno));
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		dup2(in[0], 0);
		execvp(argv[0], argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(in[0]);
	/* dot missing or failing closes the pipe: an error, not a signal. */
	sigaction(SIGPIPE, &(struct sigaction){ .sa_handler = SIG_IGN }, &old_pipe);
	f = fdopen(in[1], "w");
	if (f) {
		export_dot(s->model, f);
		fclose(f);
	} else {
		close(in[1]);
	}
	sigaction(SIGPIPE, &old_pipe, NULL);
	while (pid > 0 && waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	free(out);
	if (pid < 0)
		return nerr_set(err, -1, "fork: %s", strerror(errno));
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
		return nerr_setc(err, NERR_NOT_FOUND, 1, "svg needs Graphviz's dot program, which is not "
				 "installed (Debian: graphviz); export dot FILE writes the graph for it");
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
		return nerr_set(err, 2, "'%s': dot could not draw it (status %d)", path,
				WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
	return 0;
}

/* The lab as the commands that build it from nothing. */
static void export_sh(const struct model *m, FILE *out)
{
	struct plan p;

	plan_init(&p);
	model_to_plan(m, &p);
	fputs("#!/bin/sh\n# The lab as ip, nft and tc commands (netsh export sh); run as root.\nset -e\n", out);
	for (size_t i = 0; i < p.nops; i++)
		op_explain(&p.ops[i], out);
	plan_free(&p);
}

static int run_export(struct session *s, const struct command *c, struct nerr *err)
{
	const char *fmt = c->tok[1].text, *path = c->ntok > 2 ? c->tok[2].text : NULL;
	FILE *out = s->out;
	char *tmp = NULL;

	if (strcmp(fmt, "dot") != 0 && strcmp(fmt, "json") != 0 && strcmp(fmt, "sh") != 0 &&
	    strcmp(fmt, "svg") != 0) {
		nerr_set(err, 1, "'%s': expected dot, json, sh or svg", fmt);
		return arg_did_you_mean(c, 1, formats, err);
	}
	if (path && s->sandbox)
		return nerr_setc(err, NERR_REFUSED, 2, "a lab writes no file under --sandbox");
	if (strcmp(fmt, "svg") == 0 && !path)
		return nerr_set(err, c->ntok, "svg needs a FILE to write");
	if (session_settle(s, err) < 0)
		return -1;
	if (strcmp(fmt, "svg") == 0)
		return export_svg(s, path, err);
	if (path && !(out = write_file_begin(path, &tmp, err)))
		return -1;
	if (strcmp(fmt, "dot") == 0)
		export_dot(s->model, out);
	else if (strcmp(fmt, "json") == 0)
		show_lab_json(s, out);
	else
		export_sh(s->model, out);
	if (!path) {
		fflush(out);
		return 0;
	}
	return write_file_end(out, path, tmp, !ferror(out), err);
}

const struct cmd_entry cmd_export_entry = {
	.name = "export", .unrecorded = true, .group = "Lab", .usage = "dot|json|sh [FILE] | svg FILE",
	.summary = "the lab for Graphviz, for scripts, or as a shell script",
	.help = "Writes the lab to FILE (or shows it): dot, a Graphviz graph (nodes by kind\n"
		"with their addresses, cables labelled with their interfaces: dot -Tsvg draws\n"
		"it); json, as netsh -j show prints it (doc/json.md); sh, the ip, nft and tc\n"
		"commands that build the lab without netsh, as explain prints them; svg, the\n"
		"graph drawn by Graphviz's dot program, when it is installed.",
	.example = "export dot lab.dot\nexport sh lab.sh\nexport json",
	.complete = "kf", .keywords = formats, .min_args = 1, .max_args = 2, .run = run_export,
};
