/* op.h: one kernel operation of a plan, as plain data.
 * A command becomes a list of ops (plan.h); the transaction (txn.h) applies
 * them through the kernel layer and the model (model.h) records them. The
 * same op prints as an iproute2 line (explain) and as a journal record. */
#ifndef NETSH_OP_H
#define NETSH_OP_H

#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>

#include "core/inet.h"

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
	OP_BRIDGE_ADD,	/* node:ifname, a switch's bridge, created up if up
			 * -> ifindex */
	OP_VETH_ADD,	/* node:ifname <-> peer:peer_if; master: peer end is a
			 * port of peer's bridge; up -> ifindex, peer_ifindex */
	OP_LINK_DEL,	/* node:ifname (a veth: its peer goes too), ifindex */
	OP_LINK_SET,	/* node:ifname up or down; was_up for undo */
	OP_ADDR_ADD,	/* node:ifname addr */
	OP_ADDR_DEL,
	OP_ROUTE_ADD,	/* node: addr (destination) via gw and/or dev ifname */
	OP_ROUTE_DEL,
	OP_NAT_ADD,	/* node: netsh's nft table: masquerade out of ifname (the
			 * WAN side) as nat type, only replies and forwards in;
			 * node_kind not a router: forwarding turned on too */
	OP_NAT_DEL,	/* node: netsh's table removed (ifname, nat: for undo) */
	OP_FWD_ADD,	/* node: proto port arriving on the WAN side -> addr:dport */
	OP_FWD_DEL,
	OP_KIND_COUNT
};

/* NAT behaviours (nat NODE type ...); see doc/nat.md. */
enum nat_type {
	NAT_DEFAULT,	/* Linux masquerade: endpoint-independent mapping */
	NAT_SYMMETRIC,	/* masquerade random: a new port per destination */
	NAT_FULLCONE,	/* + mapped UDP ports open to any outside host */
	NAT_TYPE_COUNT
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
	bool late;		/* LINK_SET: may wait until the end of a batch of
				 * commands (session.h); not journaled */
	int nat;		/* NAT_*: enum nat_type */
	int proto;		/* FWD_*: IPPROTO_TCP or IPPROTO_UDP */
	int port, dport;	/* FWD_*: the outside port, the inside one */
	/* Identity, filled in by the kernel layer when the op is applied. */
	unsigned long long ino, dev;
	int ifindex, peer_ifindex;
};

/* The name of an op kind in journal records ("ns_add", ...). */
const char *op_kind_name(enum op_kind k);

const char *node_kind_name(enum node_kind k);

/* "default", "symmetric", "full-cone"; nat_type_parse: -1 if none. */
const char *nat_type_name(int t);
int nat_type_parse(const char *s);

/* "tcp", "udp" ("-" for 0); proto_parse: 0 if neither. */
const char *proto_name(int proto);
int proto_parse(const char *s);

/* Print the equivalent iproute2 (or nft) command(s), one per line. */
void op_explain(const struct op *op, FILE *out);

/* Write the op as one journal line. */
void op_write(const struct op *op, FILE *out);

/* Parse a journal line written by op_write. Returns 0 or -1. */
int op_read(const char *line, struct op *op);

#endif
