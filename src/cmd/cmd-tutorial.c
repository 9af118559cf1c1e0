/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-tutorial.c: tutorial [NAME | check | hint | next | back | step N |
 * reset | solve | stop]: guided lessons, checked against the live kernel
 * (engine/tutorial.h; the lessons are the pages of doc/tutorials/). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "engine/session.h"
#include "engine/tutorial.h"

static const char *const words[] = { "check", "hint", "next", "back", "step", "reset", "solve",
				     "stop", NULL };

/* tutorial next: past a step that passed (checking it once more). */
static int next(struct session *s, struct tutorial *t, struct nerr *err)
{
	bool last;

	if (!t)
		return tutorial_goto(s, 0, false, err);	/* says no lesson is followed */
	last = t->step + 1 >= t->lesson.nsteps;
	if (!(t->passed >> t->step & 1)) {
		if (tutorial_check(s, err) < 0) {
			if (last)
				nerr_append(err, "; tutorial solve does it");
			else
				nerr_append(err, "; tutorial solve does it, tutorial step %zu skips it",
					    t->step + 2);
			return -1;
		}
		if (last)
			return 0;	/* tutorial_check said the lesson is done */
	}
	if (last) {
		fprintf(s->out, "that was the last step of %s (tutorial stop leaves it)\n", t->name);
		return 0;
	}
	return tutorial_goto(s, t->step + 1, false, err);
}

static int run_tutorial(struct session *s, const struct command *c, struct nerr *err)
{
	const char *w = c->ntok > 1 ? c->tok[1].text : NULL;
	struct tutorial *t = tutorial_active(s);
	char *end;
	long n;

	if (t)
		t->handled = true;	/* no check after a tutorial command of its own */
	if (!w)
		return tutorial_list(s, err);
	if (strcmp(w, "step") == 0) {
		if (c->ntok != 3)
			return nerr_set(err, c->ntok > 3 ? 3 : 2, "usage: tutorial step N");
		n = strtol(c->tok[2].text, &end, 10);
		if (*end || n < 1)
			return nerr_set(err, 2, "'%s': expected a step number", c->tok[2].text);
		return tutorial_goto(s, (size_t)n - 1, true, err);
	}
	if (c->ntok > 2)
		return nerr_set(err, 2, "'%s': tutorial %s takes nothing more", c->tok[2].text, w);
	if (strcmp(w, "check") == 0)
		return tutorial_check(s, err);
	if (strcmp(w, "hint") == 0)
		return tutorial_hint(s, err);
	if (strcmp(w, "next") == 0)
		return next(s, t, err);
	if (strcmp(w, "back") == 0) {
		if (t && t->step == 0)
			return nerr_set(err, 1, "this is the first step of %s", t->name);
		return tutorial_goto(s, t ? t->step - 1 : 0, true, err);
	}
	if (strcmp(w, "reset") == 0)
		return tutorial_reset(s, err);
	if (strcmp(w, "solve") == 0)
		return tutorial_solve(s, err);
	if (strcmp(w, "stop") == 0)
		return tutorial_stop(s, err);
	return tutorial_start(s, w, err);
}

/* Completion of tutorial WORD: the words, and the lessons' names. */
static bool complete_tutorial(const struct model *m, const struct command *ws, struct completion *c)
{
	size_t n;
	char **names;

	(void)m;
	if (ws->ntok != 1)
		return ws->ntok > 1;	/* tutorial step N: nothing to offer */
	for (int i = 0; words[i]; i++)
		compl_add(c, words[i]);
	names = tutorial_names(&n);
	for (size_t i = 0; i < n; i++) {
		compl_add(c, names[i]);
		free(names[i]);
	}
	free(names);
	return true;
}

const struct cmd_entry cmd_tutorial_entry = {
	.name = "tutorial", .unrecorded = true, .group = "Lab",
	.usage = "[NAME | check | hint | next | back | step N | reset | solve | stop]",
	.summary = "follow a guided lesson, checked against the live kernel",
	.help = "tutorial lists the lessons and your progress; tutorial NAME starts one in\n"
		"this lab, which must be empty (netsh -L NAME opens a lab of its own), and\n"
		"shows its first step; the prompt shows where you are (netsh[bridges 3/7]>).\n"
		"After each command line the step's checks run against the kernel, so any\n"
		"way of doing the step counts: netsh's words, ip in shell NODE, a second\n"
		"terminal. A step that passed stays passed.\n"
		"  check       run the step's checks now and say what fails\n"
		"  hint        one more hint\n"
		"  next        the next step (once this one passed)\n"
		"  back        the step before, the lab rebuilt as at its start\n"
		"  step N      step N, the lab rebuilt as at its start\n"
		"  reset       the lab as it was at the start of this step\n"
		"  solve       run this step's solution\n"
		"  stop        leave the lesson; tutorial NAME comes back to it\n"
		"Progress is kept in ~/.local/state/netsh/tutorials. The lessons are\n"
		"Markdown pages (doc/tutorials/); doc/tutorials/README.md says how to\n"
		"write one.",
	.example = "tutorial\ntutorial veth\ntutorial check\ntutorial next",
	.complete = "k", .keywords = words, .complete_args = complete_tutorial,
	.min_args = 0, .max_args = 2, .run = run_tutorial,
};
