/* SPDX-License-Identifier: GPL-2.0-or-later */
/* op.c: the names of op kinds and of their values, and the calls that go
 * through an op's descriptor. */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "core/model.h"
#include "core/op.h"

static const char *const node_kinds[KIND_COUNT] = {
	[KIND_HOST] = "host", [KIND_NODE] = "node",
	[KIND_ROUTER] = "router", [KIND_SWITCH] = "switch",
};

const char *op_kind_name(enum op_kind k)
{
	const struct op_desc *d = op_desc(k);

	return d ? d->name : "?";
}

const char *node_kind_name(enum node_kind k)
{
	return k < KIND_COUNT ? node_kinds[k] : "?";
}

const char *proto_name(int proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" : "-";
}

int proto_parse(const char *s)
{
	if (strcmp(s, "tcp") == 0)
		return IPPROTO_TCP;
	if (strcmp(s, "udp") == 0)
		return IPPROTO_UDP;
	return 0;
}

const char *op_ip(const char *node, char *buf, size_t len)
{
	if (strcmp(node, HOST_NAME) == 0)
		snprintf(buf, len, "ip");
	else
		snprintf(buf, len, "ip -n %s", node);
	return buf;
}

void op_explain(const struct op *op, FILE *out)
{
	const struct op_desc *d = op_desc(op->kind);

	if (d)
		d->explain(op, out);
}

int model_apply(struct model *m, const struct op *op)
{
	const struct op_desc *d = op_desc(op->kind);

	return d ? d->apply(m, op) : -1;
}
