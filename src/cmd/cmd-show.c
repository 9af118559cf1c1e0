/* cmd-show.c: show: the lab, or one namespace as the kernel sees it now. */
#include <net/if.h>
#include <netlink/route/addr.h>
#include <netlink/route/link.h>
#include <netlink/route/neighbour.h>
#include <netlink/route/route.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "kernel/conntrack.h"
#include "kernel/kernel.h"
#include "core/nft-text.h"
#include "engine/session.h"
#include "core/view.h"

#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

/* One link line: name, state, peer from the model, addresses from the kernel. */
static void show_link(struct session *s, const struct node *n, struct rtnl_link *l,
		      struct nl_cache *addrs)
{
	char buf[128];
	const char *name = rtnl_link_get_name(l);
	unsigned flags = rtnl_link_get_flags(l);
	bool up = flags & IFF_UP, carrier = flags & IFF_LOWER_UP;
	const struct iface *f = node_iface(n, name);
	const char *state = !up ? "DOWN" : carrier || strcmp(name, "lo") == 0 ? "UP" : "NO-CARRIER";

	fprintf(s->out, "  %-10s %s%-10s%s", name, view_color(s->color, up ? "up" : "down"),
		state, view_color(s->color, "off"));
	if (f && f->peer)
		fprintf(s->out, " %s %s:%s", f->port ? "port to" : "peer", f->peer, f->peer_if);
	else if (f && f->bridge)
		fprintf(s->out, " bridge");
	else if (rtnl_link_get_master(l))
		fprintf(s->out, " port");
	for (struct nl_object *o = nl_cache_get_first(addrs); o; o = nl_cache_get_next(o)) {
		struct rtnl_addr *a = (struct rtnl_addr *)o;
		if (rtnl_addr_get_ifindex(a) != rtnl_link_get_ifindex(l))
			continue;
		fprintf(s->out, " %s", nl_addr2str(rtnl_addr_get_local(a), buf, sizeof(buf)));
	}
	fputc('\n', s->out);
}

static void show_route(struct session *s, struct rtnl_route *r, struct nl_cache *links)
{
	char buf[128], dev[IFNAMSIZ];
	struct nl_addr *dst = rtnl_route_get_dst(r);
	struct rtnl_nexthop *nh = rtnl_route_nexthop_n(r, 0);

	if (rtnl_route_get_table(r) != RT_TABLE_MAIN)
		return;
	if (!dst || nl_addr_get_prefixlen(dst) == 0)
		fprintf(s->out, "  default");
	else
		fprintf(s->out, "  %s", nl_addr2str(dst, buf, sizeof(buf)));
	if (nh && rtnl_route_nh_get_gateway(nh))
		fprintf(s->out, " via %s", nl_addr2str(rtnl_route_nh_get_gateway(nh), buf, sizeof(buf)));
	if (nh && rtnl_route_nh_get_ifindex(nh))
		fprintf(s->out, " dev %s", rtnl_link_i2name(links, rtnl_route_nh_get_ifindex(nh),
							    dev, sizeof(dev)));
	fputc('\n', s->out);
}

static void show_neigh(struct session *s, struct rtnl_neigh *nb, struct nl_cache *links)
{
	char buf[128], ll[64], dev[IFNAMSIZ], st[64];
	struct nl_addr *lla = rtnl_neigh_get_lladdr(nb);

	if (rtnl_neigh_get_family(nb) != AF_INET && rtnl_neigh_get_family(nb) != AF_INET6)
		return;
	if (!rtnl_neigh_get_dst(nb))
		return;
	fprintf(s->out, "  %s dev %s %s %s\n", nl_addr2str(rtnl_neigh_get_dst(nb), buf, sizeof(buf)),
		rtnl_link_i2name(links, rtnl_neigh_get_ifindex(nb), dev, sizeof(dev)),
		lla ? nl_addr2str(lla, ll, sizeof(ll)) : "-",
		rtnl_neigh_state2str(rtnl_neigh_get_state(nb), st, sizeof(st)));
}

/* The node's NAT in words (as netsh made it, checked against the kernel)
 * and its live mappings from conntrack. */
static int show_nat(struct session *s, const struct node *n, struct nerr *err)
{
	struct ct_mapping *maps = NULL;
	struct nl_sock *sk = kernel_nfsock(s->kernel, n, err);
	char line[4 * INET_STRLEN + 64], a[INET_STRLEN], *out = NULL;
	size_t nmaps = 0;
	bool ct_ok;

	/* No conntrack (a kernel without it, say) is no reason to fail show. */
	ct_ok = sk && conntrack_mappings(sk, &maps, &nmaps, err) == 0;
	if (!n->nat.on && !nmaps)
		return 0;
	if (n->nat.on) {
		const struct nat *t = &n->nat;
		const struct iface *wf = node_iface(n, t->wan);
		const struct inet *wa = NULL;
		for (size_t i = 0; wf && i < wf->naddrs && !wa; i++)
			if (wf->addrs[i].family == AF_INET)
				wa = &wf->addrs[i];
		fprintf(s->out, "nat:\n  IPv4 leaving by %s goes out as %s; from %s only replies%s%s come in\n",
			t->wan, wa ? inet_addr_fmt(wa, a, sizeof(a)) : "its address (none yet)",
			t->wan, t->type == NAT_FULLCONE ? ", UDP to mapped ports" : "",
			t->nfwds ? " and the forwards below" : "");
		fprintf(s->out, "  type %s: %s;\n    %s\n", nat_type_name(t->type),
			nat_type_mapping(t->type), nat_type_filtering(t->type));
		for (size_t i = 0; i < t->nfwds; i++)
			fprintf(s->out, "  forward %s %d -> %s:%d\n", proto_name(t->fwds[i].proto),
				t->fwds[i].port, inet_addr_fmt(&t->fwds[i].dest, a, sizeof(a)),
				t->fwds[i].dport);
		struct nerr e2;
		if (kernel_nft(s->kernel, n, "list table " NFT_TABLE, &out, &e2) < 0)
			fprintf(s->out, "  %swarning: table %s is missing from the kernel%s (del nat %s, then nat %s, rebuilds it)\n",
				view_color(s->color, "err"), NFT_TABLE, view_color(s->color, "off"),
				n->name, n->name);
		free(out);
	} else {
		fprintf(s->out, "nat: none made by netsh; conntrack has these NATed connections\n");
	}
	fprintf(s->out, "mappings (inside -> outside -> remote):\n");
	if (!ct_ok)
		fprintf(s->out, "  unknown: %s\n", err->msg);
	for (size_t i = 0; i < nmaps; i++) {
		ct_mapping_fmt(&maps[i], line, sizeof(line));
		fprintf(s->out, "  %s\n", line);
	}
	if (ct_ok && !nmaps)
		fprintf(s->out, "  none now\n");
	free(maps);
	return 0;
}

/* One namespace, live: links, addresses, routes and neighbours. */
static int show_node(struct session *s, const struct node *n, struct nerr *err)
{
	struct nl_sock *sk = kernel_sock(s->kernel, n, err);
	struct nl_cache *links = NULL, *addrs = NULL, *routes = NULL, *neigh = NULL;
	int rc;

	if (!sk)
		return -1;
	if ((rc = rtnl_link_alloc_cache(sk, AF_UNSPEC, &links)) < 0 ||
	    (rc = rtnl_addr_alloc_cache(sk, &addrs)) < 0 ||
	    (rc = rtnl_route_alloc_cache(sk, AF_UNSPEC, 0, &routes)) < 0 ||
	    (rc = rtnl_neigh_alloc_cache(sk, &neigh)) < 0) {
		nerr_set(err, 1, "%s: reading the namespace: %s", n->name, nl_geterror(rc));
		goto out;
	}
	fprintf(s->out, "%s%s%s (%s)%s%s\n", view_color(s->color, "node"), n->name,
		view_color(s->color, "off"), node_kind_name(n->kind),
		n->kind == KIND_HOST ? "" : ", namespace /run/netns/", n->kind == KIND_HOST ? "" : n->name);
	fprintf(s->out, "links:\n");
	for (struct nl_object *o = nl_cache_get_first(links); o; o = nl_cache_get_next(o)) {
		struct rtnl_link *l = (struct rtnl_link *)o;
		/* On the host show only what netsh made. */
		if (n->kind == KIND_HOST && !node_iface(n, rtnl_link_get_name(l)))
			continue;
		show_link(s, n, l, addrs);
	}
	if (n->kind != KIND_HOST) {
		fprintf(s->out, "routes:\n");
		for (struct nl_object *o = nl_cache_get_first(routes); o; o = nl_cache_get_next(o))
			show_route(s, (struct rtnl_route *)o, links);
		fprintf(s->out, "neighbours:\n");
		for (struct nl_object *o = nl_cache_get_first(neigh); o; o = nl_cache_get_next(o))
			show_neigh(s, (struct rtnl_neigh *)o, links);
		if (show_nat(s, n, err) < 0) {
			rc = -1;
			goto out;
		}
	}
	rc = 0;
out:
	if (links)
		nl_cache_free(links);
	if (addrs)
		nl_cache_free(addrs);
	if (routes)
		nl_cache_free(routes);
	if (neigh)
		nl_cache_free(neigh);
	return rc < 0 ? -1 : 0;
}

static int run_show(struct session *s, const struct command *c, struct nerr *err)
{
	struct node *n;

	if (c->ntok == 1) {
		view_show(s->out, s->model, s->color);
		return 0;
	}
	if (arg_node(s->model, c, 1, &n, err) < 0)
		return -1;
	if (!s->kernel) {
		struct view_lines v;
		view_node(s->model, n, &v);
		for (size_t i = 0; i < v.n; i++)
			fprintf(s->out, "%s  %s\n", n->name, v.line[i]);
		view_lines_free(&v);
		return 0;
	}
	return show_node(s, n, err);
}

const struct cmd_entry cmd_show_entry = {
	.name = "show", .group = "Inspect", .usage = "[NODE]",
	.summary = "show the lab, or one node as the kernel sees it now",
	.help = "Without NODE: every node with its interfaces, peers, addresses, routes and\n"
		"NAT, as netsh built them. With NODE: that namespace read live from the\n"
		"kernel: links and their state, addresses, routes and neighbours; and for a\n"
		"NAT, what it does in words and its live mappings from conntrack (inside\n"
		"address:port -> outside address:port -> remote).",
	.example = "show\nshow ns1",
	.complete = "n", .min_args = 0, .max_args = 1, .run = run_show,
};
