/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model.h: the live model of the lab: nodes, their interfaces, cables,
 * addresses, routes and NAT. Pure data; changed only by applying ops
 * (model_apply in op.h), whose descriptors use the primitives below. */
#ifndef NETSH_MODEL_H
#define NETSH_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/nametab.h"
#include "core/op.h"

#define HOST_NAME "host"
#define BRIDGE_IF "br0"		/* the bridge inside a switch's namespace */

struct iface {
	char name[IFNAMSIZ];
	struct name_link link;	/* in its node's iftab */
	unsigned long seq;	/* order of creation in the model (cables are
				 * rebuilt in this order: model_to_plan) */
	int ifindex;
	bool up;
	bool bridge;		/* a switch's own bridge */
	bool port;		/* a port of this node's bridge */
	char *peer;		/* the node at the other end (NULL: no cable) */
	char peer_if[IFNAMSIZ];
	struct inet *addrs;
	size_t naddrs;
	struct impair impair;	/* on what leaves by it (all zero: none) */
};

struct route {
	struct inet dst;	/* plen 0: the default route */
	struct inet gw;		/* family 0: none (a link route) */
	char dev[IFNAMSIZ];	/* "" : chosen by the kernel */
};

/* A port forward through a node's NAT. */
struct forward {
	int proto;		/* IPPROTO_TCP or IPPROTO_UDP */
	int port;		/* arriving on the WAN side */
	struct inet dest;	/* to this inside address */
	int dport;		/* and port */
};

/* netsh's NAT on a node (nat NODE). */
struct nat {
	bool on;
	char wan[IFNAMSIZ];	/* masquerade out of this interface */
	int type;		/* its behaviour (core/nat-type.h) */
	unsigned long long timeout;	/* UDP mapping lifetime, seconds */
	struct forward *fwds;
	size_t nfwds;
};

struct node {
	char *name;
	struct name_link link;	/* in the model's index, by name */
	unsigned long seq;	/* order of creation: nodes[] is in this order */
	enum node_kind kind;
	struct nsid id;		/* the namespace netsh created */
	char origin[LAB_NAME_MAX + 1];	/* the lab file that made it ("": none) */
	struct iface **ifaces;
	size_t nifaces;
	struct nametab iftab;	/* ifaces by name, made once there are many */
	unsigned eth_free;	/* every ethK below it is taken (node_next_ifname
				 * starts there: a switch's 1000th port is not a
				 * search through 999 names) */
	struct route *routes;
	size_t nroutes;
	struct nat nat;
};

struct model {
	struct node **nodes;	/* nodes[0] is always the host */
	size_t nnodes, cap;	/* cap: room in nodes[], grown by doubling */
	struct nametab index;	/* every node, by name */
	unsigned long next_seq;
};

struct model *model_new(void);
void model_free(struct model *m);

struct node *model_node(const struct model *m, const char *name);
struct iface *node_iface(const struct node *n, const char *ifname);

/* The interface of `n` that is cabled to node `peer` (first one), or NULL. */
struct iface *node_iface_to(const struct node *n, const char *peer);
/* The other end of f's cable, or NULL. */
const struct iface *iface_peer(const struct model *m, const struct iface *f);
/* Is f (of n) the end its cable is listed from, so that each cable is
 * listed once: the end of the node made first, and never a switch's port. */
bool cable_lead(const struct model *m, const struct node *n, const struct iface *f);

/* The first free "ethN" name of a node, counting `taken` extra names. */
void node_next_ifname(const struct node *n, const char *const *taken,
		      size_t ntaken, char out[IFNAMSIZ]);

/* True when the node holds an address in the same subnet as `gw`. */
bool node_on_link(const struct node *n, const struct inet *gw, const char **dev);

/* The node's first address of the family (0: any, IPv4 first), or NULL. */
const struct inet *node_first_addr(const struct node *n, int family);

/* The node's forward of proto and port, or NULL. */
const struct forward *node_forward(const struct node *n, int proto, int port);

/* The node holding an address (bits only, any prefix length), or NULL. */
struct node *model_addr_owner(const struct model *m, const struct inet *a);

/* The interface of n holding address a (bits only), or NULL. */
struct iface *node_addr_holder(const struct node *n, const struct inet *a);

/* Primitives for the op descriptors' apply functions (op-*.c). */
struct node *model_add_node(struct model *m, const char *name, enum node_kind kind);
/* Remove a node with its cables (their far ends too) and free it. */
void model_del_node(struct model *m, struct node *n);
/* A new interface of n, numbered in m's order of creation (m NULL: a
 * copy outside any model, numbered by its caller). */
struct iface *node_add_iface(struct model *m, struct node *n, const char *name, int ifindex);
/* Remove the cable end f of n and its far end (a bridge: just f). */
void model_del_cable(struct model *m, struct node *n, struct iface *f);
void iface_add_addr(struct iface *f, const struct inet *a);
/* Remove an address (and the routes whose gateway no interface reaches any
 * more); -1 when f does not have it. */
int iface_del_addr(struct node *n, struct iface *f, const struct inet *a);
/* Add a route; an equal one already there is kept (re-added after its link
 * came up). */
void node_add_route(struct node *n, const struct inet *dst, const struct inet *gw,
		    const char *dev);
/* Remove an equal route; -1 when there is none. */
int node_del_route(struct node *n, const struct inet *dst, const struct inet *gw,
		   const char *dev);
/* The NAT's forward of proto and port, removed; -1 when there is none. */
int node_del_forward(struct node *n, int proto, int port);

/* A deep copy of a node, outside any model (for comparing before and
 * after a change); free with node_free. */
struct node *node_clone(const struct node *n);
void node_free(struct node *n);

/* Write the ops that rebuild the model (for compacting the journal). */
struct plan;
void model_to_plan(const struct model *m, struct plan *p);

/* The same ops handed to fn one at a time, without holding them all (for
 * the snapshot and compaction of a big lab). */
void model_each_op(const struct model *m, void (*fn)(void *arg, const struct op *op), void *arg);

/* Append the same ops to out, each as write makes it (record_write: the
 * journal's text; op_pack: the snapshot's bytes); returns how many. */
struct strbuf;
size_t model_write_ops(const struct model *m, void (*write)(const struct op *op, struct strbuf *out),
		       struct strbuf *out);

/* How many ops model_to_plan would write, counted without writing them. */
size_t model_op_count(const struct model *m);

#endif
