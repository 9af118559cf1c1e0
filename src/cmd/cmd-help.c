/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-help.c: help and explain. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "engine/session.h"

static const char *const groups[] = { "Build", "Address", "Inspect", "Run", "Lab", NULL };

/* Print `text` with every line indented. */
static void indented(FILE *out, const char *text)
{
	const char *p = text;

	while (*p) {
		const char *nl = strchr(p, '\n');
		int len = nl ? (int)(nl - p) : (int)strlen(p);
		fprintf(out, "    %.*s\n", len, p);
		p += len + (nl ? 1 : 0);
	}
}

static int run_help(struct session *s, const struct command *c, struct nerr *err)
{
	if (c->ntok == 2) {
		const struct cmd_entry *e = cmd_find(c->tok[1].text);
		if (!e) {
			const char *near = cmd_suggest(c->tok[1].text);
			if (near)
				return nerr_set(err, 1, "no command '%s'; did you mean %s?",
						c->tok[1].text, near);
			return nerr_set(err, 1, "no command '%s' (help lists them)", c->tok[1].text);
		}
		fprintf(s->out, "usage: %s %s\n\n%s\n\n", e->name, e->usage, e->summary);
		indented(s->out, e->help);
		fprintf(s->out, "\nexample:\n");
		indented(s->out, e->example);
		if (e->sandbox_refuses)
			fprintf(s->out, "\nunder --sandbox: refused (%s)\n", e->sandbox_refuses);
		return 0;
	}
	for (int g = 0; groups[g]; g++) {
		fprintf(s->out, "%s:\n", groups[g]);
		for (int i = 0; cmd_table[i]; i++)
			if (strcmp(cmd_table[i]->group, groups[g]) == 0)
				fprintf(s->out, "  %-8s %s\n", cmd_table[i]->name, cmd_table[i]->summary);
	}
	fprintf(s->out, "  NODE CMD  run CMD inside NODE (same as exec NODE CMD)\n"
		"\nhelp CMD shows the usage, a description and an example.\n");
	return 0;
}

static int run_explain(struct session *s, const struct command *c, struct nerr *err)
{
	const char *w = c->ntok > 1 ? c->tok[1].text : NULL;

	if (!w) {
		fprintf(s->out, "explain is %s\n", s->explain ? "on" : "off");
		return 0;
	}
	if (strcmp(w, "on") != 0 && strcmp(w, "off") != 0)
		return nerr_set(err, 1, "'%s': expected on or off", w);
	s->explain = strcmp(w, "on") == 0;
	return 0;
}

static const char *const onoff[] = { "on", "off", NULL };

const struct cmd_entry cmd_explain_entry = {
	.name = "explain", .unrecorded = true, .group = "Inspect", .usage = "[on|off]",
	.summary = "print the ip or nft command for every kernel step",
	.help = "With explain on, each kernel operation is also printed as the iproute2\n"
		"or nft command that does the same, ready to paste into a shell script.",
	.example = "explain on\ncable ns1 ns2 subnet 10.0.0.0/24",
	.complete = "k", .keywords = onoff, .min_args = 0, .max_args = 1, .run = run_explain,
};

const struct cmd_entry cmd_help_entry = {
	.name = "help", .unrecorded = true, .group = "Lab", .usage = "[CMD]",
	.summary = "list the commands, or explain one",
	.help = "Without CMD: every command, grouped by purpose, one line each.\n"
		"With CMD: its synopsis, what it does and an example.",
	.example = "help cable",
	.complete = "c", .min_args = 0, .max_args = 1, .run = run_help,
};
