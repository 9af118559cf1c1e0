/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-exec.c: exec NODE CMD... (and the short form NODE CMD...): run a
 * program inside a node, its output inline (engine/proc.h). */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "engine/jobs.h"
#include "engine/proc.h"
#include "core/xalloc.h"
#include "engine/session.h"

int cmd_run_program(struct session *s, const struct node *n, char *const argv[], int prog_tok,
		    struct nerr *err)
{
	struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
	struct proc_opts o = { .capture = false, .group = false };
	struct proc p;
	int rc;

	/* Ctrl-C and Ctrl-\ reach only the program, which shares our group. */
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	rc = proc_start(s, n, argv, &o, &p, err);
	if (rc == 0) {
		proc_wait(&p, 0, NULL);
		s->status = p.status;
		if (p.signal == SIGINT)		/* Ctrl-C: stop here, say nothing */
			rc = nerr_setc(err, NERR_INTERRUPTED, prog_tok, "interrupted");
		else if (s->errexit)
			rc = proc_failed(&p, prog_tok, err);
		proc_close(&p);
	} else {
		s->status = err->code == NERR_NOT_FOUND ? 127 : 126;
		err->tok = err->code == NERR_NOT_OURS ? prog_tok - 1 : prog_tok;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return rc;
}

/* explain (-x): the program as it runs, after name substitution, as the
 * shell command that runs the same. */
static void explain_argv(struct session *s, const struct node *n, char *const argv[])
{
	if (n->kind != KIND_HOST)
		fprintf(s->out, "ip netns exec %s", n->name);
	for (int i = 0; argv[i]; i++) {
		const char *a = argv[i];
		bool plain = a[0] != '\0' && strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						     "0123456789_./:=@%+,-") == strlen(a);
		fputs(i == 0 && n->kind == KIND_HOST ? "" : " ", s->out);
		if (plain) {
			fputs(a, s->out);
			continue;
		}
		fputc('\'', s->out);
		for (; *a; a++)
			fputs(*a == '\'' ? "'\\''" : (char[]){ *a, 0 }, s->out);
		fputc('\'', s->out);
	}
	fputc('\n', s->out);
	fflush(s->out);
}

/* NODE CMD... &: start the program as a job (engine/jobs.h) and say so. */
static int run_job(struct session *s, const struct node *n, char *const argv[], int prog_tok,
		   struct nerr *err)
{
	char *log;
	int id = 0;

	if (job_start(s, n, argv, &id, err) < 0) {
		err->tok = err->code == NERR_NOT_OURS ? prog_tok - 1 : prog_tok;
		return -1;
	}
	log = job_log(s, id);
	fprintf(s->out, "[%d] %s in %s, output in %s (jobs lists it, stop %d ends it)\n", id,
		argv[0], n->name, log, id);
	fflush(s->out);
	free(log);
	return 0;
}

static int run_exec(struct session *s, const struct command *c, struct nerr *err)
{
	int ni = strcmp(c->tok[0].text, "exec") == 0 ? 1 : 0;
	const char **words;
	bool *literal, bg;
	struct node *n;
	char **argv;
	int argc = c->ntok - ni - 1, rc;

	if (arg_node(s->model, c, ni, &n, err) < 0)
		return -1;
	/* A last word & (not quoted) runs it in the background. */
	bg = argc > 0 && strcmp(c->tok[c->ntok - 1].text, "&") == 0 && !c->tok[c->ntok - 1].literal;
	argc -= bg;
	if (argc < 1)
		return nerr_set(err, c->ntok, "give a program to run in %s", n->name);
	if (!s->kernel) {
		fprintf(s->out, "# dry run: %s would run in %s; not run\n", c->tok[ni + 1].text,
			n->name);
		return 0;
	}
	words = xcalloc((size_t)argc, sizeof(*words));
	literal = xcalloc((size_t)argc, sizeof(*literal));
	for (int i = 0; i < argc; i++) {
		words[i] = c->tok[ni + 1 + i].text;
		literal[i] = c->tok[ni + 1 + i].literal;
	}
	argv = exec_argv(&(struct argv_words){ words, literal, argc, n, session_word_addr, s });
	free(words);
	free(literal);
	if (s->explain)
		explain_argv(s, n, argv);
	rc = bg ? run_job(s, n, argv, ni + 1, err) : cmd_run_program(s, n, argv, ni + 1, err);
	argv_free(argv);
	return rc;
}

const struct cmd_entry cmd_exec_entry = {
	.name = "exec", .group = "Run", .usage = "NODE CMD [ARG...]",
	.summary = "run a program inside a node (short form: NODE CMD...)",
	.help = "Runs CMD inside NODE's namespace with its output inline. As `ip netns exec`:\n"
		"the program gets the node's network namespace and a private mount namespace\n"
		"in which /sys shows the node's links and each file of /etc/netns/NODE is\n"
		"bind-mounted over its namesake in /etc (a resolv.conf of the node's own,\n"
		"which a DHCP client in the node rewrites instead of the host's).\n"
		"Unlike it: netsh first proves the namespace is the one it made; NETSH_NODE\n"
		"is set to the node's name; in host the program runs as it is, in netsh's\n"
		"own namespaces; and node names among the arguments stand for the node's\n"
		"first address as the kernel has it (`ns1 ping -c1 ns2` pings ns2), NODE:IF\n"
		"for that interface's. A word stays as typed when it is quoted ('ns2' or\n"
		"\\ns2), names an interface of NODE, or follows an option that takes a name\n"
		"(dev, -i, -I, -ni, netns, pids, master, ...); -x shows the command as it\n"
		"runs. Ctrl-C stops the program, not netsh. A last word & runs it in the\n"
		"background, as a job: it goes on after the command and after netsh exits,\n"
		"its output in a log under the lab's state directory; jobs lists the jobs,\n"
		"stop ID ends one, del NODE and destroy stop those of their nodes.\n"
		"A program's exit status is its result, not an error: under -c it is\n"
		"netsh's exit status when the program ran last; with -e a program that\n"
		"exits non-zero stops the commands after it.",
	.example = "exec ns1 ip -br addr\nns1 ping -c1 ns2\nns2 iperf3 -s &",
	.sandbox_refuses = SANDBOX_NO_PROGRAMS,
	.complete = "n-", .min_args = 2, .max_args = -1, .run = run_exec,
};
