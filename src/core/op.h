/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op.h: one kernel operation of a plan, as plain data, and the descriptor
 * of each op kind.
 *
 * A command becomes a list of ops (plan.h); the transaction (engine/txn.h)
 * applies them through the kernel layer and the model (model.h) records
 * them. Everything about one kind of op lives in its descriptor (op-*.c):
 * its journal fields, its iproute2/nft explain text and how it changes the
 * model; its kernel do and undo live in the kernel layer (kernel/ops.c). */
#ifndef NETSH_OP_H
#define NETSH_OP_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/inet.h"
#include "core/nat-type.h"

#define NODE_NAME_MAX 255	/* a file name under /run/netns */
#define LAB_NAME_MAX 64		/* a lab file's name, as a node's origin */

enum node_kind {
	KIND_HOST,	/* the namespace netsh runs in */
	KIND_NODE,	/* a plain host namespace */
	KIND_ROUTER,	/* forwards IPv4 and IPv6 */
	KIND_SWITCH,	/* a bridge in its own namespace */
	KIND_COUNT
};

enum op_kind {
	OP_NS_ADD,	/* node, node_kind -> id */
	OP_NS_DEL,	/* node, id (the proof of identity) */
	OP_BRIDGE_ADD,	/* node:ifname, a switch's bridge, up if up -> ifindex */
	OP_VETH_ADD,	/* node:ifname <-> peer:peer_if; master: the peer end is a
			 * port of peer's bridge; up -> ifindex, peer_ifindex */
	OP_LINK_DEL,	/* node:ifname (a veth: its peer goes too), ifindex; for
			 * undo the peer end as VETH_ADD has it, and up */
	OP_LINK_SET,	/* node:ifname up or down; was_up for undo */
	OP_ADDR_ADD,	/* node:ifname addr */
	OP_ADDR_DEL,
	OP_ROUTE_ADD,	/* node: addr (destination) via gw and/or dev ifname */
	OP_ROUTE_DEL,
	OP_NAT_ADD,	/* node: netsh's nft table: masquerade out of ifname (the
			 * WAN side) as nat type, only replies and forwards in;
			 * node_kind not a router: forwarding turned on too */
	OP_NAT_DEL,	/* node: netsh's table removed (ifname, nat: for undo) */
	OP_NAT_SET,	/* node: its NAT's rules rebuilt for WAN ifname and type
			 * nat (was_if, was_nat before), its mappings flushed */
	OP_FWD_ADD,	/* node: proto port arriving on the WAN side -> addr:dport */
	OP_FWD_DEL,
	OP_IMPAIR_SET,	/* node:ifname: what leaves by it is impaired as impair
			 * says (all zero: not at all); was_impair for undo */
	OP_KIND_COUNT
};

/* A NAT's UDP mapping lifetime by default: RFC 4787 REQ-5 asks for at
 * least 2 minutes (Linux conntrack keeps an unreplied-twice flow 30 s). */
#define NAT_UDP_TIMEOUT 120


/* A link condition on what leaves an interface (impair A B ...): zero
 * everywhere is none. rate alone is a token bucket (tbf); delay, jitter
 * and loss need netem. */
struct impair {
	unsigned long long rate;	/* bits per second */
	unsigned long long delay;	/* microseconds */
	unsigned long long jitter;	/* microseconds */
	unsigned long long loss;	/* parts per million (1% = 10000) */
};

/* What proves a namespace is the one netsh made: its network-namespace
 * cookie (SO_NETNS_COOKIE, never reused within a boot) and its nsfs inode.
 * All zero: the host namespace, which netsh did not make. */
struct nsid {
	unsigned long long cookie, ino, dev;
};

struct op {
	enum op_kind kind;
	enum node_kind node_kind;
	char node[NODE_NAME_MAX + 1];
	struct nsid id;		/* node's namespace (NS_ADD fills it in) */
	char origin[LAB_NAME_MAX + 1];	/* NS_ADD: the lab file that made it ("": none) */
	char ifname[IFNAMSIZ];
	char peer[NODE_NAME_MAX + 1];
	struct nsid peer_id;	/* peer's namespace */
	char peer_if[IFNAMSIZ];
	struct inet addr;	/* address, or a route's destination */
	struct inet gw;		/* a route's gateway (family 0: none) */
	bool up, was_up;
	bool master;		/* VETH_ADD, LINK_DEL: the peer end is (was) a port
				 * of peer's bridge */
	bool late;		/* LINK_SET: may wait until the end of a batch of
				 * commands (engine/session.h); not journaled */
	bool absent;		/* a removal found it gone already: done, and
				 * nothing to undo (the kernel layer sets it) */
	int nat;		/* NAT_*: its behaviour (nat-type.h) */
	char was_if[IFNAMSIZ];	/* NAT_SET: the WAN side before */
	int was_nat;		/* NAT_SET: the type before */
	unsigned long long timeout, was_timeout;	/* NAT_*: UDP mapping lifetime, s */
	int proto;		/* FWD_*: IPPROTO_TCP or IPPROTO_UDP */
	int port, dport;	/* FWD_*: the outside port, the inside one */
	struct impair impair, was_impair;	/* IMPAIR_SET: after, before */
	/* Links the op made or names, filled in by the kernel layer. */
	int ifindex, peer_ifindex;
};

/* The type of a journal field, which says how it is written and read. */
enum op_field_type {
	FIELD_NAME,		/* a name: a char array, its size the field's */
	FIELD_INET,		/* struct inet with its prefix length */
	FIELD_BOOL,		/* 0 or 1 */
	FIELD_U64,		/* unsigned long long */
	FIELD_INDEX,		/* an ifindex, 0 to INT_MAX */
	FIELD_PORT,		/* 0 to 65535 */
	FIELD_KIND,		/* enum node_kind, by name */
	FIELD_NAT,		/* a NAT behaviour (nat-type.h), by name */
	FIELD_PROTO,		/* tcp or udp */
};

/* One key=value field of a journal record: the key and where its value
 * lives in struct op. */
struct op_field {
	const char *key;
	enum op_field_type type;
	size_t off, size;
};

#define OP_FIELD(key, type, member) \
	{ key, type, offsetof(struct op, member), sizeof(((struct op *)0)->member) }
#define OP_FIELD_END { NULL, 0, 0, 0 }

struct model;

/* Everything about one kind of op but its kernel work. */
struct op_desc {
	const char *name;		/* in journal records: "veth_add" */
	const struct op_field *fields;	/* its journal fields, OP_FIELD_END last */
	/* The equivalent iproute2 / nft / sysctl commands, one per line. */
	void (*explain)(const struct op *op, FILE *out);
	/* Record what the applied op did. Fails on an op that does not fit
	 * the model (a damaged journal); the model is then unchanged. */
	int (*apply)(struct model *m, const struct op *op);
};

/* The descriptor of an op kind (op-table.c). */
const struct op_desc *op_desc(enum op_kind k);

/* The name of an op kind in journal records ("ns_add", ...); "?" if none. */
const char *op_kind_name(enum op_kind k);

const char *node_kind_name(enum node_kind k);

/* "tcp", "udp" ("-" for 0); proto_parse: 0 if neither. */
const char *proto_name(int proto);
int proto_parse(const char *s);

/* Print the equivalent iproute2 (or nft) command(s), one per line. */
void op_explain(const struct op *op, FILE *out);

/* Why the op is taken, in one line (op-why.c). */
const char *op_why(const struct op *op, char *buf, size_t len);

/* Record an applied op in the model (its descriptor's apply). */
int model_apply(struct model *m, const struct op *op);

/* "ip" or "ip -n NODE": how explain runs ip in a node. */
const char *op_ip(const char *node, char *buf, size_t len);

#endif
