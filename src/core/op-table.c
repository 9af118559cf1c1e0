/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-table.c: the descriptor of every op kind, by kind. */
#include "core/op.h"
#include "core/op-desc.h"

static const struct op_desc *const table[OP_KIND_COUNT] = {
	[OP_NS_ADD] = &op_ns_add,	[OP_NS_DEL] = &op_ns_del,
	[OP_BRIDGE_ADD] = &op_bridge_add, [OP_VETH_ADD] = &op_veth_add,
	[OP_LINK_DEL] = &op_link_del,	[OP_LINK_SET] = &op_link_set,
	[OP_ADDR_ADD] = &op_addr_add,	[OP_ADDR_DEL] = &op_addr_del,
	[OP_ROUTE_ADD] = &op_route_add,	[OP_ROUTE_DEL] = &op_route_del,
	[OP_NAT_ADD] = &op_nat_add,	[OP_NAT_DEL] = &op_nat_del,
	[OP_NAT_SET] = &op_nat_set,
	[OP_FWD_ADD] = &op_fwd_add,	[OP_FWD_DEL] = &op_fwd_del,
	[OP_IMPAIR_SET] = &op_impair_set,
};

const struct op_desc *op_desc(enum op_kind k)
{
	return (unsigned)k < OP_KIND_COUNT ? table[k] : NULL;
}
