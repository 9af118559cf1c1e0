/* conntrack.c: the live NAT mappings of a node, from conntrack. */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/netfilter/nf_conntrack_common.h>
#include <netlink/netlink.h>
#include <netlink/cache.h>
#include <netlink/netfilter/ct.h>

#include "kernel/conntrack.h"
#include "core/xalloc.h"

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

static void to_inet(struct nl_addr *a, struct inet *out)
{
	memset(out, 0, sizeof(*out));
	if (!a)
		return;
	unsigned len = nl_addr_get_len(a);
	if (len != 4 && len != 16)
		return;
	out->family = len == 4 ? AF_INET : AF_INET6;
	out->plen = (int)len * 8;
	memcpy(out->a, nl_addr_get_binary_addr(a), len);
}

static void tuple_of(struct nfnl_ct *ct, int repl, struct ct_tuple *t)
{
	to_inet(nfnl_ct_get_src(ct, repl), &t->src);
	to_inet(nfnl_ct_get_dst(ct, repl), &t->dst);
	t->sport = nfnl_ct_test_src_port(ct, repl) ? nfnl_ct_get_src_port(ct, repl) : 0;
	t->dport = nfnl_ct_test_dst_port(ct, repl) ? nfnl_ct_get_dst_port(ct, repl) : 0;
}

int conntrack_mappings(struct nl_sock *sk, struct ct_mapping **out, size_t *n,
		       struct nerr *err)
{
	struct nl_cache *cache = NULL;
	int rc = nfnl_ct_alloc_cache(sk, &cache);

	*out = NULL;
	*n = 0;
	if (rc < 0)
		return nerr_set(err, -1, "reading conntrack: %s", nl_geterror(rc));
	for (struct nl_object *o = nl_cache_get_first(cache); o; o = nl_cache_get_next(o)) {
		struct nfnl_ct *ct = (struct nfnl_ct *)o;
		struct ct_tuple orig, reply;
		struct ct_mapping m;

		tuple_of(ct, 0, &orig);
		tuple_of(ct, 1, &reply);
		if (!ct_mapping_of(nfnl_ct_get_proto(ct), nfnl_ct_get_status(ct), &orig, &reply, &m))
			continue;
		if (m.proto == IPPROTO_TCP && nfnl_ct_test_tcp_state(ct))
			nfnl_ct_tcp_state2str(nfnl_ct_get_tcp_state(ct), m.state, sizeof(m.state));
		m.timeout = nfnl_ct_test_timeout(ct) ? nfnl_ct_get_timeout(ct) : 0;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = m;
	}
	nl_cache_free(cache);
	return 0;
}
