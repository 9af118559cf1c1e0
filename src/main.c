/* main.c: the netsh program: -c one-liners, stdin and the REPL. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "session.h"

static void usage(FILE *out)
{
	fprintf(out,
		"usage: netsh [-nqx] [-L LAB] [-c 'CMD; CMD...']\n"
		"  -c CMDS   run the commands and exit (stops at the first error, status 1)\n"
		"  -L LAB    the lab to use (default: default); state under /run/netsh\n"
		"  -n        dry run: print the ip commands a plan would run, change nothing\n"
		"  -q        quiet: no inline view of changes\n"
		"  -x        explain: print the ip command for every kernel step\n"
		"  -h        this help;  -V  the version\n"
		"Without -c, commands are read from standard input, one per line.\n");
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
	}
	free(line);
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmds = NULL, *lab = "default";
	bool dry = false, quiet = false, explain = false;
	struct nerr err;
	int opt, rc;

	while ((opt = getopt(argc, argv, "+c:L:nqxhV")) != -1) {
		switch (opt) {
		case 'c': cmds = optarg; break;
		case 'L': lab = optarg; break;
		case 'n': dry = true; break;
		case 'q': quiet = true; break;
		case 'x': explain = true; break;
		case 'h': usage(stdout); return 0;
		case 'V': printf("netsh %s\n", PACKAGE_VERSION); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "netsh: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	struct session *s = session_open(lab, dry, &err);
	if (!s) {
		fprintf(stderr, "netsh: %s\n", err.msg);
		return 1;
	}
	s->quiet = quiet;
	s->explain = explain;
	if (cmds) {
		rc = session_run_line(s, cmds) < 0 ? 1 : 0;
	} else {
		s->source = "stdin";
		rc = run_stream(s, stdin);
	}
	session_close(s);
	return rc;
}
