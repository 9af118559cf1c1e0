/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nft-text.c: the nftables text of the NAT ops (see nft-text.h and
 * doc/nat.md).
 *
 * nat NODE builds, in table inet netsh of the node:
 *   prerouting  (nat, dstnat)    from the WAN side: port forwards (maps
 *                                fwd_tcp and fwd_udp: outside port ->
 *                                inside address . port), and the
 *                                mappings that filtering lets in (cone_*
 *                                for endpoint-independent, rc_* keyed by
 *                                the remote address for address-dependent);
 *                                with hairpinning, the same from inside to
 *                                the router's own addresses
 *   postrouting (nat, srcnat)    IPv4 leaving by the WAN side is masqueraded:
 *                                an endpoint mapped before keeps its port
 *                                (ei_*, or ad_* per remote address); a
 *                                new one keeps its inside port unless that
 *                                is another mapping's (cone_*) or ports
 *                                are random; hairpinned packets get the
 *                                router's outside address as source
 *   learn       (filter, srcnat + 10)
 *                                after masquerade, remember each UDP and
 *                                TCP mapping in the maps above, as long as
 *                                a UDP mapping lasts
 *   forward     (filter)         from the WAN side only replies (established,
 *                                related) and what was let in (dnat) pass
 *   input       (filter)         the same for the router itself, but IPv6
 *                                neighbour discovery: an unsolicited datagram
 *                                to the NAT's own address is dropped before
 *                                conntrack confirms it, so it cannot take the
 *                                tuple a later mapping of an inside host needs
 *                                (which would end endpoint-independent mapping)
 * The maps make a forward one element, added and removed on its own.
 * nat_set rebuilds the rules of a NAT in place (another type or WAN side)
 * in one batch, the forwards' maps kept, the learnt maps made anew. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "core/nft-text.h"
#include "core/strbuf.h"

/* One nft command: the formatted text and a newline. */
#define line(t, ...) (sb_printf(t, __VA_ARGS__), sb_putc(t, '\n'))

bool nft_ifname_ok(const char *name)
{
	if (!name[0])
		return false;
	for (const char *p = name; *p; p++)
		if (*p == '"' || *p == '\'' || *p == '\\' || *p == '*' ||
		    (unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

/* The base chains of a NAT, in the order they are flushed. */
static const char *const base_chains[] = { "prerouting", "postrouting", "forward", "input", NULL };

/* The learnt maps of a NAT, one of each for UDP and for TCP (cone_udp,
 * cone_tcp, ...): name, type (key : value), and the element the learn
 * chain writes, around the protocol's name. */
struct learnt {
	const char *name, *type, *pre, *post;
};
static const struct learnt learnt_maps[] = {
	{ "cone", "inet_service : ipv4_addr . inet_service",
	  "", " sport : ct original ip saddr . ct original proto-src" },
	{ "ei", "ipv4_addr . inet_service : inet_service",
	  "ct original ip saddr . ct original proto-src : ", " sport" },
	{ "ad", "ipv4_addr . inet_service . ipv4_addr : inet_service",
	  "ct original ip saddr . ct original proto-src . ip daddr : ", " sport" },
	{ "rc", "ipv4_addr . inet_service : ipv4_addr . inet_service",
	  "ip daddr . ", " sport : ct original ip saddr . ct original proto-src" },
	{ NULL, NULL, NULL, NULL }
};
static const char *const protos[] = { "tcp", "udp", NULL };

/* Whether type needs learnt map i: cone to let mappings in (filtering or
 * hairpin) and to keep two inside endpoints off one port, ei and ad for
 * mappings that outlive a flow, rc for the remote addresses a mapping has
 * sent to. */
static bool needs(int type, int i)
{
	switch (i) {
	case 0: return NAT_FILTERING(type) == NAT_EI || (type & NAT_HAIRPIN) ||
		       NAT_MAPPING(type) == NAT_EI || !(type & NAT_RANDOM);
	case 1: return NAT_MAPPING(type) == NAT_EI;
	case 2: return NAT_MAPPING(type) == NAT_AD;
	default: return NAT_FILTERING(type) == NAT_AD;
	}
}

static bool learns(int type)
{
	bool any = false;

	for (int i = 0; learnt_maps[i].name; i++)
		any |= needs(type, i);
	return any;
}

/* The rules that let in what the filtering allows and what hairpins, for
 * protocol p. */
static void nat_inbound(struct strbuf *t, const char *w, int type, const char *p)
{
	line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to %s dport map @fwd_%s", w, p, p);
	if (NAT_FILTERING(type) == NAT_EI)
		line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to %s dport map @cone_%s", w, p, p);
	if (NAT_FILTERING(type) == NAT_AD)
		line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to ip saddr . %s dport map @rc_%s",
		     w, p, p);
	if (type & NAT_HAIRPIN) {
		line(t, "add rule " NFT_TABLE " prerouting iifname != \"%s\" fib daddr type local dnat ip to %s dport map @fwd_%s",
		     w, p, p);
		line(t, "add rule " NFT_TABLE " prerouting iifname != \"%s\" fib daddr type local dnat ip to %s dport map @cone_%s",
		     w, p, p);
	}
}

/* The source NAT of protocol p: a mapped endpoint keeps its port, a new
 * one keeps its inside port unless another mapping holds it. */
static void nat_outbound(struct strbuf *t, const char *w, int type, const char *p)
{
	if (NAT_MAPPING(type) == NAT_EI)
		line(t, "add rule " NFT_TABLE " postrouting oifname \"%s\" meta l4proto %s masquerade to :ip saddr . %s sport map @ei_%s",
		     w, p, p, p);
	if (NAT_MAPPING(type) == NAT_AD)
		line(t, "add rule " NFT_TABLE " postrouting oifname \"%s\" meta l4proto %s masquerade to :ip saddr . %s sport . ip daddr map @ad_%s",
		     w, p, p, p);
	if (needs(type, 0) && !(type & NAT_RANDOM))
		line(t, "add rule " NFT_TABLE " postrouting meta nfproto ipv4 oifname \"%s\" meta l4proto %s %s sport @cone_%s masquerade random",
		     w, p, p, p);
}

/* The rules of a NAT out of WAN side w of type `type` (with its learnt
 * maps and chain, whose entries last timeout seconds), in chains and maps
 * that exist. */
static void nat_rules(struct strbuf *t, const char *w, int type, unsigned long long timeout)
{
	for (int i = 0; learnt_maps[i].name; i++)
		for (int k = 0; protos[k] && needs(type, i); k++)
			line(t, "add map " NFT_TABLE " %s_%s { type %s; flags dynamic,timeout; timeout %llus; }",
			     learnt_maps[i].name, protos[k], learnt_maps[i].type, timeout);
	for (int k = 0; protos[k]; k++)
		nat_inbound(t, w, type, protos[k]);
	for (int k = 0; protos[k]; k++)
		nat_outbound(t, w, type, protos[k]);
	line(t, "add rule " NFT_TABLE " postrouting meta nfproto ipv4 oifname \"%s\" masquerade%s", w,
	     type & NAT_RANDOM ? " random" : "");
	if (type & NAT_HAIRPIN) {
		for (int k = 0; protos[k] && NAT_MAPPING(type) == NAT_EI; k++)
			line(t, "add rule " NFT_TABLE " postrouting iifname != \"%s\" oifname != \"%s\" ct status dnat "
			     "meta l4proto %s snat ip to ct original ip daddr : ip saddr . %s sport map @ei_%s",
			     w, w, protos[k], protos[k], protos[k]);
		line(t, "add rule " NFT_TABLE " postrouting iifname != \"%s\" oifname != \"%s\" ct status dnat "
		     "meta nfproto ipv4 snat ip to ct original ip daddr", w, w);
	}
	if (learns(type)) {
		line(t, "add chain " NFT_TABLE " learn { type filter hook postrouting priority srcnat + 10; policy accept; }");
		for (int i = 0; learnt_maps[i].name; i++)
			for (int k = 0; protos[k] && needs(type, i); k++)
				line(t, "add rule " NFT_TABLE " learn meta nfproto ipv4 oifname \"%s\" meta l4proto %s "
				     "ct status snat update @%s_%s { %s%s%s }", w, protos[k], learnt_maps[i].name,
				     protos[k], learnt_maps[i].pre, protos[k], learnt_maps[i].post);
	}
	line(t, "add rule " NFT_TABLE " forward iifname \"%s\" ct state established,related accept", w);
	line(t, "add rule " NFT_TABLE " forward iifname \"%s\" ct status dnat accept", w);
	line(t, "add rule " NFT_TABLE " forward iifname \"%s\" drop", w);
	line(t, "add rule " NFT_TABLE " input iifname \"%s\" ct state established,related accept", w);
	line(t, "add rule " NFT_TABLE " input iifname \"%s\" ct status dnat accept", w);
	line(t, "add rule " NFT_TABLE " input iifname \"%s\" icmpv6 type { nd-neighbor-solicit, "
	     "nd-neighbor-advert, nd-router-advert, nd-redirect } accept", w);
	line(t, "add rule " NFT_TABLE " input iifname \"%s\" drop", w);
}

static void nat_add(struct strbuf *t, const struct op *op)
{
	line(t, "create table " NFT_TABLE " { comment \"made by netsh: del nat %s removes it\"; }",
	     op->node);
	line(t, "add chain " NFT_TABLE " prerouting { type nat hook prerouting priority dstnat; policy accept; }");
	line(t, "add chain " NFT_TABLE " postrouting { type nat hook postrouting priority srcnat; policy accept; }");
	line(t, "add chain " NFT_TABLE " forward { type filter hook forward priority filter; policy accept; }");
	line(t, "add chain " NFT_TABLE " input { type filter hook input priority filter; policy accept; }");
	line(t, "add map " NFT_TABLE " fwd_tcp { type inet_service : ipv4_addr . inet_service; }");
	line(t, "add map " NFT_TABLE " fwd_udp { type inet_service : ipv4_addr . inet_service; }");
	nat_rules(t, op->ifname, op->nat, op->timeout ? op->timeout : NAT_UDP_TIMEOUT);
}

/* A NAT of type `from` rebuilt in place, in one batch, for WAN side to_w,
 * type `to` and timeout; the forwards' maps stay, the learnt ones go. */
static void nat_set(struct strbuf *t, int from, const char *to_w, int to,
		    unsigned long long timeout)
{
	for (int i = 0; base_chains[i]; i++)
		line(t, "flush chain " NFT_TABLE " %s", base_chains[i]);
	if (learns(from)) {
		line(t, "flush chain " NFT_TABLE " learn");
		line(t, "delete chain " NFT_TABLE " learn");
	}
	for (int i = 0; learnt_maps[i].name; i++)
		for (int k = 0; protos[k] && needs(from, i); k++)
			line(t, "delete map " NFT_TABLE " %s_%s", learnt_maps[i].name, protos[k]);
	nat_rules(t, to_w, to, timeout ? timeout : NAT_UDP_TIMEOUT);
}

static void fwd_element(struct strbuf *t, const struct op *op, bool add)
{
	char a[INET_STRLEN];

	if (add)
		line(t, "add element " NFT_TABLE " fwd_%s { %d : %s . %d }", proto_name(op->proto),
		     op->port, inet_addr_fmt(&op->addr, a, sizeof(a)), op->dport);
	else
		line(t, "delete element " NFT_TABLE " fwd_%s { %d }", proto_name(op->proto), op->port);
}

char *nft_op_text(const struct op *op, bool undo)
{
	struct strbuf t = STRBUF_INIT;

	switch (op->kind) {
	case OP_NAT_ADD:
	case OP_NAT_DEL:
		if ((op->kind == OP_NAT_ADD) != undo)
			nat_add(&t, op);
		else
			line(&t, "delete table " NFT_TABLE);
		return sb_take(&t);
	case OP_NAT_SET:
		if (undo)
			nat_set(&t, op->nat, op->was_if, op->was_nat, op->was_timeout);
		else
			nat_set(&t, op->was_nat, op->ifname, op->nat, op->timeout);
		return sb_take(&t);
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		fwd_element(&t, op, (op->kind == OP_FWD_ADD) != undo);
		return sb_take(&t);
	default:
		return NULL;
	}
}
