/* SPDX-License-Identifier: GPL-2.0-or-later */
/* json.c: the lab as JSON values (jansson). */
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <string.h>

#include "core/impair.h"
#include "core/json.h"

#ifndef IFF_UP
#define IFF_UP 1
#endif
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

json_t *json_inet(const struct inet *a, bool bare)
{
	char buf[INET_STRLEN];

	if (!a->family)
		return json_null();
	return json_string(bare ? inet_addr_fmt(a, buf, sizeof(buf)) : inet_fmt(a, false, buf, sizeof(buf)));
}

static json_t *iface(const struct iface *f)
{
	json_t *o = json_object(), *addrs = json_array();

	json_object_set_new(o, "name", json_string(f->name));
	json_object_set_new(o, "up", json_boolean(f->up));
	json_object_set_new(o, "bridge", json_boolean(f->bridge));
	json_object_set_new(o, "port", json_boolean(f->port));
	if (f->peer) {
		json_t *p = json_object();
		json_object_set_new(p, "node", json_string(f->peer));
		json_object_set_new(p, "if", json_string(f->peer_if));
		json_object_set_new(o, "peer", p);
	} else {
		json_object_set_new(o, "peer", json_null());
	}
	for (size_t i = 0; i < f->naddrs; i++)
		json_array_append_new(addrs, json_inet(&f->addrs[i], false));
	json_object_set_new(o, "addresses", addrs);
	if (impair_any(&f->impair)) {
		json_t *im = json_object();
		json_object_set_new(im, "rate_bps", json_integer((json_int_t)f->impair.rate));
		json_object_set_new(im, "delay_us", json_integer((json_int_t)f->impair.delay));
		json_object_set_new(im, "jitter_us", json_integer((json_int_t)f->impair.jitter));
		json_object_set_new(im, "loss_pct", json_real((double)f->impair.loss / 1e4));
		json_object_set_new(o, "impair", im);
	} else {
		json_object_set_new(o, "impair", json_null());
	}
	return o;
}

static json_t *route(const struct route *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "dst", r->dst.plen ? json_inet(&r->dst, false) : json_string("default"));
	json_object_set_new(o, "via", json_inet(&r->gw, true));
	json_object_set_new(o, "dev", r->dev[0] ? json_string(r->dev) : json_null());
	return o;
}

static json_t *forward(const struct forward *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "proto", json_string(proto_name(f->proto)));
	json_object_set_new(o, "port", json_integer(f->port));
	json_object_set_new(o, "to", json_inet(&f->dest, true));
	json_object_set_new(o, "dport", json_integer(f->dport));
	return o;
}

static json_t *nat(const struct nat *t)
{
	json_t *o, *fwds;

	if (!t->on)
		return json_null();
	o = json_object();
	fwds = json_array();
	json_object_set_new(o, "out", json_string(t->wan));
	json_object_set_new(o, "type", json_string(nat_type_name(t->type)));
	json_object_set_new(o, "mapping", json_string(nat_dep_name(NAT_MAPPING(t->type))));
	json_object_set_new(o, "filtering", json_string(nat_dep_name(NAT_FILTERING(t->type))));
	json_object_set_new(o, "ports", json_string(t->type & NAT_RANDOM ? "random" : "preserve"));
	json_object_set_new(o, "hairpin", json_boolean(t->type & NAT_HAIRPIN));
	json_object_set_new(o, "timeout", json_integer((json_int_t)t->timeout));
	for (size_t i = 0; i < t->nfwds; i++)
		json_array_append_new(fwds, forward(&t->fwds[i]));
	json_object_set_new(o, "forwards", fwds);
	return o;
}

json_t *json_node(const struct node *n)
{
	json_t *o = json_object(), *ifs = json_array(), *routes = json_array();

	json_object_set_new(o, "name", json_string(n->name));
	json_object_set_new(o, "kind", json_string(node_kind_name(n->kind)));
	for (size_t i = 0; i < n->nifaces; i++)
		json_array_append_new(ifs, iface(n->ifaces[i]));
	json_object_set_new(o, "interfaces", ifs);
	for (size_t i = 0; i < n->nroutes; i++)
		json_array_append_new(routes, route(&n->routes[i]));
	json_object_set_new(o, "routes", routes);
	json_object_set_new(o, "nat", nat(&n->nat));
	return o;
}

json_t *json_lab(const struct model *m)
{
	json_t *o = json_object(), *nodes = json_array();
	size_t ends = 0;

	for (size_t i = 0; i < m->nnodes; i++) {
		json_array_append_new(nodes, json_node(m->nodes[i]));
		for (size_t k = 0; k < m->nodes[i]->nifaces; k++)
			ends += m->nodes[i]->ifaces[k]->peer != NULL;
	}
	json_object_set_new(o, "nodes", nodes);
	json_object_set_new(o, "cables", json_integer((json_int_t)(ends / 2)));
	return o;
}

/* A part of a node (enum change_what) as JSON. */
static json_t *part(enum change_what what, const struct node *n, const void *p)
{
	json_t *o;

	switch (what) {
	case CHANGE_NODE:
		o = json_object();
		json_object_set_new(o, "name", json_string(n->name));
		json_object_set_new(o, "kind", json_string(node_kind_name(n->kind)));
		return o;
	case CHANGE_IFACE:
		return iface(p);
	case CHANGE_ROUTE:
		return route(p);
	case CHANGE_NAT:
		return nat(p);
	case CHANGE_FORWARD:
		return forward(p);
	}
	return json_null();
}

json_t *json_change(const struct change *c)
{
	static const char *const how[] = { "removed", "added", "changed" };
	static const char *const what[] = { "node", "interface", "route", "nat", "forward" };
	json_t *o = json_object();

	json_object_set_new(o, "node", json_string(c->node));
	json_object_set_new(o, "change", json_string(how[c->how]));
	json_object_set_new(o, "what", json_string(what[c->what]));
	json_object_set_new(o, "old", c->old ? part(c->what, c->was, c->old) : json_null());
	json_object_set_new(o, "new", c->new ? part(c->what, c->is, c->new) : json_null());
	return o;
}

static json_t *ifname(const struct ns_state *st, int ifindex)
{
	char buf[IFNAMSIZ + 8];

	return ifindex ? json_string(ns_ifname(st, ifindex, buf, sizeof(buf))) : json_null();
}

json_t *json_nsstate(const struct ns_state *st)
{
	json_t *o = json_object(), *links = json_array(), *addrs = json_array();
	json_t *routes = json_array(), *neighs = json_array();

	for (size_t i = 0; i < st->nlinks; i++) {
		const struct ns_link *l = &st->links[i];
		json_t *x = json_object();
		json_object_set_new(x, "name", json_string(l->name));
		json_object_set_new(x, "ifindex", json_integer(l->ifindex));
		json_object_set_new(x, "up", json_boolean(l->flags & IFF_UP));
		json_object_set_new(x, "carrier", json_boolean(l->flags & IFF_LOWER_UP));
		json_object_set_new(x, "kind", l->kind[0] ? json_string(l->kind) : json_null());
		json_object_set_new(x, "master", ifname(st, l->master));
		json_array_append_new(links, x);
	}
	for (size_t i = 0; i < st->naddrs; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "dev", ifname(st, st->addrs[i].ifindex));
		json_object_set_new(x, "address", json_inet(&st->addrs[i].addr, false));
		json_object_set_new(x, "scope", json_string(st->addrs[i].scope >= RT_SCOPE_HOST ? "host"
					: st->addrs[i].scope >= RT_SCOPE_LINK ? "link" : "global"));
		json_array_append_new(addrs, x);
	}
	for (size_t i = 0; i < st->nroutes; i++) {
		const struct ns_route *r = &st->routes[i];
		json_t *x, *nhs;
		if (r->table != RT_TABLE_MAIN)
			continue;
		x = json_object();
		nhs = json_array();
		json_object_set_new(x, "dst", r->dst.plen ? json_inet(&r->dst, false) : json_string("default"));
		json_object_set_new(x, "metric", json_integer(r->priority));
		for (size_t k = 0; k < r->nnh; k++) {
			json_t *nh = json_object();
			json_object_set_new(nh, "via", json_inet(&r->nh[k].gw, true));
			json_object_set_new(nh, "dev", ifname(st, r->nh[k].ifindex));
			json_object_set_new(nh, "weight", json_integer(r->nh[k].weight));
			json_array_append_new(nhs, nh);
		}
		json_object_set_new(x, "nexthops", nhs);
		json_array_append_new(routes, x);
	}
	for (size_t i = 0; i < st->nneighs; i++) {
		const struct ns_neigh *nb = &st->neighs[i];
		char ll[3 * 32] = "";
		json_t *x = json_object();
		for (size_t k = 0, o2 = 0; k < nb->lllen && o2 + 3 < sizeof(ll); k++)
			o2 += (size_t)snprintf(ll + o2, sizeof(ll) - o2, "%s%02x", k ? ":" : "", nb->lladdr[k]);
		json_object_set_new(x, "address", json_inet(&nb->dst, true));
		json_object_set_new(x, "dev", ifname(st, nb->ifindex));
		json_object_set_new(x, "lladdr", nb->lllen ? json_string(ll) : json_null());
		json_object_set_new(x, "permanent", json_boolean(nb->state & NUD_PERMANENT));
		json_array_append_new(neighs, x);
	}
	json_object_set_new(o, "links", links);
	json_object_set_new(o, "addresses", addrs);
	json_object_set_new(o, "routes", routes);
	json_object_set_new(o, "neighbours", neighs);
	return o;
}

json_t *json_drift(const struct drift *d, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *x = json_object();
		json_object_set_new(x, "text", json_string(d[i].text));
		json_object_set_new(x, "recordable", json_boolean(d[i].fixable));
		json_array_append_new(a, x);
	}
	return a;
}

json_t *json_mapping(const struct ct_mapping *m)
{
	json_t *o = json_object();
	char p[16];

	snprintf(p, sizeof(p), "%d", m->proto);
	json_object_set_new(o, "proto", json_string(m->proto == 6 ? "tcp" : m->proto == 17 ? "udp"
						    : m->proto == 1 ? "icmp" : p));
	json_object_set_new(o, "inside", json_inet(&m->inside, true));
	json_object_set_new(o, "inside_port", json_integer(m->inside_port));
	json_object_set_new(o, "outside", json_inet(&m->outside, true));
	json_object_set_new(o, "outside_port", json_integer(m->outside_port));
	json_object_set_new(o, "remote", json_inet(&m->remote, true));
	json_object_set_new(o, "remote_port", json_integer(m->remote_port));
	json_object_set_new(o, "inbound", json_boolean(m->inbound));
	json_object_set_new(o, "timeout", json_integer(m->timeout));
	return o;
}

void json_print(FILE *out, json_t *v)
{
	json_dumpf(v, out, JSON_COMPACT | JSON_ENSURE_ASCII);
	fputc('\n', out);
	json_decref(v);
}
