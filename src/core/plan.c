/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plan.c: growing lists of ops. */
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

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
