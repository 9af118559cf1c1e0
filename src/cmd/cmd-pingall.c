/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-pingall.c: pingall [NODE...]: every node probes every other, IPv4
 * and IPv6, with netsh's own probes (engine/probe.h); a matrix for small
 * labs, the failures and a summary. */
#include <stdio.h>
#include <stdlib.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/probe.h"
#include "core/xalloc.h"
#include "engine/probe.h"
#include "engine/session.h"

#define MATRIX_MAX 20	/* nodes up to which the matrix is printed */

/* The nodes named, or every node but the host and the switches. */
static int members(struct session *s, const struct command *c, const struct node ***out,
		   size_t *n, struct nerr *err)
{
	const struct node **v = xcalloc(s->model->nnodes + (size_t)c->ntok, sizeof(*v));
	struct node *nd;

	*n = 0;
	for (int i = 1; i < c->ntok; i++) {
		if (arg_node(s->model, c, i, &nd, err) < 0) {
			free(v);
			return -1;
		}
		if (nd->kind == KIND_SWITCH) {
			free(v);
			return nerr_set(err, i, "'%s' is a switch: it has no address to probe from",
					nd->name);
		}
		v[(*n)++] = nd;
	}
	for (size_t i = 1; c->ntok == 1 && i < s->model->nnodes; i++)
		if (s->model->nodes[i]->kind != KIND_SWITCH)
			v[(*n)++] = s->model->nodes[i];
	*out = v;
	return 0;
}

static int run_pingall(struct session *s, const struct command *c, struct nerr *err)
{
	const struct node **nodes = NULL;
	struct probe *p;
	size_t n, np, failed;

	if (members(s, c, &nodes, &n, err) < 0)
		return -1;
	if (!s->kernel) {
		fprintf(s->out, "# dry run: %zu nodes would probe each other; not run\n", n);
		free(nodes);
		return 0;
	}
	if (session_pingall(s, nodes, n, &p, &np, NULL, err) < 0) {
		free(nodes);
		return -1;
	}
	pingall_text(s->out, nodes, n, p, np, n <= MATRIX_MAX);
	failed = probes_failed(p, np);
	free(p);
	free(nodes);
	if (failed)
		return nerr_set(err, -1, "%zu of %zu probes got no reply", failed, np);
	return 0;
}

const struct cmd_entry cmd_pingall_entry = {
	.name = "pingall", .group = "Inspect", .usage = "[NODE...]",
	.summary = "check that every node reaches every other (IPv4 and IPv6)",
	.help = "Every node (every node and router, not switches; or the NODEs named) sends\n"
		"an ICMP echo to every other's first address of each family both have, three\n"
		"tries of a second. netsh sends and reads the probes itself: no ping runs.\n"
		"Up to 20 nodes it prints a matrix (X: a node not reached), then every probe\n"
		"that failed and what was seen, then a summary like Mininet's. It fails when\n"
		"a probe does. While it runs, each node has a permanent neighbour entry for\n"
		"each node it reaches on a shared link, so that labs of any size fit the\n"
		"kernel's neighbour table; netsh removes them at the end.",
	.example = "pingall\npingall h1 h2 r1",
	.complete = "n", .min_args = 0, .max_args = -1, .run = run_pingall,
};
