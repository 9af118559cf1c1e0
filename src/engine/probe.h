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
#include "core/probe.h"

struct session;

/* Run every probe at once (each node's probes through one socket per
 * family), trying again those that got no reply. Returns -1 with *err only
 * when the probes could not be made (a dry run, a node failing its proof);
 * unanswered probes are results, with their reason in why. An interrupt
 * (*stop set) ends the waiting early; what was not answered then fails. */
int session_probe(struct session *s, struct probe *p, size_t n, const struct probe_opts *o,
		  volatile sig_atomic_t *stop, struct nerr *err);

/* pingall (engine/pingall.c): every node of `nodes` probes every other, on
 * each family both have an address of (the first the kernel has), three
 * tries of a second. Neighbour entries of on-link pairs are pinned while
 * it runs, so a segment of any size works. *out gets the probes in order
 * of nodes (from, then to, then IPv4 before IPv6); free it. -1 only when
 * it could not run (a dry run, a node failing its proof). */
int session_pingall(struct session *s, const struct node *const *nodes, size_t n,
		    struct probe **out, size_t *np, volatile sig_atomic_t *stop,
		    struct nerr *err);

#endif
