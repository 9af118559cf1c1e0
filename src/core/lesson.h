/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lesson.h: a tutorial lesson, read from its Markdown page (the format is
 * doc/tutorials/README.md): a `# ` title and an introduction, then one step
 * per `## ` heading, each with its prose, a ```netsh block (the solution),
 * a ```check block (Lua expect.* calls) and `> Hint:` lines. Pure. */
#ifndef NETSH_LESSON_H
#define NETSH_LESSON_H

#include <stddef.h>

#include "core/error.h"

struct lesson_step {
	char *title;
	char *text;		/* its prose and examples, as the page has them */
	char *solution;		/* netsh commands, one a line */
	char *check;		/* Lua */
	char **hints;
	size_t nhints;
};

struct lesson {
	char *title;
	char *intro;
	struct lesson_step *steps;
	size_t nsteps;
};

/* Parse a lesson page. Fails, naming the line, when a step has no
 * solution or no check, a block is not closed, or there is no step. */
int lesson_parse(const char *text, struct lesson *out, struct nerr *err);

void lesson_free(struct lesson *l);

#endif
