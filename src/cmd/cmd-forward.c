/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-forward.c: forward NODE tcp|udp PORT to DEST[:PORT]: a port forward
 * (DNAT) through a node's NAT: connections arriving on its WAN side at PORT
 * go on to DEST, an address of a node of the lab. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/cmd-nat.h"
#include "cmd/complete.h"
#include "core/plan.h"
#include "core/view.h"

int arg_port(const struct command *c, int i, const char *text, int *port, struct nerr *err)
{
	char *end;
	long v;

	if (!text)
		text = c->tok[i].text;
	v = strtol(text, &end, 10);
	if (!*text || *end || text[0] == '-' || text[0] == '+')
		return nerr_set(err, i, "'%s': expected a port number (1 to 65535)", c->tok[i].text);
	if (v < 1 || v > 65535)
		return nerr_set(err, i, "'%s': a port is 1 to 65535", c->tok[i].text);
	*port = (int)v;
	return 0;
}

int arg_proto(const struct command *c, int i, int *proto, struct nerr *err)
{
	*proto = proto_parse(c->tok[i].text);
	if (!*proto)
		return nerr_set(err, i, "'%s': expected tcp or udp", c->tok[i].text);
	return 0;
}

/* DEST[:PORT] at token i: a node (its first IPv4 address) or an IPv4
 * address that a node of the lab holds, but not the NAT node itself. */
static int arg_dest(const struct model *m, const struct node *nat, const struct command *c,
		    int i, struct inet *dest, int *dport, struct nerr *err)
{
	const char *text = c->tok[i].text, *colon = strchr(text, ':'), *why;
	char host[INET_STRLEN + NODE_NAME_MAX];
	const struct node *owner;
	size_t hlen = colon ? (size_t)(colon - text) : strlen(text);

	if (colon && strchr(colon + 1, ':'))
		return nerr_set(err, i, "'%s': forward goes to an IPv4 address[:PORT] or a node (the NAT is IPv4)",
				text);
	if (hlen >= sizeof(host))
		return nerr_set(err, i, "'%.40s...': too long for an address or node name", text);
	memcpy(host, text, hlen);
	host[hlen] = '\0';
	if (colon && arg_port(c, i, colon + 1, dport, err) < 0)
		return -1;
	owner = model_node(m, host);
	if (owner) {
		const struct inet *a = node_first_addr(owner, AF_INET);
		if (!a)
			return nerr_set(err, i, "'%s': %s has no IPv4 address to forward to", text, host);
		*dest = *a;
	} else {
		if (strchr(host, '/'))
			return nerr_set(err, i, "'%s': an address without /prefix", text);
		if (inet_parse(host, false, dest, &why) < 0) {
			char *list = view_node_names(m);
			nerr_set(err, i, "'%s': %s; expected a node (%s) or its IPv4 address",
				 host, why, list);
			free(list);
			return -1;
		}
		if (dest->family != AF_INET)
			return nerr_set(err, i, "'%s': forward goes to an IPv4 address (the NAT is IPv4)", text);
		owner = model_addr_owner(m, dest);
		if (!owner)
			return nerr_set(err, i, "'%s': no node of the lab has this address; forward to a node of the lab or one of its addresses",
					host);
	}
	if (owner == nat)
		return nerr_set(err, i, "'%s' is %s itself; forward to a host behind it", host, nat->name);
	dest->plen = 32;
	return 0;
}

static int plan_forward(const struct model *m, const struct command *c, struct plan *p,
			struct nerr *err)
{
	struct node *n;
	struct inet dest;
	int proto, port, dport = 0;
	char a[INET_STRLEN];
	const struct forward *f;

	if (arg_node(m, c, 1, &n, err) < 0)
		return -1;
	if (n->kind == KIND_HOST)
		return nerr_set(err, 1, "'host': netsh leaves the host's own firewall alone; forward "
				"on a router of the lab that has NAT (nat ROUTER, then forward ROUTER ...)");
	if (!n->nat.on)
		return nerr_set(err, 1, "'%s' has no NAT to forward through; nat %s first", n->name, n->name);
	if (arg_proto(c, 2, &proto, err) < 0 || arg_port(c, 3, NULL, &port, err) < 0)
		return -1;
	if (strcmp(c->tok[4].text, "to") != 0) {
		nerr_set(err, 4, "'%s': expected to DEST[:PORT]", c->tok[4].text);
		return arg_did_you_mean(c, 4, (const char *const[]){ "to", NULL }, err);
	}
	if (c->ntok < 6)
		return nerr_set(err, 5, "to needs a destination after it: a node or an address, with :PORT if it differs");
	if (arg_dest(m, n, c, 5, &dest, &dport, err) < 0)
		return -1;
	if ((f = node_forward(n, proto, port)))
		return nerr_set(err, 3, "'%s': %s already forwards %s %d to %s:%d; del forward %s %s %d first",
				c->tok[3].text, n->name, proto_name(proto), port,
				inet_addr_fmt(&f->dest, a, sizeof(a)), f->dport, n->name,
				proto_name(proto), port);
	struct op *op = plan_add(p, OP_FWD_ADD, n->name);
	op->node_kind = n->kind;
	op->proto = proto;
	op->port = port;
	op->addr = dest;
	op->dport = dport ? dport : port;
	return 0;
}

static const char *const forward_keywords[] = { "tcp", "udp", "to", NULL };

/* Completion of forward NODE tcp|udp PORT to DEST[:PORT], word by word. */
static bool complete_forward(const struct model *m, const struct command *ws, struct completion *c)
{
	if (!m)
		return false;
	switch (ws->ntok) {
	case 1:			/* NODE: one with a NAT */
		for (size_t i = 0; i < m->nnodes; i++)
			if (m->nodes[i]->nat.on)
				compl_add(c, m->nodes[i]->name);
		break;
	case 2:
		compl_add(c, "tcp");
		compl_add(c, "udp");
		break;
	case 4:
		compl_add(c, "to");
		break;
	case 5:
		compl_nodes(c, m);
		break;
	default:		/* the port: a number */
		break;
	}
	return true;
}

const struct cmd_entry cmd_forward_entry = {
	.name = "forward", .group = "Build", .usage = "NODE tcp|udp PORT to DEST[:PORT]",
	.summary = "forward a port of a NAT's WAN side to a host behind it",
	.help = "Connections (or UDP datagrams) arriving on NODE's WAN side at PORT go on to\n"
		"DEST: a node (its first IPv4 address) or an address of a node of the lab, at\n"
		"the same port or at :PORT. NODE must have NAT (nat NODE). Replies go back\n"
		"through the NAT; del forward NODE tcp|udp PORT removes it.",
	.example = "forward r1 tcp 8080 to h1:80\nforward r1 udp 51820 to 10.1.0.2",
	.complete = "nk", .keywords = forward_keywords, .complete_args = complete_forward,
	.min_args = 4, .max_args = 5, .plan = plan_forward,
};
