/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-show.c: show: the lab, or one namespace as the kernel has it now
 * (read back through kernel_read, core/nsstate.h). */
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/nft-text.h"
#include "core/drift.h"
#include "core/json.h"
#include "core/nsstate.h"
#include "core/view.h"
#include "engine/nsprocs.h"
#include "engine/session.h"
#include "kernel/kernel.h"

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

/* What show NODE leaves out unless asked for all: the kernel's own
 * link-local addresses, routes and neighbours (multicast, noarp). */
static bool kernel_own_addr(const struct ns_addr *a)
{
	return a->scope == RT_SCOPE_LINK;
}

static bool kernel_own_route(const struct ns_route *r)
{
	return r->protocol == RTPROT_KERNEL || r->type != RTN_UNICAST ||
	       (r->dst.family == AF_INET6 && r->dst.a[0] == 0xfe && (r->dst.a[1] & 0xc0) == 0x80);
}

static bool kernel_own_neigh(const struct ns_neigh *nb)
{
	bool mcast = nb->dst.family == AF_INET6 ? nb->dst.a[0] == 0xff
						: (nb->dst.a[0] & 0xf0) == 0xe0;
	return mcast || (nb->state & NUD_NOARP);
}

/* One link line: name, state, peer from the model, addresses from the kernel. */
static void show_link(struct session *s, const struct node *n, const struct ns_state *st,
		      const struct ns_link *l, bool all)
{
	char a[INET_STRLEN];
	bool up = l->flags & IFF_UP, carrier = l->flags & IFF_LOWER_UP;
	const struct iface *f = node_iface(n, l->name);
	const char *state = !up ? "DOWN" : carrier || strcmp(l->name, "lo") == 0 ? "UP" : "NO-CARRIER";

	fprintf(s->out, "  %-10s %s%-10s%s", l->name, view_color(s->color, up ? "up" : "down"),
		state, view_color(s->color, "off"));
	if (f && f->peer)
		fprintf(s->out, " %s %s:%s", f->port ? "port to" : "peer", f->peer, f->peer_if);
	else if (f && f->bridge)
		fprintf(s->out, " bridge");
	else if (l->master)
		fprintf(s->out, " port");
	for (size_t i = 0; i < st->naddrs; i++)
		if (st->addrs[i].ifindex == l->ifindex && (all || !kernel_own_addr(&st->addrs[i])))
			fprintf(s->out, " %s", inet_fmt(&st->addrs[i].addr, false, a, sizeof(a)));
	fputc('\n', s->out);
}

/* A neighbour's state in words ("reachable", "stale,router"...). */
static const char *nud_words(unsigned state, char *buf, size_t len)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
		{ NUD_INCOMPLETE, "incomplete" }, { NUD_REACHABLE, "reachable" },
		{ NUD_STALE, "stale" }, { NUD_DELAY, "delay" }, { NUD_PROBE, "probe" },
		{ NUD_FAILED, "failed" }, { NUD_NOARP, "noarp" }, { NUD_PERMANENT, "permanent" },
	};
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (state & names[i].bit)
			used += (size_t)snprintf(buf + used, len > used ? len - used : 0, "%s%s",
						 used ? "," : "", names[i].name);
	if (!buf[0])
		snprintf(buf, len, "none");
	return buf;
}

static void show_neigh(struct session *s, const struct ns_state *st, const struct ns_neigh *nb)
{
	char a[INET_STRLEN], ll[3 * 32], dev[IFNAMSIZ + 8], words[96];
	size_t o = 0;

	ll[0] = '\0';
	for (size_t i = 0; i < nb->lllen && o + 3 < sizeof(ll); i++)
		o += (size_t)snprintf(ll + o, sizeof(ll) - o, "%s%02x", i ? ":" : "", nb->lladdr[i]);
	fprintf(s->out, "  %s dev %s %s %s\n", inet_addr_fmt(&nb->dst, a, sizeof(a)),
		ns_ifname(st, nb->ifindex, dev, sizeof(dev)), nb->lllen ? ll : "-",
		nud_words(nb->state, words, sizeof(words)));
}

/* The node's NAT in words (as netsh made it, checked against the kernel)
 * and its live mappings from conntrack. */
static void show_nat(struct session *s, const struct node *n)
{
	struct ct_mapping *maps = NULL;
	char line[4 * INET_STRLEN + 64], a[INET_STRLEN], *out = NULL;
	size_t nmaps = 0;
	struct nerr cterr;
	bool ct_ok;

	/* No conntrack (a kernel without it, say) is no reason to fail show. */
	ct_ok = kernel_mappings(s->kernel, n->name, &n->id, &maps, &nmaps, &cterr) == 0;
	if (!n->nat.on && !nmaps)
		return;
	if (n->nat.on) {
		const struct nat *t = &n->nat;
		const struct iface *wf = node_iface(n, t->wan);
		const struct inet *wa = NULL;
		for (size_t i = 0; wf && i < wf->naddrs && !wa; i++)
			if (wf->addrs[i].family == AF_INET)
				wa = &wf->addrs[i];
		fprintf(s->out, "nat:\n  IPv4 leaving by %s goes out as %s; from %s only replies%s%s come in\n",
			t->wan, wa ? inet_addr_fmt(wa, a, sizeof(a)) : "its address (none yet)",
			t->wan, NAT_FILTERING(t->type) == NAT_EI ? ", anything to a mapped port" :
			NAT_FILTERING(t->type) == NAT_AD ? ", what comes from where a mapping sent to" : "",
			t->nfwds ? " and the forwards below" : "");
		fprintf(s->out, "  type %s: %s;\n    %s;\n    %s\n", nat_type_name(t->type),
			nat_type_mapping(t->type), nat_type_filtering(t->type),
			t->type & NAT_HAIRPIN ? "hairpinning: inside hosts reach each other's mappings"
			: "no hairpinning: inside hosts cannot reach each other's mappings");
		fprintf(s->out, "  a UDP mapping lasts %llus after its last packet\n", t->timeout);
		for (size_t i = 0; i < t->nfwds; i++)
			fprintf(s->out, "  forward %s %d -> %s:%d\n", proto_name(t->fwds[i].proto),
				t->fwds[i].port, inet_addr_fmt(&t->fwds[i].dest, a, sizeof(a)),
				t->fwds[i].dport);
		struct nerr e2;
		if (kernel_nft(s->kernel, n->name, &n->id, "list table " NFT_TABLE, &out, &e2) < 0)
			fprintf(s->out, "  %swarning: table %s is missing from the kernel%s (del nat %s, then nat %s, rebuilds it)\n",
				view_color(s->color, "err"), NFT_TABLE, view_color(s->color, "off"),
				n->name, n->name);
		free(out);
	} else {
		fprintf(s->out, "nat: none made by netsh; conntrack has these NATed connections\n");
	}
	fprintf(s->out, "mappings (inside -> outside -> remote):\n");
	if (!ct_ok)
		fprintf(s->out, "  unknown: %s\n", cterr.msg);
	for (size_t i = 0; i < nmaps; i++) {
		ct_mapping_fmt(&maps[i], line, sizeof(line));
		fprintf(s->out, "  %s\n", line);
	}
	if (ct_ok && !nmaps)
		fprintf(s->out, "  none now\n");
	free(maps);
}

/* What differs between the record of node n and the kernel, as lines led
 * by `lead` and a '!'. */
static void show_drift(struct session *s, const struct node *n, const struct drift *d,
		       size_t nd, const char *lead)
{
	for (size_t i = 0; i < nd; i++)
		fprintf(s->out, "%s%s! %s%s%s\n", lead, view_color(s->color, "err"), d[i].text,
			d[i].fixable ? "" : " (netsh does not record this)",
			view_color(s->color, "off"));
	(void)n;
}

/* The lab's drift as show prints it, node after node in the model's
 * order. */
struct overview {
	struct session *s;
	struct lab_drift ld;
	size_t at;		/* the node shown last */
};

/* show: after each node of the lab, what differs in the kernel. */
static void overview_drift(void *arg, const struct node *n)
{
	struct overview *o = arg;

	while (o->at < o->ld.n && o->s->model->nodes[o->at] != n)
		o->at++;
	if (o->at < o->ld.n)
		show_drift(o->s, n, o->ld.d[o->at], o->ld.nd[o->at], "  ");
}

/* The programs running in node n. */
static void show_programs(struct session *s, const struct node *n)
{
	struct nsproc *p;
	size_t np = nsprocs_find(&n->id, 1, &p);

	fprintf(s->out, "programs:\n");
	for (size_t i = 0; i < np; i++)
		fprintf(s->out, "  %-7d %s\n", (int)p[i].pid, p[i].comm);
	if (!np)
		fprintf(s->out, "  none\n");
	free(p);
}

/* One namespace, live: links, addresses, routes and neighbours (with all,
 * the kernel's own too). */
static int show_node(struct session *s, const struct node *n, bool all, struct nerr *err)
{
	char r[512];
	struct ns_state st;
	struct drift *d;
	size_t nd;

	if (kernel_read(s->kernel, n->name, &n->id, READ_ALL, &st, err) < 0) {
		if (err->code == NERR_GONE) {	/* deleted outside netsh */
			nd = drift_of(n, NULL, &d);
			fprintf(s->out, "%s (%s)\n", n->name, node_kind_name(n->kind));
			show_drift(s, n, d, nd, "  ");
			free(d);
			return 0;
		}
		err->tok = 1;
		return -1;
	}
	fprintf(s->out, "%s%s%s (%s)%s%s\n", view_color(s->color, "node"), n->name,
		view_color(s->color, "off"), node_kind_name(n->kind),
		n->kind == KIND_HOST ? "" : ", namespace /run/netns/", n->kind == KIND_HOST ? "" : n->name);
	fprintf(s->out, "links:\n");
	for (size_t i = 0; i < st.nlinks; i++) {
		/* On the host show only what netsh made. */
		if (n->kind == KIND_HOST && !node_iface(n, st.links[i].name))
			continue;
		show_link(s, n, &st, &st.links[i], all);
	}
	if (n->kind != KIND_HOST) {
		fprintf(s->out, "routes:\n");
		for (size_t i = 0; i < st.nroutes; i++)
			if (st.routes[i].table == RT_TABLE_MAIN &&
			    (all || !kernel_own_route(&st.routes[i])))
				fprintf(s->out, "  %s\n", ns_route_fmt(&st, &st.routes[i], r, sizeof(r)));
		fprintf(s->out, "neighbours:\n");
		for (size_t i = 0; i < st.nneighs; i++)
			if (all || !kernel_own_neigh(&st.neighs[i]))
				show_neigh(s, &st, &st.neighs[i]);
		show_nat(s, n);
		show_programs(s, n);
	}
	nd = drift_of(n, &st, &d);
	if (nd) {
		fprintf(s->out, "changed outside netsh (refresh %s records it):\n", n->name);
		show_drift(s, n, d, nd, "  ");
	}
	free(d);
	ns_state_free(&st);
	return 0;
}

static const char *const show_keywords[] = { "all", NULL };

void show_lab_json(struct session *s, FILE *out)
{
	json_t *lab = json_lab(s->model), *nodes = json_object_get(lab, "nodes");

	struct lab_drift ld;

	session_drift_all(s, &ld);
	for (size_t i = 0; i < ld.n; i++)
		json_object_set_new(json_array_get(nodes, i), "drift", json_drift(ld.d[i], ld.nd[i]));
	lab_drift_free(&ld);
	json_print(out, lab);
}

/* show NODE -j: the record, the kernel's view, drift, NAT and programs. */
static int show_node_json(struct session *s, const struct node *n, struct nerr *err)
{
	json_t *o = json_object(), *maps = json_array(), *progs = json_array();
	struct ct_mapping *m = NULL;
	struct ns_state st;
	struct nsproc *p = NULL;
	struct drift *d;
	struct nerr e2;
	size_t nm = 0, np, nd;
	bool gone = false;

	if (!s->kernel) {	/* a dry run: the record only */
		json_object_set_new(o, "record", json_node(n));
		json_object_set_new(o, "kernel", json_null());
		json_object_set_new(o, "drift", json_array());
		json_object_set_new(o, "mappings", maps);
		json_object_set_new(o, "programs", progs);
		json_print(s->out, o);
		return 0;
	}
	if (kernel_read(s->kernel, n->name, &n->id, READ_ALL, &st, err) < 0) {
		if (err->code != NERR_GONE) {
			json_decref(o);
			json_decref(maps);
			json_decref(progs);
			err->tok = 1;
			return -1;
		}
		gone = true;
	}
	json_object_set_new(o, "record", json_node(n));
	json_object_set_new(o, "kernel", gone ? json_null() : json_nsstate(&st));
	nd = drift_of(n, gone ? NULL : &st, &d);
	json_object_set_new(o, "drift", json_drift(d, nd));
	free(d);
	if (!gone && n->kind != KIND_HOST) {
		if (kernel_mappings(s->kernel, n->name, &n->id, &m, &nm, &e2) == 0)
			for (size_t i = 0; i < nm; i++)
				json_array_append_new(maps, json_mapping(&m[i]));
		free(m);
		np = nsprocs_find(&n->id, 1, &p);
		for (size_t i = 0; i < np; i++) {
			json_t *x = json_object();
			json_object_set_new(x, "pid", json_integer(p[i].pid));
			json_object_set_new(x, "name", json_string(p[i].comm));
			json_array_append_new(progs, x);
		}
		free(p);
	}
	json_object_set_new(o, "mappings", maps);
	json_object_set_new(o, "programs", progs);
	if (!gone)
		ns_state_free(&st);
	json_print(s->out, o);
	return 0;
}

static int run_show(struct session *s, const struct command *c, struct nerr *err)
{
	struct node *n;
	char lead[NODE_NAME_MAX + 3];

	if (c->ntok == 1) {
		struct overview o = { s, { 0 }, 0 };
		if (s->json) {
			show_lab_json(s, s->out);
			return 0;
		}
		session_drift_all(s, &o.ld);	/* every namespace at once, before printing */
		view_show(s->out, s->model, s->color, s->kernel ? overview_drift : NULL, &o);
		lab_drift_free(&o.ld);
		return 0;
	}
	if (arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (c->ntok == 3 && strcmp(c->tok[2].text, "all") != 0) {
		nerr_set(err, 2, "'%s': expected all (everything the kernel has), or nothing",
			 c->tok[2].text);
		return arg_did_you_mean(c, 2, show_keywords, err);
	}
	if (s->json)
		return show_node_json(s, n, err);
	if (!s->kernel) {
		snprintf(lead, sizeof(lead), "%s  ", n->name);
		view_node(s->out, n, lead);
		return 0;
	}
	return show_node(s, n, c->ntok == 3, err);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show", .unrecorded = true, .group = "Inspect", .usage = "[NODE [all]]",
	.summary = "show the lab, or one node as the kernel sees it now",
	.help = "Without NODE: every node with its interfaces, peers, addresses, routes and\n"
		"NAT, as netsh built them. With NODE: that namespace read live from the\n"
		"kernel: links and their state, addresses, routes (every nexthop),\n"
		"neighbours and the programs running in it; and for a NAT, what it does in\n"
		"words and its live mappings from conntrack (inside address:port -> outside\n"
		"address:port -> remote). Both mark with '!' what was changed outside netsh\n"
		"(refresh records it). The kernel's own link-local addresses and routes and\n"
		"its multicast and noarp neighbours are left out unless `all` is given.",
	.example = "show\nshow ns1\nshow ns1 all",
	.complete = "nk", .keywords = show_keywords,
	.min_args = 0, .max_args = 2, .run = run_show,
};
