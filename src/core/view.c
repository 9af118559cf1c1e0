/* SPDX-License-Identifier: GPL-2.0-or-later */
/* view.c: text views of the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if (strcmp(which, "err") == 0)
		return "\033[1;31m";
	return "\033[0m";
}

static char *iface_line(const struct iface *f)
{
	char a[INET_STRLEN];
	struct strbuf b = STRBUF_INIT;

	sb_printf(&b, "%-6s %-4s ", f->name, f->up ? "UP" : "DOWN");
	if (f->bridge)
		sb_puts(&b, "bridge");
	else if (f->peer)
		sb_printf(&b, "%s%s:%s", f->port ? "port to " : "peer ", f->peer, f->peer_if);
	for (size_t i = 0; i < f->naddrs; i++)
		sb_printf(&b, "%s%s", i ? " " : "  ", inet_fmt(&f->addrs[i], false, a, sizeof(a)));
	return sb_take(&b);
}

char *view_part(enum change_what what, const struct node *n, const void *part)
{
	char r[3 * INET_STRLEN + IFNAMSIZ], a[INET_STRLEN];
	const struct route *rt = part;
	const struct nat *nat = part;
	const struct forward *f = part;

	switch (what) {
	case CHANGE_NODE:
		return xasprintf("%s, namespace /run/netns/%s", node_kind_name(n->kind), n->name);
	case CHANGE_IFACE:
		return iface_line(part);
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
	l = view_part(what, p->n, part);
	fprintf(p->out, "%s%s\n", p->lead, l);
	free(l);
}

void view_node(FILE *out, const struct node *n, const char *lead)
{
	struct printing p = { out, n, lead, false };

	each_part(n, print_part, &p);
}

/* One "NODE     + line" row of the inline view. */
static void change_row(FILE *out, const char *node, const char *sign, const char *line,
		       bool color)
{
	const char *off = view_color(color, "off");

	fprintf(out, "%s%-8s%s %s%s %s%s\n", view_color(color, "node"), node, off,
		view_color(color, *sign == '+' ? "add" : "del"), sign, line, off);
}

void view_change(FILE *out, const struct change *c, bool color)
{
	char *l;

	if (c->old) {
		l = view_part(c->what, c->was, c->old);
		change_row(out, c->node, "-", l, color);
		free(l);
	}
	if (c->new) {
		l = view_part(c->what, c->is, c->new);
		change_row(out, c->node, "+", l, color);
		free(l);
	}
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
