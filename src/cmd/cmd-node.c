/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-node.c: node, router and switch: new namespaces. */
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/model.h"
#include "core/names.h"
#include "core/plan.h"
#include "core/xalloc.h"

/* Plan one namespace per name, of the given kind. Names already given are
 * found by hash: a command may name thousands. */
static int plan_nodes(const struct model *m, const struct command *c,
		      struct plan *p, enum node_kind kind, struct nerr *err)
{
	struct name_link *seen = xcalloc((size_t)c->ntok, sizeof(*seen));
	const struct node *old;
	struct nametab given;
	int rc = 0;

	nametab_init(&given);
	for (int i = 1; i < c->ntok && rc == 0; i++) {
		const char *name = c->tok[i].text;
		if (name_check_node(name, i, err) < 0) {
			rc = -1;
			break;
		}
		if (cmd_find(name)) {
			rc = nerr_set(err, i, "'%s' is a command word; pick another node name", name);
			break;
		}
		if ((old = model_node(m, name))) {
			if (old->origin[0])
				rc = nerr_setc(err, NERR_EXISTS, i, "'%s': a node of that name already exists "
					       "(%s made it: run that lab with fresh=true to build it anew)",
					       name, old->origin);
			else
				rc = nerr_setc(err, NERR_EXISTS, i, "'%s': a node of that name already exists",
					       name);
			break;
		}
		if (nametab_find(&given, name)) {
			rc = nerr_set(err, i, "'%s' is named twice", name);
			break;
		}
		seen[i].name = name;
		nametab_add(&given, &seen[i]);
		struct op *op = plan_add(p, OP_NS_ADD, name);
		op->node_kind = kind;
		if (kind == KIND_SWITCH) {
			/* Made down, up once its ports are there: see op.late. */
			op = plan_add(p, OP_BRIDGE_ADD, name);
			strcpy(op->ifname, BRIDGE_IF);
			op = plan_add(p, OP_LINK_SET, name);
			strcpy(op->ifname, BRIDGE_IF);
			op->up = op->late = true;
		}
	}
	nametab_clear(&given);
	free(seen);
	return rc;
}

static int plan_node(const struct model *m, const struct command *c,
		     struct plan *p, struct nerr *err)
{
	return plan_nodes(m, c, p, KIND_NODE, err);
}

static int plan_router(const struct model *m, const struct command *c,
		       struct plan *p, struct nerr *err)
{
	return plan_nodes(m, c, p, KIND_ROUTER, err);
}

static int plan_switch(const struct model *m, const struct command *c,
		       struct plan *p, struct nerr *err)
{
	return plan_nodes(m, c, p, KIND_SWITCH, err);
}

const struct cmd_entry cmd_node_entry = {
	.name = "node", .group = "Build", .usage = "NAME...",
	.summary = "add host nodes: one network namespace each, lo up",
	.help = "Creates a network namespace per NAME, exactly as `ip netns add` does, so\n"
		"`ip netns exec NAME ...` works on it from any terminal. Its loopback is up.\n"
		"A node does not forward packets; see router.",
	.example = "node ns1 ns2",
	.complete = "-", .min_args = 1, .max_args = -1, .builds = true,
	.plan = plan_node,
};

const struct cmd_entry cmd_router_entry = {
	.name = "router", .group = "Build", .usage = "NAME...",
	.summary = "add nodes that forward IPv4 and IPv6",
	.help = "Like node, and the namespace forwards IPv4 and IPv6 between its interfaces.",
	.example = "router r1 r2",
	.complete = "-", .min_args = 1, .max_args = -1, .builds = true,
	.plan = plan_router,
};

const struct cmd_entry cmd_switch_entry = {
	.name = "switch", .group = "Build", .usage = "NAME...",
	.summary = "add L2 switches: a bridge in its own namespace",
	.help = "Creates a namespace holding a bridge named br0, so the host is never touched.\n"
		"Cables to a switch become bridge ports named after the node at the other end;\n"
		"ports are layer 2 only (no IPv6 of their own). In a batch (-c, stdin, a lab)\n"
		"br0 comes up once the batch has made its ports, before anything runs.\n"
		"Give the switch an address with `addr NAME CIDR` to use it as a host on the segment.",
	.example = "switch wan",
	.complete = "-", .min_args = 1, .max_args = -1, .builds = true,
	.plan = plan_switch,
};
