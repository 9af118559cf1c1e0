/* op.h: one kernel operation of a plan, as plain data.
 * A command becomes a list of ops (plan.h); the transaction (txn.h) applies
 * them through the kernel layer and the model (model.h) records them. The
 * same op prints as an iproute2 line (explain) and as a journal record. */
#ifndef NETSH_OP_H
#define NETSH_OP_H

#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>

#include "inet.h"

#define NODE_NAME_MAX 255	/* a file name under /run/netns */

enum node_kind {
	KIND_HOST,	/* the namespace netsh runs in */
	KIND_NODE,	/* a plain host namespace */
	KIND_ROUTER,	/* forwards IPv4 and IPv6 */
	KIND_SWITCH,	/* a bridge in its own namespace */
};

enum op_kind {
	OP_NS_ADD,	/* node, node_kind -> ino, dev */
	OP_NS_DEL,	/* node, ino, dev (proof of identity) */
	OP_BRIDGE_ADD,	/* node:ifname, a switch's bridge, created up -> ifindex */
	OP_VETH_ADD,	/* node:ifname <-> peer:peer_if; master: peer end is a
			 * port of peer's bridge; up -> ifindex, peer_ifindex */
	OP_LINK_DEL,	/* node:ifname (a veth: its peer goes too), ifindex */
	OP_LINK_SET,	/* node:ifname up or down; was_up for undo */
	OP_ADDR_ADD,	/* node:ifname addr */
	OP_ADDR_DEL,
	OP_ROUTE_ADD,	/* node: addr (destination) via gw and/or dev ifname */
	OP_ROUTE_DEL,
	OP_KIND_COUNT
};

struct op {
	enum op_kind kind;
	enum node_kind node_kind;
	char node[NODE_NAME_MAX + 1];
	char ifname[IFNAMSIZ];
	char peer[NODE_NAME_MAX + 1];
	char peer_if[IFNAMSIZ];
	struct inet addr;	/* address, or a route's destination */
	struct inet gw;		/* a route's gateway (family 0: none) */
	bool up, was_up;
	bool master;		/* VETH_ADD: the peer end joins peer's bridge */
	/* Identity, filled in by the kernel layer when the op is applied. */
	unsigned long long ino, dev;
	int ifindex, peer_ifindex;
};

/* The name of an op kind in journal records ("ns_add", ...). */
const char *op_kind_name(enum op_kind k);

const char *node_kind_name(enum node_kind k);

/* Print the equivalent iproute2 command(s), one per line. */
void op_explain(const struct op *op, FILE *out);

/* Write the op as one journal line. */
void op_write(const struct op *op, FILE *out);

/* Parse a journal line written by op_write. Returns 0 or -1. */
int op_read(const char *line, struct op *op);

#endif
