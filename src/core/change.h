/* SPDX-License-Identifier: GPL-2.0-or-later */
/* change.h: what a command changed in the lab, as data. The session keeps
 * a copy of each node a plan touches, compares it with the node after the
 * plan was applied and hands each difference to its front end's sink: the
 * inline text view (view.h) is one such consumer. Pure. */
#ifndef NETSH_CHANGE_H
#define NETSH_CHANGE_H

#include "core/model.h"

enum change_how {
	CHANGE_REMOVED,
	CHANGE_ADDED,
	CHANGE_CHANGED,
};

/* What changed: the node itself or one of its parts. */
enum change_what {
	CHANGE_NODE,		/* old/new: struct node (a switch: with its bridge) */
	CHANGE_IFACE,		/* struct iface (by name) */
	CHANGE_ROUTE,		/* struct route (by destination, gateway, device) */
	CHANGE_NAT,		/* struct nat */
	CHANGE_FORWARD,		/* struct forward (by protocol and port) */
};

struct change {
	enum change_how how;
	enum change_what what;
	const char *node;		/* its name */
	const struct node *was, *is;	/* the node before and after (NULL: none) */
	const void *old, *new;		/* the part before and after (NULL: none) */
};

/* Call fn for each difference between a node before (was) and after (is)
 * a command: what went first (in the order it had), then what came or
 * changed (in the order it has now). Either node may be NULL. */
void changes_diff(const char *node, const struct node *was, const struct node *is,
		  void (*fn)(void *arg, const struct change *c), void *arg);

#endif
