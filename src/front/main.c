/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c: the netsh program: -c one-liners, stdin and the REPL. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/session.h"
#include "front/repl.h"
#include "kernel/kernel.h"
#include "lua/run.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: netsh [-nqx] [-L LAB] [-c 'CMD; CMD...']\n"
		"       netsh [-inqx] [-L LAB] [--sandbox] FILE.lab [KEY=VALUE...]\n"
		"  -c CMDS   run the commands and exit (stops at the first error, status 1)\n"
		"  -L LAB    the lab to use (default: default); state under /run/netsh\n"
		"  -n        dry run: print the ip commands a plan would run, change nothing\n"
		"  -q        quiet: no inline view of changes\n"
		"  -x        explain: print the ip command for every kernel step\n"
		"  -h        this help;  -V  the version\n"
		"  FILE.lab  run a Lua lab script; KEY=VALUE arguments reach it as params.KEY\n"
		"  -i        after the lab script, open the interactive shell on the result\n"
		"  --sandbox run the lab without Lua's io, os and module loading\n"
		"Without -c: the interactive shell on a terminal, otherwise commands are\n"
		"read from standard input, one per line.\n");
}

/* Run lines from a stream until EOF or the first error. */
static int run_stream(struct session *s, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;

	while (getline(&line, &cap, in) > 0) {
		s->lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (session_run_line(s, line) < 0) {
			rc = 1;
			break;
		}
		if (s->quit)
			break;
	}
	free(line);
	return rc;
}

/* End a batch of commands: apply what waited for its end. */
static int end_batch(struct session *s, int rc)
{
	struct nerr err;

	s->batch = false;
	if (session_settle(s, &err) < 0) {
		session_report(s, NULL, NULL, &err);
		return 1;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmds = NULL, *lab = "default", *labfile = NULL;
	bool dry = false, quiet = false, explain = false, then_repl = false;
	static const struct option longopts[] = {
		{ "sandbox", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	struct nerr err;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "+c:iL:nqxhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': cmds = optarg; break;
		case 'i': then_repl = true; break;
		case 'S': lab_sandbox = true; break;
		case 'L': lab = optarg; break;
		case 'n': dry = true; break;
		case 'q': quiet = true; break;
		case 'x': explain = true; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("netsh %s\n", PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		labfile = argv[optind++];	/* its KEY=VALUE arguments follow */
	if (labfile && cmds) {
		fprintf(stderr, "netsh: give either -c or a lab file, not both\n");
		usage(stderr);
		return 2;
	}
	if (then_repl && !labfile) {
		fprintf(stderr, "netsh: -i needs a lab file to run first\n");
		usage(stderr);
		return 2;
	}
	struct kernel *k = NULL;
	if (!dry && !(k = kernel_netlink_open(&err))) {
		fprintf(stderr, "netsh: %s\n", err.msg);
		return 1;
	}
	struct session *s = session_open(lab, k, &err);
	if (!s) {
		fprintf(stderr, "netsh: %s\n", err.msg);
		return 1;
	}
	s->run_lab = lab_run_file;
	s->quiet = quiet;
	s->explain = explain;
	/* Colour only on a terminal, and never with NO_COLOR set (no-color.org). */
	bool color = isatty(STDOUT_FILENO) && !(getenv("NO_COLOR") && getenv("NO_COLOR")[0]);
	if (labfile) {
		struct nerr why;
		s->color = color;
		s->source = labfile;
		rc = lab_run_file(s, labfile, argc - optind, argv + optind, &why);
		if (rc && why.tok < 0)
			fprintf(stderr, "netsh: %s\n", why.msg);
		if (then_repl) {	/* even after an error: the lab is there to inspect */
			s->interactive = true;
			s->source = "netsh";
			rc = repl_run(s, lab);
		}
	} else if (cmds) {
		s->color = color;
		s->batch = true;
		rc = session_run_line(s, cmds) < 0 ? 1 : 0;
		rc = end_batch(s, rc);
	} else if (isatty(STDIN_FILENO)) {
		s->interactive = true;
		s->color = color;
		s->source = "netsh";
		rc = repl_run(s, lab);
	} else {
		s->source = "stdin";
		s->batch = true;
		rc = end_batch(s, run_stream(s, stdin));
	}
	session_close(s);
	return rc;
}
