/* SPDX-License-Identifier: GPL-2.0-or-later */
/* save.h: the lab as text for other tools and for itself: a Lua lab that
 * rebuilds it (save), Graphviz dot (export dot), and a picture of the
 * topology for the terminal (draw). Pure: they read the model only. */
#ifndef NETSH_SAVE_H
#define NETSH_SAVE_H

#include <stdbool.h>
#include <stdio.h>

#include "core/model.h"

/* s as a Lua string literal ("...", escaped). */
void lua_quote(FILE *out, const char *s);

/* A Lua lab that rebuilds m: nodes, cables with their interface names,
 * addresses, routes, links down, NAT and forwards, link conditions. notes
 * (n of them) are what the lab has that netsh cannot rebuild; they head
 * the file as comments. `name` is the file's name, for its header. */
void save_lab(const struct model *m, const char *name, const char *const *notes, size_t n,
	      FILE *out);

/* The lab as a Graphviz graph: nodes by kind with their addresses, cables
 * labelled with their interface names. */
void export_dot(const struct model *m, FILE *out);

/* The topology as text: each node with its kind, its cables (interface,
 * address, the node and interface at the other end) and NAT; with
 * `unicode`, box-drawing characters. Only node n's neighbourhood when n is
 * given; past `max` nodes, a summary. */
void draw_lab(const struct model *m, const struct node *n, bool unicode, size_t max, FILE *out);

#endif
