/* SPDX-License-Identifier: GPL-2.0-or-later */
/* touched.c: the nodes a plan touches, before and after (touched.h). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/change.h"
#include "core/xalloc.h"
#include "engine/session.h"
#include "engine/touched.h"

/* A copy of node n as it will be once what the batch put off is done (a
 * switch's bridge up), or NULL when nothing waits for n: the view shows
 * the lab as it stands at the batch's end. */
static struct node *as_settled(const struct session *s, const struct node *n)
{
	struct node *c = NULL;

	for (size_t i = 0; n && i < s->late.nops; i++) {
		const struct op *op = &s->late.ops[i];
		struct iface *f;
		if (op->kind != OP_LINK_SET || strcmp(op->node, n->name) != 0)
			continue;
		if (!c)
			c = node_clone(n);
		if ((f = node_iface(c, op->ifname)))
			f->up = op->up;
	}
	return c;
}

void touched_add(struct touched *t, const struct session *s, const char *name, bool copy)
{
	const struct node *n;
	struct touched_node *x;

	if (!name[0] || nametab_find(&t->index, name))
		return;
	x = xcalloc(1, sizeof(*x));
	x->seq = t->n;
	x->name = xstrdup(name);
	x->link.name = x->name;
	n = copy ? model_node(s->model, name) : NULL;
	x->was = n ? as_settled(s, n) : NULL;
	if (n && !x->was)
		x->was = node_clone(n);
	nametab_add(&t->index, &x->link);
	t->v = xrealloc(t->v, (t->n + 1) * sizeof(*t->v));
	t->v[t->n++] = x;
}

void touched_free(struct touched *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->v[i]->name);
		if (t->v[i]->was)
			node_free(t->v[i]->was);
		free(t->v[i]);
	}
	free(t->v);
	nametab_clear(&t->index);
}

/* Where a node's name first stands in the command running (NODE or
 * NODE:IF), or past its end: the view follows the user's words. */
static int word_pos(const struct session *s, const char *name)
{
	size_t len = strlen(name);

	for (int i = 0; s->cmd && i < s->cmd->ntok; i++) {
		const char *w = s->cmd->tok[i].text;
		if (strncmp(w, name, len) == 0 && (w[len] == '\0' || w[len] == ':'))
			return i;
	}
	return INT_MAX;
}

static const struct session *sort_session;

static int by_words(const void *a, const void *b)
{
	const struct touched_node *x = *(struct touched_node *const *)a;
	const struct touched_node *y = *(struct touched_node *const *)b;
	int px = word_pos(sort_session, x->name), py = word_pos(sort_session, y->name);

	return px < py ? -1 : px > py ? 1 : x->seq < y->seq ? -1 : 1;
}

void touched_report(struct session *s, const struct plan *p, const bool *done,
		    const struct touched *t)
{
	if (p->best_effort) {
		size_t ns = 0, links = 0;
		for (size_t i = 0; i < p->nops; i++) {
			ns += done[i] && p->ops[i].kind == OP_NS_DEL;
			links += done[i] && p->ops[i].kind == OP_LINK_DEL;
		}
		s->sink.teardown(s->sink.arg, ns, links);
		return;
	}
	sort_session = s;
	qsort(t->v, t->n, sizeof(*t->v), by_words);
	for (size_t i = 0; i < t->n; i++) {
		struct node *is = as_settled(s, model_node(s->model, t->v[i]->name));
		changes_diff(t->v[i]->name, t->v[i]->was, is ? is : model_node(s->model, t->v[i]->name),
			     s->sink.change, s->sink.arg);
		if (is)
			node_free(is);
	}
	session_view_flush(s);
}

