/* conntrack.h: a NAT node's live mappings, read from its conntrack table
 * through libnl's netfilter library (nfnetlink). */
#ifndef NETSH_CONNTRACK_H
#define NETSH_CONNTRACK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/inet.h"

struct nl_sock;

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

/* Dump the NATed entries of the namespace of an nfnetlink socket. */
int conntrack_mappings(struct nl_sock *sk, struct ct_mapping **out, size_t *n,
		       struct nerr *err);

#endif
