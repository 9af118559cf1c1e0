/* SPDX-License-Identifier: GPL-2.0-or-later */
/* txn.c: the transaction: apply ops, undo on failure. */
#include <string.h>

#include "core/crash.h"
#include "engine/txn.h"
#include "kernel/kernel.h"

/* The identity of the namespace `name` as op i of the plan will find it:
 * made by an earlier op of the plan, else as the model records it. */
static struct nsid identity(const struct model *m, const struct plan *p, size_t i,
			    const char *name)
{
	const struct node *n;
	struct nsid none = { 0, 0, 0 };

	while (i-- > 0)
		if (p->ops[i].kind == OP_NS_ADD && strcmp(p->ops[i].node, name) == 0)
			return p->ops[i].id;
	n = model_node(m, name);
	return n ? n->id : none;
}

static bool unset(const struct nsid *id)
{
	return !id->cookie && !id->ino && !id->dev;
}

void txn_resolve(const struct model *m, struct plan *p, size_t i)
{
	struct op *op = &p->ops[i];

	if (op->kind != OP_NS_ADD && unset(&op->id))
		op->id = identity(m, p, i, op->node);
	if (op->peer[0] && unset(&op->peer_id))
		op->peer_id = identity(m, p, i, op->peer);
}

/* Apply ops i..i+n-1 of p, link deletions, as one request (far: their
 * links on their far side); false when the kernel would not, nothing done. */
static bool apply_run(struct kernel *k, const struct model *m, struct plan *p, size_t i,
		      size_t n, bool far, bool *done)
{
	struct nerr e2;

	for (size_t j = i; j < i + n; j++) {
		done[j] = false;
		txn_resolve(m, p, j);
	}
	crash_point();
	if (kernel_del_links(k, &p->ops[i], n, far, &e2) < 0)
		return false;
	for (size_t j = i; j < i + n; j++)
		done[j] = true;
	crash_point();
	return true;
}

int txn_apply(struct kernel *k, const struct model *m, struct plan *p,
	      bool best_effort, bool *done, struct nerr *err)
{
	int failed = 0;
	size_t alone_until = 0;	/* ops before it go one at a time */
	struct nerr e2;

	for (size_t i = 0; i < p->nops; i++) {
		bool far;
		size_t run = i >= alone_until ? plan_link_del_run(p, i, &far) : 1;
		if (run > 1) {
			if (apply_run(k, m, p, i, run, far, done)) {
				i += run - 1;
				continue;
			}
			alone_until = i + run;	/* each says why it cannot be */
		}
		done[i] = false;
		txn_resolve(m, p, i);
		crash_point();
		if (kernel_do(k, &p->ops[i], failed ? &e2 : err) == 0) {
			done[i] = true;
			crash_point();
			continue;
		}
		failed++;
		if (best_effort) {
			if (failed > 1)		/* keep every failure of a teardown */
				nerr_append(err, "; %s", e2.msg);
			continue;
		}
		txn_undo(k, p, done, i, err);
		return -1;
	}
	return failed ? -failed : 0;
}

void txn_undo(struct kernel *k, struct plan *p, bool *done, size_t n, struct nerr *err)
{
	struct nerr e2;

	for (size_t j = n; j-- > 0;) {
		if (done[j] && !p->ops[j].absent && kernel_undo(k, &p->ops[j], &e2) < 0)
			nerr_append(err, "; undoing also failed: %s", e2.msg);
		done[j] = false;
	}
}
