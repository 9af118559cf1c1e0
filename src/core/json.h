/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json.h: the lab as JSON (jansson), for -j: the record of the lab and of a
 * node, a change, what the kernel has of a namespace, a drift. The schema
 * is doc/netsh.schema.json; doc/json.md explains it. Pure. */
#ifndef NETSH_JSON_H
#define NETSH_JSON_H

#include <jansson.h>
#include <stdio.h>

#include "core/change.h"
#include "core/ctmap.h"
#include "core/error.h"
#include "core/drift.h"
#include "core/model.h"
#include "core/nsstate.h"

/* Load jansson (jansson.c), or say why it cannot be. */
int json_lib_load(struct nerr *err);

/* The whole lab: {"nodes": [...], "cables": N}. */
json_t *json_lab(const struct model *m);

/* One node of the record. */
json_t *json_node(const struct node *n);

/* One change: {"node", "change": "added|removed|changed", "what", "old", "new"}. */
json_t *json_change(const struct change *c);

/* A namespace as the kernel has it: {"links", "addresses", "routes", "neighbours"}. */
json_t *json_nsstate(const struct ns_state *st);

/* What differs from the record: [{"text", "recordable"}]. */
json_t *json_drift(const struct drift *d, size_t n);

/* A NAT mapping. */
json_t *json_mapping(const struct ct_mapping *m);

/* An address as text ("10.0.0.1/24"), or null for none. */
json_t *json_inet(const struct inet *a, bool bare);

/* Print one JSON value on one line, and free it. */
void json_print(FILE *out, json_t *v);

#endif
