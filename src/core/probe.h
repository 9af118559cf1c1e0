/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.h: a reachability probe and its result, as plain data: an ICMP
 * echo from a node to an address (engine/probe.h sends it), and the text
 * of a pingall (every node to every other). Pure. */
#ifndef NETSH_CORE_PROBE_H
#define NETSH_CORE_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/inet.h"
#include "core/model.h"

#define PROBE_WHY_MAX 128

/* One probe: from a node to an address; the result is filled in. */
struct probe {
	const struct node *from;
	const struct node *to_node;	/* the node `to` is an address of, or NULL */
	struct inet to;			/* its family picks ICMP or ICMPv6 */
	bool ok;			/* an echo reply came back */
	double rtt_ms;			/* of the reply that counted */
	int tries;			/* echo requests sent */
	char why[PROBE_WHY_MAX];	/* when !ok: what was seen instead */
};

struct probe_opts {
	double timeout;		/* seconds to wait for each try's replies */
	int tries;		/* echo requests per probe before it fails */
};

/* The text of a pingall over nodes (in that order): with `matrix`, one
 * line per node, "a -> b c X" (X: a node it did not reach, on some family);
 * then each failed probe, "b -> d (10.0.0.4): no reply ..."; then the
 * summary, "Results: 0% dropped (90/90 received)". */
void pingall_text(FILE *out, const struct node *const *nodes, size_t n,
		  const struct probe *p, size_t np, bool matrix);

/* How many of the probes got no reply. */
size_t probes_failed(const struct probe *p, size_t np);

#endif
