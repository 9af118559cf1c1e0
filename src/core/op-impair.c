/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-impair.c: the link-condition op, impair_set: what leaves one
 * interface is delayed, lost or rate-limited (or, all zero, no longer).
 * Its tc text is impair.c's. */
#include "core/impair.h"
#include "core/model.h"
#include "core/op-desc.h"

static const struct op_field impair_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("kind", FIELD_KIND, node_kind),
	OP_FIELD("if", FIELD_NAME, ifname),
	OP_FIELD("rate", FIELD_U64, impair.rate),
	OP_FIELD("delay", FIELD_U64, impair.delay),
	OP_FIELD("jitter", FIELD_U64, impair.jitter),
	OP_FIELD("loss", FIELD_U64, impair.loss),
	OP_FIELD("was_rate", FIELD_U64, was_impair.rate),
	OP_FIELD("was_delay", FIELD_U64, was_impair.delay),
	OP_FIELD("was_jitter", FIELD_U64, was_impair.jitter),
	OP_FIELD("was_loss", FIELD_U64, was_impair.loss),
	OP_FIELD_END,
};

static void impair_explain(const struct op *op, FILE *out)
{
	char buf[512];

	impair_tc(op->node, op->ifname, &op->impair, buf, sizeof(buf));
	fprintf(out, "%s\n", buf);
}

static int impair_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);
	struct iface *f = n ? node_iface(n, op->ifname) : NULL;

	if (!f || op->impair.loss > 1000000)
		return -1;
	f->impair = op->impair;
	return 0;
}

const struct op_desc op_impair_set = {
	.name = "impair_set", .fields = impair_fields,
	.explain = impair_explain, .apply = impair_apply,
};
