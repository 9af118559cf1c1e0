/* SPDX-License-Identifier: GPL-2.0-or-later */
/* touched.h: the nodes a command's plan touches, copied as they were
 * before it, and what changed in them handed to the session's sink. */
#ifndef NETSH_TOUCHED_H
#define NETSH_TOUCHED_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/nametab.h"
#include "core/plan.h"

struct session;

/* Copies of the nodes a plan touches, as they were before it, found by
 * name through a hash (a plan may touch thousands). */
struct touched_node {
	size_t seq;		/* the order the plan touches it in */
	char *name;
	struct node *was;	/* NULL: the node did not exist */
	struct name_link link;
};

struct touched {
	struct touched_node **v;
	size_t n;
	struct nametab index;
};

/* Note node `name` as touched (once), with a copy of it as it is (copy:
 * the view wants one). */
void touched_add(struct touched *t, const struct session *s, const char *name, bool copy);
void touched_free(struct touched *t);
/* Hand what changed to the sink: a teardown's totals, or each change of
 * each touched node, the nodes in the order the command names them. */
void touched_report(struct session *s, const struct plan *p, const bool *done,
		    const struct touched *t);

#endif
