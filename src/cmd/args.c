/* args.c: turning tokens into nodes, interfaces and addresses. */
#include <stdio.h>
#include <string.h>

#include "cmd/args.h"
#include "core/names.h"

void model_node_list(const struct model *m, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < m->nnodes && used + 1 < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
				 m->nodes[i]->name);
		if (n < 0 || (size_t)n >= len - used) {
			snprintf(buf + (len > 5 ? len - 5 : 0), len > 5 ? 5 : len, "...");
			return;
		}
		used += (size_t)n;
	}
}

/* "eth0, eth1": a node's interface names. */
static void iface_list(const struct node *n, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n->nifaces && used + 1 < len; i++) {
		int k = snprintf(buf + used, len - used, "%s%s", i ? ", " : "",
				 n->ifaces[i]->name);
		if (k < 0)
			return;
		used += (size_t)k;
	}
	if (!n->nifaces)
		snprintf(buf, len, "none");
}

static int no_such_node(const struct model *m, const char *name, int i, struct nerr *err)
{
	char list[512];

	model_node_list(m, list, sizeof(list));
	return nerr_set(err, i, "'%s': no such node (nodes: %s)", name, list);
}

int arg_node(const struct model *m, const struct command *c, int i,
	     struct node **out, struct nerr *err)
{
	const char *name = c->tok[i].text;

	*out = model_node(m, name);
	if (!*out)
		return no_such_node(m, name, i, err);
	return 0;
}

int arg_endpoint(const struct model *m, const struct command *c, int i,
		 bool if_must_exist, struct endpoint *out, struct nerr *err)
{
	const char *text = c->tok[i].text;
	const char *colon = strchr(text, ':');
	char node[NODE_NAME_MAX + 1];
	size_t nlen = colon ? (size_t)(colon - text) : strlen(text);

	memset(out, 0, sizeof(*out));
	if (nlen > NODE_NAME_MAX)
		return nerr_set(err, i, "'%.40s...': node name too long", text);
	memcpy(node, text, nlen);
	node[nlen] = '\0';
	out->node = model_node(m, node);
	if (!out->node)
		return no_such_node(m, node, i, err);
	if (!colon)
		return 0;
	if (name_check_if(colon + 1, i, err) < 0)
		return -1;
	snprintf(out->ifname, sizeof(out->ifname), "%s", colon + 1);
	bool exists = node_iface(out->node, out->ifname) != NULL;
	if (if_must_exist && !exists) {
		char list[256];
		iface_list(out->node, list, sizeof(list));
		return nerr_set(err, i, "'%s': %s has no interface %s (it has: %s)",
				text, node, out->ifname, list);
	}
	if (!if_must_exist && exists)
		return nerr_set(err, i, "'%s': %s already has an interface %s",
				text, node, out->ifname);
	return 0;
}

int arg_iface(const struct model *m, const struct command *c, int i,
	      struct node **node, struct iface **iface, struct nerr *err)
{
	struct endpoint ep;
	char list[256];

	if (arg_endpoint(m, c, i, true, &ep, err) < 0)
		return -1;
	*node = ep.node;
	if (ep.ifname[0]) {
		*iface = node_iface(ep.node, ep.ifname);
		return 0;
	}
	if (ep.node->kind == KIND_SWITCH) {
		*iface = node_iface(ep.node, BRIDGE_IF);
		if (*iface)
			return 0;
	}
	if (ep.node->nifaces == 1 && ep.node->kind != KIND_HOST) {
		*iface = ep.node->ifaces[0];
		return 0;
	}
	iface_list(ep.node, list, sizeof(list));
	if (!ep.node->nifaces || ep.node->kind == KIND_HOST)
		return nerr_set(err, i, "'%s': name the interface as %s:IF (interfaces netsh made there: %s)",
				c->tok[i].text, ep.node->name, list);
	return nerr_set(err, i, "'%s': %s has several interfaces; name one as %s:IF (%s)",
			c->tok[i].text, ep.node->name, ep.node->name, list);
}

int arg_inet(const struct command *c, int i, bool need_plen, struct inet *out,
	     struct nerr *err)
{
	const char *why;

	if (inet_parse(c->tok[i].text, need_plen, out, &why) < 0)
		return nerr_set(err, i, "'%s': %s; expected an address%s",
				c->tok[i].text, why,
				need_plen ? " with a prefix length, as 10.0.0.1/24 or fd00::1/64" : "");
	return 0;
}
