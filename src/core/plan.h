/* SPDX-License-Identifier: GPL-2.0-or-later */
/* plan.h: a command's list of kernel operations, in order. */
#ifndef NETSH_PLAN_H
#define NETSH_PLAN_H

#include <stdbool.h>
#include <stddef.h>

#include "core/op.h"

struct plan {
	struct op *ops;
	size_t nops, cap;
	bool best_effort;	/* teardown: carry on past failures */
	bool record_only;	/* the record catches up with the kernel (refresh):
				 * nothing is sent to the kernel */
};

void plan_init(struct plan *p);
void plan_free(struct plan *p);

/* Append a zeroed op of the kind, for `node`, and return it to fill in. */
struct op *plan_add(struct plan *p, enum op_kind kind, const char *node);

/* Link deletions the kernel can make as one request (one wait for the
 * kernel's RCU grace period instead of one each): the run of link_del ops
 * from ops[i], each naming its far end, whose links all lie in one
 * namespace other than the host's, on the ops' own side (*far false:
 * op->node) or on their far side (*far true: op->peer). Its length; 1
 * when ops[i] stands alone. */
size_t plan_link_del_run(const struct plan *p, size_t i, bool *far);

#endif
