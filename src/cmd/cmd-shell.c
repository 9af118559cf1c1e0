/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-shell.c: shell NODE (an interactive shell inside a node), quit and
 * exit. The shell runs as exec runs programs (cmd_run_program): it enters
 * the node the same way (namespace, private /sys, Ctrl-C to it only). */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/xalloc.h"
#include "engine/session.h"

/* The node's name as it may appear in a prompt: characters the shell's
 * prompt expansion could act on become '?'. */
static void prompt_name(const char *name, char *out, size_t len)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < len; i++)
		out[i] = strchr("\\$`'\"!", name[i]) ? '?' : name[i];
	out[i] = '\0';
}

/* bash reads this as its rc file (from a pipe): the usual start-up files,
 * then the node's name in front of the prompt; then it closes the pipe so
 * that the programs it runs do not inherit it. */
static int bash_rcfile(const char *name, int *rfd)
{
	char buf[1024];
	int fds[2], len;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	len = snprintf(buf, sizeof(buf),
		       "[ -f /etc/bash.bashrc ] && . /etc/bash.bashrc\n"
		       "[ -f ~/.bashrc ] && . ~/.bashrc\n"
		       "__netsh_ps1=$PS1\n"
		       "[ -n \"$__netsh_ps1\" ] || __netsh_ps1='\\w\\$ '\n"
		       "PS1='[%s] '$__netsh_ps1\n"
		       "unset __netsh_ps1\n"
		       "exec %d<&-\n", name, fds[0]);
	if (len < 0 || (size_t)len >= sizeof(buf) || write(fds[1], buf, (size_t)len) != len) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	close(fds[1]);
	fcntl(fds[0], F_SETFD, 0);	/* the shell opens /dev/fd/N */
	*rfd = fds[0];
	return 0;
}

static int run_shell(struct session *s, const struct command *c, struct nerr *err)
{
	const char *sh = getenv("SHELL"), *base;
	char name[64], rcpath[32], rcopt[] = "--rcfile", shell[PATH_MAX], *oldps1 = NULL;
	char *argv[4] = { shell, NULL, NULL, NULL };
	struct node *n;
	int rfd = -1, rc;

	if (arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (!s->kernel) {
		fprintf(s->out, "# dry run: no shell in %s\n", n->name);
		return 0;
	}
	if (!sh || !sh[0] || access(sh, X_OK) != 0)
		sh = "/bin/sh";
	base = strrchr(sh, '/') ? strrchr(sh, '/') + 1 : sh;
	prompt_name(n->name, name, sizeof(name));
	snprintf(shell, sizeof(shell), "%s", sh);
	if (strcmp(base, "bash") == 0 && bash_rcfile(name, &rfd) == 0) {
		snprintf(rcpath, sizeof(rcpath), "/dev/fd/%d", rfd);
		argv[1] = rcopt;
		argv[2] = rcpath;
	} else {
		/* Other shells take the prompt from the environment. */
		char ps1[96];
		const char *cur = getenv("PS1");
		oldps1 = cur ? xstrdup(cur) : NULL;
		snprintf(ps1, sizeof(ps1), "[%s] %s ", name, geteuid() == 0 ? "#" : "$");
		setenv("PS1", ps1, 1);
	}
	rc = cmd_run_program(s, n, argv, 1, err);
	if (rfd >= 0) {
		close(rfd);
	} else if (oldps1) {
		setenv("PS1", oldps1, 1);
		free(oldps1);
	} else {
		unsetenv("PS1");
	}
	/* An interactive shell exits with its last command's status: that is
	 * not a result of `shell`. */
	s->status = 0;
	if (rc < 0 && err->code == NERR_EXIT) {
		nerr_clear(err);
		rc = 0;
	}
	if (rc < 0 && err->tok >= 1)
		err->tok = err->code == NERR_NOT_OURS ? 1 : 0;
	return rc;
}

static int run_quit(struct session *s, const struct command *c, struct nerr *err)
{
	(void)c;
	(void)err;
	s->quit = true;
	return 0;
}

const struct cmd_entry cmd_shell_entry = {
	.name = "shell", .unrecorded = true, .group = "Run", .usage = "NODE",
	.summary = "an interactive shell ($SHELL) inside a node",
	.help = "Starts your $SHELL (/bin/sh when unset) inside NODE's namespace, with the\n"
		"node's name in front of its prompt and NETSH_NODE set. Everything you run\n"
		"there sees only the node's interfaces, addresses and routes. Leave it with\n"
		"exit or Ctrl-D to come back to netsh.",
	.example = "shell ns1\n[ns1] # ip -br addr\n[ns1] # exit",
	.sandbox_refuses = SANDBOX_NO_PROGRAMS,
	.complete = "n", .min_args = 1, .max_args = 1, .run = run_shell,
};

const struct cmd_entry cmd_quit_entry = {
	.name = "quit", .unrecorded = true, .group = "Lab", .usage = "",
	.summary = "leave netsh; the lab stays (also exit, Ctrl-D)",
	.help = "Leaves the interactive shell. The lab is persistent: its namespaces,\n"
		"cables and addresses stay, and the next netsh continues it. Use destroy\n"
		"to tear it down.",
	.example = "quit",
	.complete = "", .min_args = 0, .max_args = 0, .run = run_quit,
};

const struct cmd_entry cmd_exit_entry = {
	.name = "exit", .unrecorded = true, .group = "Lab", .usage = "",
	.summary = "the same as quit",
	.help = "Leaves the interactive shell; the lab stays (see quit).",
	.example = "exit",
	.complete = "", .min_args = 0, .max_args = 0, .run = run_quit,
};
