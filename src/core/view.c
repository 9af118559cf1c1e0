/* view.c: text views of the model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void push(struct view_lines *v, char *s)
{
	v->line = xrealloc(v->line, (v->n + 1) * sizeof(*v->line));
	v->line[v->n++] = s;
}

void view_lines_free(struct view_lines *v)
{
	for (size_t i = 0; i < v->n; i++)
		free(v->line[i]);
	free(v->line);
	v->line = NULL;
	v->n = 0;
}

/* "10.0.0.1/24 fd00::1/64" */
static void addrs_text(const struct iface *f, char *buf, size_t len)
{
	size_t used = 0;
	char a[INET_STRLEN];

	buf[0] = '\0';
	for (size_t i = 0; i < f->naddrs; i++) {
		int k = snprintf(buf + used, len - used, "%s%s", i ? " " : "",
				 inet_fmt(&f->addrs[i], false, a, sizeof(a)));
		if (k < 0 || (size_t)k >= len - used)
			return;
		used += (size_t)k;
	}
}

static char *iface_line(const struct iface *f)
{
	char addrs[512], peer[NODE_NAME_MAX + IFNAMSIZ + 16];

	addrs_text(f, addrs, sizeof(addrs));
	if (f->bridge)
		snprintf(peer, sizeof(peer), "bridge");
	else if (f->peer)
		snprintf(peer, sizeof(peer), "%s%s:%s", f->port ? "port to " : "peer ",
			 f->peer, f->peer_if);
	else
		peer[0] = '\0';
	return xasprintf("%-6s %-4s %s%s%s", f->name, f->up ? "UP" : "DOWN",
			 peer, addrs[0] ? "  " : "", addrs);
}

static char *route_line(const struct route *r)
{
	char d[INET_STRLEN], g[INET_STRLEN];

	if (r->dst.plen == 0)
		snprintf(d, sizeof(d), "default");
	else
		inet_fmt(&r->dst, false, d, sizeof(d));
	inet_addr_fmt(&r->gw, g, sizeof(g));
	return xasprintf("route %s%s%s%s%s", d, r->gw.family ? " via " : "",
			 r->gw.family ? g : "", r->dev[0] ? " dev " : "", r->dev);
}

/* "nat out eth0, type default" */
static char *nat_line(const struct node *n)
{
	return xasprintf("nat out %s, type %s", n->nat.wan, nat_type_name(n->nat.type));
}

/* "forward tcp 8080 -> 10.1.0.1:80" */
static char *forward_line(const struct forward *f)
{
	char a[INET_STRLEN];

	return xasprintf("forward %s %d -> %s:%d", proto_name(f->proto), f->port,
			 inet_addr_fmt(&f->dest, a, sizeof(a)), f->dport);
}

void view_node(const struct model *m, const struct node *n, struct view_lines *out)
{
	(void)m;
	out->line = NULL;
	out->n = 0;
	if (!n)
		return;
	if (n->kind != KIND_HOST)
		push(out, xasprintf("%s, namespace /run/netns/%s", node_kind_name(n->kind),
				    n->name));
	for (size_t i = 0; i < n->nifaces; i++)
		push(out, iface_line(n->ifaces[i]));
	for (size_t i = 0; i < n->nroutes; i++)
		push(out, route_line(&n->routes[i]));
	if (n->nat.on)
		push(out, nat_line(n));
	for (size_t i = 0; i < n->nat.nfwds; i++)
		push(out, forward_line(&n->nat.fwds[i]));
}

static bool has_line(const struct view_lines *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->line[i], s) == 0)
			return true;
	return false;
}

void view_diff(FILE *out, const char *node, const struct view_lines *before,
	       const struct view_lines *after, bool color)
{
	const char *nc = view_color(color, "node"), *off = view_color(color, "off");

	for (size_t i = 0; i < before->n; i++)
		if (!has_line(after, before->line[i]))
			fprintf(out, "%s%-8s%s %s- %s%s\n", nc, node, off,
				view_color(color, "del"), before->line[i], off);
	for (size_t i = 0; i < after->n; i++)
		if (!has_line(before, after->line[i]))
			fprintf(out, "%s%-8s%s %s+ %s%s\n", nc, node, off,
				view_color(color, "add"), after->line[i], off);
}

void view_show(FILE *out, const struct model *m, bool color)
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
		if (n->kind == KIND_HOST && !n->nifaces)
			continue;
		fprintf(out, "%s%s%s (%s)\n", nc, n->name, off, node_kind_name(n->kind));
		for (size_t k = 0; k < n->nifaces; k++) {
			char *l = iface_line(n->ifaces[k]);
			fprintf(out, "  %s\n", l);
			free(l);
		}
		for (size_t k = 0; k < n->nroutes; k++) {
			char *l = route_line(&n->routes[k]);
			fprintf(out, "  %s\n", l);
			free(l);
		}
		if (n->nat.on) {
			char *l = nat_line(n);
			fprintf(out, "  %s\n", l);
			free(l);
		}
		for (size_t k = 0; k < n->nat.nfwds; k++) {
			char *l = forward_line(&n->nat.fwds[k]);
			fprintf(out, "  %s\n", l);
			free(l);
		}
	}
}
