/* SPDX-License-Identifier: GPL-2.0-or-later */
/* inet.h: IPv4 and IPv6 addresses with prefix lengths, parsed and printed. */
#ifndef NETSH_INET_H
#define NETSH_INET_H

#include <stdbool.h>
#include <stddef.h>

#define INET_STRLEN 64	/* room for an IPv6 address with /128 */

/* An address or prefix. family is 0 when unset. */
struct inet {
	int family;		/* AF_INET or AF_INET6 */
	int plen;		/* prefix length */
	unsigned char a[16];
};

/* Parse "A.B.C.D/N" or "X::Y/N"; with need_plen false a bare address
 * gets the full length. Returns 0, or -1 with a reason in *why. */
int inet_parse(const char *s, bool need_plen, struct inet *out, const char **why);

/* Print as "addr/plen", or just "addr" when plen is full and bare is true. */
const char *inet_fmt(const struct inet *in, bool bare, char *buf, size_t len);

/* Address bits only (no /plen). */
const char *inet_addr_fmt(const struct inet *in, char *buf, size_t len);

/* True when the address lies in the prefix `net` (same family). */
bool inet_in_prefix(const struct inet *addr, const struct inet *net);

/* True when the two are equal (family, bits and plen). */
bool inet_equal(const struct inet *x, const struct inet *y);

/* The network part of `in` (host bits cleared). */
struct inet inet_net(const struct inet *in);

/* The n-th host of a prefix (n counted from the network address). Fails when
 * the prefix is too small to hold it. */
int inet_host(const struct inet *net, unsigned n, struct inet *out);

/* A route as `ip route` words: "DEST [via GW] [dev IF]"; DEST is
 * "default" for a prefix length of 0, GW is left out when its family is 0,
 * IF when it is NULL or "". */
const char *route_fmt(const struct inet *dst, const struct inet *gw, const char *dev,
		      char *buf, size_t len);

/* The host-bits-zero address is the subnet's own name (for /31 and /32 too). */
bool inet_is_network(const struct inet *in);

#endif
