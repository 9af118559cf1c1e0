/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-addr.c: addr: an address on an interface. */
#include <stdio.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/plan.h"

static int plan_addr(const struct model *m, const struct command *c,
		     struct plan *p, struct nerr *err)
{
	struct node *n;
	struct iface *f;
	struct inet a;

	if (arg_iface(m, c, 1, &n, &f, err) < 0 || arg_inet(c, 2, true, &a, err) < 0)
		return -1;
	if (f->port)
		return nerr_set(err, 1, "'%s' is a bridge port; give the address to the switch itself (addr %s CIDR)",
				c->tok[1].text, n->name);
	if (arg_addr_free(n, &a, 2, c, err) < 0)
		return -1;
	struct op *op = plan_add(p, OP_ADDR_ADD, n->name);
	snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
	op->addr = a;
	return 0;
}

const struct cmd_entry cmd_addr_entry = {
	.name = "addr", .group = "Address", .usage = "NODE[:IF] CIDR",
	.summary = "add an IPv4 or IPv6 address to an interface",
	.help = "Adds CIDR to interface IF of NODE. Without :IF, the node's only interface\n"
		"(on a switch: its bridge, which makes the switch a host on its segment).",
	.example = "addr ns1:eth0 10.0.0.1/24\naddr wan 10.0.0.100/24",
	.complete = "i-", .min_args = 2, .max_args = 2, .builds = true,
	.plan = plan_addr,
};
