/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tutorial.c: following a lesson at the prompt (tutorial.h). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "engine/journal.h"
#include "engine/progress.h"
#include "engine/session.h"
#include "engine/tutorial.h"

#ifndef NETSH_TUTORIALDIR
#define NETSH_TUTORIALDIR "/usr/local/share/netsh/tutorials"
#endif

#define MAX_STEPS 64		/* the passed mask's bits */
const char *tutorial_dir(void)
{
	const char *d = getenv("NETSH_TUTORIALS");

	return d && *d ? d : NETSH_TUTORIALDIR;
}

/* The lab a lesson is followed in: its state directory. */
static const char *lab_of(const struct session *s)
{
	return s->journal ? journal_dir(s->journal) : "-";
}

/* Record where the lesson followed is (and whether one is). */
static int save(struct session *s, struct nerr *err)
{
	struct progress_file f;
	const struct tutorial *t = s->tutorial;
	struct progress *p;

	progress_read(&f);
	set_following(&f, lab_of(s), t ? t->name : "");
	if (t) {
		if ((p = progress_of(&f, t->name))) {
			p->step = t->step + 1;
			p->passed = t->passed;
		}
	}
	return progress_write(&f, err);
}

/* Put `what` before err's message. */
static int prefixed(struct nerr *err, const char *what)
{
	char msg[sizeof(err->msg)];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	return nerr_set(err, -1, "%s%s", what, msg);
}

static bool name_ok(const char *name)
{
	if (!name[0] || strlen(name) > TUTORIAL_NAME_MAX || strcmp(name, "active") == 0)
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* Read and parse lesson `name`. */
static int load(const char *name, struct lesson *l, struct nerr *err)
{
	char *path = xasprintf("%s/%s.md", tutorial_dir(), name);
	struct strbuf text = STRBUF_INIT;
	FILE *in = fopen(path, "re");
	char buf[4096];
	size_t got;
	int rc;

	if (!in) {
		rc = nerr_set(err, 1, "'%s': no such lesson (%s: %s); tutorial lists them", name,
			      path, strerror(errno));
		free(path);
		return rc;
	}
	while ((got = fread(buf, 1, sizeof(buf), in)) > 0)
		sb_printf(&text, "%.*s", (int)got, buf);
	fclose(in);
	rc = lesson_parse(sb_str(&text), l, err);
	if (rc < 0) {
		char where[4200];
		snprintf(where, sizeof(where), "%s: ", path);
		prefixed(err, where);
		err->tok = 1;
	} else if (l->nsteps > MAX_STEPS)
		rc = nerr_set(err, 1, "%s: more than %d steps", path, MAX_STEPS);
	if (rc < 0 && l->nsteps)
		lesson_free(l);
	sb_free(&text);
	free(path);
	return rc;
}

void tutorial_free(struct tutorial *t)
{
	if (!t)
		return;
	lesson_free(&t->lesson);
	free(t);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **tutorial_names(size_t *n)
{
	DIR *d = opendir(tutorial_dir());
	struct dirent *e;
	char **names = NULL;

	*n = 0;
	while (d && (e = readdir(d)) && *n < MAX_LESSONS) {
		size_t len = strlen(e->d_name);
		if (len > 3 && len - 3 <= TUTORIAL_NAME_MAX && strcmp(e->d_name + len - 3, ".md") == 0 &&
		    strcmp(e->d_name, "README.md") != 0) {
			names = xrealloc(names, (*n + 1) * sizeof(*names));
			names[(*n)++] = xasprintf("%.*s", (int)len - 3, e->d_name);
		}
	}
	if (d)
		closedir(d);
	if (*n)
		qsort(names, *n, sizeof(*names), by_name);
	return names;
}

int tutorial_list(struct session *s, struct nerr *err)
{
	struct progress_file f;
	size_t n;
	char **names = tutorial_names(&n);

	if (!n)
		return nerr_set(err, -1, "%s has no lessons (NETSH_TUTORIALS names another directory)",
				tutorial_dir());
	progress_read(&f);
	fprintf(s->out, "lessons (tutorial NAME starts one, in an empty lab):\n");
	for (size_t i = 0; i < n; i++) {
		struct lesson l;
		struct nerr e2;
		const struct progress *p = progress_find(&f, names[i]);
		if (load(names[i], &l, &e2) < 0) {
			fprintf(s->out, "  %-10s (unreadable: %s)\n", names[i], e2.msg);
		} else {
			int done = p ? __builtin_popcountll(p->passed) : 0;
			fprintf(s->out, "  %-10s %-52s %d/%zu steps done%s\n", names[i], l.title, done,
				l.nsteps, strcmp(following(&f, lab_of(s)), names[i]) == 0 ? " (following)" : "");
			lesson_free(&l);
		}
		free(names[i]);
	}
	free(names);
	return 0;
}

/* Put t where its recorded progress p says (another netsh may have moved
 * it on). */
static void resume(struct tutorial *t, const struct progress *p)
{
	if (!p || p->step < 1 || p->step > t->lesson.nsteps)
		return;
	if (t->step != p->step - 1)
		t->hints = 0;
	t->step = p->step - 1;
	t->passed = p->passed;
}

struct tutorial *tutorial_active(struct session *s)
{
	struct progress_file f;
	const char *active;
	struct tutorial *t = s->tutorial;
	struct nerr err;

	progress_read(&f);
	active = following(&f, lab_of(s));
	if (!active[0] || (t && strcmp(t->name, active) != 0)) {
		tutorial_free(t);
		s->tutorial = t = NULL;
	}
	if (!active[0] || !name_ok(active))
		return NULL;
	if (!t) {
		t = xcalloc(1, sizeof(*t));
		if (load(active, &t->lesson, &err) < 0) {
			free(t);
			return NULL;
		}
		snprintf(t->name, sizeof(t->name), "%s", active);
		s->tutorial = t;
	}
	resume(t, progress_find(&f, t->name));
	return t;
}

/* Run lines of netsh commands, their output shown or not. */
static int run_lines(struct session *s, const char *text, bool shown, struct nerr *err)
{
	FILE *out = s->out, *null = NULL;
	bool quiet = s->quiet;
	char *copy = xstrdup(text), *save = NULL;
	int rc = 0;

	if (!shown && (null = fopen("/dev/null", "we"))) {
		s->out = null;
		s->quiet = true;
	}
	for (char *line = strtok_r(copy, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
		if (shown)
			fprintf(s->out, "netsh> %s\n", line);
		if (session_run_line(s, line) < 0)
			rc = nerr_set(err, -1, "the lesson's command '%s' failed", line);
	}
	s->out = out;
	s->quiet = quiet;
	if (null)
		fclose(null);
	free(copy);
	return rc;
}

/* Empty the lab and replay the solutions before step `upto`. */
static int rebuild(struct session *s, struct tutorial *t, size_t upto, struct nerr *err)
{
	if (run_lines(s, "destroy", false, err) < 0)
		return -1;
	for (size_t i = 0; i < upto; i++)
		if (run_lines(s, t->lesson.steps[i].solution, false, err) < 0)
			return nerr_append(err, " (rebuilding the lab for step %zu)", upto + 1), -1;
	return 0;
}

void tutorial_show(struct session *s)
{
	const struct tutorial *t = s->tutorial;
	const struct lesson_step *st;

	if (!t)
		return;
	st = &t->lesson.steps[t->step];
	fprintf(s->out, "\n== %s, step %zu of %zu: %s%s\n\n%s\n\n", t->lesson.title, t->step + 1,
		t->lesson.nsteps, st->title, t->passed >> t->step & 1 ? " (done)" : "", st->text);
	fprintf(s->out, "(tutorial check checks it; tutorial hint%s; tutorial solve does it)\n",
		st->nhints ? " gives a hint" : " has none here");
	fflush(s->out);
}

int tutorial_start(struct session *s, const char *name, struct nerr *err)
{
	struct tutorial *t;
	struct progress_file f;

	if (!name_ok(name))
		return nerr_set(err, 1, "'%s': a lesson's name is lower-case letters, digits and '-' (tutorial lists them)",
				name);
	if (!s->kernel || !s->run_check)
		return nerr_set(err, 0, "a lesson checks the live kernel: not in a dry run");
	if (s->model->nnodes > 1)
		return nerr_set(err, 1, "a lesson starts from an empty lab, and this one has %zu nodes: "
				"destroy removes them, or netsh -L %s opens a lab of its own",
				s->model->nnodes - 1, name);
	t = xcalloc(1, sizeof(*t));
	if (load(name, &t->lesson, err) < 0) {
		free(t);
		return -1;
	}
	snprintf(t->name, sizeof(t->name), "%s", name);
	progress_read(&f);
	resume(t, progress_find(&f, name));
	tutorial_free(s->tutorial);
	s->tutorial = t;
	t->handled = true;
	if (t->step > 0) {
		fprintf(s->out, "resuming %s at step %zu: the lab as it was at its start\n", name,
			t->step + 1);
		if (rebuild(s, t, t->step, err) < 0)
			return -1;
	} else {
		fprintf(s->out, "%s\n\n%s\n", t->lesson.title, t->lesson.intro);
	}
	if (save(s, err) < 0)
		return -1;
	tutorial_show(s);
	return 0;
}

static struct tutorial *need_lesson(struct session *s, struct nerr *err)
{
	struct tutorial *t = tutorial_active(s);

	if (!t)
		nerr_set(err, 0, "no lesson is being followed: tutorial lists them, tutorial NAME starts one");
	return t;
}

/* Run the step's check; on a pass, remember it. */
static int check(struct session *s, struct tutorial *t, struct nerr *err)
{
	const struct lesson_step *st = &t->lesson.steps[t->step];
	char name[TUTORIAL_NAME_MAX + 32];
	int rc;

	snprintf(name, sizeof(name), "%s step %zu", t->name, t->step + 1);
	if (session_settle(s, err) < 0)	/* what a batch put off: the check sees it all */
		return -1;
	rc = s->run_check(s, name, st->check, err);
	if (rc != 0)
		return -1;
	t->passed |= 1ULL << t->step;
	return save(s, err);
}

static void passed_line(struct session *s, const struct tutorial *t)
{
	fprintf(s->out, "step %zu of %zu done: %s. %s\n", t->step + 1, t->lesson.nsteps,
		t->lesson.steps[t->step].title,
		t->step + 1 < t->lesson.nsteps ? "tutorial next goes on"
		: "That was the last step: the lesson is done (tutorial stop leaves it)");
	fflush(s->out);
}

int tutorial_check(struct session *s, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);

	if (!t)
		return -1;
	t->handled = true;
	if (check(s, t, err) < 0) {
		char what[64];
		snprintf(what, sizeof(what), "step %zu is not done: ", t->step + 1);
		return prefixed(err, what);
	}
	passed_line(s, t);
	return 0;
}

void tutorial_after_line(struct session *s)
{
	struct tutorial *t = tutorial_active(s);
	struct nerr err;

	if (!t)
		return;
	if (t->handled || t->passed >> t->step & 1) {
		t->handled = false;
		return;
	}
	if (check(s, t, &err) == 0)
		passed_line(s, t);
	else
		fprintf(s->out, "  (step %zu: %s)\n", t->step + 1, err.msg);
	fflush(s->out);
}

int tutorial_hint(struct session *s, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);
	const struct lesson_step *st;

	if (!t)
		return -1;
	t->handled = true;
	st = &t->lesson.steps[t->step];
	if (!st->nhints)
		return nerr_set(err, 0, "step %zu has no hint; tutorial solve shows its solution",
				t->step + 1);
	if (t->hints < st->nhints)
		t->hints++;
	for (size_t i = 0; i < t->hints; i++)
		fprintf(s->out, "hint %zu of %zu:%s\n", i + 1, st->nhints, st->hints[i]);
	return 0;
}

int tutorial_goto(struct session *s, size_t step, bool rebuild_lab, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);

	if (!t)
		return -1;
	t->handled = true;
	if (step >= t->lesson.nsteps)
		return nerr_set(err, -1, "%s has steps 1 to %zu", t->name, t->lesson.nsteps);
	if (rebuild_lab && rebuild(s, t, step, err) < 0)
		return -1;
	if (rebuild_lab)
		fprintf(s->out, "the lab as it is at the start of step %zu\n", step + 1);
	t->step = step;
	t->hints = 0;
	if (save(s, err) < 0)
		return -1;
	tutorial_show(s);
	return 0;
}

int tutorial_reset(struct session *s, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);

	return t ? tutorial_goto(s, t->step, true, err) : -1;
}

int tutorial_solve(struct session *s, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);

	if (!t)
		return -1;
	t->handled = true;
	if (run_lines(s, t->lesson.steps[t->step].solution, true, err) < 0)
		return nerr_append(err, "; tutorial reset puts the lab back as at the step's start"), -1;
	if (check(s, t, err) < 0) {
		prefixed(err, "the solution ran but the check still fails: ");
		return nerr_append(err, " (tutorial reset, then solve again)"), -1;
	}
	passed_line(s, t);
	return 0;
}

int tutorial_stop(struct session *s, struct nerr *err)
{
	struct tutorial *t = need_lesson(s, err);

	if (!t)
		return -1;
	fprintf(s->out, "left %s at step %zu (tutorial %s comes back to it)\n", t->name, t->step + 1,
		t->name);
	tutorial_free(s->tutorial);
	s->tutorial = NULL;
	return save(s, err);
}

const char *tutorial_tag(struct session *s, char *buf, size_t len)
{
	const struct tutorial *t = s->tutorial;

	if (!t)
		return NULL;
	snprintf(buf, len, "%s %zu/%zu", t->name, t->step + 1, t->lesson.nsteps);
	return buf;
}
