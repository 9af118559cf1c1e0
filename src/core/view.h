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

/* The width of the interface column, at least. */
#define VIEW_IF_WIDTH 6

/* The line that shows one part of a node (see enum change_what), malloc'd:
 * "router, namespace /run/netns/r1" (a switch with its bridge's state and
 * addresses), "eth0   UP   peer r1:eth0  10.0.1.1/24" (ifw: the width of
 * the name; 0: VIEW_IF_WIDTH), "route default via 10.0.1.2",
 * "nat out eth0, type default", "forward tcp 8080 -> 10.1.0.1:80". */
char *view_part(enum change_what what, const struct node *n, const void *part, int ifw);

/* Print a node's parts, one line each, every line led by `lead`. */
void view_node(FILE *out, const struct node *n, const char *lead);

/* The inline view: what each command changed, one line per change ('+'
 * added, '-' removed, '~' changed, then the part as it is now), the lines
 * of a command aligned on the names they show. A batch past `budget` lines
 * (0: no limit) counts the rest and ends with a summary. */
struct view {
	FILE *out;
	bool color;
	size_t budget, shown;
	struct pending *p;	/* the command's changes, until view_flush */
	size_t n;
	size_t hidden[3][5];	/* past the budget, by enum change_how, change_what */
};

void view_open(struct view *v, FILE *out, bool color, size_t budget);
/* Hold a change of the command running (the change.h consumer). */
void view_add(struct view *v, const struct change *c);
/* Print the command's changes. */
void view_flush(struct view *v);
/* The end of a batch (or of a line at the prompt): what was counted. */
void view_end(struct view *v);

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
