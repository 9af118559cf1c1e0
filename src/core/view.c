/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view.c: text views of the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/impair.h"
#include "core/strbuf.h"
#include "core/view.h"
#include "core/xalloc.h"

const char *view_color(bool on, const char *which)
{
	if (!on)
		return "";
	if (strcmp(which, "node") == 0)
		return "\033[1;36m";
	if (strcmp(which, "add") == 0 || strcmp(which, "up") == 0)
		return "\033[32m";
	if (strcmp(which, "del") == 0 || strcmp(which, "down") == 0)
		return "\033[31m";
	if (strcmp(which, "chg") == 0)
		return "\033[33m";
	if (strcmp(which, "err") == 0)
		return "\033[1;31m";
	return "\033[0m";
}

static char *iface_line(const struct iface *f, int ifw)
{
	char a[INET_STRLEN];
	struct strbuf b = STRBUF_INIT;

	sb_printf(&b, "%-*s %-4s ", ifw, f->name, f->up ? "UP" : "DOWN");
	if (f->bridge)
		sb_puts(&b, "bridge");
	else if (f->peer)
		sb_printf(&b, "%s%s:%s", f->port ? "port to " : "peer ", f->peer, f->peer_if);
	for (size_t i = 0; i < f->naddrs; i++)
		sb_printf(&b, "%s%s", i ? " " : "  ", inet_fmt(&f->addrs[i], false, a, sizeof(a)));
	if (impair_any(&f->impair)) {
		char im[128];
		sb_printf(&b, "  impair %s", impair_fmt(&f->impair, im, sizeof(im)));
	}
	return sb_take(&b);
}

/* "switch, namespace /run/netns/sw, br0 UP 172.16.0.100/24": a switch's
 * bridge is part of the switch. */
static char *node_line(const struct node *n)
{
	const struct iface *br = n->kind == KIND_SWITCH ? node_iface(n, BRIDGE_IF) : NULL;
	struct strbuf b = STRBUF_INIT;
	char a[INET_STRLEN];

	sb_printf(&b, "%s, namespace /run/netns/%s", node_kind_name(n->kind), n->name);
	if (br) {
		sb_printf(&b, ", %s %s", br->name, br->up ? "UP" : "DOWN");
		for (size_t i = 0; i < br->naddrs; i++)
			sb_printf(&b, " %s", inet_fmt(&br->addrs[i], false, a, sizeof(a)));
	}
	return sb_take(&b);
}

char *view_part(enum change_what what, const struct node *n, const void *part, int ifw)
{
	char r[3 * INET_STRLEN + IFNAMSIZ], a[INET_STRLEN];
	const struct route *rt = part;
	const struct nat *nat = part;
	const struct forward *f = part;

	switch (what) {
	case CHANGE_NODE:
		return node_line(n);
	case CHANGE_IFACE:
		return iface_line(part, ifw > 0 ? ifw : VIEW_IF_WIDTH);
	case CHANGE_ROUTE:
		return xasprintf("route %s", route_fmt(&rt->dst, &rt->gw, rt->dev, r, sizeof(r)));
	case CHANGE_NAT:
		return xasprintf("nat out %s, type %s", nat->wan, nat_type_name(nat->type));
	case CHANGE_FORWARD:
		return xasprintf("forward %s %d -> %s:%d", proto_name(f->proto), f->port,
				 inet_addr_fmt(&f->dest, a, sizeof(a)), f->dport);
	}
	return xstrdup("?");
}

/* Call fn with each part of a node, in view order. */
static void each_part(const struct node *n, void (*fn)(void *, enum change_what, const void *),
		      void *arg)
{
	if (n->kind != KIND_HOST)
		fn(arg, CHANGE_NODE, n);
	for (size_t i = 0; i < n->nifaces; i++)
		if (!n->ifaces[i]->bridge)	/* a switch's: in its node line */
			fn(arg, CHANGE_IFACE, n->ifaces[i]);
	for (size_t i = 0; i < n->nroutes; i++)
		fn(arg, CHANGE_ROUTE, &n->routes[i]);
	if (n->nat.on)
		fn(arg, CHANGE_NAT, &n->nat);
	for (size_t i = 0; i < n->nat.nfwds; i++)
		fn(arg, CHANGE_FORWARD, &n->nat.fwds[i]);
}

struct printing {
	FILE *out;
	const struct node *n;
	const char *lead;
	bool skip_node;
};

static void print_part(void *arg, enum change_what what, const void *part)
{
	struct printing *p = arg;
	char *l;

	if (p->skip_node && what == CHANGE_NODE)
		return;
	l = view_part(what, p->n, part, 0);
	fprintf(p->out, "%s%s\n", p->lead, l);
	free(l);
}

void view_node(FILE *out, const struct node *n, const char *lead)
{
	struct printing p = { out, n, lead, false };

	each_part(n, print_part, &p);
}

/* A change held by the inline view until the command's end. */
struct pending {
	struct change c;
	struct node *was, *is;	/* copies: the model moves on */
};

void view_open(struct view *v, FILE *out, bool color, size_t budget)
{
	memset(v, 0, sizeof(*v));
	v->out = out;
	v->color = color;
	v->budget = budget;
}

/* The part of a copy of node n that is part p of node n. */
static const void *same_part(enum change_what what, const struct node *n, const struct node *copy,
			     const void *p)
{
	switch (what) {
	case CHANGE_NODE:
		return copy;
	case CHANGE_IFACE:
		return node_iface(copy, ((const struct iface *)p)->name);
	case CHANGE_ROUTE:
		return &copy->routes[(const struct route *)p - n->routes];
	case CHANGE_NAT:
		return &copy->nat;
	case CHANGE_FORWARD:
		return &copy->nat.fwds[(const struct forward *)p - n->nat.fwds];
	}
	return NULL;
}

void view_add(struct view *v, const struct change *c)
{
	struct pending *p;

	if (v->budget && v->shown + v->n >= v->budget) {
		v->hidden[c->how][c->what]++;	/* past the budget: counted */
		return;
	}
	v->p = xrealloc(v->p, (v->n + 1) * sizeof(*v->p));
	p = &v->p[v->n++];
	p->c = *c;
	p->was = c->was ? node_clone(c->was) : NULL;
	p->is = c->is ? node_clone(c->is) : NULL;
	p->c.was = p->was;
	p->c.is = p->is;
	p->c.old = c->old ? same_part(c->what, c->was, p->was, c->old) : NULL;
	p->c.new = c->new ? same_part(c->what, c->is, p->is, c->new) : NULL;
}

/* One "NODE  + line" row of the inline view. */
static void row(struct view *v, int nodew, const char *node, char sign, const char *line)
{
	const char *off = view_color(v->color, "off");
	const char *mark = sign == '+' ? "add" : sign == '-' ? "del" : "chg";

	fprintf(v->out, "%s%-*s%s %s%c %s%s\n", view_color(v->color, "node"), nodew, node, off,
		view_color(v->color, mark), sign, line, off);
}

void view_flush(struct view *v)
{
	int nodew = 8, ifw = VIEW_IF_WIDTH;
	char *l;

	for (size_t i = 0; i < v->n; i++) {
		const struct change *c = &v->p[i].c;
		const struct iface *f = c->new ? c->new : c->old;
		if ((int)strlen(c->node) > nodew)
			nodew = (int)strlen(c->node);
		if (c->what == CHANGE_IFACE && (int)strlen(f->name) > ifw)
			ifw = (int)strlen(f->name);
	}
	for (size_t i = 0; i < v->n; i++) {
		struct pending *p = &v->p[i];
		const struct change *c = &p->c;
		char sign = c->how == CHANGE_ADDED ? '+' : c->how == CHANGE_REMOVED ? '-' : '~';
		l = view_part(c->what, c->new ? c->is : c->was, c->new ? c->new : c->old, ifw);
		row(v, nodew, c->node, sign, l);
		free(l);
		if (p->was)
			node_free(p->was);
		if (p->is)
			node_free(p->is);
	}
	v->shown += v->n;
	free(v->p);
	v->p = NULL;
	v->n = 0;
}

void view_end(struct view *v)
{
	static const char *const what[] = { "node", "interface", "route", "nat", "forward" };
	static const char *const how[] = { "removed", "added", "changed" };
	struct strbuf b = STRBUF_INIT;
	size_t total = 0;

	view_flush(v);
	for (int h = 0; h < 3; h++)
		for (int w = 0; w < 5; w++) {
			size_t k = v->hidden[h][w];
			if (!k)
				continue;
			total += k;
			sb_item(&b, ", ", "%s %zu %s%s", how[h], k, what[w], k == 1 ? "" : "s");
		}
	if (total)
		fprintf(v->out, "... and %zu more change%s (-v shows each): %s\n", total,
			total == 1 ? "" : "s", sb_str(&b));
	sb_free(&b);
	memset(v->hidden, 0, sizeof(v->hidden));
	v->shown = 0;
}

void view_teardown(FILE *out, size_t namespaces, size_t links)
{
	fprintf(out, "removed %zu namespace%s and %zu host interface%s\n", namespaces,
		namespaces == 1 ? "" : "s", links, links == 1 ? "" : "s");
}

void view_show(FILE *out, const struct model *m, bool color,
	       void (*extra)(void *arg, const struct node *n), void *arg)
{
	const char *nc = view_color(color, "node"), *off = view_color(color, "off");
	size_t cables = 0;

	for (size_t i = 0; i < m->nnodes; i++)
		for (size_t k = 0; k < m->nodes[i]->nifaces; k++)
			cables += m->nodes[i]->ifaces[k]->peer != NULL;
	fprintf(out, "%zu node%s, %zu cable%s\n", m->nnodes - 1, m->nnodes == 2 ? "" : "s",
		cables / 2, cables / 2 == 1 ? "" : "s");
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		struct printing p = { out, n, "  ", true };
		if (n->kind == KIND_HOST && !n->nifaces)
			continue;
		fprintf(out, "%s%s%s (%s)\n", nc, n->name, off, node_kind_name(n->kind));
		each_part(n, print_part, &p);
		if (extra)
			extra(arg, n);
	}
}

char *view_node_names(const struct model *m)
{
	struct strbuf b = STRBUF_INIT;

	for (size_t i = 0; i < m->nnodes; i++)
		sb_item(&b, ", ", "%s", m->nodes[i]->name);
	return sb_take(&b);
}

char *view_iface_names(const struct node *n, bool skip_bridge)
{
	struct strbuf b = STRBUF_INIT;

	for (size_t i = 0; i < n->nifaces; i++)
		if (!skip_bridge || !n->ifaces[i]->bridge)
			sb_item(&b, ", ", "%s", n->ifaces[i]->name);
	if (!b.len)
		sb_puts(&b, "none");
	return sb_take(&b);
}

char *view_addrs(const struct node *n)
{
	struct strbuf b = STRBUF_INIT;
	char a[INET_STRLEN];

	for (size_t i = 0; i < n->nifaces; i++)
		for (size_t k = 0; k < n->ifaces[i]->naddrs; k++)
			sb_item(&b, ", ", "%s", inet_fmt(&n->ifaces[i]->addrs[k], false, a, sizeof(a)));
	if (!b.len)
		sb_puts(&b, "none");
	return sb_take(&b);
}
