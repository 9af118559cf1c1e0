/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-nat.c: nat NODE [out IF] [type default|symmetric|full-cone]: make a
 * node a NAT router (seed 002). It forwards; IPv4 leaving by its WAN side is
 * masqueraded; from the WAN side only replies and port forwards come in.
 * The rules live in netsh's own nft table (nft.h, doc/nat.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "engine/session.h"
#include "kernel/kernel.h"
#include "core/impair.h"
#include "core/nft-text.h"
#include "core/plan.h"
#include "core/view.h"

/* The WAN side by default: the interface the node's default routes leave
 * by. Errors name the candidates when there is none or more than one. */
static int wan_default(const struct node *n, const char **wan, struct nerr *err)
{
	const char *devs[8];
	size_t ndevs = 0;
	char *list;

	for (size_t i = 0; i < n->nroutes; i++) {
		const struct route *r = &n->routes[i];
		const char *dev = r->dev[0] ? r->dev : NULL;
		if (r->dst.plen != 0)
			continue;
		if (!dev && r->gw.family && !node_on_link(n, &r->gw, &dev))
			continue;
		if (!dev)
			continue;
		bool seen = false;
		for (size_t k = 0; k < ndevs; k++)
			seen |= strcmp(devs[k], dev) == 0;
		if (!seen && ndevs < 8)
			devs[ndevs++] = dev;
	}
	if (ndevs == 1) {
		*wan = devs[0];
		return 0;
	}
	list = view_iface_names(n, true);
	if (ndevs > 1)
		nerr_set(err, 1, "'%s': its default routes leave by %s and %s, so its WAN side is ambiguous; name it: nat %s out IF (%s)",
			 n->name, devs[0], devs[1], n->name, list);
	else if (strcmp(list, "none") == 0)
		nerr_set(err, 1, "'%s' has no interfaces, so no WAN side; cable it to the WAN first",
			 n->name);
	else
		nerr_set(err, 1, "'%s' has no default route, so its WAN side is unknown; name it: nat %s out IF (its interfaces: %s), or add route %s default via GW",
			 n->name, n->name, list, n->name);
	free(list);
	return -1;
}

/* `out IF`: an interface of the node, usable in an nft rule. */
static int arg_wan(const struct node *n, const struct command *c, int i, const char **wan,
		   struct nerr *err)
{
	const char *w = c->tok[i].text;
	const struct iface *f = node_iface(n, w);
	char *list;

	if (!f) {
		list = view_iface_names(n, true);
		nerr_set(err, i, "'%s': %s has no interface %s (it has: %s)", w, n->name, w, list);
		free(list);
		return -1;
	}
	if (f->bridge)
		return nerr_set(err, i, "'%s' is a switch's bridge, not a WAN side", w);
	*wan = f->name;
	return 0;
}

static int plan_nat(const struct model *m, const struct command *c, struct plan *p,
		    struct nerr *err)
{
	const char *wan = NULL, *why;
	int type = -1, type_tok = -1;
	unsigned long long timeout = 0;
	struct node *n;

	if (arg_node(m, c, 1, &n, err) < 0)
		return -1;
	if (n->kind == KIND_HOST)
		return nerr_set(err, 1, "'%s': netsh leaves the host's own firewall alone; NAT a router or node of the lab",
				n->name);
	if (n->kind == KIND_SWITCH)
		return nerr_set(err, 1, "'%s' is a switch (layer 2); NAT needs a router or node", n->name);
	if (c->ntok == 3 && strcmp(c->tok[2].text, "flush") == 0) {
		if (!n->nat.on)
			return nerr_set(err, 1, "'%s' has no NAT to flush", n->name);
		return 0;	/* run_nat flushes */
	}
	if (n->nat.on && c->ntok == 2)
		return nerr_set(err, 1, "'%s' already has NAT out of %s (type %s); nat %s type T, "
				"out IF or timeout T changes it, del nat %s removes it", n->name, n->nat.wan,
				nat_type_name(n->nat.type), n->name, n->name);
	for (int i = 2; i < c->ntok; i += 2) {
		const char *w = c->tok[i].text;
		bool out = strcmp(w, "out") == 0, typ = strcmp(w, "type") == 0;
		bool tmo = strcmp(w, "timeout") == 0;
		if (!out && !typ && !tmo) {
			nerr_set(err, i, "'%s': expected out IF, type TYPE or timeout T; usage: nat %s",
				 w, cmd_nat_entry.usage);
			return arg_did_you_mean(c, i, (const char *const[]){ "out", "type", "timeout",
						NULL }, err);
		}
		if (i + 1 >= c->ntok)
			return nerr_set(err, i + 1, "%s needs %s after it", w,
					out ? "an interface" : tmo ? "a time, as 120s or 5m"
					: "a type: default, symmetric or full-cone");
		if ((out && wan) || (typ && type >= 0) || (tmo && timeout))
			return nerr_set(err, i, "'%s' given twice", w);
		if (tmo) {
			const char *v = c->tok[i + 1].text;
			char *end;
			unsigned long long us = 0;
			if (v[0] && v[strlen(v) - 1] == 'm' && strtoull(v, &end, 10) && *end == 'm')
				us = strtoull(v, NULL, 10) * 60000000ULL;	/* minutes too */
			else if (impair_parse(IMPAIR_DELAY, v, &us, &why) < 0)
				us = 0;
			if (us < 1000000 || us > 86400ULL * 1000000)
				return nerr_set(err, i + 1, "'%s': expected a time from 1s to 24h, as 120s or 5m", v);
			timeout = us / 1000000;
			continue;
		}
		if (out && arg_wan(n, c, i + 1, &wan, err) < 0)
			return -1;
		if (typ) {
			type_tok = i + 1;
			type = nat_type_parse(c->tok[type_tok].text);
			if (type < 0) {
				nerr_set(err, type_tok, "'%s': no such NAT type; expected default, symmetric or full-cone",
					 c->tok[type_tok].text);
				return arg_did_you_mean(c, type_tok, (const char *const[]){ "default",
							"symmetric", "full-cone", NULL }, err);
			}
		}
	}
	if (!wan && n->nat.on)
		wan = n->nat.wan;	/* a change: what is not named stays */
	if (type < 0 && n->nat.on)
		type = n->nat.type;
	if (!wan && wan_default(n, &wan, err) < 0)
		return -1;
	if (!nft_ifname_ok(wan))
		return nerr_set(err, 1, "'%s': netsh cannot quote its interface name '%s' in an nft rule; rename the cable end",
				n->name, wan);
	if (!timeout)
		timeout = n->nat.on ? n->nat.timeout : NAT_UDP_TIMEOUT;
	if (n->nat.on && strcmp(wan, n->nat.wan) == 0 && type == n->nat.type &&
	    timeout == n->nat.timeout)
		return nerr_set(err, 1, "'%s' has NAT out of %s, type %s, timeout %llus, already: "
				"nothing to change", n->name, wan, nat_type_name(type), timeout);
	struct op *op = plan_add(p, n->nat.on ? OP_NAT_SET : OP_NAT_ADD, n->name);
	op->node_kind = n->kind;
	snprintf(op->ifname, IFNAMSIZ, "%s", wan);
	op->nat = type < 0 ? NAT_DEFAULT : type;
	op->timeout = timeout;
	if (n->nat.on) {
		snprintf(op->was_if, IFNAMSIZ, "%s", n->nat.wan);
		op->was_nat = n->nat.type;
		op->was_timeout = n->nat.timeout;
	}
	return 0;
}

/* nat NODE flush: forget the NAT's mappings (and every connection the
 * node tracks), so that new ones start over. */
static int run_nat(struct session *s, const struct command *c, struct nerr *err)
{
	const struct node *n = model_node(s->model, c->tok[1].text);

	if (c->ntok != 3 || strcmp(c->tok[2].text, "flush") != 0 || !n)
		return 0;
	if (!s->kernel) {
		fprintf(s->out, "# dry run: %s's connections would be flushed\n", n->name);
		return 0;
	}
	if (s->explain)
		fprintf(s->out, "ip netns exec %s conntrack -F\n", n->name);
	return kernel_flush(s->kernel, n->name, &n->id, err);
}

static const char *const nat_keywords[] = { "out", "type", "default", "symmetric", "full-cone",
					    "timeout", "flush", NULL };

/* Completion of nat NODE [out IF] [type T]: the words, then their values. */
static bool complete_nat(const struct model *m, const struct command *ws, struct completion *c)
{
	const char *prev = ws->tok[ws->ntok - 1].text;
	const struct node *n = ws->ntok > 1 && m ? model_node(m, ws->tok[1].text) : NULL;
	bool out = false, type = false, timeout = false;

	if (ws->ntok == 1 || !m)
		return false;		/* the node: its kind says so */
	if (strcmp(prev, "type") == 0) {
		for (int t = 0; t < NAT_TYPE_COUNT; t++)
			compl_add(c, nat_type_name(t));
		return true;
	}
	if (strcmp(prev, "out") == 0) {
		for (size_t i = 0; n && i < n->nifaces; i++)
			if (!n->ifaces[i]->bridge)
				compl_add(c, n->ifaces[i]->name);
		return true;
	}
	for (int i = 2; i < ws->ntok; i++) {
		out |= strcmp(ws->tok[i].text, "out") == 0;
		timeout |= strcmp(ws->tok[i].text, "timeout") == 0;
		type |= strcmp(ws->tok[i].text, "type") == 0;
	}
	if (!out)
		compl_add(c, "out");
	if (!type)
		compl_add(c, "type");
	if (!timeout)
		compl_add(c, "timeout");
	if (ws->ntok == 2 && n && n->nat.on)
		compl_add(c, "flush");
	return true;
}

const struct cmd_entry cmd_nat_entry = {
	.name = "nat", .group = "Build",
	.usage = "NODE [out IF] [type default|symmetric|full-cone] [timeout T] | NODE flush",
	.summary = "make a node a NAT router: masquerade out of its WAN side",
	.help = "NODE forwards; IPv4 leaving by its WAN side (IF, by default the interface\n"
		"of its default route) is masqueraded as that interface's address; from the\n"
		"WAN side only replies and port forwards come in. Types (RFC 4787):\n"
		"  default    endpoint-independent mapping, address-and-port-dependent filtering\n"
		"  symmetric  a new outside port for each destination (masquerade random)\n"
		"  full-cone  endpoint-independent mapping and, for UDP, filtering: any outside\n"
		"             host may send to a mapped port\n"
		"The rules live in netsh's own nftables table (inet netsh) in the node, so the\n"
		"node's other rules are left alone; del nat NODE removes it. On a NAT that is\n"
		"there, out IF or type T changes it in place (one atomic nftables batch; the\n"
		"forwards stay). A change and del nat flush the node's conntrack table, so no\n"
		"mapping made under the old rules lingers; nat NODE flush does only that.\n"
		"show NODE lists the live mappings. timeout T is how long a UDP mapping\n"
		"lasts after its last packet: 120s by default (RFC 4787 asks at least 2\n"
		"minutes; Linux alone keeps a once-answered flow 30 s). See doc/nat.md.",
	.example = "nat r1\nnat r1 out eth0 type symmetric\nnat r2 type full-cone\nnat r2 flush",
	.complete = "nk", .keywords = nat_keywords, .complete_args = complete_nat,
	.min_args = 1, .max_args = 5, .plan = plan_nat, .run = run_nat,
};
