/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-export.c: export dot|json|sh [FILE]: the lab for other tools:
 * Graphviz, JSON (as -j show prints it), or a shell script of ip, nft and
 * tc commands that builds it without netsh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/plan.h"
#include "core/save.h"
#include "engine/session.h"

static const char *const formats[] = { "dot", "json", "sh", NULL };

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

	if (strcmp(fmt, "dot") != 0 && strcmp(fmt, "json") != 0 && strcmp(fmt, "sh") != 0) {
		nerr_set(err, 1, "'%s': expected dot, json or sh", fmt);
		return arg_did_you_mean(c, 1, formats, err);
	}
	if (path && s->sandbox)
		return nerr_setc(err, NERR_REFUSED, 2, "a lab writes no file under --sandbox");
	if (session_settle(s, err) < 0)
		return -1;
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
	.name = "export", .unrecorded = true, .group = "Lab", .usage = "dot|json|sh [FILE]",
	.summary = "the lab for Graphviz, for scripts, or as a shell script",
	.help = "Writes the lab to FILE (or shows it): dot, a Graphviz graph (nodes by kind\n"
		"with their addresses, cables labelled with their interfaces: dot -Tsvg draws\n"
		"it); json, as netsh -j show prints it (doc/json.md); sh, the ip, nft and tc\n"
		"commands that build the lab without netsh, as explain prints them.",
	.example = "export dot lab.dot\nexport sh lab.sh\nexport json",
	.complete = "kf", .keywords = formats, .min_args = 1, .max_args = 2, .run = run_export,
};
