/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nsstate.c: lookups in a namespace read back from the kernel. */
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <sys/socket.h>
#include <stdlib.h>
#include <string.h>

#include "core/nsstate.h"
#include "core/strbuf.h"

void ns_state_free(struct ns_state *st)
{
	for (size_t i = 0; i < st->nroutes; i++)
		free(st->routes[i].nh);
	free(st->links);
	free(st->addrs);
	free(st->routes);
	free(st->neighs);
	memset(st, 0, sizeof(*st));
}

const struct ns_link *ns_link_by_index(const struct ns_state *st, int ifindex)
{
	for (size_t i = 0; i < st->nlinks; i++)
		if (st->links[i].ifindex == ifindex)
			return &st->links[i];
	return NULL;
}

const struct ns_link *ns_link_by_name(const struct ns_state *st, const char *name)
{
	for (size_t i = 0; i < st->nlinks; i++)
		if (strcmp(st->links[i].name, name) == 0)
			return &st->links[i];
	return NULL;
}

bool ns_has_addr(const struct ns_state *st, const char *ifname, const struct inet *a)
{
	const struct ns_link *l = ns_link_by_name(st, ifname);

	for (size_t i = 0; l && i < st->naddrs; i++)
		if (st->addrs[i].ifindex == l->ifindex && inet_equal(&st->addrs[i].addr, a))
			return true;
	return false;
}

bool ns_has_route(const struct ns_state *st, const struct inet *dst, const struct inet *gw,
		  const char *dev)
{
	const struct ns_link *l = dev && dev[0] ? ns_link_by_name(st, dev) : NULL;
	struct inet net = inet_net(dst);

	if (dev && dev[0] && !l)
		return false;
	for (size_t i = 0; i < st->nroutes; i++) {
		const struct ns_route *r = &st->routes[i];
		if (r->table != RT_TABLE_MAIN || !inet_equal(&r->dst, &net))
			continue;
		for (size_t k = 0; k < r->nnh; k++) {
			const struct ns_nexthop *nh = &r->nh[k];
			struct inet g = nh->gw;
			if (gw->family) {
				g.plen = gw->plen;
				if (!nh->gw.family || !inet_equal(&g, gw))
					continue;
			}
			if (l && nh->ifindex != l->ifindex)
				continue;
			return true;
		}
	}
	return false;
}

const char *ns_ifname(const struct ns_state *st, int ifindex, char *buf, size_t len)
{
	const struct ns_link *l = ns_link_by_index(st, ifindex);

	if (l)
		snprintf(buf, len, "%s", l->name);
	else
		snprintf(buf, len, "if%d", ifindex);
	return buf;
}

const char *ns_route_fmt(const struct ns_state *st, const struct ns_route *r,
			 char *buf, size_t len)
{
	char dev[IFNAMSIZ + 8], one[3 * INET_STRLEN + IFNAMSIZ];
	struct strbuf b = STRBUF_INIT;
	static const struct inet none;

	if (r->nnh <= 1) {
		const struct ns_nexthop *nh = r->nnh ? &r->nh[0] : NULL;
		route_fmt(&r->dst, nh ? &nh->gw : &none,
			  nh && nh->ifindex ? ns_ifname(st, nh->ifindex, dev, sizeof(dev)) : NULL,
			  buf, len);
		return buf;
	}
	route_fmt(&r->dst, &none, NULL, one, sizeof(one));
	sb_puts(&b, one);
	for (size_t i = 0; i < r->nnh; i++) {
		const struct ns_nexthop *nh = &r->nh[i];
		char g[INET_STRLEN];
		sb_puts(&b, " nexthop");
		if (nh->gw.family)
			sb_printf(&b, " via %s", inet_addr_fmt(&nh->gw, g, sizeof(g)));
		if (nh->ifindex)
			sb_printf(&b, " dev %s", ns_ifname(st, nh->ifindex, dev, sizeof(dev)));
		if (nh->weight > 1)
			sb_printf(&b, " weight %d", nh->weight);
	}
	snprintf(buf, len, "%s", sb_str(&b));
	sb_free(&b);
	return buf;
}

const struct ns_route *ns_route_lookup(const struct ns_state *st, const struct inet *a)
{
	const struct ns_route *best = NULL;

	for (size_t i = 0; i < st->nroutes; i++) {
		const struct ns_route *r = &st->routes[i];
		if (r->table != RT_TABLE_MAIN || r->type != RTN_UNICAST ||
		    r->dst.family != a->family || r->dst.plen > a->plen ||
		    !inet_in_prefix(a, &r->dst))
			continue;
		if (!best || r->dst.plen > best->dst.plen ||
		    (r->dst.plen == best->dst.plen && r->priority < best->priority))
			best = r;
	}
	return best;
}

/* Does the namespace hold address a (on any link)? */
static bool holds(const struct ns_state *st, const struct inet *a)
{
	for (size_t i = 0; i < st->naddrs; i++)
		if (inet_equal(&st->addrs[i].addr, a))
			return true;
	return false;
}

/* Is address i of the namespace global and on a link other than lo? */
static bool usable(const struct ns_state *st, size_t i)
{
	const struct ns_link *l = ns_link_by_index(st, st->addrs[i].ifindex);

	return st->addrs[i].scope < RT_SCOPE_LINK && l && strcmp(l->name, "lo") != 0;
}

bool ns_first_addr(const struct ns_state *st, const struct inet *rec, int family,
		   struct inet *out)
{
	static const int fams[2] = { AF_INET, AF_INET6 };

	if (rec && holds(st, rec)) {
		*out = *rec;
		return true;
	}
	for (int k = 0; k < 2; k++) {
		if (family && fams[k] != family)
			continue;
		for (size_t i = 0; i < st->naddrs; i++)
			if (st->addrs[i].addr.family == fams[k] && usable(st, i)) {
				*out = st->addrs[i].addr;
				return true;
			}
	}
	return false;
}

const struct ns_addr *ns_onlink(const struct ns_state *st, const struct inet *a)
{
	for (size_t i = 0; i < st->naddrs; i++)
		if (st->addrs[i].addr.family == a->family && usable(st, i) &&
		    inet_in_prefix(a, &st->addrs[i].addr))
			return &st->addrs[i];
	return NULL;
}
