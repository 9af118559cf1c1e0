/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-nat.c: nat NODE [out IF] [type T] [behaviour words]: make a node a
 * NAT router (seed 002), or change its NAT. It forwards; IPv4 leaving by
 * its WAN side is masqueraded; from the WAN side only replies, port
 * forwards and what the filtering lets in come in. The rules live in
 * netsh's own nft table (nft-text.c, doc/nat.md). */
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

/* The words after nat NODE, each with a value. */
enum nat_word { W_OUT, W_TYPE, W_TIMEOUT, W_MAPPING, W_FILTERING, W_PORTS, W_HAIRPIN, W_COUNT };
static const char *const nat_words[W_COUNT + 1] = {
	"out", "type", "timeout", "mapping", "filtering", "ports", "hairpin", NULL,
};
static const char *const word_needs[W_COUNT] = {
	"an interface", "a type: full-cone, restricted-cone, port-restricted, symmetric or cgnat",
	"a time, as 120s or 5m", "ei, ad or apd", "ei, ad or apd", "preserve or random", "on or off",
};

/* timeout T: whole seconds from 1 s to 24 h, as 120s, 5m or 90000ms. */
static int arg_timeout(const struct command *c, int i, unsigned long long *timeout,
		       struct nerr *err)
{
	const char *v = c->tok[i].text, *why;
	char *end;
	unsigned long long us = 0;

	if (v[0] && v[strlen(v) - 1] == 'm' && strtoull(v, &end, 10) && *end == 'm')
		us = strtoull(v, NULL, 10) * 60000000ULL;	/* minutes too */
	else if (impair_parse(IMPAIR_DELAY, v, &us, &why) < 0)
		us = 0;
	if (us < 1000000 || us > 86400ULL * 1000000)
		return nerr_set(err, i, "'%s': expected a time from 1s to 24h, as 120s or 5m", v);
	*timeout = us / 1000000;
	return 0;
}

/* The value of behaviour word w at token i, applied to *type. */
static int arg_behaviour(const struct command *c, int i, enum nat_word w, int *type,
			 struct nerr *err)
{
	const char *v = c->tok[i].text;
	int d;

	switch (w) {
	case W_MAPPING:
	case W_FILTERING:
		d = nat_dep_parse(v);
		if (d < 0)
			return nerr_set(err, i, "'%s': expected endpoint-independent (ei), address-dependent (ad) "
					"or address-and-port-dependent (apd)", v);
		*type = w == W_MAPPING ? NAT_TYPE(d, NAT_FILTERING(*type), *type & ~15)
				       : NAT_TYPE(NAT_MAPPING(*type), d, *type & ~15);
		return 0;
	case W_PORTS:
		if (strcmp(v, "preserve") && strcmp(v, "random"))
			return nerr_set(err, i, "'%s': expected preserve (the inside port, when it is free) or random", v);
		*type = strcmp(v, "random") == 0 ? *type | NAT_RANDOM : *type & ~NAT_RANDOM;
		return 0;
	default:
		if (strcmp(v, "on") && strcmp(v, "off"))
			return nerr_set(err, i, "'%s': expected on or off", v);
		*type = strcmp(v, "on") == 0 ? *type | NAT_HAIRPIN : *type & ~NAT_HAIRPIN;
		return 0;
	}
}

static int plan_nat(const struct model *m, const struct command *c, struct plan *p,
		    struct nerr *err)
{
	const char *wan = NULL;
	int type, at[W_COUNT];
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
				"out IF, timeout T or a behaviour word changes it, del nat %s removes it",
				n->name, n->nat.wan, nat_type_name(n->nat.type), n->name, n->name);
	for (int w = 0; w < W_COUNT; w++)
		at[w] = -1;
	for (int i = 2; i < c->ntok; i += 2) {
		int w = 0;
		while (nat_words[w] && strcmp(c->tok[i].text, nat_words[w]) != 0)
			w++;
		if (w == W_COUNT) {
			nerr_set(err, i, "'%s': expected out IF, type T, timeout T, mapping M, filtering F, "
				 "ports P or hairpin on|off; usage: nat %s", c->tok[i].text,
				 cmd_nat_entry.usage);
			return arg_did_you_mean(c, i, nat_words, err);
		}
		if (i + 1 >= c->ntok)
			return nerr_set(err, i + 1, "%s needs %s after it", nat_words[w], word_needs[w]);
		if (at[w] >= 0)
			return nerr_set(err, i, "'%s' given twice", nat_words[w]);
		at[w] = i + 1;
	}
	type = n->nat.on ? n->nat.type : NAT_DEFAULT;	/* a change: what is not named stays */
	if (at[W_TYPE] >= 0) {
		type = nat_type_parse(c->tok[at[W_TYPE]].text);
		if (type < 0) {
			nerr_set(err, at[W_TYPE], "'%s': no such NAT type; expected %s",
				 c->tok[at[W_TYPE]].text, word_needs[W_TYPE] + strlen("a type: "));
			return arg_did_you_mean(c, at[W_TYPE], nat_presets, err);
		}
	}
	for (int w = W_MAPPING; w < W_COUNT; w++)
		if (at[w] >= 0 && arg_behaviour(c, at[w], (enum nat_word)w, &type, err) < 0)
			return -1;
	if (at[W_TIMEOUT] >= 0 && arg_timeout(c, at[W_TIMEOUT], &timeout, err) < 0)
		return -1;
	if (at[W_OUT] >= 0 && arg_wan(n, c, at[W_OUT], &wan, err) < 0)
		return -1;
	if (!wan && n->nat.on)
		wan = n->nat.wan;
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
	op->nat = type;
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

static const char *const nat_keywords[] = { "out", "type", "timeout", "mapping", "filtering",
					    "ports", "hairpin", "flush", "full-cone", "restricted-cone",
					    "port-restricted", "symmetric", "cgnat", "ei", "ad", "apd",
					    "preserve", "random", "on", "off", NULL };

/* Completion of nat NODE [WORD VALUE]...: the words not given yet, then
 * their values. */
static bool complete_nat(const struct model *m, const struct command *ws, struct completion *c)
{
	const char *prev = ws->tok[ws->ntok - 1].text;
	const struct node *n = ws->ntok > 1 && m ? model_node(m, ws->tok[1].text) : NULL;
	static const char *const values[W_COUNT][4] = {
		[W_MAPPING] = { "ei", "ad", "apd", NULL }, [W_FILTERING] = { "ei", "ad", "apd", NULL },
		[W_PORTS] = { "preserve", "random", NULL }, [W_HAIRPIN] = { "on", "off", NULL },
	};

	if (ws->ntok == 1 || !m)
		return false;		/* the node: its kind says so */
	for (int w = 0; w < W_COUNT; w++) {
		if (strcmp(prev, nat_words[w]) != 0 || (ws->ntok - 1) % 2)
			continue;
		if (w == W_TYPE)
			for (int i = 0; nat_presets[i]; i++)
				compl_add(c, nat_presets[i]);
		for (size_t i = 0; w == W_OUT && n && i < n->nifaces; i++)
			if (!n->ifaces[i]->bridge)
				compl_add(c, n->ifaces[i]->name);
		for (int i = 0; values[w][i]; i++)
			compl_add(c, values[w][i]);
		return true;
	}
	for (int w = 0; w < W_COUNT; w++) {
		bool given = false;
		for (int i = 2; i < ws->ntok; i += 2)
			given |= strcmp(ws->tok[i].text, nat_words[w]) == 0;
		if (!given)
			compl_add(c, nat_words[w]);
	}
	if (ws->ntok == 2 && n && n->nat.on)
		compl_add(c, "flush");
	return true;
}

const struct cmd_entry cmd_nat_entry = {
	.name = "nat", .group = "Build",
	.usage = "NODE [out IF] [type T] [mapping M] [filtering F] [ports P] [hairpin on|off] [timeout T] | NODE flush",
	.summary = "make a node a NAT router: masquerade out of its WAN side",
	.help = "NODE forwards; IPv4 leaving by its WAN side (IF, by default the interface\n"
		"of its default route) is masqueraded as that interface's address; from the\n"
		"WAN side only replies, port forwards and what the filtering lets in come in.\n"
		"Types (presets of the RFC 4787 behaviours below):\n"
		"  full-cone        mapping ei, filtering ei\n"
		"  restricted-cone  mapping ei, filtering ad\n"
		"  port-restricted  mapping ei, filtering apd (the default; also \"default\")\n"
		"  symmetric        mapping apd, filtering apd, ports random\n"
		"  cgnat            mapping ei, filtering ei, ports random, hairpin on: a\n"
		"                   carrier-grade NAT, chained behind a home NAT (NAT444)\n"
		"Behaviours, after the type they change:\n"
		"  mapping M    whether an inside endpoint keeps its outside port for every\n"
		"               destination (ei), per address (ad), or per address and port (apd)\n"
		"  filtering F  what comes in to a mapping: from anyone (ei), from\n"
		"               addresses it sent to (ad), or only from where it sent to (apd)\n"
		"  ports P      a new mapping keeps the inside port when free (preserve) or\n"
		"               gets a random one (random)\n"
		"  hairpin      on: inside hosts reach each other through their mappings\n"
		"  timeout T    how long a UDP mapping lasts after its last packet: 120s by\n"
		"               default (RFC 4787 asks at least 2 minutes)\n"
		"The words apply to UDP and TCP (a TCP connection let in reaches the inside\n"
		"host only if a socket there listens on its port). The rules live in\n"
		"netsh's own nftables table (inet netsh) in the node; del nat NODE removes\n"
		"it. On a NAT\n"
		"that is there, any word changes it in place (one atomic nftables batch; the\n"
		"forwards stay) and flushes the node's conntrack table, so no mapping made\n"
		"under the old rules lingers; nat NODE flush does only that. show NODE\n"
		"lists the live mappings; natcheck HOST measures what a NAT does. See\n"
		"doc/nat.md.",
	.example = "nat r1\nnat r1 out eth0 type symmetric\nnat r2 type restricted-cone hairpin on\n"
		   "nat cgn type cgnat\nnat r2 flush",
	.complete = "nk", .keywords = nat_keywords, .complete_args = complete_nat,
	.min_args = 1, .max_args = 15, .plan = plan_nat, .run = run_nat,
};
