/* SPDX-License-Identifier: GPL-2.0-or-later */
/* progress.h: the user's tutorial progress (engine/tutorial.h says the
 * file's format): each lesson's step and passed steps, and the lesson
 * followed in each lab. */
#ifndef NETSH_PROGRESS_H
#define NETSH_PROGRESS_H

#include <stddef.h>

#include "core/error.h"
#include "engine/tutorial.h"

#define MAX_LESSONS 64

/* One lesson's line of the progress file. */
struct progress {
	char name[TUTORIAL_NAME_MAX + 1];
	size_t step;			/* 1-based */
	unsigned long long passed;
};

/* The lesson followed in one lab (its state directory). */
struct following {
	char name[TUTORIAL_NAME_MAX + 1];
	char lab[512];
};

#define MAX_LABS 16

struct progress_file {
	struct following active[MAX_LABS];
	size_t nactive;
	struct progress v[MAX_LESSONS];
	size_t n;
};

/* The file as it is (empty when there is none). */
void progress_read(struct progress_file *f);

/* Write it whole, atomically, making its directory. */
int progress_write(const struct progress_file *f, struct nerr *err);

/* The lesson followed in lab `lab`, or "". */
const char *following(const struct progress_file *f, const char *lab);

/* Follow `name` in lab `lab` ("": none). */
void set_following(struct progress_file *f, const char *lab, const char *name);

/* Lesson `name`'s progress, or NULL when it has none; progress_of makes
 * it (at step 0, nothing passed) when it has none (NULL: no room). */
struct progress *progress_find(struct progress_file *f, const char *name);
struct progress *progress_of(struct progress_file *f, const char *name);

#endif
