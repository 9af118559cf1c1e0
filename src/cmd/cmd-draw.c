/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-draw.c: draw [NODE]: the topology in the terminal (core/save.h). */
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/save.h"
#include "engine/session.h"

#define DRAW_MAX 30	/* nodes drawn whole; past it, a summary */

/* Box-drawing characters only in a UTF-8 locale and without NO_COLOR. */
static bool unicode(void)
{
	const char *vars[] = { "LC_ALL", "LC_CTYPE", "LANG" }, *no = getenv("NO_COLOR");

	if (no && no[0])
		return false;
	for (int i = 0; i < 3; i++) {
		const char *v = getenv(vars[i]);
		if (v && v[0])
			return strcasestr(v, "utf-8") || strcasestr(v, "utf8");
	}
	return false;
}

static int run_draw(struct session *s, const struct command *c, struct nerr *err)
{
	struct node *n = NULL;

	if (c->ntok > 1 && arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (session_settle(s, err) < 0)
		return -1;
	draw_lab(s->model, n, unicode(), DRAW_MAX, s->out);
	fflush(s->out);
	return 0;
}

const struct cmd_entry cmd_draw_entry = {
	.name = "draw", .unrecorded = true, .group = "Inspect", .usage = "[NODE]",
	.summary = "a picture of the topology",
	.help = "Draws the lab as a tree of its cables, from the first node of each group\n"
		"of joined nodes: each branch is \"IF ADDR ── IF ADDR ── NODE (kind)\", a\n"
		"switch's branches are its ports, NAT routers say so, and a node met again is\n"
		"named, not drawn twice. draw NODE shows one node and its neighbours. Past 30\n"
		"nodes it prints a summary. Box-drawing characters in a UTF-8 locale, ASCII\n"
		"otherwise or with NO_COLOR.",
	.example = "draw\ndraw r1",
	.complete = "n", .min_args = 0, .max_args = 1, .run = run_draw,
};
