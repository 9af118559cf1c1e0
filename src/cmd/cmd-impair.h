/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-impair.h: what impair and del impair share. */
#ifndef NETSH_CMD_IMPAIR_H
#define NETSH_CMD_IMPAIR_H

#include "core/error.h"
#include "core/lexer.h"
#include "core/model.h"
#include "core/plan.h"

/* Plan link conditions for the cable named at token i, "A B" (both ways)
 * or "A>B" (what A sends to B): with `set` NULL they are taken away (del
 * impair); else the words of `set` (given[k]: word k was given) replace
 * those of each direction, the others stay. Returns the index of the
 * token after the cable, or -1. */
int impair_plan(const struct model *m, const struct command *c, int i,
		const struct impair *set, const bool *given, struct plan *p, struct nerr *err);

#endif
