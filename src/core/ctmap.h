/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ctmap.h: a NAT's live mappings as conntrack has them: the mapping of
 * one conntrack entry, and its text. Pure; kernel/conntrack.c reads them. */
#ifndef NETSH_CTMAP_H
#define NETSH_CTMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "core/inet.h"

/* One direction of a conntrack entry. */
struct ct_tuple {
	struct inet src, dst;
	int sport, dport;
};

/* A NATed connection seen from the NAT: inside address:port (the LAN
 * host) -> outside address:port (what the WAN sees) -> remote. */
struct ct_mapping {
	int proto;
	bool inbound;		/* begun from outside: a port forward, a cone port */
	struct inet inside, outside, remote;
	int inside_port, outside_port, remote_port;
	char state[16];		/* a TCP connection's state, else "" */
	unsigned timeout;	/* seconds left */
};

/* The mapping of a conntrack entry from its two tuples and status bits
 * (IPS_*). False when the entry is not NATed. Pure. */
bool ct_mapping_of(int proto, unsigned status, const struct ct_tuple *orig,
		   const struct ct_tuple *reply, struct ct_mapping *out);

/* "udp 10.1.0.1:5000 -> 172.16.0.1:5000 -> 172.16.0.11:7000 ..." Pure. */
void ct_mapping_fmt(const struct ct_mapping *m, char *buf, size_t len);

#endif
