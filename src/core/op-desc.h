/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-desc.h: the descriptors of the op kinds, one per kind, grouped by
 * what they act on: namespaces (op-ns.c), links (op-link.c), addresses and
 * routes (op-addr.c), NAT (op-nat.c), link conditions (op-impair.c). op-table.c indexes them by kind. */
#ifndef NETSH_OP_DESC_H
#define NETSH_OP_DESC_H

#include "core/op.h"

extern const struct op_desc op_ns_add, op_ns_del;
extern const struct op_desc op_bridge_add, op_veth_add, op_link_del, op_link_set;
extern const struct op_desc op_addr_add, op_addr_del, op_route_add, op_route_del;
extern const struct op_desc op_nat_add, op_nat_del, op_nat_set, op_fwd_add, op_fwd_del;
extern const struct op_desc op_impair_set;

#endif
