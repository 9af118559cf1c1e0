/* SPDX-License-Identifier: GPL-2.0-or-later */
/* draw.c: the topology as a tree of cables, for the terminal (draw;
 * save.h). Each group of joined nodes is drawn from its first node: every
 * cable is a branch, "IF ADDR ── IF ADDR ── NODE (kind)", and a node met a
 * second time is named, not drawn again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/save.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

struct pen {
	const char *tee, *last, *bar, *gap, *wire;
};

static const struct pen utf8 = { "├─ ", "└─ ", "│  ", "   ", " ── " };
static const struct pen ascii = { "|- ", "`- ", "|  ", "   ", " -- " };

struct drawing {
	const struct model *m;
	const struct pen *pen;
	bool *seen;		/* by node index */
	FILE *out;
};

static size_t index_of(const struct model *m, const struct node *n)
{
	for (size_t i = 0; i < m->nnodes; i++)
		if (m->nodes[i] == n)
			return i;
	return 0;
}

/* "r1 (router, NAT out eth0)". */
static void title(struct strbuf *b, const struct node *n)
{
	sb_printf(b, "%s (%s", n->name, node_kind_name(n->kind));
	if (n->nat.on)
		sb_printf(b, ", NAT out %s, %s", n->nat.wan, nat_type_name(n->nat.type));
	sb_putc(b, ')');
}

/* "eth0 10.0.0.1/24" (and the link's state when down). */
static void iface_text(struct strbuf *b, const struct iface *f)
{
	char a[INET_STRLEN];

	sb_puts(b, f->name);
	for (size_t i = 0; i < f->naddrs; i++)
		sb_printf(b, " %s", inet_fmt(&f->addrs[i], false, a, sizeof(a)));
	if (!f->up)
		sb_puts(b, " DOWN");
}

/* The cables of n but the one it was reached by (`back`), as branches
 * under lead. */
static void branch(struct drawing *d, const struct node *n, const struct iface *back,
		   const char *lead, int depth, int max_depth)
{
	size_t last = n->nifaces;

	d->seen[index_of(d->m, n)] = true;
	for (size_t k = 0; k < n->nifaces; k++)
		if (n->ifaces[k]->peer && n->ifaces[k] != back)
			last = k;
	for (size_t k = 0; k < n->nifaces; k++) {
		const struct iface *f = n->ifaces[k], *pf = iface_peer(d->m, f);
		const struct node *p = f->peer ? model_node(d->m, f->peer) : NULL;
		struct strbuf line = STRBUF_INIT;
		char *sub;
		if (!p || !pf || f == back)
			continue;
		sb_printf(&line, "%s%s", lead, k == last ? d->pen->last : d->pen->tee);
		iface_text(&line, f);
		sb_puts(&line, d->pen->wire);
		iface_text(&line, pf);
		sb_puts(&line, d->pen->wire);
		title(&line, p);
		if (d->seen[index_of(d->m, p)] || depth >= max_depth) {
			if (d->seen[index_of(d->m, p)])
				sb_puts(&line, ", above");
			fprintf(d->out, "%s\n", sb_str(&line));
			sb_free(&line);
			continue;
		}
		fprintf(d->out, "%s\n", sb_str(&line));
		sb_free(&line);
		sub = xasprintf("%s%s", lead, k == last ? d->pen->gap : d->pen->bar);
		branch(d, p, pf, sub, depth + 1, max_depth);
		free(sub);
	}
}

/* Has the node any cable? */
static bool cabled(const struct node *n)
{
	for (size_t k = 0; k < n->nifaces; k++)
		if (n->ifaces[k]->peer)
			return true;
	return false;
}

static void summary(const struct model *m, FILE *out)
{
	size_t kinds[KIND_COUNT] = { 0 }, cables = 0;

	for (size_t i = 1; i < m->nnodes; i++) {
		kinds[m->nodes[i]->kind]++;
		for (size_t k = 0; k < m->nodes[i]->nifaces; k++)
			cables += cable_lead(m, m->nodes[i], m->nodes[i]->ifaces[k]);
	}
	for (size_t k = 0; k < m->nodes[0]->nifaces; k++)
		cables += cable_lead(m, m->nodes[0], m->nodes[0]->ifaces[k]);
	fprintf(out, "%zu nodes (%zu hosts, %zu routers, %zu switches) and %zu cables: too many to "
		"draw; draw NODE shows one node and its neighbours\n", m->nnodes - 1,
		kinds[KIND_NODE], kinds[KIND_ROUTER], kinds[KIND_SWITCH], cables);
}

void draw_lab(const struct model *m, const struct node *n, bool unicode, size_t max, FILE *out)
{
	struct drawing d = { m, unicode ? &utf8 : &ascii, xcalloc(m->nnodes, sizeof(bool)), out };
	struct strbuf t = STRBUF_INIT;

	if (n) {
		title(&t, n);
		fprintf(out, "%s\n", sb_str(&t));
		sb_free(&t);
		branch(&d, n, NULL, "", 0, 0);
	} else if (m->nnodes - 1 > max) {
		summary(m, out);
	} else {
		for (size_t i = 0; i < m->nnodes; i++) {
			const struct node *r = m->nodes[i];
			if (d.seen[i] || (r->kind == KIND_HOST && !cabled(r)))
				continue;
			title(&t, r);
			fprintf(out, "%s\n", sb_str(&t));
			sb_free(&t);
			branch(&d, r, NULL, "", 0, 1 << 20);
		}
		if (m->nnodes == 1)
			fprintf(out, "no nodes yet (node NAME makes one)\n");
	}
	free(d.seen);
}
