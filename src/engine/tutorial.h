/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tutorial.h: guided lessons at the prompt. A lesson is a Markdown page
 * (core/lesson.h) in the tutorials directory; the student follows it in
 * the lab, and after each command line the current step's check (Lua
 * expect.* calls, run by s->run_check) looks at the live kernel. A step
 * that passed stays passed. Progress is the user's (engine/progress.c),
 * kept in $XDG_STATE_HOME/netsh/tutorials (~/.local/state/netsh/tutorials):
 *
 *     active bridges /run/netsh/default    the lesson followed in a lab
 *                                          (its state directory)
 *     bridges 3 5        the step shown (1-based), then the passed steps
 *                        as a bit mask (step 1: bit 0)
 */
#ifndef NETSH_TUTORIAL_H
#define NETSH_TUTORIAL_H

#include <stdbool.h>
#include <stdio.h>

#include "core/error.h"
#include "core/lesson.h"

struct session;

#define TUTORIAL_NAME_MAX 63

struct tutorial {
	char name[TUTORIAL_NAME_MAX + 1];
	struct lesson lesson;
	size_t step;			/* shown, 0-based */
	unsigned long long passed;	/* bit i: step i+1 passed */
	size_t hints;			/* of this step, shown so far */
	bool handled;			/* a tutorial command ran: no check after it */
};

/* Where the lessons are: $NETSH_TUTORIALS, else the installed ones. */
const char *tutorial_dir(void);

/* The lessons' names, sorted (each and the array malloc'd); *n of them. */
char **tutorial_names(size_t *n);

/* `tutorial`: every lesson with its title and the user's progress. */
int tutorial_list(struct session *s, struct nerr *err);

/* The lesson followed (from the progress file), loaded into s->tutorial;
 * NULL when none. Cheap to call after every line. */
struct tutorial *tutorial_active(struct session *s);

/* `tutorial NAME`: follow a lesson in this lab, which must be empty; one
 * with progress resumes at its step, the lab rebuilt as at its start. */
int tutorial_start(struct session *s, const char *name, struct nerr *err);

/* Show the current step. */
void tutorial_show(struct session *s);

/* `tutorial check`: run the step's check now; -1 with the failing check
 * in *err when it does not pass. */
int tutorial_check(struct session *s, struct nerr *err);

/* After a command line at the prompt or in -c: check the step unless it
 * passed already, and say when it passes. */
void tutorial_after_line(struct session *s);

/* `tutorial hint`: one more hint of the step. */
int tutorial_hint(struct session *s, struct nerr *err);

/* `tutorial next`, `back`, `step N`: move (next: only past a passed
 * step); back and step N rebuild the lab as at the start of that step. */
int tutorial_goto(struct session *s, size_t step, bool rebuild, struct nerr *err);

/* `tutorial reset`: the lab as it was at the start of this step. */
int tutorial_reset(struct session *s, struct nerr *err);

/* `tutorial solve`: run the step's solution, then its check. */
int tutorial_solve(struct session *s, struct nerr *err);

/* `tutorial stop`: leave the lesson (its progress stays). */
int tutorial_stop(struct session *s, struct nerr *err);

/* The prompt's tag while a lesson runs ("bridges 3/7"), or NULL. */
const char *tutorial_tag(struct session *s, char *buf, size_t len);

void tutorial_free(struct tutorial *t);

#endif
