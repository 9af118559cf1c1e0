/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-why.c: why each kernel step is taken, in a line a student can read;
 * `explain CMD` and `explain on` print it above the step's commands. */
#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/op.h"

/* The reason for op, into buf. */
const char *op_why(const struct op *op, char *buf, size_t len)
{
	char a[INET_STRLEN], g[INET_STRLEN];
	bool host = strcmp(op->peer, HOST_NAME) == 0;

	switch (op->kind) {
	case OP_NS_ADD:
		snprintf(buf, len, "%s gets a network namespace of its own: its own interfaces, addresses, routes and firewall%s",
			 op->node, op->node_kind == KIND_ROUTER ? "; as a router it forwards between its interfaces"
			 : op->node_kind == KIND_SWITCH ? "; as a switch it holds a bridge" : "");
		break;
	case OP_NS_DEL:
		snprintf(buf, len, "deleting %s's namespace deletes every interface in it, and with them the other ends of its cables",
			 op->node);
		break;
	case OP_BRIDGE_ADD:
		snprintf(buf, len, "the switch is a Linux bridge, %s, in its own namespace: frames go from port to port by MAC address",
			 op->ifname);
		break;
	case OP_VETH_ADD:
		snprintf(buf, len, "a cable is a veth pair: %s in %s, and its peer %s made directly in %s%s",
			 op->ifname, op->node, op->peer_if, op->peer,
			 host ? " (the host, netns 1)" : op->master ? ", where it becomes a port of the bridge"
			 : ", so it never appears in the host");
		break;
	case OP_LINK_DEL:
		snprintf(buf, len, "deleting %s:%s deletes its peer too: a veth pair lives and dies together",
			 op->node, op->ifname);
		break;
	case OP_LINK_SET:
		snprintf(buf, len, "%s:%s %s", op->node, op->ifname, op->up
			 ? "up: it sends and receives, and its addresses' routes work"
			 : "down: nothing passes, and the routes through it stop working");
		break;
	case OP_ADDR_ADD:
		snprintf(buf, len, "%s on %s:%s; the kernel adds the route to its subnet by itself",
			 inet_fmt(&op->addr, false, a, sizeof(a)), op->node, op->ifname);
		break;
	case OP_ADDR_DEL:
		snprintf(buf, len, "removing %s from %s:%s takes its subnet's route with it",
			 inet_fmt(&op->addr, false, a, sizeof(a)), op->node, op->ifname);
		break;
	case OP_ROUTE_ADD:
	case OP_ROUTE_DEL:
		if (op->addr.plen == 0)
			snprintf(buf, len, "the default route: where %s sends what no other route covers", op->node);
		else
			snprintf(buf, len, "how %s reaches %s", op->node, inet_fmt(&op->addr, false, a, sizeof(a)));
		if (op->gw.family)
			snprintf(buf + strlen(buf), len - strlen(buf), ": through %s, which must be on one of its subnets",
				 inet_addr_fmt(&op->gw, g, sizeof(g)));
		else
			snprintf(buf + strlen(buf), len - strlen(buf), ": directly on %s's link, no gateway", op->ifname);
		if (op->kind == OP_ROUTE_DEL)
			snprintf(buf + strlen(buf), len - strlen(buf), " (removed)");
		break;
	case OP_NAT_ADD:
	case OP_NAT_SET:
		snprintf(buf, len, "NAT in netsh's own nftables table, one atomic batch: what leaves by %s is masqueraded as its address, and from %s only replies, forwards and what the filtering allows come in",
			 op->ifname, op->ifname);
		break;
	case OP_NAT_DEL:
		snprintf(buf, len, "deleting netsh's table takes the NAT away, and nothing else of %s's firewall", op->node);
		break;
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		snprintf(buf, len, "a port forward is one element of a map: %s port %d arriving from outside goes to %s:%d",
			 proto_name(op->proto), op->port, inet_addr_fmt(&op->addr, a, sizeof(a)), op->dport);
		break;
	case OP_IMPAIR_SET:
		snprintf(buf, len, "a queueing discipline on what leaves %s:%s shapes the link (tbf for a rate, netem for delay and loss)",
			 op->node, op->ifname);
		break;
	default:
		snprintf(buf, len, "-");
	}
	return buf;
}
