/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lesson.c: reading a lesson page (lesson.h, doc/tutorials/README.md). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/lesson.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Where a line goes. */
enum part { P_TEXT, P_SOLUTION, P_CHECK, P_OTHER_BLOCK };

struct reader {
	struct lesson *l;
	struct strbuf text, solution, check, hint;
	bool in_hint;
	int step_line;
};

static bool starts(const char *line, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && strncmp(line, prefix, n) == 0;
}

/* Without leading blank lines and trailing white space. */
static char *trimmed(struct strbuf *b)
{
	char *s = sb_take(b), *p = s;
	size_t n;

	while (*p == '\n')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == '\n' || p[n - 1] == ' '))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

static void end_hint(struct reader *r)
{
	struct lesson_step *st;

	if (!r->in_hint)
		return;
	r->in_hint = false;
	st = &r->l->steps[r->l->nsteps - 1];
	st->hints = xrealloc(st->hints, (st->nhints + 1) * sizeof(*st->hints));
	st->hints[st->nhints++] = trimmed(&r->hint);
}

/* Close the step being read (or the introduction). */
static int end_step(struct reader *r, struct nerr *err)
{
	struct lesson_step *st;

	end_hint(r);
	if (!r->l->nsteps) {
		r->l->intro = trimmed(&r->text);
		return 0;
	}
	st = &r->l->steps[r->l->nsteps - 1];
	st->text = trimmed(&r->text);
	st->solution = trimmed(&r->solution);
	st->check = trimmed(&r->check);
	if (!st->solution[0])
		return nerr_set(err, -1, "line %d: step '%s' has no ```netsh block (its solution)",
				r->step_line, st->title);
	if (!st->check[0])
		return nerr_set(err, -1, "line %d: step '%s' has no ```check block", r->step_line,
				st->title);
	return 0;
}

static void new_step(struct reader *r, const char *title, size_t len, int lineno)
{
	struct lesson *l = r->l;

	l->steps = xrealloc(l->steps, (l->nsteps + 1) * sizeof(*l->steps));
	memset(&l->steps[l->nsteps], 0, sizeof(l->steps[0]));
	l->steps[l->nsteps].title = xasprintf("%.*s", (int)len, title);
	l->nsteps++;
	r->step_line = lineno;
}

int lesson_parse(const char *text, struct lesson *out, struct nerr *err)
{
	struct reader r = { .l = out, .text = STRBUF_INIT, .solution = STRBUF_INIT,
			    .check = STRBUF_INIT, .hint = STRBUF_INIT };
	enum part in = P_TEXT;
	int lineno = 0, block_line = 0, rc = 0;

	memset(out, 0, sizeof(*out));
	for (const char *p = text; *p && rc == 0;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len && p[len - 1] == '\r')
			len--;	/* a page saved with CRLF line ends */
		if (in != P_TEXT) {
			if (starts(p, len, "```") && len == 3) {
				if (in == P_OTHER_BLOCK)
					sb_puts(&r.text, "```\n");
				in = P_TEXT;
			} else {
				struct strbuf *b = in == P_SOLUTION ? &r.solution : in == P_CHECK ? &r.check : &r.text;
				sb_printf(b, "%.*s\n", (int)len, p);
			}
		} else if (starts(p, len, "```")) {
			end_hint(&r);
			block_line = lineno;
			if (len == 8 && starts(p, len, "```netsh") && out->nsteps)
				in = P_SOLUTION;
			else if (len == 8 && starts(p, len, "```check") && out->nsteps)
				in = P_CHECK;
			else {
				in = P_OTHER_BLOCK;
				sb_printf(&r.text, "%.*s\n", (int)len, p);
			}
		} else if (starts(p, len, "## ")) {
			rc = end_step(&r, err);
			new_step(&r, p + 3, len - 3, lineno);
		} else if (starts(p, len, "# ") && !out->title && !out->nsteps) {
			out->title = xasprintf("%.*s", (int)len - 2, p + 2);
		} else if (starts(p, len, "> Hint:") && out->nsteps) {
			end_hint(&r);
			r.in_hint = true;
			sb_printf(&r.hint, "%.*s\n", (int)len - 7, p + 7);
		} else if (r.in_hint && starts(p, len, ">")) {
			sb_printf(&r.hint, "%.*s\n", (int)len - 1, p + 1);
		} else {
			end_hint(&r);
			sb_printf(&r.text, "%.*s\n", (int)len, p);
		}
		p = nl ? nl + 1 : p + len;
	}
	if (rc == 0 && in != P_TEXT)
		rc = nerr_set(err, -1, "line %d: a ``` block is not closed", block_line);
	if (rc == 0)
		rc = end_step(&r, err);
	if (rc == 0 && !out->title)
		rc = nerr_set(err, -1, "no '# ' title");
	if (rc == 0 && !out->nsteps)
		rc = nerr_set(err, -1, "no step (a '## ' heading)");
	sb_free(&r.text);
	sb_free(&r.solution);
	sb_free(&r.check);
	sb_free(&r.hint);
	if (rc < 0)
		lesson_free(out);
	return rc;
}

void lesson_free(struct lesson *l)
{
	for (size_t i = 0; i < l->nsteps; i++) {
		struct lesson_step *st = &l->steps[i];
		free(st->title);
		free(st->text);
		free(st->solution);
		free(st->check);
		for (size_t k = 0; k < st->nhints; k++)
			free(st->hints[k]);
		free(st->hints);
	}
	free(l->steps);
	free(l->title);
	free(l->intro);
	memset(l, 0, sizeof(*l));
}
