/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model.c: the lab as netsh built it, changed only by applying ops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/model.h"
#include "core/nametab.h"
#include "core/xalloc.h"

/* Interfaces of a node beyond which node_iface looks them up by hash. */
#define IFTAB_MIN 16

/* Copy a name that fits (the model's names were checked on the way in);
 * cheaper than snprintf on the journal replay's path. */
static void name_copy(char *dst, size_t size, const char *src)
{
	size_t len = strnlen(src, size - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* A new node, appended to the model and its index. */
struct node *model_add_node(struct model *m, const char *name, enum node_kind kind)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->name = xstrdup(name);
	n->kind = kind;
	n->seq = m->next_seq++;
	n->link.name = n->name;
	nametab_add(&m->index, &n->link);
	if (m->nnodes == m->cap) {
		m->cap = m->cap ? 2 * m->cap : 16;
		m->nodes = xrealloc(m->nodes, m->cap * sizeof(*m->nodes));
	}
	m->nodes[m->nnodes++] = n;
	return n;
}

static void iface_free(struct iface *i)
{
	free(i->peer);
	free(i->addrs);
	free(i);
}

void node_free(struct node *n)
{
	for (size_t i = 0; i < n->nifaces; i++)
		iface_free(n->ifaces[i]);
	free(n->ifaces);
	nametab_clear(&n->iftab);
	free(n->routes);
	free(n->nat.fwds);
	free(n->name);
	free(n);
}

struct model *model_new(void)
{
	struct model *m = xcalloc(1, sizeof(*m));

	nametab_init(&m->index);
	model_add_node(m, HOST_NAME, KIND_HOST);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->nnodes; i++)
		node_free(m->nodes[i]);
	free(m->nodes);
	nametab_clear(&m->index);
	free(m);
}

struct node *model_node(const struct model *m, const char *name)
{
	struct name_link *l = nametab_find(&m->index, name);

	return l ? NAMETAB_ITEM(l, struct node, link) : NULL;
}

struct iface *node_iface(const struct node *n, const char *ifname)
{
	if (n->iftab.buckets) {
		struct name_link *l = nametab_find(&n->iftab, ifname);
		return l ? NAMETAB_ITEM(l, struct iface, link) : NULL;
	}
	for (size_t i = 0; i < n->nifaces; i++)
		if (strcmp(n->ifaces[i]->name, ifname) == 0)
			return n->ifaces[i];
	return NULL;
}

struct iface *node_iface_to(const struct node *n, const char *peer)
{
	for (size_t i = 0; i < n->nifaces; i++)
		if (n->ifaces[i]->peer && strcmp(n->ifaces[i]->peer, peer) == 0)
			return n->ifaces[i];
	return NULL;
}

static bool name_taken(const struct node *n, const char *name,
		       const char *const *taken, size_t ntaken)
{
	if (node_iface(n, name))
		return true;
	for (size_t i = 0; i < ntaken; i++)
		if (strcmp(taken[i], name) == 0)
			return true;
	return false;
}

void node_next_ifname(const struct node *n, const char *const *taken,
		      size_t ntaken, char out[IFNAMSIZ])
{
	for (unsigned k = n->eth_free;; k++) {
		snprintf(out, IFNAMSIZ, "eth%u", k);
		if (!name_taken(n, out, taken, ntaken))
			return;
	}
}

bool node_on_link(const struct node *n, const struct inet *gw, const char **dev)
{
	for (size_t i = 0; i < n->nifaces; i++) {
		struct iface *f = n->ifaces[i];
		for (size_t k = 0; k < f->naddrs; k++) {
			struct inet net = inet_net(&f->addrs[k]);
			if (inet_in_prefix(gw, &net)) {
				if (dev)
					*dev = f->name;
				return true;
			}
		}
	}
	return false;
}

const struct inet *node_first_addr(const struct node *n, int family)
{
	int fams[2] = { AF_INET, AF_INET6 };

	for (int k = 0; k < 2; k++) {
		if (family && fams[k] != family)
			continue;
		for (size_t i = 0; i < n->nifaces; i++)
			for (size_t j = 0; j < n->ifaces[i]->naddrs; j++)
				if (n->ifaces[i]->addrs[j].family == fams[k])
					return &n->ifaces[i]->addrs[j];
	}
	return NULL;
}

const struct forward *node_forward(const struct node *n, int proto, int port)
{
	for (size_t i = 0; i < n->nat.nfwds; i++)
		if (n->nat.fwds[i].proto == proto && n->nat.fwds[i].port == port)
			return &n->nat.fwds[i];
	return NULL;
}

struct iface *node_addr_holder(const struct node *n, const struct inet *a)
{
	size_t alen = a->family == AF_INET ? 4 : 16;

	for (size_t k = 0; k < n->nifaces; k++)
		for (size_t j = 0; j < n->ifaces[k]->naddrs; j++) {
			const struct inet *x = &n->ifaces[k]->addrs[j];
			if (x->family == a->family && memcmp(x->a, a->a, alen) == 0)
				return n->ifaces[k];
		}
	return NULL;
}

struct node *model_addr_owner(const struct model *m, const struct inet *a)
{
	for (size_t i = 0; i < m->nnodes; i++)
		if (node_addr_holder(m->nodes[i], a))
			return m->nodes[i];
	return NULL;
}

/* K for an interface named ethK as node_next_ifname writes it, or -1. */
static long eth_number(const char *name)
{
	char *end;
	long k;

	if (strncmp(name, "eth", 3) != 0 || name[3] < '0' || name[3] > '9' ||
	    (name[3] == '0' && name[4]))
		return -1;
	k = strtol(name + 3, &end, 10);
	return *end || k > 99999 ? -1 : k;
}

struct iface *node_add_iface(struct model *m, struct node *n, const char *name, int ifindex)
{
	struct iface *f = xcalloc(1, sizeof(*f));

	if (m)
		f->seq = m->next_seq++;
	name_copy(f->name, sizeof(f->name), name);
	f->link.name = f->name;
	f->ifindex = ifindex;
	n->ifaces = xrealloc(n->ifaces, (n->nifaces + 1) * sizeof(*n->ifaces));
	n->ifaces[n->nifaces++] = f;
	if (n->iftab.buckets) {
		nametab_add(&n->iftab, &f->link);
	} else if (n->nifaces == IFTAB_MIN) {
		nametab_init(&n->iftab);	/* a switch's ports, say */
		for (size_t i = 0; i < n->nifaces; i++)
			nametab_add(&n->iftab, &n->ifaces[i]->link);
	}
	if (eth_number(name) == (long)n->eth_free) {
		char next[IFNAMSIZ];
		do
			snprintf(next, sizeof(next), "eth%u", ++n->eth_free);
		while (node_iface(n, next));
	}
	return f;
}

static bool route_equal(const struct route *r, const struct inet *dst,
			const struct inet *gw, const char *dev)
{
	return inet_equal(&r->dst, dst) &&
	       (r->gw.family == 0 ? gw->family == 0 : inet_equal(&r->gw, gw)) &&
	       strcmp(r->dev, dev) == 0;
}

/* Drop routes that went with an interface: through it, or via a gateway
 * that no interface reaches any more (the kernel flushes those too). */
static void routes_prune(struct node *n, const char *gone)
{
	size_t k = 0;

	for (size_t i = 0; i < n->nroutes; i++) {
		struct route *r = &n->routes[i];
		bool drop = (gone[0] && strcmp(r->dev, gone) == 0) ||
			    (r->gw.family && !node_on_link(n, &r->gw, NULL));
		if (!drop)
			n->routes[k++] = *r;
	}
	n->nroutes = k;
}

static void iface_remove(struct node *n, const char *ifname)
{
	char name[IFNAMSIZ];
	long k;

	name_copy(name, sizeof(name), ifname);	/* ifname may be freed below */
	k = eth_number(name);
	for (size_t i = 0; i < n->nifaces; i++) {
		if (strcmp(n->ifaces[i]->name, name) != 0)
			continue;
		if (k >= 0 && k < (long)n->eth_free)
			n->eth_free = (unsigned)k;
		if (n->iftab.buckets)
			nametab_remove(&n->iftab, name);
		iface_free(n->ifaces[i]);
		memmove(&n->ifaces[i], &n->ifaces[i + 1],
			(n->nifaces - i - 1) * sizeof(*n->ifaces));
		n->nifaces--;
		routes_prune(n, name);
		return;
	}
}

void model_del_cable(struct model *m, struct node *n, struct iface *f)
{
	if (f->peer) {
		struct node *pn = model_node(m, f->peer);
		if (pn)
			iface_remove(pn, f->peer_if);
	}
	iface_remove(n, f->name);
}

void model_del_node(struct model *m, struct node *n)
{
	while (n->nifaces)
		model_del_cable(m, n, n->ifaces[0]);
	for (size_t i = 0; i < m->nnodes; i++) {
		if (m->nodes[i] != n)
			continue;
		memmove(&m->nodes[i], &m->nodes[i + 1],
			(m->nnodes - i - 1) * sizeof(*m->nodes));
		m->nnodes--;
		break;
	}
	nametab_remove(&m->index, n->name);
	node_free(n);
}

void iface_add_addr(struct iface *f, const struct inet *a)
{
	f->addrs = xrealloc(f->addrs, (f->naddrs + 1) * sizeof(*f->addrs));
	f->addrs[f->naddrs++] = *a;
}

int iface_del_addr(struct node *n, struct iface *f, const struct inet *a)
{
	for (size_t i = 0; i < f->naddrs; i++) {
		if (!inet_equal(&f->addrs[i], a))
			continue;
		memmove(&f->addrs[i], &f->addrs[i + 1], (f->naddrs - i - 1) * sizeof(*f->addrs));
		f->naddrs--;
		routes_prune(n, "");
		return 0;
	}
	return -1;
}

void node_add_route(struct node *n, const struct inet *dst, const struct inet *gw,
		    const char *dev)
{
	struct route *r;

	for (size_t i = 0; i < n->nroutes; i++)
		if (route_equal(&n->routes[i], dst, gw, dev))
			return;
	n->routes = xrealloc(n->routes, (n->nroutes + 1) * sizeof(*n->routes));
	r = &n->routes[n->nroutes++];
	r->dst = *dst;
	r->gw = *gw;
	name_copy(r->dev, IFNAMSIZ, dev);
}

int node_del_route(struct node *n, const struct inet *dst, const struct inet *gw,
		   const char *dev)
{
	for (size_t i = 0; i < n->nroutes; i++) {
		if (!route_equal(&n->routes[i], dst, gw, dev))
			continue;
		memmove(&n->routes[i], &n->routes[i + 1], (n->nroutes - i - 1) * sizeof(*n->routes));
		n->nroutes--;
		return 0;
	}
	return -1;
}

int node_del_forward(struct node *n, int proto, int port)
{
	struct nat *t = &n->nat;

	for (size_t i = 0; i < t->nfwds; i++) {
		if (t->fwds[i].proto != proto || t->fwds[i].port != port)
			continue;
		memmove(&t->fwds[i], &t->fwds[i + 1], (t->nfwds - i - 1) * sizeof(*t->fwds));
		t->nfwds--;
		return 0;
	}
	return -1;
}

struct node *node_clone(const struct node *n)
{
	struct node *c = xcalloc(1, sizeof(*c));

	c->name = xstrdup(n->name);
	c->link.name = c->name;
	c->seq = n->seq;
	c->kind = n->kind;
	c->id = n->id;
	memcpy(c->origin, n->origin, sizeof(c->origin));
	for (size_t i = 0; i < n->nifaces; i++) {
		const struct iface *f = n->ifaces[i];
		struct iface *g = node_add_iface(NULL, c, f->name, f->ifindex);
		g->seq = f->seq;
		g->up = f->up;
		g->bridge = f->bridge;
		g->port = f->port;
		g->peer = f->peer ? xstrdup(f->peer) : NULL;
		memcpy(g->peer_if, f->peer_if, sizeof(g->peer_if));
		g->impair = f->impair;
		for (size_t k = 0; k < f->naddrs; k++)
			iface_add_addr(g, &f->addrs[k]);
	}
	if (n->nroutes) {
		c->routes = xmalloc(n->nroutes * sizeof(*c->routes));
		memcpy(c->routes, n->routes, n->nroutes * sizeof(*c->routes));
		c->nroutes = n->nroutes;
	}
	c->nat = n->nat;
	c->nat.fwds = NULL;
	if (n->nat.nfwds) {
		c->nat.fwds = xmalloc(n->nat.nfwds * sizeof(*c->nat.fwds));
		memcpy(c->nat.fwds, n->nat.fwds, n->nat.nfwds * sizeof(*c->nat.fwds));
	}
	return c;
}

const struct iface *iface_peer(const struct model *m, const struct iface *f)
{
	const struct node *p = f->peer ? model_node(m, f->peer) : NULL;

	return p ? node_iface(p, f->peer_if) : NULL;
}

bool cable_lead(const struct model *m, const struct node *n, const struct iface *f)
{
	const struct node *p = f->peer ? model_node(m, f->peer) : NULL;
	const struct iface *pf = iface_peer(m, f);

	if (!p || !pf || f->port)
		return false;
	if (pf->port)
		return true;
	return n->seq < p->seq || (n == p && strcmp(f->name, f->peer_if) < 0);
}
