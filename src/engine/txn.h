/* SPDX-License-Identifier: GPL-2.0-or-later */
/* txn.h: applying a plan to the kernel, undoing on failure. */
#ifndef NETSH_TXN_H
#define NETSH_TXN_H

#include "core/error.h"
#include "core/model.h"
#include "core/plan.h"

struct kernel;

/* Apply the ops in order, each carrying the identity of the namespaces it
 * names (from the model, or from a namespace an earlier op of the plan
 * made). On the first failure undo the applied ones in reverse and return
 * -1 with *err naming the failure; nothing is left half-made. With
 * best_effort (teardown) carry on past failures, report the first, and
 * return the number of ops that failed as a negative. The ops that
 * succeeded are flagged in done[] (nops entries). */
int txn_apply(struct kernel *k, const struct model *m, struct plan *p,
	      bool best_effort, bool *done, struct nerr *err);

/* Undo the first n ops of a plan flagged done, in reverse (those that
 * found their thing gone already have nothing to undo); failures are
 * appended to err. */
void txn_undo(struct kernel *k, struct plan *p, bool *done, size_t n, struct nerr *err);

/* Fill in the namespace identities op i of the plan needs (those its
 * planner did not set). */
void txn_resolve(const struct model *m, struct plan *p, size_t i);

#endif
