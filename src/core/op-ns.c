/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-ns.c: the ops on namespaces: ns_add and ns_del. */
#include <string.h>

#include "core/model.h"
#include "core/op-desc.h"

static const struct op_field ns_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("kind", FIELD_KIND, node_kind),
	OP_FIELD("cookie", FIELD_U64, id.cookie),
	OP_FIELD("ino", FIELD_U64, id.ino),
	OP_FIELD("dev", FIELD_U64, id.dev),
	OP_FIELD("lab", FIELD_NAME, origin),
	OP_FIELD_END,
};

/* ip netns add, lo up, the namespace sysctls netsh sets (and forwarding
 * for a router). */
static void ns_add_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16];

	fprintf(out, "ip netns add %s\n%s link set dev lo up\n", op->node,
		op_ip(op->node, ip, sizeof(ip)));
	fprintf(out, "ip netns exec %s sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n",
		op->node);
	if (op->node_kind == KIND_ROUTER)
		fprintf(out, "ip netns exec %s sysctl -qw net.ipv4.conf.all.forwarding=1 net.ipv6.conf.all.forwarding=1\n",
			op->node);
}

static int ns_add_apply(struct model *m, const struct op *op)
{
	struct node *n;

	if (model_node(m, op->node) || op->node_kind == KIND_HOST ||
	    (unsigned)op->node_kind >= KIND_COUNT)
		return -1;
	n = model_add_node(m, op->node, op->node_kind);
	n->id = op->id;
	memcpy(n->origin, op->origin, sizeof(n->origin));
	return 0;
}

static void ns_del_explain(const struct op *op, FILE *out)
{
	fprintf(out, "ip netns del %s\n", op->node);
}

static int ns_del_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);

	if (!n || n->kind == KIND_HOST)
		return -1;
	model_del_node(m, n);
	return 0;
}

const struct op_desc op_ns_add = {
	.name = "ns_add", .fields = ns_fields,
	.explain = ns_add_explain, .apply = ns_add_apply,
};

const struct op_desc op_ns_del = {
	.name = "ns_del", .fields = ns_fields,
	.explain = ns_del_explain, .apply = ns_del_apply,
};
