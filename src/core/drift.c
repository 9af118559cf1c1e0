/* SPDX-License-Identifier: GPL-2.0-or-later */
/* drift.c: the record of a node against what the kernel has. */
#include <linux/rtnetlink.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/drift.h"
#include "core/xalloc.h"

#ifndef IFF_UP
#define IFF_UP 1
#endif

struct drifts {
	struct drift *v;
	size_t n;
};

/* A new difference, its op (if any) started for node n. */
static struct drift *add(struct drifts *d, const struct node *n, enum op_kind kind,
			 bool fixable)
{
	struct drift *x;

	d->v = xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	x = &d->v[d->n++];
	memset(x, 0, sizeof(*x));
	x->fixable = fixable;
	x->fix.kind = kind;
	x->fix.node_kind = n->kind;
	snprintf(x->fix.node, sizeof(x->fix.node), "%s", n->name);
	return x;
}

/* An address the record leaves out on purpose: link-local ones (the
 * kernel's own) and those on links netsh does not record. */
static bool kernel_own_addr(const struct ns_addr *a)
{
	return a->scope >= RT_SCOPE_LINK ||
	       (a->addr.family == AF_INET6 && a->addr.a[0] == 0xfe && (a->addr.a[1] & 0xc0) == 0x80);
}

/* A route the record may hold: the main table's unicast routes that
 * something other than the kernel added, with one nexthop. */
static bool foreign_route(const struct ns_route *r)
{
	return r->table == RT_TABLE_MAIN && r->type == RTN_UNICAST &&
	       r->protocol != RTPROT_KERNEL && r->nnh <= 1;
}

static void links(const struct node *n, const struct ns_state *st, struct drifts *d)
{
	char a[INET_STRLEN];

	for (size_t i = 0; i < n->nifaces; i++) {
		const struct iface *f = n->ifaces[i];
		const struct ns_link *l = ns_link_by_name(st, f->name);
		struct drift *x;
		if (!l) {
			x = add(d, n, OP_LINK_DEL, true);
			snprintf(x->text, sizeof(x->text), "%s is gone%s", f->name,
				 f->peer ? " (and its cable with it)" : "");
			snprintf(x->fix.ifname, IFNAMSIZ, "%s", f->name);
			continue;
		}
		if (!!(l->flags & IFF_UP) != f->up) {
			x = add(d, n, OP_LINK_SET, true);
			snprintf(x->text, sizeof(x->text), "%s is %s (the record says %s)", f->name,
				 f->up ? "down" : "up", f->up ? "up" : "down");
			snprintf(x->fix.ifname, IFNAMSIZ, "%s", f->name);
			x->fix.up = !f->up;
			x->fix.was_up = f->up;
		}
		for (size_t k = 0; k < f->naddrs; k++) {
			if (ns_has_addr(st, f->name, &f->addrs[k]))
				continue;
			x = add(d, n, OP_ADDR_DEL, true);
			snprintf(x->text, sizeof(x->text), "address %s on %s is gone",
				 inet_fmt(&f->addrs[k], false, a, sizeof(a)), f->name);
			snprintf(x->fix.ifname, IFNAMSIZ, "%s", f->name);
			x->fix.addr = f->addrs[k];
		}
	}
}

/* What the kernel has on the node's links that the record does not. */
static void added(const struct node *n, const struct ns_state *st, struct drifts *d)
{
	char a[INET_STRLEN], r[512];

	for (size_t i = 0; i < st->naddrs; i++) {
		const struct ns_addr *x = &st->addrs[i];
		const struct ns_link *l = ns_link_by_index(st, x->ifindex);
		const struct iface *f = l ? node_iface(n, l->name) : NULL;
		struct drift *y;
		if (!f || kernel_own_addr(x) || node_addr_holder(n, &x->addr))
			continue;
		y = add(d, n, OP_ADDR_ADD, true);
		snprintf(y->text, sizeof(y->text), "address %s on %s was added outside netsh",
			 inet_fmt(&x->addr, false, a, sizeof(a)), f->name);
		snprintf(y->fix.ifname, IFNAMSIZ, "%s", f->name);
		y->fix.addr = x->addr;
	}
	for (size_t i = 0; i < st->nroutes; i++) {
		const struct ns_route *x = &st->routes[i];
		const struct ns_nexthop *nh = x->nnh ? &x->nh[0] : NULL;
		const struct ns_link *l = nh && nh->ifindex ? ns_link_by_index(st, nh->ifindex) : NULL;
		bool known = false;
		struct drift *y;
		if (!foreign_route(x))
			continue;
		for (size_t k = 0; k < n->nroutes && !known; k++)
			known = inet_equal(&n->routes[k].dst, &x->dst);
		if (known)
			continue;
		y = add(d, n, OP_ROUTE_ADD, l && node_iface(n, l->name));
		snprintf(y->text, sizeof(y->text), "route %s was added outside netsh",
			 ns_route_fmt(st, x, r, sizeof(r)));
		y->fix.addr = x->dst;
		if (nh && nh->gw.family)
			y->fix.gw = nh->gw;
		else if (l)
			snprintf(y->fix.ifname, IFNAMSIZ, "%s", l->name);
	}
}

/* Does the route leave by a link the record says is down? The kernel
 * drops such routes; netsh puts them back when the link comes up. */
static bool route_link_down(const struct node *n, const struct route *rt)
{
	const char *dev = rt->dev[0] ? rt->dev : NULL;
	const struct iface *f;

	if (!dev && rt->gw.family)
		node_on_link(n, &rt->gw, &dev);
	f = dev ? node_iface(n, dev) : NULL;
	return f && !f->up;
}

size_t drift_of(const struct node *n, const struct ns_state *st, struct drift **out)
{
	struct drifts d = { NULL, 0 };
	char r[3 * INET_STRLEN + IFNAMSIZ];

	if (!st) {
		struct drift *x = add(&d, n, OP_NS_DEL, n->kind != KIND_HOST);
		snprintf(x->text, sizeof(x->text), "its namespace is gone (deleted outside netsh)");
		*out = d.v;
		return d.n;
	}
	links(n, st, &d);
	for (size_t i = 0; i < n->nroutes; i++) {
		const struct route *rt = &n->routes[i];
		if (ns_has_route(st, &rt->dst, &rt->gw, rt->dev) || route_link_down(n, rt))
			continue;
		struct drift *x = add(&d, n, OP_ROUTE_DEL, true);
		snprintf(x->text, sizeof(x->text), "route %s is gone",
			 route_fmt(&rt->dst, &rt->gw, rt->dev, r, sizeof(r)));
		x->fix.addr = rt->dst;
		x->fix.gw = rt->gw;
		snprintf(x->fix.ifname, IFNAMSIZ, "%s", rt->dev);
	}
	if (n->kind != KIND_HOST)
		added(n, st, &d);
	*out = d.v;
	return d.n;
}
