/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-updown.c: up and down: link state, for failure drills. */
#include <stdio.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/plan.h"

/* True when route r of a node goes out of interface f. */
static bool route_via(const struct route *r, const struct iface *f)
{
	if (strcmp(r->dev, f->name) == 0)
		return true;
	if (r->dev[0] || !r->gw.family)
		return false;
	for (size_t k = 0; k < f->naddrs; k++) {
		struct inet net = inet_net(&f->addrs[k]);
		if (inet_in_prefix(&r->gw, &net))
			return true;
	}
	return false;
}

/* Plan a state change of one interface, whatever the record says (it may
 * have been changed by hand). Bringing a link up also restores the routes
 * through it, which the kernel flushed when it went down. */
static void plan_set(const struct node *n, const struct iface *f, bool up, struct plan *p)
{
	struct op *op = plan_add(p, OP_LINK_SET, n->name);
	snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
	op->up = up;
	op->was_up = f->up;
	if (!up)
		return;
	for (size_t i = 0; i < n->nroutes; i++) {
		if (!route_via(&n->routes[i], f))
			continue;
		op = plan_add(p, OP_ROUTE_ADD, n->name);
		op->addr = n->routes[i].dst;
		op->gw = n->routes[i].gw;
		snprintf(op->ifname, IFNAMSIZ, "%s", n->routes[i].dev);
	}
}

static int plan_updown(const struct model *m, const struct command *c,
		       struct plan *p, bool up, struct nerr *err)
{
	struct endpoint a, b;

	if (arg_endpoint(m, c, 1, true, &a, err) < 0)
		return -1;
	if (c->ntok == 3) {
		if (arg_endpoint(m, c, 2, true, &b, err) < 0)
			return -1;
		struct iface *fa = cable_between(&a, &b);
		if (!fa)
			return nerr_set(err, 2, "'%s': no cable joins %s and %s",
					c->tok[2].text, c->tok[1].text, c->tok[2].text);
		plan_set(a.node, fa, up, p);
		plan_set(b.node, node_iface(b.node, fa->peer_if), up, p);
		return 0;
	}
	if (a.ifname[0]) {
		plan_set(a.node, node_iface(a.node, a.ifname), up, p);
		return 0;
	}
	if (a.node->kind == KIND_HOST)
		return nerr_set(err, 1, "name one interface of the host, as host:IF");
	if (!a.node->nifaces)
		return nerr_set(err, 1, "'%s' has no interfaces yet", a.node->name);
	for (size_t i = 0; i < a.node->nifaces; i++)
		plan_set(a.node, a.node->ifaces[i], up, p);
	return 0;
}

static int plan_up(const struct model *m, const struct command *c,
		   struct plan *p, struct nerr *err)
{
	return plan_updown(m, c, p, true, err);
}

static int plan_down(const struct model *m, const struct command *c,
		     struct plan *p, struct nerr *err)
{
	return plan_updown(m, c, p, false, err);
}

const struct cmd_entry cmd_up_entry = {
	.name = "up", .group = "Build", .usage = "NODE[:IF] | A B",
	.summary = "bring an interface, a node's interfaces or a cable up",
	.help = "Sets links up: one interface (NODE:IF), all of a node's (NODE), or both\n"
		"ends of the cable between A and B. Routes through a link that comes back\n"
		"up are restored (the kernel drops them when it goes down).",
	.example = "up r1:eth1\nup r1 r2",
	.complete = "ee", .min_args = 1, .max_args = 2, .plan = plan_up,
};

const struct cmd_entry cmd_down_entry = {
	.name = "down", .group = "Build", .usage = "NODE[:IF] | A B",
	.summary = "take an interface, a node's interfaces or a cable down",
	.help = "Sets links down, for failure drills: one interface (NODE:IF), all of a\n"
		"node's (NODE), or both ends of the cable between A and B.",
	.example = "down r1 r2",
	.complete = "ee", .min_args = 1, .max_args = 2, .plan = plan_down,
};
