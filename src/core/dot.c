/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dot.c: the lab as a Graphviz graph (export dot; save.h). */
#include <stdio.h>
#include <string.h>

#include "core/save.h"

/* A dot string literal of s. */
static void dq(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\\n", out);	/* a line break in a label */
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

static const char *shape(enum node_kind k)
{
	switch (k) {
	case KIND_HOST: return "house";
	case KIND_ROUTER: return "ellipse";
	case KIND_SWITCH: return "box3d";
	default: return "box";
	}
}

/* Does the host take part (a cable end of netsh's)? */
static bool host_cabled(const struct node *host)
{
	for (size_t i = 0; i < host->nifaces; i++)
		if (host->ifaces[i]->peer)
			return true;
	return false;
}

void export_dot(const struct model *m, FILE *out)
{
	char a[INET_STRLEN], label[1024];

	fputs("graph lab {\n\tnode [fontname=\"monospace\"];\n\tedge [fontname=\"monospace\", fontsize=10];\n", out);
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		size_t len;
		if (n->kind == KIND_HOST && !host_cabled(n))
			continue;
		len = (size_t)snprintf(label, sizeof(label), "%s\n%s", n->name, node_kind_name(n->kind));
		if (n->nat.on && len < sizeof(label))
			len += (size_t)snprintf(label + len, sizeof(label) - len, ", NAT out %s (%s)",
						n->nat.wan, nat_type_name(n->nat.type));
		for (size_t k = 0; k < n->nifaces && len < sizeof(label); k++)
			for (size_t j = 0; j < n->ifaces[k]->naddrs && len < sizeof(label); j++)
				len += (size_t)snprintf(label + len, sizeof(label) - len, "\n%s %s",
							n->ifaces[k]->name,
							inet_fmt(&n->ifaces[k]->addrs[j], false, a, sizeof(a)));
		fputc('\t', out);
		dq(out, n->name);
		fprintf(out, " [shape=%s, label=", shape(n->kind));
		dq(out, label);
		fputs("];\n", out);
	}
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k];
			if (!cable_lead(m, n, f))
				continue;	/* each cable once */
			fputc('\t', out);
			dq(out, n->name);
			fputs(" -- ", out);
			dq(out, f->peer);
			fputs(" [taillabel=", out);
			dq(out, f->name);
			fputs(", headlabel=", out);
			dq(out, f->peer_if);
			fputs("];\n", out);
		}
	}
	fputs("}\n", out);
}
