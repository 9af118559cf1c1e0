/* SPDX-License-Identifier: GPL-2.0-or-later */
/* settle.c: settling a command a netsh left unfinished (it died between
 * beginning its journal group and committing it). Each op it meant to do
 * is looked for in the kernel: what happened is proven (a namespace by the
 * lab's tag, everything else inside the lab's proven namespaces) and
 * adopted into the lab's record; what did not is dropped; nothing is
 * guessed. Then the group is committed with what was adopted. */
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nft-text.h"
#include "core/nsstate.h"
#include "engine/journal.h"
#include "engine/session.h"
#include "engine/txn.h"
#include "kernel/kernel.h"

#ifndef IFF_UP
#define IFF_UP 1
#endif

/* The namespace of node `name` read back, or none (it is not the lab's). */
static bool read_node(struct session *s, const char *name, const struct nsid *id,
		      struct ns_state *st)
{
	struct nerr err;

	return kernel_read(s->kernel, name, id, READ_LAB, st, &err) == 0;
}

/* Did a link op happen? Fills in the ifindexes it learns. */
static bool link_happened(struct session *s, struct op *op)
{
	struct ns_state st, pst;
	const struct ns_link *l, *pl;
	bool yes = false;

	if (!read_node(s, op->node, &op->id, &st))
		return op->kind == OP_LINK_DEL;
	l = ns_link_by_name(&st, op->ifname);
	switch (op->kind) {
	case OP_BRIDGE_ADD:
		if ((yes = l != NULL))
			op->ifindex = l->ifindex;
		break;
	case OP_VETH_ADD:
		if (l && read_node(s, op->peer, &op->peer_id, &pst)) {
			pl = ns_link_by_name(&pst, op->peer_if);
			if ((yes = pl != NULL)) {
				op->ifindex = l->ifindex;
				op->peer_ifindex = pl->ifindex;
			}
			ns_state_free(&pst);
		}
		break;
	case OP_LINK_DEL:
		yes = !l || (op->ifindex && l->ifindex != op->ifindex);
		break;
	case OP_LINK_SET:
		yes = l && !!(l->flags & IFF_UP) == op->up;
		break;
	case OP_ADDR_ADD:
	case OP_ADDR_DEL:
		yes = ns_has_addr(&st, op->ifname, &op->addr) == (op->kind == OP_ADDR_ADD);
		break;
	case OP_ROUTE_ADD:
	case OP_ROUTE_DEL:
		yes = ns_has_route(&st, &op->addr, &op->gw, op->ifname) == (op->kind == OP_ROUTE_ADD);
		break;
	default:
		break;
	}
	ns_state_free(&st);
	return yes;
}

/* Did a NAT op happen? netsh's table, or the forward's element, is there
 * after an add and gone after a removal. */
static bool nat_happened(struct session *s, const struct op *op)
{
	bool nat = op->kind == OP_NAT_ADD || op->kind == OP_NAT_DEL;
	bool adds = op->kind == OP_NAT_ADD || op->kind == OP_FWD_ADD;
	char probe[128], *out = NULL;
	struct nerr err;
	bool there;

	if (nat)
		snprintf(probe, sizeof(probe), "list table " NFT_TABLE);
	else
		snprintf(probe, sizeof(probe), "get element " NFT_TABLE " fwd_%s { %d }",
			 proto_name(op->proto), op->port);
	there = kernel_nft(s->kernel, op->node, &op->id, probe, &out, &err) == 0;
	free(out);
	return there == adds;
}

/* Did op happen? Learns what it made (the namespace's identity, ifindexes). */
static bool happened(struct session *s, struct op *op)
{
	struct nerr err;
	struct nsid id;
	int r;

	switch (op->kind) {
	case OP_NS_ADD:
		if (model_node(s->model, op->node) ||
		    kernel_probe(s->kernel, op->node, &id, &err) != 1)
			return false;
		op->id = id;
		return true;
	case OP_NS_DEL:
		r = kernel_probe(s->kernel, op->node, &id, &err);
		return r == 0 || (r == 1 && memcmp(&id, &op->id, sizeof(id)) != 0);
	case OP_NAT_ADD:
	case OP_NAT_DEL:
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		return nat_happened(s, op);
	default:
		return link_happened(s, op);
	}
}

int session_settle_unfinished(struct session *s, struct plan *intents, struct nerr *err)
{
	struct plan kept;
	char *warn;
	int rc;

	plan_init(&kept);
	for (size_t i = 0; i < intents->nops; i++) {
		struct op *op = &intents->ops[i];
		txn_resolve(s->model, intents, i);
		if (!happened(s, op) || model_apply(s->model, op) < 0)
			continue;
		*plan_add(&kept, op->kind, op->node) = *op;
		if (op->kind == OP_NS_DEL)
			kernel_forget(s->kernel, op->node);
	}
	rc = journal_commit(s->journal, &kept, err);
	warn = journal_take_warnings(s->journal);
	fprintf(s->errout, "%snetsh: settled a command that a netsh stopped midway: the kernel "
		"has %zu of its %zu steps, now in the lab's record\n", warn ? warn : "",
		kept.nops, intents->nops);
	fflush(s->errout);
	free(warn);
	plan_free(&kept);
	return rc;
}
