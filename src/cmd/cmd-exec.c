/* cmd-exec.c: exec NODE CMD... (and the short form NODE CMD...): run a
 * program inside a node, its output inline. */
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
#include "kernel/kernel.h"
#include "engine/session.h"
#include "core/xalloc.h"

/* The child: enter the node and run the program; report exec failure's
 * errno through the pipe. */
static void child(struct session *s, const struct node *n, char **argv, int errfd)
{
	struct nerr err;
	int e;

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	if (kernel_enter_exec(s->kernel, n, &err) < 0) {
		e = EINVAL;
		(void)!write(errfd, &e, sizeof(e));
		_exit(126);
	}
	setenv("NETSH_NODE", n->name, 1);
	execvp(argv[0], argv);
	e = errno;
	(void)!write(errfd, &e, sizeof(e));
	_exit(127);
}

/* Run argv inside node n; wait for it with SIGINT ignored so Ctrl-C reaches
 * only the program. */
static int run_in(struct session *s, const struct node *n, char **argv, int prog_tok,
		  struct nerr *err)
{
	int pipefd[2], status, e = 0;
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return nerr_set(err, prog_tok, "pipe: %s", strerror(errno));
	fflush(NULL);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	pid = fork();
	if (pid == 0)
		child(s, n, argv, pipefd[1]);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		return nerr_set(err, prog_tok, "fork: %s", strerror(errno));
	}
	ssize_t got = read(pipefd[0], &e, sizeof(e));
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (got == (ssize_t)sizeof(e))
		return nerr_set(err, prog_tok, "'%s': %s", argv[0],
				e == ENOENT ? "command not found" : strerror(e));
	if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		return nerr_set(err, prog_tok, "'%s' exited with status %d", argv[0],
				WEXITSTATUS(status));
	if (WIFSIGNALED(status))
		return nerr_set(err, prog_tok, "'%s' was stopped by signal %d (%s)", argv[0],
				WTERMSIG(status), strsignal(WTERMSIG(status)));
	return 0;
}

static int run_exec(struct session *s, const struct command *c, struct nerr *err)
{
	int ni = strcmp(c->tok[0].text, "exec") == 0 ? 1 : 0;
	struct node *n;
	char **argv, addr[INET_STRLEN];
	int argc = c->ntok - ni - 1, rc;

	if (arg_node(s->model, c, ni, &n, err) < 0)
		return -1;
	if (argc < 1)
		return nerr_set(err, c->ntok, "give a program to run in %s", n->name);
	if (!s->kernel)
		return nerr_set(err, 0, "running programs needs the kernel (not in a dry run)");
	if (kernel_nsfd(s->kernel, n, err) < 0) {
		err->tok = ni;
		return -1;
	}
	argv = xcalloc((size_t)argc + 1, sizeof(*argv));
	for (int i = 0; i < argc; i++) {
		const char *w = c->tok[ni + 1 + i].text;
		const struct node *o = i > 0 ? model_node(s->model, w) : NULL;
		const struct inet *a = o ? node_first_addr(o, 0) : NULL;
		argv[i] = xstrdup(a ? inet_addr_fmt(a, addr, sizeof(addr)) : w);
	}
	rc = run_in(s, n, argv, ni + 1, err);
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
	return rc;
}

const struct cmd_entry cmd_exec_entry = {
	.name = "exec", .group = "Run", .usage = "NODE CMD [ARG...]",
	.summary = "run a program inside a node (short form: NODE CMD...)",
	.help = "Runs CMD inside NODE's namespace with its output inline, as `ip netns exec`\n"
		"would. Node names among the arguments stand for the node's first address,\n"
		"so `ns1 ping -c1 ns2` pings ns2. Ctrl-C stops the program, not netsh. A\n"
		"program that exits non-zero makes the command fail.",
	.example = "exec ns1 ip -br addr\nns1 ping -c1 ns2",
	.complete = "n-", .min_args = 2, .max_args = -1, .run = run_exec,
};
