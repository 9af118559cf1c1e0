/* SPDX-License-Identifier: GPL-2.0-or-later */
/* addr.c: addresses and routes, as `ip addr` and `ip route` make them. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>
#include <linux/if_addr.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "kernel/internal.h"

/* IPv6 addresses skip duplicate address detection, so they work at once
 * (as `ip addr add ... nodad`); a lab's veths have no one to collide with. */
#define ADDR6_NODAD 1

/* Put an address (bits only) as a netlink attribute. */
static int put_addr(struct nl_msg *msg, int type, const struct inet *in)
{
	return nla_put(msg, type, in->family == AF_INET ? 4 : 16, in->a);
}

/* Add or remove an address on a link. Removing one that is gone already
 * is done (1). */
static int addr_change(struct nlkernel *k, const struct op *op, bool add, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);
	struct ifaddrmsg ifa = {
		.ifa_family = (unsigned char)op->addr.family,
		.ifa_prefixlen = (unsigned char)op->addr.plen,
	};
	char a[INET_STRLEN];
	struct nl_msg *msg;
	int ifindex;

	if (!h)		/* a namespace deleted outside netsh took it along */
		return !add && err->code == NERR_GONE ? 1 : -1;
	inet_fmt(&op->addr, false, a, sizeof(a));
	if (link_index(k, h, op->ifname, &ifindex) < 0) {
		if (!add && k->rep.error == ENODEV)
			return 1;	/* its link is gone, and the address with it */
		return nerr_setc(err, NERR_GONE, -1, "%s: %s %s %s %s: %s", h->name,
				 add ? "adding" : "removing", a, add ? "to" : "from", op->ifname, k->why);
	}
	ifa.ifa_index = (unsigned)ifindex;
	if (add && ADDR6_NODAD && op->addr.family == AF_INET6)
		ifa.ifa_flags = IFA_F_NODAD;
	msg = msg_new(add ? RTM_NEWADDR : RTM_DELADDR, add ? NLM_F_CREATE | NLM_F_EXCL : 0,
		      &ifa, sizeof(ifa));
	if (!msg || put_addr(msg, IFA_LOCAL, &op->addr) < 0 ||
	    put_addr(msg, IFA_ADDRESS, &op->addr) < 0) {
		nlmsg_free(msg);
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	}
	if (talk(k, h->sk, msg, NULL, NULL) < 0) {
		int code = k->rep.error == EEXIST ? NERR_EXISTS : NERR_FAIL;
		if (!add && k->rep.error == EADDRNOTAVAIL)
			return 1;
		ifc_drop(h, op->ifname);
		return nerr_setc(err, code, -1, "%s: %s %s %s %s: %s", h->name,
				 add ? "adding" : "removing", a, add ? "to" : "from", op->ifname, k->why);
	}
	return 0;
}

int addr_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	int rc = addr_change(k, op, op->kind == OP_ADDR_ADD, err);

	op->absent = rc == 1;
	return rc < 0 ? -1 : 0;
}

int addr_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	return addr_change(k, op, op->kind != OP_ADDR_ADD, err) < 0 ? -1 : 0;
}

/* Put a route's gateway: RTA_GATEWAY, or RTA_VIA for another family. */
static int put_gateway(struct nl_msg *msg, const struct op *op)
{
	struct {
		unsigned short family;
		unsigned char a[16];
	} via;
	size_t alen = op->gw.family == AF_INET ? 4 : 16;

	if (op->gw.family == op->addr.family)
		return put_addr(msg, RTA_GATEWAY, &op->gw);
	via.family = (unsigned short)op->gw.family;
	memcpy(via.a, op->gw.a, alen);
	return nla_put(msg, RTA_VIA, (int)(sizeof(via.family) + alen), &via);
}

/* The RTM_NEWROUTE / RTM_DELROUTE request of a route op (as ip route does). */
static struct nl_msg *route_msg(const struct op *op, bool add, int oif)
{
	struct rtmsg rtm = {
		.rtm_family = (unsigned char)op->addr.family,
		.rtm_dst_len = (unsigned char)op->addr.plen,
		.rtm_table = RT_TABLE_MAIN,
		.rtm_scope = RT_SCOPE_NOWHERE,
	};
	struct inet dst = inet_net(&op->addr);
	struct nl_msg *msg;

	if (add) {
		rtm.rtm_protocol = RTPROT_STATIC;
		rtm.rtm_type = RTN_UNICAST;
		rtm.rtm_scope = !op->gw.family && oif ? RT_SCOPE_LINK : RT_SCOPE_UNIVERSE;
	}
	msg = msg_new(add ? RTM_NEWROUTE : RTM_DELROUTE,
		      add ? NLM_F_CREATE | NLM_F_REPLACE : 0, &rtm, sizeof(rtm));
	if (msg && ((op->addr.plen && put_addr(msg, RTA_DST, &dst) < 0) ||
		    (op->gw.family && put_gateway(msg, op) < 0) ||
		    (oif && nla_put_u32(msg, RTA_OIF, (uint32_t)oif) < 0))) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/* Add (or replace) or remove a route in the main table. Removing one that
 * is gone already (flushed with a link that went down) is done (1). */
static int route_change(struct nlkernel *k, const struct op *op, bool add, struct nerr *err)
{
	struct handle *h = handle_get(k, op->node, &op->id, err);
	char r[3 * INET_STRLEN + IFNAMSIZ];
	struct nl_msg *msg;
	int oif = 0;

	if (!h)		/* a namespace deleted outside netsh took it along */
		return !add && err->code == NERR_GONE ? 1 : -1;
	route_fmt(&op->addr, &op->gw, op->ifname, r, sizeof(r));
	if (!op->addr.family)
		return nerr_set(err, -1, "%s: route %s has no address family", h->name, r);
	if (op->ifname[0] && link_index(k, h, op->ifname, &oif) < 0) {
		if (!add && k->rep.error == ENODEV)
			return 1;	/* its link is gone, and the route with it */
		return nerr_set(err, -1, "%s: %s route %s: %s", h->name,
				add ? "adding" : "removing", r, k->why);
	}
	msg = route_msg(op, add, oif);
	if (!msg)
		return nerr_set(err, -1, "%s: %s", h->name, nl_geterror(-NLE_NOMEM));
	if (talk(k, h->sk, msg, NULL, NULL) < 0) {
		if (!add && k->rep.error == ESRCH)
			return 1;
		if (op->ifname[0])
			ifc_drop(h, op->ifname);
		return nerr_set(err, -1, "%s: %s route %s: %s", h->name,
				add ? "adding" : "removing", r, k->why);
	}
	return 0;
}

int route_do(struct nlkernel *k, struct op *op, struct nerr *err)
{
	int rc = route_change(k, op, op->kind == OP_ROUTE_ADD, err);

	op->absent = rc == 1;
	return rc < 0 ? -1 : 0;
}

int route_undo(struct nlkernel *k, const struct op *op, struct nerr *err)
{
	return route_change(k, op, op->kind != OP_ROUTE_ADD, err) < 0 ? -1 : 0;
}
