/* SPDX-License-Identifier: GPL-2.0-or-later */
/* model-ops.c: the model written back as the ops that rebuild it, in
 * creation order (model_to_plan, model_each_op): what compaction writes to
 * the journal and the snapshot packs. */
#include <stdlib.h>
#include <string.h>

#include "core/impair.h"
#include "core/model.h"
#include "core/plan.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Emit one cable from the end that owns it: the non-port end, and of two
 * plain ends the one listed first. Returns the peer end when f owns it. */
static const struct iface *owned_peer(const struct model *m, const struct node *n,
				      const struct iface *f)
{
	if (!f->peer || f->port)
		return NULL;
	struct node *pn = model_node(m, f->peer);
	struct iface *pf = pn ? node_iface(pn, f->peer_if) : NULL;
	if (!pf)
		return NULL;
	if (pf->port)
		return pf;
	return n->seq < pn->seq ? pf : NULL;
}

/* Making the ops of model_to_plan (every one kept) or model_each_op
 * (handed on in batches, so a big lab's ops, 856 bytes each, are never all
 * in memory at once). */
struct op_walk {
	struct plan *p;
	void (*fn)(void *arg, const struct op *op);	/* NULL: keep them all in p */
	void *arg;
};

#define WALK_BATCH 16	/* 14 KB of ops: heap pages used again, not new ones */

/* Hand the ops made so far to the walk's function. */
static void walk_flush(struct op_walk *w)
{
	for (size_t i = 0; i < w->p->nops; i++)
		w->fn(w->arg, &w->p->ops[i]);
	w->p->nops = 0;
}

/* The walk's next op, zeroed, for the caller to fill in (the ops before
 * it are whole by then). */
static struct op *walk_add(struct op_walk *w, enum op_kind kind, const char *node)
{
	if (w->fn && w->p->nops == WALK_BATCH)
		walk_flush(w);
	return plan_add(w->p, kind, node);
}

/* A cable as model_to_plan rebuilds it: its lead end (n, f), the far end pf. */
struct cable_end {
	const struct node *n;
	const struct iface *f, *pf;
};

static int by_creation(const void *a, const void *b)
{
	unsigned long x = ((const struct cable_end *)a)->f->seq;
	unsigned long y = ((const struct cable_end *)b)->f->seq;

	return x < y ? -1 : x > y;
}

/* The cables, in the order they were made, so that every node's
 * interfaces come back in their order. */
static void add_cables(const struct model *m, struct op_walk *w)
{
	struct cable_end *c = NULL;
	size_t nc = 0, cap = 0;

	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k], *pf = owned_peer(m, n, f);
			if (!pf)
				continue;
			if (nc == cap)
				c = xrealloc(c, (cap = cap ? 2 * cap : 64) * sizeof(*c));
			c[nc++] = (struct cable_end){ n, f, pf };
		}
	}
	if (nc)
		qsort(c, nc, sizeof(*c), by_creation);
	for (size_t i = 0; i < nc; i++) {
		struct op *op = walk_add(w, OP_VETH_ADD, c[i].n->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", c[i].f->name);
		snprintf(op->peer, sizeof(op->peer), "%s", c[i].f->peer);
		snprintf(op->peer_if, IFNAMSIZ, "%s", c[i].f->peer_if);
		op->ifindex = c[i].f->ifindex;
		op->peer_ifindex = c[i].pf->ifindex;
		op->master = c[i].pf->port;
		op->up = true;
	}
	free(c);
}

/* Every op that rebuilds the model, in the order they must be applied. */
static void walk(const struct model *m, struct op_walk *w)
{
	struct op *op;

	for (size_t i = 1; i < m->nnodes; i++) {
		op = walk_add(w, OP_NS_ADD, m->nodes[i]->name);
		op->node_kind = m->nodes[i]->kind;
		op->id = m->nodes[i]->id;
		memcpy(op->origin, m->nodes[i]->origin, sizeof(op->origin));
	}
	/* Bridges first: a cable to a switch makes its end a port of one. */
	for (size_t i = 0; i < m->nnodes; i++) {
		struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k];
			if (!f->bridge)
				continue;
			op = walk_add(w, OP_BRIDGE_ADD, n->name);
			snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
			op->ifindex = f->ifindex;
			op->up = true;	/* a LINK_SET below if down */
		}
	}
	add_cables(m, w);
	for (size_t i = 0; i < m->nnodes; i++) {
		struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			struct iface *f = n->ifaces[k];
			for (size_t j = 0; j < f->naddrs; j++) {
				op = walk_add(w, OP_ADDR_ADD, n->name);
				snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
				op->addr = f->addrs[j];
			}
			if (impair_any(&f->impair)) {
				op = walk_add(w, OP_IMPAIR_SET, n->name);
				op->node_kind = n->kind;
				snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
				op->impair = f->impair;
			}
		}
		for (size_t k = 0; k < n->nroutes; k++) {
			op = walk_add(w, OP_ROUTE_ADD, n->name);
			op->addr = n->routes[k].dst;
			op->gw = n->routes[k].gw;
			snprintf(op->ifname, IFNAMSIZ, "%s", n->routes[k].dev);
		}
		if (!n->nat.on)
			continue;
		op = walk_add(w, OP_NAT_ADD, n->name);
		op->node_kind = n->kind;
		snprintf(op->ifname, IFNAMSIZ, "%s", n->nat.wan);
		op->nat = n->nat.type;
		op->timeout = n->nat.timeout;
		for (size_t k = 0; k < n->nat.nfwds; k++) {
			const struct forward *f = &n->nat.fwds[k];
			op = walk_add(w, OP_FWD_ADD, n->name);
			op->node_kind = n->kind;
			op->proto = f->proto;
			op->port = f->port;
			op->addr = f->dest;
			op->dport = f->dport;
		}
	}
	/* Links down last: the kernel drops the routes through them, which
	 * the record keeps (up brings them back). */
	for (size_t i = 0; i < m->nnodes; i++) {
		struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			if (n->ifaces[k]->up)
				continue;
			op = walk_add(w, OP_LINK_SET, n->name);
			snprintf(op->ifname, IFNAMSIZ, "%s", n->ifaces[k]->name);
		}
	}
}

void model_to_plan(const struct model *m, struct plan *p)
{
	struct op_walk w = { p, NULL, NULL };

	walk(m, &w);
}

void model_each_op(const struct model *m, void (*fn)(void *arg, const struct op *op), void *arg)
{
	struct plan p;
	struct op_walk w = { &p, fn, arg };

	plan_init(&p);
	walk(m, &w);
	walk_flush(&w);
	plan_free(&p);
}

/* model_write_ops' writer and where it stands. */
struct op_writer {
	void (*write)(const struct op *op, struct strbuf *out);
	struct strbuf *out;
	size_t n;
};

static void write_op(void *arg, const struct op *op)
{
	struct op_writer *w = arg;

	w->write(op, w->out);
	w->n++;
}

size_t model_write_ops(const struct model *m, void (*write)(const struct op *op, struct strbuf *out),
		       struct strbuf *out)
{
	struct op_writer w = { write, out, 0 };

	model_each_op(m, write_op, &w);
	return w.n;
}

size_t model_op_count(const struct model *m)
{
	size_t ops = m->nnodes - 1, ends = 0;

	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k];
			ops += f->bridge + !f->up + f->naddrs + impair_any(&f->impair);
			ends += f->peer != NULL;
		}
		ops += n->nroutes;
		if (n->nat.on)
			ops += 1 + n->nat.nfwds;
	}
	return ops + ends / 2;
}
