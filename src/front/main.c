/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c: the netsh program: -c one-liners, -f command files and standard
 * input, Lua lab files, and the REPL. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/json.h"
#include "engine/session.h"
#include "engine/tutorial.h"
#include "front/private.h"
#include "front/repl.h"
#include "kernel/kernel.h"
#include "lua/run.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: netsh [-ejnqvx] [-L LAB] -c 'CMD; CMD...'\n"
		"       netsh [-ejnqvx] [-L LAB] -f FILE|-\n"
		"       netsh [-ijnqvx] [-L LAB] [--sandbox] FILE.lab [KEY=VALUE...]\n"
		"       netsh [-L LAB]          (the interactive shell, on a terminal)\n"
		"  -c CMDS    run the commands (';' or a line end between them) and exit\n"
		"  -f FILE    run the commands of FILE (-: standard input), FILE:LINE in errors\n"
		"  -e         stop at a program that exits non-zero, as sh -e does\n"
		"  -j         show, show NODE and each command's changes as JSON\n"
		"  -L LAB     the lab to use (default: default); its state in /run/netsh/LAB\n"
		"  --private  a lab of your own in a user namespace, kept until destroy (the\n"
		"             default when you are not root)\n"
		"  -n         dry run: print the ip and nft commands a plan would run, against\n"
		"             the lab as it is, and change nothing\n"
		"  -q         quiet: no inline view of changes\n"
		"  -v         verbose: every change of a big batch (not a summary)\n"
		"  -x         explain: print the ip or nft command for every kernel step\n"
		"  FILE.lab   run a Lua lab script; KEY=VALUE arguments reach it as params.KEY\n"
		"  -i         after the lab script, open the interactive shell on the result\n"
		"  --sandbox  a stranger's lab: no Lua io, os or modules, no program runs,\n"
		"             no file is read (netsh(1) says what it does not do)\n"
		"  -h, --help     this help\n"
		"  -V, --version  the version\n"
		"Exit status: 0, or the status of the program the last command ran; 1 when\n"
		"a command fails (the message names the bad word); 2 for a bad option; 130\n"
		"after Ctrl-C. Without -c, -f or a lab: the shell on a terminal, otherwise\n"
		"commands from standard input. netsh(1) has the details.\n");
}

/* Run lines from a stream until EOF, quit or the first error. */
static int run_stream(struct session *s, FILE *in)
{
	char *line = NULL;
	size_t cap = 0;
	int rc = 0;

	while (getline(&line, &cap, in) > 0) {
		s->lineno++;
		line[strcspn(line, "\n")] = '\0';
		if ((rc = session_run_line(s, line)) < 0 || s->quit)
			break;
	}
	free(line);
	return rc;
}

/* The exit status of a batch: its last command's result, 1 after an error
 * (130 after Ctrl-C); what waited for the end of the batch is applied. */
static int end_batch(struct session *s, int rc)
{
	struct nerr err;

	s->batch = false;
	session_view_end(s);
	if (rc < 0)
		return s->err_code == NERR_INTERRUPTED ? 130 : 1;
	if (session_settle(s, &err) < 0) {
		session_report(s, NULL, NULL, &err);
		return 1;
	}
	return s->status;
}

/* -f FILE: its lines as commands. */
static int run_file(struct session *s, const char *path)
{
	FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	int rc;

	if (!in) {
		fprintf(stderr, "netsh: -f: cannot read %s: %s\n", path, strerror(errno));
		return 1;
	}
	s->source = strcmp(path, "-") == 0 ? "stdin" : path;
	s->batch = true;
	rc = end_batch(s, run_stream(s, in));
	if (in != stdin)
		fclose(in);
	return rc;
}

/* Colour only on a terminal that shows it, and never with NO_COLOR set
 * (no-color.org). */
static bool want_color(void)
{
	const char *term = getenv("TERM"), *no = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && !(no && no[0]) && !(term && strcmp(term, "dumb") == 0);
}

/* Join (or start) the user's private lab, before anything else is open;
 * say so when netsh chose it because the user is not root. A dry run
 * never starts one: without a lab to join it plans against an empty lab. */
static int enter_private(const char *lab, bool asked, bool dry, bool quiet,
			 struct private_lab *pl)
{
	struct nerr err;
	int rc;

	unsetenv("NETSH_STATE_DIR");	/* a private lab's state is in its own /run */
	rc = private_enter(lab, !dry, pl, &err);
	if (rc < 0 && dry)
		fprintf(stderr, "netsh: %s; the dry run plans against an empty lab\n", err.msg);
	if (rc != 0 && dry) {
		/* No state directory there: the lab as the dry run sees it is empty. */
		setenv("NETSH_STATE_DIR", "/nonexistent/netsh-private", 1);
		return 0;
	}
	if (rc < 0) {
		fprintf(stderr, "netsh: %s\n", err.msg);
		return -1;
	}
	if (pl->ended)
		fprintf(stderr, "netsh: private lab '%s' had ended (its keeper process was gone); "
			"this is a new, empty one\n", lab);
	else if (pl->made && !asked)
		fprintf(stderr, "netsh: you are not root, so lab '%s' is private: it lives in a user "
			"namespace of your own, kept by process %d (netsh(1), PRIVATE LABS)\n",
			lab, (int)pl->keeper);
	if (pl->made && !quiet)
		fprintf(stderr, "netsh: from another terminal netsh -L %s joins it; other programs "
			"enter it with nsenter -t %d -U -m -n --preserve-credentials\n", lab,
			(int)pl->keeper);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmds = NULL, *file = NULL, *lab = "default", *labfile = NULL;
	bool dry = false, quiet = false, explain = false, then_repl = false;
	bool json = false, errexit = false, verbose = false, sandbox = false, private = false;
	struct private_lab pl = { .conn = -1 };
	static const struct option longopts[] = {
		{ "sandbox", no_argument, NULL, 'S' },
		{ "private", no_argument, NULL, 'P' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct nerr err;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "+c:ef:ijL:nqvxhV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'c': cmds = optarg; break;
		case 'e': errexit = true; break;
		case 'f': file = optarg; break;
		case 'i': then_repl = true; break;
		case 'j': json = true; break;
		case 'S': sandbox = true; break;
		case 'P': private = true; break;
		case 'L': lab = optarg; break;
		case 'n': dry = true; break;
		case 'q': quiet = true; break;
		case 'v': verbose = true; break;
		case 'x': explain = true; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("netsh %s\n", PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc)
		labfile = argv[optind++];	/* its KEY=VALUE arguments follow */
	if ((labfile != NULL) + (cmds != NULL) + (file != NULL) > 1) {
		fprintf(stderr, "netsh: give one of -c, -f or a lab file\n");
		usage(stderr);
		return 2;
	}
	if (then_repl && !labfile) {
		fprintf(stderr, "netsh: -i needs a lab file to run first\n");
		usage(stderr);
		return 2;
	}
	if (json && json_lib_load(&err) < 0) {
		fprintf(stderr, "netsh: -j: %s\n", err.msg);
		return 1;
	}
	if ((private || geteuid() != 0) && enter_private(lab, private, dry, quiet, &pl) < 0)
		return 1;
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
	s->run_check = lab_run_check;
	s->quiet = quiet;
	s->explain = explain;
	s->errexit = errexit;
	s->sandbox = sandbox;
	s->verbose = verbose;
	s->color = want_color() && !json;
	session_set_json(s, json);
	if (labfile) {
		struct nerr why;
		s->source = labfile;
		rc = lab_run_file(s, labfile, argc - optind, argv + optind, &why);
		if (rc && why.tok < 0) {
			fflush(stdout);
			fprintf(stderr, "netsh: %s\n", why.msg);
		}
		if (then_repl) {	/* even after an error: the lab is there to inspect */
			s->interactive = true;
			s->source = "netsh";
			rc = repl_run(s, lab);
		}
	} else if (cmds) {
		s->batch = true;
		rc = end_batch(s, session_run_line(s, cmds));
		if (s->kernel)
			tutorial_after_line(s);	/* a lesson followed from -c */
	} else if (file) {
		rc = run_file(s, file);
	} else if (isatty(STDIN_FILENO)) {
		s->interactive = true;
		s->source = "netsh";
		rc = repl_run(s, lab);
	} else {
		s->source = "stdin";
		s->batch = true;
		s->color = false;	/* commands from a pipe: a script's output */
		rc = end_batch(s, run_stream(s, stdin));
	}
	session_end(s);
	private_leave(&pl);
	return rc;
}
