/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-nat.c: the NAT ops: nat_add, nat_del, nat_set, fwd_add, fwd_del. Their
 * nftables text is nft-text.c's. */
#include <stdlib.h>
#include <string.h>

#include "core/model.h"
#include "core/nft-text.h"
#include "core/op-desc.h"
#include "core/xalloc.h"

static const struct op_field nat_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("kind", FIELD_KIND, node_kind),
	OP_FIELD("wan", FIELD_NAME, ifname),
	OP_FIELD("type", FIELD_NAT, nat),
	OP_FIELD("timeout", FIELD_U64, timeout),
	OP_FIELD_END,
};

static const struct op_field nat_set_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("kind", FIELD_KIND, node_kind),
	OP_FIELD("wan", FIELD_NAME, ifname),
	OP_FIELD("type", FIELD_NAT, nat),
	OP_FIELD("was_wan", FIELD_NAME, was_if),
	OP_FIELD("was_type", FIELD_NAT, was_nat),
	OP_FIELD("timeout", FIELD_U64, timeout),
	OP_FIELD("was_timeout", FIELD_U64, was_timeout),
	OP_FIELD_END,
};

static const struct op_field fwd_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("kind", FIELD_KIND, node_kind),
	OP_FIELD("proto", FIELD_PROTO, proto),
	OP_FIELD("port", FIELD_PORT, port),
	OP_FIELD("to", FIELD_INET, addr),
	OP_FIELD("dport", FIELD_PORT, dport),
	OP_FIELD_END,
};

/* The sysctl line that turns a node's forwarding on or off. */
static void forwarding(const struct op *op, bool on, FILE *out)
{
	fprintf(out, "ip netns exec %s sysctl -qw net.ipv4.conf.all.forwarding=%d net.ipv6.conf.all.forwarding=%d\n",
		op->node, on, on);
}

/* The sysctl line of a NAT's UDP mapping lifetime (0: the kernel's own). */
static void udp_timeout(const struct op *op, unsigned long long t, FILE *out)
{
	if (t)
		fprintf(out, "ip netns exec %s sysctl -qw net.netfilter.nf_conntrack_udp_timeout=%llu "
			"net.netfilter.nf_conntrack_udp_timeout_stream=%llu\n", op->node, t, t);
	else
		fprintf(out, "ip netns exec %s sysctl -qw net.netfilter.nf_conntrack_udp_timeout=30 "
			"net.netfilter.nf_conntrack_udp_timeout_stream=120\n", op->node);
}

/* Each line of an op's nftables text as an nft command in the node. */
static void nft_explain(const struct op *op, FILE *out)
{
	char *text = nft_op_text(op, false);

	for (char *l = text, *nl; l && *l; l = nl + 1) {
		nl = strchr(l, '\n');
		fprintf(out, "ip netns exec %s nft '%.*s'\n", op->node, (int)(nl - l), l);
	}
	free(text);
}

static void nat_add_explain(const struct op *op, FILE *out)
{
	if (op->node_kind != KIND_ROUTER)
		forwarding(op, true, out);
	nft_explain(op, out);
	udp_timeout(op, op->timeout ? op->timeout : NAT_UDP_TIMEOUT, out);
}

static void nat_del_explain(const struct op *op, FILE *out)
{
	nft_explain(op, out);
	udp_timeout(op, 0, out);
	if (op->node_kind != KIND_ROUTER)
		forwarding(op, false, out);
}

static void nat_set_explain(const struct op *op, FILE *out)
{
	nft_explain(op, out);
	if (op->timeout != op->was_timeout)
		udp_timeout(op, op->timeout, out);
}

/* The node an op of NAT names: a node that can have a NAT. */
static struct node *nat_node(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);

	return n && n->kind != KIND_HOST && n->kind != KIND_SWITCH ? n : NULL;
}

static int nat_add_apply(struct model *m, const struct op *op)
{
	struct node *n = nat_node(m, op);

	if (!n || n->nat.on || !nat_type_valid(op->nat) || !op->ifname[0])
		return -1;
	n->nat.on = true;
	memcpy(n->nat.wan, op->ifname, sizeof(n->nat.wan));
	n->nat.type = op->nat;
	n->nat.timeout = op->timeout ? op->timeout : NAT_UDP_TIMEOUT;	/* older records: 0 */
	return 0;
}

static int nat_del_apply(struct model *m, const struct op *op)
{
	struct node *n = nat_node(m, op);

	if (!n || !n->nat.on)
		return -1;
	free(n->nat.fwds);
	memset(&n->nat, 0, sizeof(n->nat));
	return 0;
}

static int nat_set_apply(struct model *m, const struct op *op)
{
	struct node *n = nat_node(m, op);

	if (!n || !n->nat.on || !nat_type_valid(op->nat) || !op->ifname[0])
		return -1;
	memcpy(n->nat.wan, op->ifname, sizeof(n->nat.wan));
	n->nat.type = op->nat;
	n->nat.timeout = op->timeout ? op->timeout : NAT_UDP_TIMEOUT;
	return 0;
}

static int fwd_add_apply(struct model *m, const struct op *op)
{
	struct node *n = nat_node(m, op);
	struct forward *f;

	if (!n || !n->nat.on || !op->proto || node_forward(n, op->proto, op->port))
		return -1;
	n->nat.fwds = xrealloc(n->nat.fwds, (n->nat.nfwds + 1) * sizeof(*n->nat.fwds));
	f = &n->nat.fwds[n->nat.nfwds++];
	f->proto = op->proto;
	f->port = op->port;
	f->dest = op->addr;
	f->dport = op->dport;
	return 0;
}

static int fwd_del_apply(struct model *m, const struct op *op)
{
	struct node *n = nat_node(m, op);

	return n ? node_del_forward(n, op->proto, op->port) : -1;
}

const struct op_desc op_nat_add = {
	.name = "nat_add", .fields = nat_fields,
	.explain = nat_add_explain, .apply = nat_add_apply,
};

const struct op_desc op_nat_del = {
	.name = "nat_del", .fields = nat_fields,
	.explain = nat_del_explain, .apply = nat_del_apply,
};

const struct op_desc op_nat_set = {
	.name = "nat_set", .fields = nat_set_fields,
	.explain = nat_set_explain, .apply = nat_set_apply,
};

const struct op_desc op_fwd_add = {
	.name = "fwd_add", .fields = fwd_fields,
	.explain = nft_explain, .apply = fwd_add_apply,
};

const struct op_desc op_fwd_del = {
	.name = "fwd_del", .fields = fwd_fields,
	.explain = nft_explain, .apply = fwd_del_apply,
};
