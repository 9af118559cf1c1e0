/* view.h: rendering the model as text: the inline change view after a
 * command and the `show` overview. Pure: no kernel. */
#ifndef NETSH_VIEW_H
#define NETSH_VIEW_H

#include <stdbool.h>
#include <stdio.h>

#include "core/model.h"

/* The lines that describe one node (its kind, interfaces, routes). */
struct view_lines {
	char **line;
	size_t n;
};

/* Render a node (NULL: a node that does not exist, no lines). */
void view_node(const struct model *m, const struct node *n, struct view_lines *out);
void view_lines_free(struct view_lines *v);

/* Print what changed in a node between two renderings: removed lines with
 * '-', added ones with '+', each led by the node's name. */
void view_diff(FILE *out, const char *node, const struct view_lines *before,
	       const struct view_lines *after, bool color);

/* The whole lab, one block per node. */
void view_show(FILE *out, const struct model *m, bool color);

/* Colour helpers (empty strings when colour is off). */
const char *view_color(bool on, const char *which);

#endif
