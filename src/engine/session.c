/* session.c: running lines and commands; the error reporting funnel. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "kernel/kernel.h"
#include "engine/session.h"
#include "engine/journal.h"
#include "engine/txn.h"
#include "core/view.h"
#include "core/xalloc.h"

/* Journal records beyond which a closing session compacts the journal. */
#define COMPACT_MIN_RECORDS 512

static struct session *session_alloc(void)
{
	struct session *s = xcalloc(1, sizeof(*s));

	s->model = model_new();
	plan_init(&s->late);
	s->out = stdout;
	s->errout = stderr;
	s->source = "-c";
	return s;
}

struct session *session_pure(void)
{
	return session_alloc();
}

struct session *session_open(const char *lab, bool dry_run, struct nerr *err)
{
	struct session *s = session_alloc();

	if (dry_run)
		return s;
	s->kernel = kernel_open(err);
	if (!s->kernel)
		goto fail;
	if (lab) {
		s->state = state_open(lab, err);
		if (!s->state)
			goto fail;
	}
	return s;
fail:
	session_close(s);
	return NULL;
}

static void forget_node(void *arg, const char *node)
{
	struct session *s = arg;

	if (s->kernel)
		kernel_forget(s->kernel, node);
}

/* Compact a journal that has grown well past what the lab needs. */
static void maybe_compact(struct session *s)
{
	size_t records;
	struct nerr err;

	state_sizes(s->state, &records);
	if (records < COMPACT_MIN_RECORDS || !s->appended)
		return;
	if (state_lock_sync(s->state, &s->model, forget_node, s, &err) < 0)
		return;
	if (records > 2 * model_op_count(s->model))
		state_compact(s->state, s->model, &err);
	state_unlock(s->state);
}

void session_close(struct session *s)
{
	if (!s)
		return;
	if (s->state) {
		maybe_compact(s);
		state_close(s->state);
	}
	if (s->kernel)
		kernel_close(s->kernel);
	model_free(s->model);
	plan_free(&s->late);
	free(s);
}

/* Add a node name to a set of touched nodes once. */
static void touch(char ***set, size_t *n, const char *name)
{
	if (!name[0])
		return;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*set)[i], name) == 0)
			return;
	*set = xrealloc(*set, (*n + 1) * sizeof(**set));
	(*set)[(*n)++] = xstrdup(name);
}

/* Move the plan's late ops to the end of the session's list. */
static void put_off(struct session *s, struct plan *p)
{
	size_t k = 0;

	for (size_t i = 0; i < p->nops; i++) {
		if (!p->ops[i].late) {
			p->ops[k++] = p->ops[i];
			continue;
		}
		struct op *op = plan_add(&s->late, p->ops[i].kind, p->ops[i].node);
		*op = p->ops[i];
		op->late = false;
	}
	p->nops = k;
}

/* Apply the late ops (the lab's lock held), those still to do: another
 * netsh may have changed the lab since. */
static int settle_locked(struct session *s, struct nerr *err)
{
	struct plan p = s->late;
	size_t k = 0;
	int rc;

	plan_init(&s->late);
	for (size_t i = 0; i < p.nops; i++) {
		const struct node *n = model_node(s->model, p.ops[i].node);
		const struct iface *f = n ? node_iface(n, p.ops[i].ifname) : NULL;
		if (f && f->up != p.ops[i].up)
			p.ops[k++] = p.ops[i];
	}
	p.nops = k;
	rc = session_commit(s, &p, err);
	plan_free(&p);
	return rc;
}

int session_settle(struct session *s, struct nerr *err)
{
	int rc;

	if (s->late.nops == 0)
		return 0;
	if (s->state && state_lock_sync(s->state, &s->model, forget_node, s, err) < 0)
		return -1;
	rc = settle_locked(s, err);
	if (s->state)
		state_unlock(s->state);
	return rc;
}

int session_commit(struct session *s, struct plan *p, struct nerr *err)
{
	char **touched = NULL;
	size_t ntouched = 0;
	struct view_lines *before;
	bool *done;
	int rc = 0;

	if (s->batch)
		put_off(s, p);
	if (p->nops == 0)
		return 0;
	for (size_t i = 0; i < p->nops; i++) {
		touch(&touched, &ntouched, p->ops[i].node);
		touch(&touched, &ntouched, p->ops[i].peer);
	}
	before = xcalloc(ntouched, sizeof(*before));
	if (!s->quiet)
		for (size_t i = 0; i < ntouched; i++)
			view_node(s->model, model_node(s->model, touched[i]), &before[i]);
	if (s->explain || !s->kernel)
		for (size_t i = 0; i < p->nops; i++)
			op_explain(&p->ops[i], s->out);
	done = xcalloc(p->nops, sizeof(*done));
	if (s->kernel) {
		rc = txn_apply(s->kernel, s->model, p, p->best_effort, done, err);
		if (rc < 0 && !p->best_effort)
			goto out;
	}
	for (size_t i = 0; i < p->nops; i++) {
		model_apply(s->model, &p->ops[i]);
		if (p->ops[i].kind == OP_NS_DEL && s->kernel)
			kernel_forget(s->kernel, p->ops[i].node);
	}
	if (s->state) {
		struct nerr e2;
		int src = s->model->nnodes == 1 ? state_compact(s->state, s->model, &e2)
						 : state_append(s->state, p, &e2);
		s->appended = true;
		if (src < 0 && rc == 0) {
			*err = e2;
			rc = -1;
		}
	}
	if (!s->quiet && p->best_effort) {
		/* A teardown: a line of totals, not every line that went. */
		size_t ns = 0, links = 0;
		for (size_t i = 0; i < p->nops; i++) {
			ns += done[i] && p->ops[i].kind == OP_NS_DEL;
			links += done[i] && p->ops[i].kind == OP_LINK_DEL;
		}
		fprintf(s->out, "removed %zu namespace%s and %zu host interface%s\n", ns,
			ns == 1 ? "" : "s", links, links == 1 ? "" : "s");
	} else if (!s->quiet) {
		for (size_t i = 0; i < ntouched; i++) {
			struct view_lines after;
			view_node(s->model, model_node(s->model, touched[i]), &after);
			view_diff(s->out, touched[i], &before[i], &after, s->color);
			view_lines_free(&after);
		}
	}
out:
	for (size_t i = 0; i < ntouched; i++) {
		view_lines_free(&before[i]);
		free(touched[i]);
	}
	free(before);
	free(touched);
	free(done);
	return rc < 0 ? -1 : 0;
}

int session_run_command(struct session *s, const struct command *c, struct nerr *err)
{
	const char *word = c->tok[0].text;
	const struct cmd_entry *e = cmd_find(word);
	int rc;

	nerr_clear(err);
	if (s->state && state_lock_sync(s->state, &s->model, forget_node, s, err) < 0)
		return -1;
	if (!e && model_node(s->model, word))
		e = &cmd_exec_entry;	/* the short form: NODE CMD... */
	if (!e) {
		const char *near = cmd_suggest(word);
		if (s->state)
			state_unlock(s->state);
		if (near)
			return nerr_set(err, 0, "unknown command '%s'; did you mean %s?", word, near);
		return nerr_set(err, 0, "unknown command or node '%s' (help lists the commands)",
				word);
	}
	if (e == &cmd_exec_entry && strcmp(word, "exec") != 0) {
		if (c->ntok < 2)
			rc = nerr_set(err, 1, "'%s' is a node: give a program to run in it, as %s ping OTHER",
				      word, word);
		else
			rc = 0;
	} else {
		rc = cmd_check_args(e, c, err);
	}
	if (rc == 0 && !e->builds && s->late.nops)
		rc = settle_locked(s, err);	/* it sees (and plans on) the lab whole */
	if (rc == 0 && e->plan) {
		struct plan p;
		plan_init(&p);
		rc = e->plan(s->model, c, &p, err);
		if (rc == 0)
			rc = session_commit(s, &p, err);
		plan_free(&p);
	}
	if (s->state)
		state_unlock(s->state);
	if (rc == 0 && e->run)
		rc = e->run(s, c, err);
	return rc;
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

int session_run_line(struct session *s, const char *line)
{
	struct line l;
	struct nerr err;

	if (lex_line(line, &l, &err) != LEX_OK) {
		session_report(s, line, NULL, &err);
		return -1;
	}
	for (int i = 0; i < l.ncmd; i++) {
		if (session_run_command(s, &l.cmd[i], &err) < 0) {
			session_report(s, line, &l.cmd[i], &err);
			line_free(&l);
			return -1;
		}
	}
	line_free(&l);
	return 0;
}
