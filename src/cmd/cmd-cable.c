/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-cable.c: cable: a veth pair between two nodes. */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/names.h"
#include "core/plan.h"

static const char *const cable_keywords[] = { "subnet", NULL };

/* The kernel's limit on the ports of one bridge (BR_MAX_PORTS). */
#define BRIDGE_PORTS_MAX 1024

static int switch_ports(const struct node *n)
{
	int ports = 0;

	for (size_t i = 0; i < n->nifaces; i++)
		ports += n->ifaces[i]->port;
	return ports;
}

/* Pick the name of an end the user did not name: on a switch or the host
 * the end is named after the node at the other end; elsewhere the next ethN. */
static void default_ifname(const struct node *n, const struct node *other,
			   const char *taken, char out[IFNAMSIZ])
{
	struct nerr dummy;

	if ((n->kind == KIND_SWITCH || n->kind == KIND_HOST) &&
	    name_check_if(other->name, -1, &dummy) == 0 && !node_iface(n, other->name)) {
		snprintf(out, IFNAMSIZ, "%s", other->name);
		return;
	}
	node_next_ifname(n, &taken, taken[0] ? 1 : 0, out);
}

/* An address for one end: not on a switch port, not already in the node. */
static int check_addr(const struct node *n, const struct inet *a, int tok,
		      const struct command *c, struct nerr *err)
{
	if (n->kind == KIND_SWITCH)
		return nerr_set(err, tok, "'%s': a switch port takes no address; give the switch one with: addr %s CIDR",
				c->tok[tok].text, n->name);
	return arg_addr_free(n, a, tok, c, err);
}

/* Number both ends from `subnet CIDR`: hosts 1 and 2 (0 and 1 on /31, /127). */
static int subnet_addrs(const struct command *c, int tok, struct inet out[2], struct nerr *err)
{
	struct inet net;

	if (arg_inet(c, tok, true, &net, err) < 0)
		return -1;
	int bits = net.family == AF_INET ? 32 : 128;
	unsigned first = net.plen == bits - 1 ? 0 : 1;
	if (net.plen >= bits || inet_host(&net, first, &out[0]) < 0 ||
	    inet_host(&net, first + 1, &out[1]) < 0)
		return nerr_set(err, tok, "'%s': subnet too small for two ends", c->tok[tok].text);
	out[0].plen = out[1].plen = net.plen;
	return 0;
}

static int plan_cable(const struct model *m, const struct command *c,
		      struct plan *p, struct nerr *err)
{
	struct endpoint ep[2];
	struct inet addr[2];
	int addr_tok[2] = { -1, -1 };
	int naddr = 0;

	for (int i = 0; i < 2; i++)
		if (arg_endpoint(m, c, i + 1, false, &ep[i], err) < 0)
			return -1;
	if (ep[0].node == ep[1].node)
		return nerr_set(err, 2, "'%s': a cable cannot join %s to itself",
				c->tok[2].text, ep[0].node->name);
	for (int i = 0; i < 2; i++)
		if (ep[i].node->kind == KIND_SWITCH && switch_ports(ep[i].node) >= BRIDGE_PORTS_MAX)
			return nerr_set(err, i + 1, "'%s': %s has %d ports, the most a Linux bridge takes (BR_MAX_PORTS); cable a second switch through a router",
					c->tok[i + 1].text, ep[i].node->name, BRIDGE_PORTS_MAX);
	if (ep[0].node->kind == KIND_SWITCH && ep[1].node->kind == KIND_SWITCH)
		return nerr_set(err, 2, "'%s': cables between two switches are not supported; put a router between them",
				c->tok[2].text);
	if (c->ntok > 3 && strcmp(c->tok[3].text, "subnet") == 0) {
		if (c->ntok != 5)
			return nerr_set(err, c->ntok == 4 ? 4 : 5,
					"subnet takes one prefix; usage: cable A B subnet CIDR");
		if (ep[0].node->kind == KIND_SWITCH || ep[1].node->kind == KIND_SWITCH)
			return nerr_set(err, 3, "subnet numbers two node ends; on a switch give the node end an address instead");
		if (subnet_addrs(c, 4, addr, err) < 0)
			return -1;
		naddr = 2;
		addr_tok[0] = addr_tok[1] = 4;
	} else {
		for (int i = 3; i < c->ntok; i++) {
			if (arg_inet(c, i, true, &addr[naddr], err) < 0)
				return arg_did_you_mean(c, i, cable_keywords, err);
			addr_tok[naddr++] = i;
		}
	}
	for (int i = 0; i < naddr; i++)
		if (check_addr(ep[i].node, &addr[i], addr_tok[i], c, err) < 0)
			return -1;
	if (naddr == 2 && addr[0].family == addr[1].family &&
	    memcmp(addr[0].a, addr[1].a, 16) == 0)
		return nerr_set(err, addr_tok[1], "'%s': both ends cannot have the same address",
				c->tok[addr_tok[1]].text);
	if (!ep[0].ifname[0])
		default_ifname(ep[0].node, ep[1].node, "", ep[0].ifname);
	if (!ep[1].ifname[0])
		default_ifname(ep[1].node, ep[0].node, "", ep[1].ifname);

	/* The op is made from the non-switch end; a switch end joins br0. */
	int a = ep[0].node->kind == KIND_SWITCH ? 1 : 0, b = 1 - a;
	struct op *op = plan_add(p, OP_VETH_ADD, ep[a].node->name);
	snprintf(op->ifname, IFNAMSIZ, "%s", ep[a].ifname);
	snprintf(op->peer, sizeof(op->peer), "%s", ep[b].node->name);
	snprintf(op->peer_if, IFNAMSIZ, "%s", ep[b].ifname);
	op->master = ep[b].node->kind == KIND_SWITCH;
	op->up = true;
	for (int i = 0; i < naddr; i++) {
		op = plan_add(p, OP_ADDR_ADD, ep[i].node->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", ep[i].ifname);
		op->addr = addr[i];
	}
	return 0;
}

const struct cmd_entry cmd_cable_entry = {
	.name = "cable", .group = "Build",
	.usage = "A[:IF] B[:IF] [ADDR_A [ADDR_B] | subnet CIDR]",
	.summary = "join two nodes with a veth pair, optionally numbered",
	.help = "Creates a veth pair with one end in each node, both up. Ends are named IF\n"
		"when given, else the next free ethN; on a switch or on the host an end is\n"
		"named after the node at the other end (a switch end becomes a bridge port).\n"
		"ADDR_A and ADDR_B number the ends (CIDR); `subnet CIDR` numbers them with\n"
		"the subnet's first two hosts. `host` is the namespace netsh runs in.",
	.example = "cable ns1 ns2 10.0.0.1/24 10.0.0.2/24\ncable r1 r2 subnet 10.0.12.0/30\ncable host ns1:guest",
	.complete = "eek", .keywords = cable_keywords,
	.min_args = 2, .max_args = 4, .builds = true,
	.plan = plan_cable,
};
