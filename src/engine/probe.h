/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.h: netsh's own reachability probes. An ICMP echo (IPv4 or IPv6)
 * from inside a node to an address, sent and answered in-process through
 * raw sockets made in the node's namespace: no ping program runs, so the
 * probes work under --sandbox and many run at once (expect.reach). */
#ifndef NETSH_PROBE_H
#define NETSH_PROBE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/inet.h"
#include "core/model.h"

struct session;

#define PROBE_WHY_MAX 128

/* One probe: from a node to an address; the result is filled in. */
struct probe {
	const struct node *from;
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

/* Run every probe at once (each node's probes through one socket per
 * family), trying again those that got no reply. Returns -1 with *err only
 * when the probes could not be made (a dry run, a node failing its proof);
 * unanswered probes are results, with their reason in why. An interrupt
 * (*stop set) ends the waiting early; what was not answered then fails. */
int session_probe(struct session *s, struct probe *p, size_t n, const struct probe_opts *o,
		  volatile sig_atomic_t *stop, struct nerr *err);

#endif
