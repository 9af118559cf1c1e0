/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-help.c: help and explain. */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/plan.h"
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

/* explain CMD...: the kernel steps CMD would take, each with why, as
 * commands; nothing runs. */
static int explain_command(struct session *s, const struct command *c, struct nerr *err)
{
	struct command sub = { c->tok + 1, c->ntok - 1 };
	const struct cmd_entry *e = cmd_find(sub.tok[0].text);
	struct plan p;
	char why[600];
	int rc;

	if (!e && model_node(s->model, sub.tok[0].text))
		e = &cmd_exec_entry;
	if (!e)
		return nerr_set(err, 1, "'%s': expected on, off or a command to explain (help lists them)", sub.tok[0].text);
	if (!e->plan && !e->plan_live) {
		fprintf(s->out, "# %s takes no step in the kernel of its own%s\n", e->name,
			e == &cmd_exec_entry ? ": it runs a program inside the node" : "");
		return 0;
	}
	rc = cmd_check_args(e, &sub, err);
	plan_init(&p);
	if (rc == 0)
		rc = e->plan ? e->plan(s->model, &sub, &p, err) : e->plan_live(s, &sub, &p, err);
	if (rc < 0 && err->tok >= 0)
		err->tok++;	/* the words after explain */
	for (size_t i = 0; rc == 0 && i < p.nops; i++) {
		fprintf(s->out, "# %s\n", op_why(&p.ops[i], why, sizeof(why)));
		op_explain(&p.ops[i], s->out);
	}
	if (rc == 0 && !p.nops)
		fprintf(s->out, "# %s\n", e->run ? "no step to plan: it does its work as it runs (explain on shows it then)"
			: "nothing to do in the kernel");
	plan_free(&p);
	return rc;
}

static int run_explain(struct session *s, const struct command *c, struct nerr *err)
{
	const char *w = c->ntok > 1 ? c->tok[1].text : NULL;

	if (!w) {
		fprintf(s->out, "explain is %s\n", s->explain ? "on" : "off");
		return 0;
	}
	if (c->ntok > 2 && (strcmp(w, "on") == 0 || strcmp(w, "off") == 0))
		return nerr_set(err, 2, "'%s': explain %s takes nothing more", c->tok[2].text, w);
	if (c->ntok > 2 || (strcmp(w, "on") != 0 && strcmp(w, "off") != 0))
		return explain_command(s, c, err);
	s->explain = s->explain_why = strcmp(w, "on") == 0;
	return 0;
}

static const char *const onoff[] = { "on", "off", NULL };

const struct cmd_entry cmd_explain_entry = {
	.name = "explain", .unrecorded = true, .group = "Inspect", .usage = "[on|off] | CMD...",
	.summary = "print the ip or nft commands a command runs, and why",
	.help = "explain CMD... prints the kernel steps CMD would take, each as the iproute2,\n"
		"nft or sysctl commands that do the same, under a comment that says why\n"
		"(\"the peer end is made directly in ns2, so it never appears in the host\");\n"
		"nothing runs. explain on does it for every command that follows, as it\n"
		"runs; explain off stops. netsh -x prints the commands without the reasons,\n"
		"ready to paste into a shell script.",
	.example = "explain cable ns1 ns2 subnet 10.0.0.0/24\nexplain on\nnat r1",
	.complete = "k", .keywords = onoff, .min_args = 0, .max_args = -1, .run = run_explain,
};

const struct cmd_entry cmd_help_entry = {
	.name = "help", .unrecorded = true, .group = "Lab", .usage = "[CMD]",
	.summary = "list the commands, or explain one",
	.help = "Without CMD: every command, grouped by purpose, one line each.\n"
		"With CMD: its synopsis, what it does and an example.",
	.example = "help cable",
	.complete = "c", .min_args = 0, .max_args = 1, .run = run_help,
};
