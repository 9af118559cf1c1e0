/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.c: the text of a pingall (core/probe.h). */
#include <string.h>

#include "core/probe.h"

#define FAILURES_SHOWN 20	/* failed probes listed; the rest are counted */

size_t probes_failed(const struct probe *p, size_t np)
{
	size_t failed = 0;

	for (size_t i = 0; i < np; i++)
		failed += !p[i].ok;
	return failed;
}

/* One matrix line: "a -> b c X", a target named when every probe to it
 * answered. Probes come grouped by from, then by to. */
static void row(FILE *out, const struct node *from, const struct probe *p, size_t np)
{
	fprintf(out, "%s ->", from->name);
	for (size_t i = 0; i < np; i++) {
		bool ok = true;
		size_t j = i;
		if (p[i].from != from)
			continue;
		for (; j < np && p[j].from == from && p[j].to_node == p[i].to_node; j++)
			ok = ok && p[j].ok;
		fprintf(out, " %s", ok ? p[i].to_node->name : "X");
		i = j - 1;
	}
	fputc('\n', out);
}

void pingall_text(FILE *out, const struct node *const *nodes, size_t n,
		  const struct probe *p, size_t np, bool matrix)
{
	size_t failed = probes_failed(p, np), listed = 0;
	char addr[INET_STRLEN];

	for (size_t i = 0; matrix && i < n; i++)
		row(out, nodes[i], p, np);
	for (size_t i = 0; i < np; i++) {
		if (p[i].ok)
			continue;
		if (listed++ == FAILURES_SHOWN) {
			fprintf(out, "... and %zu more failed probes\n", failed - FAILURES_SHOWN);
			break;
		}
		fprintf(out, "%s -> %s (%s): %s\n", p[i].from->name,
			p[i].to_node ? p[i].to_node->name : "?",
			inet_addr_fmt(&p[i].to, addr, sizeof(addr)), p[i].why);
	}
	fprintf(out, "Results: %zu%% dropped (%zu/%zu received)\n",
		np ? (failed * 100 + np - 1) / np : 0, np - failed, np);
}
