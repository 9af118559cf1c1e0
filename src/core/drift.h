/* SPDX-License-Identifier: GPL-2.0-or-later */
/* drift.h: where the lab's record of a node and what its namespace has in
 * the kernel differ: a link set down by hand, an address or a route
 * removed or added outside netsh, a cable or a whole namespace gone. Each
 * difference is said in words and, where the record can hold it, comes
 * with the op that brings the record in line (refresh). Pure. */
#ifndef NETSH_DRIFT_H
#define NETSH_DRIFT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/model.h"
#include "core/nsstate.h"

struct drift {
	char text[160];		/* "eth0 is down (the record says up)" */
	bool fixable;		/* the record can hold what the kernel has */
	struct op fix;		/* the op that records it (not sent to the kernel) */
};

/* The differences of node n; st NULL: its namespace is gone. Returns how
 * many (free *out). */
size_t drift_of(const struct node *n, const struct ns_state *st, struct drift **out);

#endif
