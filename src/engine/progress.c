/* SPDX-License-Identifier: GPL-2.0-or-later */
/* progress.c: the user's tutorial progress file (progress.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "engine/journal.h"
#include "engine/progress.h"

/* $XDG_STATE_HOME/netsh (or ~/.local/state/netsh), malloc'd; NULL without
 * a home. */
static char *state_dir(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");

	if (x && x[0] == '/')
		return xasprintf("%s/netsh", x);
	if (home && home[0] == '/')
		return xasprintf("%s/.local/state/netsh", home);
	return NULL;
}

void progress_read(struct progress_file *f)
{
	char *dir = state_dir(), *path, line[1024];
	FILE *in;

	memset(f, 0, sizeof(*f));
	if (!dir)
		return;
	path = xasprintf("%s/tutorials", dir);
	in = fopen(path, "re");
	free(dir);
	free(path);
	while (in && fgets(line, sizeof(line), in)) {
		struct progress p = { 0 };
		struct following a;
		if (sscanf(line, "active %63s %511[^\n]", a.name, a.lab) == 2) {
			if (f->nactive < MAX_LABS)
				f->active[f->nactive++] = a;
		} else if (sscanf(line, "%63s %zu %llu", p.name, &p.step, &p.passed) == 3 &&
			 f->n < MAX_LESSONS)
			f->v[f->n++] = p;
	}
	if (in)
		fclose(in);
}

/* Write it whole, atomically. */
int progress_write(const struct progress_file *f, struct nerr *err)
{
	char *dir = state_dir(), *path, *tmp;
	FILE *out;
	int rc = 0;

	if (!dir)
		return nerr_set(err, -1, "no HOME, so nowhere to keep the lesson's progress");
	path = xasprintf("%s/tutorials", dir);
	tmp = xasprintf("%s/tutorials.new", dir);
	if (mkdir_p(dir) < 0 || !(out = fopen(tmp, "we"))) {
		rc = nerr_set(err, -1, "%s: %s", dir, strerror(errno));
	} else {
		for (size_t i = 0; i < f->nactive; i++)
			fprintf(out, "active %s %s\n", f->active[i].name, f->active[i].lab);
		for (size_t i = 0; i < f->n; i++)
			fprintf(out, "%s %zu %llu\n", f->v[i].name, f->v[i].step, f->v[i].passed);
		if (fclose(out) != 0 || rename(tmp, path) < 0)
			rc = nerr_set(err, -1, "%s: %s", path, strerror(errno));
	}
	free(dir);
	free(path);
	free(tmp);
	return rc;
}

/* The lesson followed in lab `lab`, or "". */
const char *following(const struct progress_file *f, const char *lab)
{
	for (size_t i = 0; i < f->nactive; i++)
		if (strcmp(f->active[i].lab, lab) == 0)
			return f->active[i].name;
	return "";
}

/* Follow `name` in lab `lab` ("": none). */
void set_following(struct progress_file *f, const char *lab, const char *name)
{
	size_t k = 0;

	for (size_t i = 0; i < f->nactive; i++)
		if (strcmp(f->active[i].lab, lab) != 0)
			f->active[k++] = f->active[i];
	f->nactive = k;
	if (name[0] && f->nactive < MAX_LABS) {
		snprintf(f->active[f->nactive].name, sizeof(f->active[0].name), "%s", name);
		snprintf(f->active[f->nactive].lab, sizeof(f->active[0].lab), "%s", lab);
		f->nactive++;
	}
}

/* Lesson `name`'s progress, or NULL when it has none. */
struct progress *progress_find(struct progress_file *f, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return &f->v[i];
	return NULL;
}

/* The same, made (at step 0, nothing passed) when it has none. */
struct progress *progress_of(struct progress_file *f, const char *name)
{
	struct progress *p = progress_find(f, name);

	if (p)
		return p;
	if (f->n == MAX_LESSONS)
		return NULL;
	memset(&f->v[f->n], 0, sizeof(f->v[0]));
	snprintf(f->v[f->n].name, sizeof(f->v[0].name), "%s", name);
	return &f->v[f->n++];
}
