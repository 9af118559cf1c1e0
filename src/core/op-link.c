/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op-link.c: the ops on links: bridge_add, veth_add, link_del, link_set. */
#include <string.h>

#include "core/model.h"
#include "core/op-desc.h"
#include "core/xalloc.h"

static const struct op_field bridge_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("if", FIELD_NAME, ifname),
	OP_FIELD("ifindex", FIELD_INDEX, ifindex),
	OP_FIELD("up", FIELD_BOOL, up),
	OP_FIELD_END,
};

/* veth_add, and link_del which records the cable it removes the same way. */
static const struct op_field cable_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("if", FIELD_NAME, ifname),
	OP_FIELD("ifindex", FIELD_INDEX, ifindex),
	OP_FIELD("peer", FIELD_NAME, peer),
	OP_FIELD("peer_if", FIELD_NAME, peer_if),
	OP_FIELD("peer_ifindex", FIELD_INDEX, peer_ifindex),
	OP_FIELD("master", FIELD_BOOL, master),
	OP_FIELD("up", FIELD_BOOL, up),
	OP_FIELD_END,
};

static const struct op_field link_set_fields[] = {
	OP_FIELD("node", FIELD_NAME, node),
	OP_FIELD("if", FIELD_NAME, ifname),
	OP_FIELD("up", FIELD_BOOL, up),
	OP_FIELD("was_up", FIELD_BOOL, was_up),
	OP_FIELD_END,
};

static void bridge_add_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16];

	fprintf(out, "%s link add name %s%s type bridge\n", op_ip(op->node, ip, sizeof(ip)),
		op->ifname, op->up ? " up" : "");
	fprintf(out, "ip netns exec %s sysctl -qw net.ipv6.conf.default.disable_ipv6=1\n",
		op->node);	/* its ports: layer 2 only */
}

static int bridge_add_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);
	struct iface *f;

	if (!n || !op->ifname[0] || node_iface(n, op->ifname))
		return -1;
	f = node_add_iface(m, n, op->ifname, op->ifindex);
	f->bridge = true;
	f->up = op->up;
	return 0;
}

static void veth_add_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16], pip[NODE_NAME_MAX + 16];

	fprintf(out, "%s link add name %s%s type veth peer name %s netns %s\n",
		op_ip(op->node, ip, sizeof(ip)), op->ifname, op->up ? " up" : "", op->peer_if,
		strcmp(op->peer, HOST_NAME) == 0 ? "1" : op->peer);
	op_ip(op->peer, pip, sizeof(pip));
	if (op->master)
		fprintf(out, "%s link set dev %s master %s\n", pip, op->peer_if, BRIDGE_IF);
	if (op->up)
		fprintf(out, "%s link set dev %s up\n", pip, op->peer_if);
}

static int veth_add_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node), *pn = model_node(m, op->peer);
	struct iface *f, *pf;

	if (!n || !pn || pn == n || !op->ifname[0] || !op->peer_if[0] ||
	    node_iface(n, op->ifname) || node_iface(pn, op->peer_if))
		return -1;
	f = node_add_iface(m, n, op->ifname, op->ifindex);
	pf = node_add_iface(m, pn, op->peer_if, op->peer_ifindex);
	f->peer = xstrdup(pn->name);
	memcpy(f->peer_if, pf->name, sizeof(f->peer_if));
	pf->peer = xstrdup(n->name);
	memcpy(pf->peer_if, f->name, sizeof(pf->peer_if));
	pf->port = op->master;
	f->up = pf->up = op->up;
	return 0;
}

static void link_del_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16];

	fprintf(out, "%s link del dev %s\n", op_ip(op->node, ip, sizeof(ip)), op->ifname);
}

static int link_del_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);
	struct iface *f = n ? node_iface(n, op->ifname) : NULL;

	if (!f)
		return -1;
	model_del_cable(m, n, f);
	return 0;
}

static void link_set_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16];

	fprintf(out, "%s link set dev %s %s\n", op_ip(op->node, ip, sizeof(ip)), op->ifname,
		op->up ? "up" : "down");
}

static int link_set_apply(struct model *m, const struct op *op)
{
	struct node *n = model_node(m, op->node);
	struct iface *f = n ? node_iface(n, op->ifname) : NULL;

	if (!f)
		return -1;
	f->up = op->up;
	return 0;
}

const struct op_desc op_bridge_add = {
	.name = "bridge_add", .fields = bridge_fields,
	.explain = bridge_add_explain, .apply = bridge_add_apply,
};

const struct op_desc op_veth_add = {
	.name = "veth_add", .fields = cable_fields,
	.explain = veth_add_explain, .apply = veth_add_apply,
};

const struct op_desc op_link_del = {
	.name = "link_del", .fields = cable_fields,
	.explain = link_del_explain, .apply = link_del_apply,
};

const struct op_desc op_link_set = {
	.name = "link_set", .fields = link_set_fields,
	.explain = link_set_explain, .apply = link_set_apply,
};
