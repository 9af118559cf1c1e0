/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ctmap.c: conntrack entries as NAT mappings, and their text. */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netfilter/nf_conntrack_common.h>

#include "core/ctmap.h"

bool ct_mapping_of(int proto, unsigned status, const struct ct_tuple *orig,
		   const struct ct_tuple *reply, struct ct_mapping *out)
{
	memset(out, 0, sizeof(*out));
	out->proto = proto;
	if (status & IPS_SRC_NAT) {
		/* Begun inside: the original source is the LAN host; the
		 * replies come back to the address and port it was mapped to. */
		out->inside = orig->src;
		out->inside_port = orig->sport;
		out->remote = orig->dst;
		out->remote_port = orig->dport;
		out->outside = reply->dst;
		out->outside_port = reply->dport;
		return true;
	}
	if (status & IPS_DST_NAT) {
		/* Begun outside, sent on to a LAN host: a forward or a cone port. */
		out->inbound = true;
		out->remote = orig->src;
		out->remote_port = orig->sport;
		out->outside = orig->dst;
		out->outside_port = orig->dport;
		out->inside = reply->src;
		out->inside_port = reply->sport;
		return true;
	}
	return false;
}

static const char *proto_word(int proto, char *buf, size_t len)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_ICMP:
		return "icmp";
	case IPPROTO_ICMPV6:
		return "icmpv6";
	default:
		snprintf(buf, len, "proto %d", proto);
		return buf;
	}
}

/* "addr:port" (IPv6: "[addr]:port"); just the address without ports. */
static const char *endpoint(const struct inet *a, int port, bool ports, char *buf, size_t len)
{
	char s[INET_STRLEN];

	inet_addr_fmt(a, s, sizeof(s));
	if (!ports)
		snprintf(buf, len, "%s", s);
	else if (a->family == AF_INET6)
		snprintf(buf, len, "[%s]:%d", s, port);
	else
		snprintf(buf, len, "%s:%d", s, port);
	return buf;
}

void ct_mapping_fmt(const struct ct_mapping *m, char *buf, size_t len)
{
	char p[16], in[INET_STRLEN + 8], out[INET_STRLEN + 8], rem[INET_STRLEN + 8];
	bool ports = m->proto == IPPROTO_TCP || m->proto == IPPROTO_UDP;

	snprintf(buf, len, "%-4s %s -> %s -> %s%s%s%s, %us left", proto_word(m->proto, p, sizeof(p)),
		 endpoint(&m->inside, m->inside_port, ports, in, sizeof(in)),
		 endpoint(&m->outside, m->outside_port, ports, out, sizeof(out)),
		 endpoint(&m->remote, m->remote_port, ports, rem, sizeof(rem)),
		 m->inbound ? "  (from outside)" : "", m->state[0] ? "  " : "", m->state,
		 m->timeout);
}

