/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nsstate.h: one namespace as the kernel has it (its links, addresses,
 * routes with every nexthop, and neighbours), as plain structs. The kernel
 * layer fills it (kernel_read); show NODE, the Lua checks and drift
 * detection read it. Pure. */
#ifndef NETSH_NSSTATE_H
#define NETSH_NSSTATE_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/inet.h"

struct ns_link {
	char name[IFNAMSIZ];
	int ifindex;
	unsigned flags;		/* IFF_UP, IFF_LOWER_UP, ... */
	int master;		/* ifindex of its bridge, or 0 */
	int peer;		/* a veth's peer ifindex (IFLA_LINK), or 0 */
	char kind[16];		/* "veth", "bridge", ... ("" when none) */
	unsigned char lladdr[32];	/* its MAC address */
	size_t lllen;		/* 0: none */
};

struct ns_addr {
	int ifindex;
	struct inet addr;	/* with its prefix length */
	int scope;		/* RT_SCOPE_* */
	unsigned flags;		/* IFA_F_* */
};

struct ns_nexthop {
	struct inet gw;		/* family 0: none */
	int ifindex;		/* 0: none */
	int weight;		/* a multipath route's weight (1 and up) */
};

struct ns_route {
	struct inet dst;	/* plen 0: a default route */
	unsigned table;		/* RT_TABLE_MAIN, ... */
	int type;		/* RTN_UNICAST, RTN_LOCAL, ... */
	int protocol;		/* RTPROT_KERNEL, RTPROT_STATIC, ... */
	int scope;
	unsigned priority;	/* the metric */
	struct ns_nexthop *nh;	/* one, or several for a multipath route */
	size_t nnh;
};

struct ns_neigh {
	struct inet dst;
	int ifindex;
	unsigned char lladdr[32];
	size_t lllen;		/* 0: no link-layer address */
	unsigned state;		/* NUD_* */
	unsigned flags;		/* NTF_* */
	int protocol;		/* who made it (NDA_PROTOCOL); 0: unknown */
};

struct ns_state {
	struct ns_link *links;
	size_t nlinks;
	struct ns_addr *addrs;
	size_t naddrs;
	struct ns_route *routes;
	size_t nroutes;
	struct ns_neigh *neighs;
	size_t nneighs;
};

void ns_state_free(struct ns_state *st);

/* The link of an ifindex, or NULL. */
const struct ns_link *ns_link_by_index(const struct ns_state *st, int ifindex);

/* The link of a name, or NULL. */
const struct ns_link *ns_link_by_name(const struct ns_state *st, const char *name);

/* Does link `ifname` hold address a (with its prefix length)? */
bool ns_has_addr(const struct ns_state *st, const char *ifname, const struct inet *a);

/* Is there a main-table route to dst via gw (family 0: any) out of dev
 * ("" or NULL: any)? */
bool ns_has_route(const struct ns_state *st, const struct inet *dst, const struct inet *gw,
		  const char *dev);

/* An ifindex's name, or "if<N>" when it is not in the namespace. */
const char *ns_ifname(const struct ns_state *st, int ifindex, char *buf, size_t len);

/* A route as `ip route` words ("DEST [via GW] [dev IF]", nexthops after
 * "nexthop" for a multipath one). */
const char *ns_route_fmt(const struct ns_state *st, const struct ns_route *r,
			 char *buf, size_t len);

/* A node's address as the kernel has it: rec (its record's first address
 * of `family`, 0: any) while the namespace holds it, else the first global
 * address the namespace has on a link other than lo (a DHCP lease, one
 * added by hand), IPv4 before IPv6. */
bool ns_first_addr(const struct ns_state *st, const struct inet *rec, int family,
		   struct inet *out);

/* The address of a link (not lo) whose prefix holds `a`: the link `a` is
 * on-link through, or NULL. */
const struct ns_addr *ns_onlink(const struct ns_state *st, const struct inet *a);

/* The route of the main table that the kernel would use for `a` (the
 * longest prefix, then the lowest metric), or NULL. */
const struct ns_route *ns_route_lookup(const struct ns_state *st, const struct inet *a);

#endif
