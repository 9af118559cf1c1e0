/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view.h: rendering the model as text: the inline change view after a
 * command (a consumer of change.h's events) and the `show` overview. Pure:
 * no kernel. */
#ifndef NETSH_VIEW_H
#define NETSH_VIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "core/change.h"
#include "core/model.h"

/* The line that shows one part of a node (see enum change_what), malloc'd:
 * "router, namespace /run/netns/r1", "eth0   UP   peer r1:eth0  10.0.1.1/24",
 * "route default via 10.0.1.2", "nat out eth0, type default",
 * "forward tcp 8080 -> 10.1.0.1:80". */
char *view_part(enum change_what what, const struct node *n, const void *part);

/* Print a node's parts, one line each, every line led by `lead`. */
void view_node(FILE *out, const struct node *n, const char *lead);

/* Print one change as the inline view does: the node's name, then "- " and
 * the old line, "+ " and the new one (a changed part: both). */
void view_change(FILE *out, const struct change *c, bool color);

/* The one-line summary of a teardown. */
void view_teardown(FILE *out, size_t namespaces, size_t links);

/* Lists for messages, comma-separated, malloc'd: the lab's node names; a
 * node's interface names ("none" when it has none; without its bridge when
 * skip_bridge); its addresses ("none"). */
char *view_node_names(const struct model *m);
char *view_iface_names(const struct node *n, bool skip_bridge);
char *view_addrs(const struct node *n);

/* The whole lab, one block per node; after each node's lines, `extra`
 * (unless NULL) may print more of its own (what differs in the kernel). */
void view_show(FILE *out, const struct model *m, bool color,
	       void (*extra)(void *arg, const struct node *n), void *arg);

/* Colour helpers (empty strings when colour is off). */
const char *view_color(bool on, const char *which);

#endif
