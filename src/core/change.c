/* SPDX-License-Identifier: GPL-2.0-or-later */
/* change.c: the differences between a node before and after a command. */
#include <stdlib.h>
#include <string.h>

#include "core/change.h"
#include "core/xalloc.h"

/* The parts of a node in view order, each with what identifies it. */
struct part {
	enum change_what what;
	const void *p;
};

#define PARTS_STATIC 32

struct parts {
	struct part *v;
	size_t n, cap;
	struct part fixed[PARTS_STATIC];
};

static void parts_add(struct parts *ps, enum change_what what, const void *p)
{
	if (ps->n == ps->cap) {
		size_t cap = ps->cap * 2;
		struct part *v = xmalloc(cap * sizeof(*v));
		memcpy(v, ps->v, ps->n * sizeof(*v));
		if (ps->v != ps->fixed)
			free(ps->v);
		ps->v = v;
		ps->cap = cap;
	}
	ps->v[ps->n].what = what;
	ps->v[ps->n++].p = p;
}

static void parts_of(const struct node *n, struct parts *ps)
{
	ps->v = ps->fixed;
	ps->n = 0;
	ps->cap = PARTS_STATIC;
	if (!n)
		return;
	if (n->kind != KIND_HOST)
		parts_add(ps, CHANGE_NODE, n);
	for (size_t i = 0; i < n->nifaces; i++)
		if (!n->ifaces[i]->bridge)	/* a switch's bridge is part of the switch */
			parts_add(ps, CHANGE_IFACE, n->ifaces[i]);
	for (size_t i = 0; i < n->nroutes; i++)
		parts_add(ps, CHANGE_ROUTE, &n->routes[i]);
	if (n->nat.on)
		parts_add(ps, CHANGE_NAT, &n->nat);
	for (size_t i = 0; i < n->nat.nfwds; i++)
		parts_add(ps, CHANGE_FORWARD, &n->nat.fwds[i]);
}

static void parts_free(struct parts *ps)
{
	if (ps->v != ps->fixed)
		free(ps->v);
}

static bool route_same(const struct route *a, const struct route *b)
{
	return inet_equal(&a->dst, &b->dst) && strcmp(a->dev, b->dev) == 0 &&
	       (a->gw.family ? inet_equal(&a->gw, &b->gw) : !b->gw.family);
}

/* Do two parts of the same kind name the same thing? */
static bool same_key(const struct part *a, const struct part *b)
{
	const struct forward *fa = a->p, *fb = b->p;

	if (a->what != b->what)
		return false;
	switch (a->what) {
	case CHANGE_IFACE:
		return strcmp(((const struct iface *)a->p)->name,
			      ((const struct iface *)b->p)->name) == 0;
	case CHANGE_ROUTE:
		return route_same(a->p, b->p);
	case CHANGE_FORWARD:
		return fa->proto == fb->proto && fa->port == fb->port;
	default:
		return true;	/* a node has one of itself and one NAT */
	}
}

static bool iface_equal(const struct iface *a, const struct iface *b)
{
	if (a->up != b->up || a->bridge != b->bridge || a->port != b->port ||
	    !a->peer != !b->peer || (a->peer && strcmp(a->peer, b->peer) != 0) ||
	    strcmp(a->peer_if, b->peer_if) != 0 || a->naddrs != b->naddrs ||
	    memcmp(&a->impair, &b->impair, sizeof(a->impair)) != 0)
		return false;
	for (size_t i = 0; i < a->naddrs; i++)
		if (!inet_equal(&a->addrs[i], &b->addrs[i]))
			return false;
	return true;
}

/* Are two parts with the same key equal in everything shown? */
static bool same_value(const struct part *a, const struct part *b)
{
	const struct nat *na = a->p, *nb = b->p;
	const struct forward *fa = a->p, *fb = b->p;

	const struct node *x = a->p, *y = b->p;
	const struct iface *bx, *by;

	switch (a->what) {
	case CHANGE_NODE:
		bx = x->kind == KIND_SWITCH ? node_iface(x, BRIDGE_IF) : NULL;
		by = y->kind == KIND_SWITCH ? node_iface(y, BRIDGE_IF) : NULL;
		return x->kind == y->kind && !bx == !by && (!bx || iface_equal(bx, by));
	case CHANGE_IFACE:
		return iface_equal(a->p, b->p);
	case CHANGE_NAT:
		return strcmp(na->wan, nb->wan) == 0 && na->type == nb->type;
	case CHANGE_FORWARD:
		return inet_equal(&fa->dest, &fb->dest) && fa->dport == fb->dport;
	default:
		return true;
	}
}

static const struct part *find(const struct parts *ps, const struct part *key)
{
	for (size_t i = 0; i < ps->n; i++)
		if (same_key(&ps->v[i], key))
			return &ps->v[i];
	return NULL;
}

void changes_diff(const char *node, const struct node *was, const struct node *is,
		  void (*fn)(void *arg, const struct change *c), void *arg)
{
	struct parts before, after;
	struct change c = { .node = node, .was = was, .is = is };

	parts_of(was, &before);
	parts_of(is, &after);
	for (size_t i = 0; i < before.n; i++) {
		if (find(&after, &before.v[i]))
			continue;
		c.how = CHANGE_REMOVED;
		c.what = before.v[i].what;
		c.old = before.v[i].p;
		c.new = NULL;
		fn(arg, &c);
	}
	for (size_t i = 0; i < after.n; i++) {
		const struct part *old = find(&before, &after.v[i]);
		if (old && same_value(old, &after.v[i]))
			continue;
		c.how = old ? CHANGE_CHANGED : CHANGE_ADDED;
		c.what = after.v[i].what;
		c.old = old ? old->p : NULL;
		c.new = after.v[i].p;
		fn(arg, &c);
	}
	parts_free(&before);
	parts_free(&after);
}
