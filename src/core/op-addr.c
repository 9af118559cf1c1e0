/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-addr.c: the ops on addresses and routes: addr_add, addr_del,
 * route_add, route_del. */
#include <sys/socket.h>

#include "core/model.h"
#include "core/op-desc.h"

static const struct op_field addr_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("if", FIELD_NAME, ifname),
	OP_FIELD("addr", FIELD_INET, addr),
	OP_FIELD_END,
};

static const struct op_field route_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("dst", FIELD_INET, addr),
	OP_FIELD("via", FIELD_INET, gw),
	OP_FIELD("dev", FIELD_NAME, ifname),
	OP_FIELD_END,
};

/* ip addr add|del; IPv6 addresses skip duplicate address detection. */
static void addr_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16], a[INET_STRLEN];
	bool add = op->kind == OP_ADDR_ADD;

	fprintf(out, "%s addr %s %s dev %s%s\n", op_ip(op->node, ip, sizeof(ip)),
		add ? "add" : "del", inet_fmt(&op->addr, false, a, sizeof(a)), op->ifname,
		add && op->addr.family == AF_INET6 ? " nodad" : "");
}

static struct iface *addr_iface(struct model *m, const struct op *op, struct node **n)
{
	*n = model_node(m, op->node);
	return *n && op->addr.family ? node_iface(*n, op->ifname) : NULL;
}

static int addr_add_apply(struct model *m, const struct op *op)
{
	struct node *n;
	struct iface *f = addr_iface(m, op, &n);

	if (!f)
		return -1;
	iface_add_addr(f, &op->addr);
	return 0;
}

static int addr_del_apply(struct model *m, const struct op *op)
{
	struct node *n;
	struct iface *f = addr_iface(m, op, &n);

	return f ? iface_del_addr(n, f, &op->addr) : -1;
}

/* ip route replace|del (replace: adding the route twice is no error), of
 * protocol static as netsh makes them. */
static void route_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16], r[3 * INET_STRLEN + IFNAMSIZ];
	bool add = op->kind == OP_ROUTE_ADD;

	fprintf(out, "%s%s route %s %s%s\n", op_ip(op->node, ip, sizeof(ip)),
		op->addr.family == AF_INET6 ? " -6" : "", add ? "replace" : "del",
		route_fmt(&op->addr, &op->gw, op->ifname, r, sizeof(r)), add ? " proto static" : "");
}

static int route_add_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);

	if (!n || !op->addr.family)
		return -1;
	node_add_route(n, &op->addr, &op->gw, op->ifname);
	return 0;
}

static int route_del_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);

	return n ? node_del_route(n, &op->addr, &op->gw, op->ifname) : -1;
}

const struct op_desc op_addr_add = {
	.name = "addr_add", .fields = addr_fields,
	.explain = addr_explain, .apply = addr_add_apply,
};

const struct op_desc op_addr_del = {
	.name = "addr_del", .fields = addr_fields,
	.explain = addr_explain, .apply = addr_del_apply,
};

const struct op_desc op_route_add = {
	.name = "route_add", .fields = route_fields,
	.explain = route_explain, .apply = route_add_apply,
};

const struct op_desc op_route_del = {
	.name = "route_del", .fields = route_fields,
	.explain = route_explain, .apply = route_del_apply,
};
