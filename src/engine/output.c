/* SPDX-License-Identifier: GPL-2.0-or-later */
/* output.c: what a session prints: the inline view of changes (text, or
 * JSON with -j) and the one funnel that reports a failed command, with a
 * caret under the bad word at the prompt. */
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "core/view.h"
#include "engine/session.h"

/* Lines of the inline view a batch (or a line at the prompt) prints before
 * it counts the rest and sums them up at its end (-v: no limit). */
#define VIEW_BUDGET 60

/* The default sink: the inline text view on s->out. */
static void text_change(void *arg, const struct change *c)
{
	struct session *s = arg;

	s->view.budget = s->verbose ? 0 : VIEW_BUDGET;
	view_add(&s->view, c);
}


/* Print what the inline view holds: a command's changes, and with `end`
 * the summary of what a batch did not show. */
static void view_out(struct session *s, bool end)
{
	s->view.out = s->out;
	s->view.color = s->color;
	s->view.budget = s->verbose ? 0 : VIEW_BUDGET;
	if (end)
		view_end(&s->view);
	else
		view_flush(&s->view);
}

void session_view_end(struct session *s)
{
	if (!s->json)
		view_out(s, true);
}

void session_view_flush(struct session *s)
{
	if (!s->json)
		view_out(s, false);
}

static void text_teardown(void *arg, size_t namespaces, size_t links)
{
	struct session *s = arg;

	view_teardown(s->out, namespaces, links);
}

/* The JSON sink (-j): one JSON line per change. */
static void json_change_out(void *arg, const struct change *c)
{
	struct session *s = arg;

	json_print(s->out, json_change(c));
}

static void json_teardown(void *arg, size_t namespaces, size_t links)
{
	struct session *s = arg;
	json_t *o = json_object(), *t = json_object();

	json_object_set_new(t, "namespaces", json_integer((json_int_t)namespaces));
	json_object_set_new(t, "host_links", json_integer((json_int_t)links));
	json_object_set_new(o, "teardown", t);
	json_print(s->out, o);
}

void session_set_json(struct session *s, bool on)
{
	s->json = on;
	s->sink.change = on ? json_change_out : text_change;
	s->sink.teardown = on ? json_teardown : text_teardown;
	s->sink.arg = s;
}

/* Print the input line with a caret under token `tok` (ntok: the end). */
static void show_caret(struct session *s, const char *line, const struct command *c,
		       const struct nerr *err)
{
	int col, width = 1;

	if (!c || err->tok < 0)
		return;
	if (err->tok < c->ntok) {
		col = c->tok[err->tok].col;
		const char *p = line + col;
		width = 0;
		while (p[width] && p[width] != ' ' && p[width] != '\t' && p[width] != ';')
			width++;
		if (width == 0)
			width = 1;
	} else {
		col = (int)strlen(line);
		while (col > 0 && (line[col - 1] == ' ' || line[col - 1] == '\n'))
			col--;
		col++;
	}
	fprintf(s->errout, "  %s\n  %*s%s", line, col, "", view_color(s->color, "err"));
	for (int i = 0; i < width; i++)
		fputc('^', s->errout);
	fprintf(s->errout, "%s\n", view_color(s->color, "off"));
}

void session_report(struct session *s, const char *line, const struct command *c,
		    const struct nerr *err)
{
	const char *cmd = c && c->ntok ? c->tok[0].text : NULL;

	fflush(s->out);		/* what came before the error, first */
	s->err_code = err->code;
	if (err->code == NERR_INTERRUPTED)
		return;		/* Ctrl-C: the user knows */
	if (s->interactive) {
		if (line)
			show_caret(s, line, c, err);
		fprintf(s->errout, "%serror:%s %s%s%s\n", view_color(s->color, "err"),
			view_color(s->color, "off"), cmd ? cmd : "", cmd ? ": " : "", err->msg);
		return;
	}
	if (strcmp(s->source, "-c") == 0)
		fprintf(s->errout, "netsh: %s%s%s\n", cmd ? cmd : "", cmd ? ": " : "", err->msg);
	else
		fprintf(s->errout, "netsh: %s:%d: %s%s%s\n", s->source, s->lineno,
			cmd ? cmd : "", cmd ? ": " : "", err->msg);
}
