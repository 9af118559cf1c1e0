/* model.h: the live model of the lab: nodes, their interfaces, cables,
 * addresses and routes. Pure data; changed only by model_apply(). */
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
	int ifindex;
	bool up;
	bool bridge;		/* a switch's own bridge */
	bool port;		/* a port of this node's bridge */
	char *peer;		/* the node at the other end (NULL: no cable) */
	char peer_if[IFNAMSIZ];
	struct inet *addrs;
	size_t naddrs;
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
	int type;		/* enum nat_type */
	struct forward *fwds;
	size_t nfwds;
};

struct node {
	char *name;
	struct name_link link;	/* in the model's index, by name */
	unsigned long seq;	/* order of creation: nodes[] is in this order */
	enum node_kind kind;
	unsigned long long ino, dev;	/* the namespace netsh created */
	struct iface **ifaces;
	size_t nifaces;
	struct nametab iftab;	/* ifaces by name, made once there are many */
	struct route *routes;
	size_t nroutes;
	struct nat nat;
};

struct model {
	struct node **nodes;	/* nodes[0] is always the host */
	size_t nnodes;
	struct nametab index;	/* every node, by name */
	unsigned long next_seq;
};

struct model *model_new(void);
void model_free(struct model *m);

struct node *model_node(const struct model *m, const char *name);
struct iface *node_iface(const struct node *n, const char *ifname);

/* The interface of `n` that is cabled to node `peer` (first one), or NULL. */
struct iface *node_iface_to(const struct node *n, const char *peer);

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

/* Record what an applied op did. Fails only on an op that does not fit the
 * model (a corrupt journal); the model is then unchanged. */
int model_apply(struct model *m, const struct op *op);

/* Write the ops that rebuild the model (for compacting the journal). */
struct plan;
void model_to_plan(const struct model *m, struct plan *p);

/* How many ops model_to_plan would write, counted without writing them. */
size_t model_op_count(const struct model *m);

#endif
