/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plan.c: growing lists of ops. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/plan.h"
#include "core/xalloc.h"

void plan_init(struct plan *p)
{
	p->ops = NULL;
	p->nops = p->cap = 0;
	p->best_effort = false;
	p->record_only = false;
}

void plan_free(struct plan *p)
{
	free(p->ops);
	plan_init(p);
}

struct op *plan_add(struct plan *p, enum op_kind kind, const char *node)
{
	if (p->nops == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->ops = xrealloc(p->ops, p->cap * sizeof(*p->ops));
	}
	struct op *op = &p->ops[p->nops++];
	size_t len = strnlen(node, sizeof(op->node) - 1);

	memset(op, 0, sizeof(*op));
	op->kind = kind;
	memcpy(op->node, node, len);	/* cut to fit, as snprintf would; the rest is zero */
	return op;
}

/* Is op a link_del the kernel may batch, with its links on `far`'s side in
 * namespace ns? */
static bool batchable(const struct op *op, bool far, const char *ns)
{
	const char *side = far ? op->peer : op->node;

	return op->kind == OP_LINK_DEL && op->peer[0] && op->peer_if[0] &&
	       strcmp(op->node, HOST_NAME) != 0 && strcmp(op->peer, HOST_NAME) != 0 &&
	       (!ns || strcmp(side, ns) == 0);
}

size_t plan_link_del_run(const struct plan *p, size_t i, bool *far)
{
	size_t best = 1;

	*far = false;
	for (int side = 0; side < 2; side++) {
		const struct op *first = &p->ops[i];
		size_t j = i + 1;
		if (!batchable(first, side, NULL))
			return 1;
		while (j < p->nops && batchable(&p->ops[j], side, side ? first->peer : first->node))
			j++;
		if (j - i > best) {
			best = j - i;
			*far = side;
		}
	}
	return best;
}
