/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-del.c: del: remove a node with its cables, a cable, a route or an address. */
#include <stdio.h>
#include <string.h>

#include "cmd/args.h"
#include "cmd/cmd-impair.h"
#include "cmd/cmd.h"
#include "cmd/cmd-nat.h"
#include "cmd/complete.h"
#include "core/suggest.h"
#include "core/plan.h"
#include "core/strbuf.h"

static const char *const del_keywords[] = { "cable", "route", "addr", "nat", "forward", "impair",
					    NULL };

/* True when node n can reach gateway gw without interface `skip`. */
static bool on_link_without(const struct node *n, const struct inet *gw,
			    const struct iface *skip, const struct inet *skip_addr)
{
	for (size_t i = 0; i < n->nifaces; i++) {
		const struct iface *f = n->ifaces[i];
		if (f == skip)
			continue;
		for (size_t k = 0; k < f->naddrs; k++) {
			if (skip_addr && inet_equal(&f->addrs[k], skip_addr))
				continue;
			struct inet net = inet_net(&f->addrs[k]);
			if (inet_in_prefix(gw, &net))
				return true;
		}
	}
	return false;
}

/* Plan the removal of the routes of n that die with interface f (or, with
 * addr, with that one address): explicit, so a failure can restore them. */
static void plan_route_dels(const struct node *n, const struct iface *f,
			    const struct inet *addr, struct plan *p)
{
	for (size_t i = 0; i < n->nroutes; i++) {
		const struct route *r = &n->routes[i];
		bool dies = (!addr && strcmp(r->dev, f->name) == 0) ||
			    (r->gw.family && !on_link_without(n, &r->gw, addr ? NULL : f, addr));
		if (!dies)
			continue;
		struct op *op = plan_add(p, OP_ROUTE_DEL, n->name);
		op->addr = r->dst;
		op->gw = r->gw;
		snprintf(op->ifname, IFNAMSIZ, "%s", r->dev);
	}
}

static void plan_addr_dels(const struct node *n, const struct iface *f, struct plan *p)
{
	for (size_t k = 0; k < f->naddrs; k++) {
		struct op *op = plan_add(p, OP_ADDR_DEL, n->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
		op->addr = f->addrs[k];
	}
}

/* Plan the routes and addresses of the cable at n:f away. With `whole`
 * both ends are cleaned; otherwise only the far end (node n is going away
 * anyway). */
static void plan_cable_clean(const struct model *m, const struct node *n,
			     const struct iface *f, bool whole, struct plan *p)
{
	const struct node *pn = model_node(m, f->peer);
	const struct iface *pf = pn ? node_iface(pn, f->peer_if) : NULL;

	if (whole) {
		plan_route_dels(n, f, NULL, p);
		plan_addr_dels(n, f, p);
	}
	if (pf) {
		plan_route_dels(pn, pf, NULL, p);
		plan_addr_dels(pn, pf, p);
	}
}

/* Plan the cable at n:f cut: its link_del. */
static void plan_cable_cut(const struct model *m, const struct node *n,
			   const struct iface *f, struct plan *p)
{
	const struct node *pn = model_node(m, f->peer);
	const struct iface *pf = pn ? node_iface(pn, f->peer_if) : NULL;

	/* Delete from the host's side when there is one, so its ifindex proves
	 * the link is the one netsh made; otherwise from the non-port end. */
	bool from_peer = pf && (pn->kind == KIND_HOST || f->port);
	const struct node *dn = from_peer ? pn : n;
	const struct iface *df = from_peer ? pf : f, *of = from_peer ? f : pf;
	struct op *op = plan_add(p, OP_LINK_DEL, dn->name);
	snprintf(op->ifname, IFNAMSIZ, "%s", df->name);
	op->ifindex = df->ifindex;
	if (of) {
		snprintf(op->peer, sizeof(op->peer), "%s", from_peer ? n->name : pn->name);
		snprintf(op->peer_if, IFNAMSIZ, "%s", of->name);
		op->peer_ifindex = of->ifindex;
		op->master = of->port;
	}
	op->up = df->up;
}

static int del_node(const struct model *m, const struct command *c, struct plan *p,
		    struct nerr *err)
{
	struct endpoint ep;

	if (arg_endpoint(m, c, 1, true, &ep, err) < 0)
		return -1;
	if (ep.ifname[0]) {
		struct iface *f = node_iface(ep.node, ep.ifname);
		if (!f->peer)
			return nerr_set(err, 1, "'%s' is a switch's bridge; delete the switch instead",
					c->tok[1].text);
		plan_cable_clean(m, ep.node, f, true, p);
		plan_cable_cut(m, ep.node, f, p);
		return 0;
	}
	if (ep.node->kind == KIND_HOST)
		return nerr_set(err, 1, "the host cannot be deleted; del host:IF removes one of its cables");
	/* Every cable cleaned, then every cable cut: the cuts side by side go
	 * to the kernel as one request (kernel_del_links). */
	for (size_t i = 0; i < ep.node->nifaces; i++)
		if (ep.node->ifaces[i]->peer)
			plan_cable_clean(m, ep.node, ep.node->ifaces[i], false, p);
	for (size_t i = 0; i < ep.node->nifaces; i++)
		if (ep.node->ifaces[i]->peer)
			plan_cable_cut(m, ep.node, ep.node->ifaces[i], p);
	struct op *op = plan_add(p, OP_NS_DEL, ep.node->name);
	op->node_kind = ep.node->kind;
	return 0;
}

static int del_cable(const struct model *m, const struct command *c, struct plan *p,
		     struct nerr *err)
{
	struct endpoint a, b;

	if (c->ntok != 4)
		return nerr_set(err, c->ntok < 4 ? c->ntok : 4, "usage: del cable A[:IF] B[:IF]");
	if (arg_endpoint(m, c, 2, true, &a, err) < 0 || arg_endpoint(m, c, 3, true, &b, err) < 0)
		return -1;
	for (size_t i = 0; i < a.node->nifaces; i++) {
		struct iface *f = a.node->ifaces[i];
		if (f->peer && strcmp(f->peer, b.node->name) == 0 &&
		    (!a.ifname[0] || strcmp(a.ifname, f->name) == 0) &&
		    (!b.ifname[0] || strcmp(b.ifname, f->peer_if) == 0)) {
			plan_cable_clean(m, a.node, f, true, p);
			plan_cable_cut(m, a.node, f, p);
			return 0;
		}
	}
	return nerr_set(err, 3, "'%s': no cable joins %s and %s", c->tok[3].text,
			c->tok[2].text, c->tok[3].text);
}

static int del_route(const struct model *m, const struct command *c, struct plan *p,
		     struct nerr *err)
{
	struct node *n;
	struct inet dst;

	if (c->ntok != 4)
		return nerr_set(err, c->ntok < 4 ? c->ntok : 4, "usage: del route NODE DEST|default");
	if (arg_node(m, c, 2, &n, err) < 0)
		return -1;
	bool is_default = strcmp(c->tok[3].text, "default") == 0;
	if (!is_default && arg_inet(c, 3, false, &dst, err) < 0)
		return -1;
	for (size_t i = 0; i < n->nroutes; i++) {
		const struct route *r = &n->routes[i];
		if (is_default ? r->dst.plen != 0 : !inet_equal(&r->dst, &dst))
			continue;
		struct op *op = plan_add(p, OP_ROUTE_DEL, n->name);
		op->addr = r->dst;
		op->gw = r->gw;
		snprintf(op->ifname, IFNAMSIZ, "%s", r->dev);
		return 0;
	}
	return nerr_setc(err, NERR_GONE, 3, "'%s': %s has no such route", c->tok[3].text, n->name);
}

static int del_addr(const struct model *m, const struct command *c, struct plan *p,
		    struct nerr *err)
{
	struct node *n;
	struct iface *f;
	struct inet a;

	if (c->ntok != 4)
		return nerr_set(err, c->ntok < 4 ? c->ntok : 4, "usage: del addr NODE:IF CIDR");
	if (arg_iface(m, c, 2, &n, &f, err) < 0 || arg_inet(c, 3, true, &a, err) < 0)
		return -1;
	for (size_t k = 0; k < f->naddrs; k++) {
		if (!inet_equal(&f->addrs[k], &a))
			continue;
		plan_route_dels(n, f, &a, p);
		struct op *op = plan_add(p, OP_ADDR_DEL, n->name);
		snprintf(op->ifname, IFNAMSIZ, "%s", f->name);
		op->addr = a;
		return 0;
	}
	return nerr_setc(err, NERR_GONE, 3, "'%s': %s:%s has no such address", c->tok[3].text,
			 n->name, f->name);
}

/* A FWD_DEL op for forward f of node n. */
static void plan_fwd_del(const struct node *n, const struct forward *f, struct plan *p)
{
	struct op *op = plan_add(p, OP_FWD_DEL, n->name);

	op->node_kind = n->kind;
	op->proto = f->proto;
	op->port = f->port;
	op->addr = f->dest;
	op->dport = f->dport;
}

/* del nat NODE: its forwards (each undoable on its own), then the table. */
static int del_nat(const struct model *m, const struct command *c, struct plan *p,
		   struct nerr *err)
{
	struct node *n;

	if (c->ntok != 3)
		return nerr_set(err, c->ntok < 3 ? c->ntok : 3, "usage: del nat NODE");
	if (arg_node(m, c, 2, &n, err) < 0)
		return -1;
	if (!n->nat.on)
		return nerr_set(err, 2, "'%s' has no NAT made by netsh", n->name);
	for (size_t i = n->nat.nfwds; i-- > 0;)
		plan_fwd_del(n, &n->nat.fwds[i], p);
	struct op *op = plan_add(p, OP_NAT_DEL, n->name);
	op->node_kind = n->kind;
	snprintf(op->ifname, IFNAMSIZ, "%s", n->nat.wan);
	op->nat = n->nat.type;
	return 0;
}

/* del forward NODE tcp|udp PORT */
static int del_forward(const struct model *m, const struct command *c, struct plan *p,
		       struct nerr *err)
{
	struct node *n;
	int proto, port;
	const struct forward *f;

	if (c->ntok != 5)
		return nerr_set(err, c->ntok < 5 ? c->ntok : 5, "usage: del forward NODE tcp|udp PORT");
	if (arg_node(m, c, 2, &n, err) < 0 || arg_proto(c, 3, &proto, err) < 0 ||
	    arg_port(c, 4, NULL, &port, err) < 0)
		return -1;
	f = node_forward(n, proto, port);
	if (!f) {
		struct strbuf list = STRBUF_INIT;
		for (size_t i = 0; i < n->nat.nfwds; i++)
			sb_item(&list, ", ", "%s %d", proto_name(n->nat.fwds[i].proto),
				n->nat.fwds[i].port);
		nerr_set(err, 4, "'%s': %s forwards no %s port %d (%s%s)", c->tok[4].text,
			 n->name, proto_name(proto), port, list.len ? "it forwards: " : "it forwards none",
			 sb_str(&list));
		sb_free(&list);
		return -1;
	}
	plan_fwd_del(n, f, p);
	return 0;
}

static int plan_del(const struct model *m, const struct command *c,
		    struct plan *p, struct nerr *err)
{
	const char *w = c->tok[1].text;

	if (strcmp(w, "cable") == 0)
		return del_cable(m, c, p, err);
	if (strcmp(w, "route") == 0)
		return del_route(m, c, p, err);
	if (strcmp(w, "addr") == 0)
		return del_addr(m, c, p, err);
	if (strcmp(w, "nat") == 0)
		return del_nat(m, c, p, err);
	if (strcmp(w, "forward") == 0)
		return del_forward(m, c, p, err);
	if (strcmp(w, "impair") == 0) {
		int end = c->ntok > 2 && strchr(c->tok[2].text, '>') ? 3 : 4;
		if (c->ntok > end)
			return nerr_set(err, end, "'%s': too many arguments; usage: del impair A B|A>B",
					c->tok[end].text);
		return impair_plan(m, c, 2, NULL, NULL, p, err) < 0 ? -1 : 0;
	}
	if (c->ntok > 2 && suggest(w, del_keywords)) {
		nerr_set(err, 1, "'%s': expected a node, NODE:IF or one of cable, route, addr, nat, forward, impair",
			 w);
		return arg_did_you_mean(c, 1, del_keywords, err);
	}
	if (c->ntok > 2)
		return nerr_set(err, 2, "'%s': too many arguments; usage: del %s", c->tok[2].text,
				cmd_del_entry.usage);
	return del_node(m, c, p, err);
}


/* Nodes with a NAT made by netsh. */
static void nat_nodes(const struct model *m, struct completion *c)
{
	for (size_t i = 0; i < m->nnodes; i++)
		if (m->nodes[i]->nat.on)
			compl_add(c, m->nodes[i]->name);
}

/* Completion of del: what it can remove, each from the lab as it is. */
static bool complete_del(const struct model *m, const struct command *ws, struct completion *c)
{
	const char *what = ws->ntok > 1 ? ws->tok[1].text : NULL;
	struct endpoint ep;
	struct nerr err;
	char buf[3 * INET_STRLEN];
	const struct node *n = ws->ntok > 2 ? model_node(m, ws->tok[2].text) : NULL;

	if (!m)
		return false;
	if (ws->ntok == 1) {		/* a keyword, a node or a cable end */
		for (int i = 0; del_keywords[i]; i++)
			compl_add(c, del_keywords[i]);
		compl_ends(c, m, false);
		return true;
	}
	if (ws->ntok == 2 && (strcmp(what, "route") == 0 || strcmp(what, "cable") == 0))
		compl_ends(c, m, false);
	else if (ws->ntok == 2 && strcmp(what, "addr") == 0)
		compl_ends(c, m, true);
	else if (ws->ntok == 2 && (strcmp(what, "nat") == 0 || strcmp(what, "forward") == 0))
		nat_nodes(m, c);
	else if (ws->ntok == 3 && strcmp(what, "route") == 0 && n)
		for (size_t i = 0; i < n->nroutes; i++)
			compl_add(c, n->routes[i].dst.plen ? inet_fmt(&n->routes[i].dst, false, buf, sizeof(buf))
							   : "default");
	else if (ws->ntok == 3 && strcmp(what, "addr") == 0) {
		if (arg_endpoint(m, ws, 2, true, &ep, &err) == 0 && ep.ifname[0]) {
			const struct iface *f = node_iface(ep.node, ep.ifname);
			for (size_t i = 0; i < f->naddrs; i++)
				compl_add(c, inet_fmt(&f->addrs[i], false, buf, sizeof(buf)));
		}
	} else if (ws->ntok == 3 && strcmp(what, "cable") == 0) {
		snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(ws->tok[2].text, ":"), ws->tok[2].text);
		n = model_node(m, buf);
		for (size_t i = 0; n && i < n->nifaces; i++)
			if (n->ifaces[i]->peer)
				compl_add(c, n->ifaces[i]->peer);
	} else if (ws->ntok == 3 && strcmp(what, "forward") == 0 && n) {
		for (size_t i = 0; i < n->nat.nfwds; i++)
			compl_add(c, proto_name(n->nat.fwds[i].proto));
	} else if (ws->ntok == 4 && strcmp(what, "forward") == 0 && n) {
		for (size_t i = 0; i < n->nat.nfwds; i++) {
			if (strcmp(proto_name(n->nat.fwds[i].proto), ws->tok[3].text) != 0)
				continue;
			snprintf(buf, sizeof(buf), "%d", n->nat.fwds[i].port);
			compl_add(c, buf);
		}
	}
	return true;
}

const struct cmd_entry cmd_del_entry = {
	.name = "del", .group = "Build",
	.usage = "NODE | NODE:IF | cable A B | route NODE DEST | addr NODE:IF CIDR | nat NODE | forward NODE PROTO PORT | impair A B|A>B",
	.summary = "remove a node (with its cables), a cable, a route, an address, a NAT or a forward",
	.help = "del NODE removes the node's namespace and its cables; del NODE:IF or\n"
		"del cable A B removes one cable (both ends); del route and del addr remove\n"
		"what route and addr added. Routes that went through a removed link go too.\n"
		"del nat NODE removes netsh's NAT table (with its forwards) and leaves the\n"
		"node's other nftables rules; del forward NODE tcp|udp PORT removes one forward.\n"
		"del impair A B removes a cable's link conditions (A>B: those on what A sends).",
	.example = "del ns2\ndel cable ns1 ns2\ndel route ns1 default\ndel nat r1\ndel forward r1 tcp 8080\n"
		   "del impair h1 r1",
	.complete = "ke", .keywords = del_keywords, .complete_args = complete_del,
	.min_args = 1, .max_args = 4, .plan = plan_del,
};
