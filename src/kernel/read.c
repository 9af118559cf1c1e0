/* SPDX-License-Identifier: GPL-2.0-or-later */
/* read.c: a namespace read back from the kernel as plain structs
 * (core/nsstate.h): one netlink dump each of its links, addresses, routes
 * (every route and every nexthop, IPv4 and IPv6) and neighbours. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <netlink/netlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

/* Grow an array by one zeroed element; returns it. */
#define PUSH(arr, n) (arr = xrealloc(arr, (n + 1) * sizeof(*arr)), \
		      memset(&arr[n], 0, sizeof(*arr)), &arr[n++])

/* An address attribute as struct inet of the family, full length. */
static void get_inet(const struct nlattr *a, int family, struct inet *out)
{
	size_t len = family == AF_INET ? 4 : 16;

	memset(out, 0, sizeof(*out));
	if (!a || (size_t)nla_len(a) < len)
		return;
	out->family = family;
	out->plen = (int)len * 8;
	memcpy(out->a, nla_data(a), len);
}

static void parse_link_msg(struct nlmsghdr *h, void *arg)
{
	struct ns_state *st = arg;
	struct nlattr *tb[IFLA_MAX + 1], *li[IFLA_INFO_MAX + 1];
	struct ifinfomsg *ifi = nlmsg_data(h);
	struct ns_link *l;

	if (h->nlmsg_type != RTM_NEWLINK ||
	    nlmsg_parse(h, sizeof(*ifi), tb, IFLA_MAX, NULL) < 0 || !tb[IFLA_IFNAME])
		return;
	l = PUSH(st->links, st->nlinks);
	nla_strlcpy(l->name, tb[IFLA_IFNAME], sizeof(l->name));
	l->ifindex = ifi->ifi_index;
	l->flags = ifi->ifi_flags;
	if (tb[IFLA_MASTER])
		l->master = (int)nla_get_u32(tb[IFLA_MASTER]);
	if (tb[IFLA_LINK])
		l->peer = (int)nla_get_u32(tb[IFLA_LINK]);
	if (tb[IFLA_ADDRESS] && (size_t)nla_len(tb[IFLA_ADDRESS]) <= sizeof(l->lladdr)) {
		l->lllen = (size_t)nla_len(tb[IFLA_ADDRESS]);
		memcpy(l->lladdr, nla_data(tb[IFLA_ADDRESS]), l->lllen);
	}
	if (tb[IFLA_LINKINFO] &&
	    nla_parse_nested(li, IFLA_INFO_MAX, tb[IFLA_LINKINFO], NULL) == 0 &&
	    li[IFLA_INFO_KIND])
		nla_strlcpy(l->kind, li[IFLA_INFO_KIND], sizeof(l->kind));
}

static void parse_addr_msg(struct nlmsghdr *h, void *arg)
{
	struct ns_state *st = arg;
	struct nlattr *tb[IFA_MAX + 1];
	struct ifaddrmsg *ifa = nlmsg_data(h);
	struct ns_addr *a;

	if (h->nlmsg_type != RTM_NEWADDR ||
	    nlmsg_parse(h, sizeof(*ifa), tb, IFA_MAX, NULL) < 0 ||
	    (ifa->ifa_family != AF_INET && ifa->ifa_family != AF_INET6) ||
	    (!tb[IFA_LOCAL] && !tb[IFA_ADDRESS]))
		return;
	a = PUSH(st->addrs, st->naddrs);
	a->ifindex = (int)ifa->ifa_index;
	get_inet(tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS], ifa->ifa_family, &a->addr);
	a->addr.plen = ifa->ifa_prefixlen;
	a->scope = ifa->ifa_scope;
	a->flags = tb[IFA_FLAGS] ? nla_get_u32(tb[IFA_FLAGS]) : ifa->ifa_flags;
}

/* A gateway: RTA_GATEWAY of the route's family, or RTA_VIA of another. */
static void get_gateway(struct nlattr **tb, int family, struct inet *gw)
{
	memset(gw, 0, sizeof(*gw));
	if (tb[RTA_GATEWAY]) {
		get_inet(tb[RTA_GATEWAY], family, gw);
	} else if (tb[RTA_VIA] && nla_len(tb[RTA_VIA]) >= 2) {
		const struct rtvia *v = nla_data(tb[RTA_VIA]);
		struct inet tmp = { 0 };
		size_t len = v->rtvia_family == AF_INET ? 4 : 16;
		if ((size_t)nla_len(tb[RTA_VIA]) >= 2 + len) {
			tmp.family = v->rtvia_family;
			tmp.plen = (int)len * 8;
			memcpy(tmp.a, v->rtvia_addr, len);
			*gw = tmp;
		}
	}
}

/* The nexthops of RTA_MULTIPATH. */
static void parse_multipath(struct ns_route *r, struct nlattr *mp, int family)
{
	struct rtnexthop *nh = nla_data(mp);
	int rem = nla_len(mp);

	while (rem >= (int)sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) && nh->rtnh_len <= rem) {
		struct nlattr *tb[RTA_MAX + 1];
		struct ns_nexthop *x = PUSH(r->nh, r->nnh);
		x->ifindex = nh->rtnh_ifindex;
		x->weight = nh->rtnh_hops + 1;
		if (nla_parse(tb, RTA_MAX, (struct nlattr *)RTNH_DATA(nh),
			      (int)(nh->rtnh_len - sizeof(*nh)), NULL) == 0)
			get_gateway(tb, family, &x->gw);
		rem -= (int)RTNH_ALIGN(nh->rtnh_len);
		nh = (struct rtnexthop *)((char *)nh + RTNH_ALIGN(nh->rtnh_len));
	}
}

static void parse_route_msg(struct nlmsghdr *h, void *arg)
{
	struct ns_state *st = arg;
	struct nlattr *tb[RTA_MAX + 1];
	struct rtmsg *rtm = nlmsg_data(h);
	struct ns_route *r;

	if (h->nlmsg_type != RTM_NEWROUTE ||
	    nlmsg_parse(h, sizeof(*rtm), tb, RTA_MAX, NULL) < 0 ||
	    (rtm->rtm_family != AF_INET && rtm->rtm_family != AF_INET6))
		return;
	r = PUSH(st->routes, st->nroutes);
	get_inet(tb[RTA_DST], rtm->rtm_family, &r->dst);
	r->dst.family = rtm->rtm_family;
	r->dst.plen = rtm->rtm_dst_len;
	r->table = tb[RTA_TABLE] ? nla_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	r->type = rtm->rtm_type;
	r->protocol = rtm->rtm_protocol;
	r->scope = rtm->rtm_scope;
	r->priority = tb[RTA_PRIORITY] ? nla_get_u32(tb[RTA_PRIORITY]) : 0;
	if (tb[RTA_MULTIPATH]) {
		parse_multipath(r, tb[RTA_MULTIPATH], rtm->rtm_family);
	} else if (tb[RTA_OIF] || tb[RTA_GATEWAY] || tb[RTA_VIA]) {
		struct ns_nexthop *x = PUSH(r->nh, r->nnh);
		x->ifindex = tb[RTA_OIF] ? (int)nla_get_u32(tb[RTA_OIF]) : 0;
		x->weight = 1;
		get_gateway(tb, rtm->rtm_family, &x->gw);
	}
}

static void parse_neigh_msg(struct nlmsghdr *h, void *arg)
{
	struct ns_state *st = arg;
	struct nlattr *tb[NDA_MAX + 1];
	struct ndmsg *nd = nlmsg_data(h);
	struct ns_neigh *n;

	if (h->nlmsg_type != RTM_NEWNEIGH ||
	    nlmsg_parse(h, sizeof(*nd), tb, NDA_MAX, NULL) < 0 || !tb[NDA_DST] ||
	    (nd->ndm_family != AF_INET && nd->ndm_family != AF_INET6))
		return;
	n = PUSH(st->neighs, st->nneighs);
	get_inet(tb[NDA_DST], nd->ndm_family, &n->dst);
	n->ifindex = nd->ndm_ifindex;
	n->state = nd->ndm_state;
	n->flags = nd->ndm_flags;
	if (tb[NDA_PROTOCOL])
		n->protocol = nla_get_u8(tb[NDA_PROTOCOL]);
	if (tb[NDA_LLADDR] && (size_t)nla_len(tb[NDA_LLADDR]) <= sizeof(n->lladdr)) {
		n->lllen = (size_t)nla_len(tb[NDA_LLADDR]);
		memcpy(n->lladdr, nla_data(tb[NDA_LLADDR]), n->lllen);
	}
}

/* One dump request of `type` with a header of `len` bytes (zeroed, its
 * family byte AF_UNSPEC). Links come without their counters, which are
 * most of each link's reply and which nothing here reads. */
static int dump(struct nlkernel *k, struct handle *h, int type, size_t len,
		void (*parse)(struct nlmsghdr *, void *), struct ns_state *st)
{
	unsigned char hdr[sizeof(struct ifinfomsg) > sizeof(struct rtmsg)
			  ? sizeof(struct ifinfomsg) : sizeof(struct rtmsg)] = { 0 };
	struct nl_msg *msg = msg_new(type, NLM_F_DUMP, hdr, len);

	if (!msg || (type == RTM_GETLINK &&
		     nla_put_u32(msg, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS) < 0)) {
		nlmsg_free(msg);
		return why_nl(k, -NLE_NOMEM);
	}
	return talk(k, h->sk, msg, parse, st);
}

int ns_read(struct kernel *kk, const char *node, const struct nsid *id, unsigned what,
	    struct ns_state *out, struct nerr *err)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct handle *h;

	handles_trim(k);
	h = handle_get(k, node, id, err);
	memset(out, 0, sizeof(*out));
	if (!h)
		return -1;
	if (((what & READ_LINKS) &&
	     dump(k, h, RTM_GETLINK, sizeof(struct ifinfomsg), parse_link_msg, out) < 0) ||
	    ((what & READ_ADDRS) &&
	     dump(k, h, RTM_GETADDR, sizeof(struct ifaddrmsg), parse_addr_msg, out) < 0) ||
	    ((what & READ_ROUTES) &&
	     dump(k, h, RTM_GETROUTE, sizeof(struct rtmsg), parse_route_msg, out) < 0) ||
	    ((what & READ_NEIGHS) &&
	     dump(k, h, RTM_GETNEIGH, sizeof(struct ndmsg), parse_neigh_msg, out) < 0)) {
		ns_state_free(out);
		return nerr_set(err, -1, "%s: reading the namespace: %s", node, k->why);
	}
	return 0;
}
