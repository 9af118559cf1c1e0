/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-route.c: route: static routes, IPv4 and IPv6. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/plan.h"
#include "core/view.h"

/* Parse DEST: "default" (family decided later) or a prefix or address. */
static int parse_dest(const struct command *c, struct inet *dst, bool *is_default,
		      struct nerr *err)
{
	char a[INET_STRLEN];

	*is_default = strcmp(c->tok[2].text, "default") == 0;
	if (*is_default) {
		memset(dst, 0, sizeof(*dst));
		return 0;
	}
	if (arg_inet(c, 2, false, dst, err) < 0)
		return arg_did_you_mean(c, 2, (const char *const[]){ "default", NULL }, err);
	if (!inet_is_network(dst)) {
		struct inet net = inet_net(dst);
		return nerr_set(err, 2, "'%s' has host bits set; did you mean %s?",
				c->tok[2].text, inet_fmt(&net, false, a, sizeof(a)));
	}
	return 0;
}

/* Fill a route op from the words of `route NODE DEST [via GW] [dev IF]`. */
static int parse_route(const struct model *m, const struct command *c, struct op *op,
		       struct node **np, struct nerr *err)
{
	struct node *n;
	bool is_default;
	int gw_tok = -1;

	if (arg_node(m, c, 1, &n, err) < 0 || parse_dest(c, &op->addr, &is_default, err) < 0)
		return -1;
	*np = n;
	for (int i = 3; i < c->ntok; i += 2) {
		const char *w = c->tok[i].text;
		bool via = strcmp(w, "via") == 0, dev = strcmp(w, "dev") == 0;
		if (!via && !dev) {
			nerr_set(err, i, "'%s': expected via GW or dev IF", w);
			return arg_did_you_mean(c, i, (const char *const[]){ "via", "dev", NULL }, err);
		}
		if (i + 1 >= c->ntok)
			return nerr_set(err, i + 1, "%s needs %s after it", w, via ? "a gateway address" : "an interface");
		if ((via && gw_tok >= 0) || (dev && op->ifname[0]))
			return nerr_set(err, i, "'%s' given twice", w);
		if (via) {
			gw_tok = i + 1;
			if (arg_inet(c, gw_tok, false, &op->gw, err) < 0)
				return -1;
			if (strchr(c->tok[gw_tok].text, '/'))
				return nerr_set(err, gw_tok, "'%s': a gateway is an address, without /prefix",
						c->tok[gw_tok].text);
		} else {
			if (!node_iface(n, c->tok[i + 1].text))
				return nerr_set(err, i + 1, "'%s': %s has no such interface",
						c->tok[i + 1].text, n->name);
			snprintf(op->ifname, IFNAMSIZ, "%s", c->tok[i + 1].text);
		}
	}
	if (is_default)
		op->addr.family = op->gw.family ? op->gw.family : AF_INET;
	if (op->gw.family && op->gw.family != op->addr.family)
		return nerr_set(err, gw_tok, "'%s': gateway and destination are of different families",
				c->tok[gw_tok].text);
	if (gw_tok >= 0 && !node_on_link(n, &op->gw, NULL)) {
		char *list = view_addrs(n);
		nerr_set(err, gw_tok, "'%s': gateway is on no subnet of %s (its addresses: %s)",
			 c->tok[gw_tok].text, n->name, list);
		free(list);
		return -1;
	}
	return 0;
}

static int plan_route(const struct model *m, const struct command *c,
		      struct plan *p, struct nerr *err)
{
	struct node *n;
	char a[INET_STRLEN];
	struct op *op = plan_add(p, OP_ROUTE_ADD, c->tok[1].text);

	if (parse_route(m, c, op, &n, err) < 0)
		return -1;
	if (!op->gw.family && !op->ifname[0])
		return nerr_set(err, c->ntok, "a route needs via GW or dev IF; usage: route %s",
				cmd_route_entry.usage);
	for (size_t i = 0; i < n->nroutes; i++)
		if (inet_equal(&n->routes[i].dst, &op->addr))
			return nerr_setc(err, NERR_EXISTS, 2,
					 "'%s': %s already has a route to %s (del route %s %s first)",
					 c->tok[2].text, n->name,
					 inet_fmt(&op->addr, false, a, sizeof(a)), n->name, c->tok[2].text);
	return 0;
}

static const char *const route_keywords[] = { "default", "via", "dev", NULL };

const struct cmd_entry cmd_route_entry = {
	.name = "route", .group = "Address", .usage = "NODE DEST|default [via GW] [dev IF]",
	.summary = "add a static route (IPv4 or IPv6)",
	.help = "Adds a route in NODE to DEST (a prefix, or an address for a host route)\n"
		"through gateway GW, which must be on one of NODE's subnets, and/or out of\n"
		"interface IF. `default` is the default route of GW's family.",
	.example = "route ns1 10.0.2.0/24 via 10.0.1.1\nroute h1 default via 192.168.1.1\nroute ns1 10.0.1.0 dev eth0",
	.complete = "nkk", .keywords = route_keywords,
	.min_args = 3, .max_args = 6, .plan = plan_route,
};
