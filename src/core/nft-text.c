/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nft.c: the nftables text of the NAT ops (see nft.h and doc/nat.md).
 *
 * nat NODE builds, in table inet netsh of the node:
 *   prerouting  (nat, dstnat)    from the WAN side: port forwards (maps
 *                                fwd_tcp and fwd_udp: outside port ->
 *                                inside address . port), and for full-cone
 *                                the learnt UDP mappings (map cone_udp)
 *   postrouting (nat, srcnat)    IPv4 leaving by the WAN side is masqueraded
 *                                (symmetric: with a random port each time)
 *   cone_learn  (filter, srcnat + 10, full-cone only)
 *                                after masquerade, remember each mapped UDP
 *                                port -> the inside address . port it hides
 *   forward     (filter)         from the WAN side only replies (established,
 *                                related) and port forwards (dnat) pass
 *   input       (filter)         the same for the router itself, but IPv6
 *                                neighbour discovery: an unsolicited datagram
 *                                to the NAT's own address is dropped before
 *                                conntrack confirms it, so it cannot take the
 *                                tuple a later mapping of an inside host needs
 *                                (which would end endpoint-independent mapping)
 * The maps make a forward one element, added and removed on its own.
 * nat_set rebuilds the rules of a NAT in place (another type or WAN side)
 * in one batch, the forwards' maps kept. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>

#include "core/nft-text.h"
#include "core/strbuf.h"

/* One nft command: the formatted text and a newline. */
#define line(t, ...) (sb_printf(t, __VA_ARGS__), sb_putc(t, '\n'))

const char *nat_type_mapping(int type)
{
	switch (type) {
	case NAT_DEFAULT:
	case NAT_FULLCONE:
		return "endpoint-independent mapping (the inside port is kept when it is free)";
	case NAT_SYMMETRIC:
		return "address-and-port-dependent mapping (a random outside port for each destination)";
	default:
		return "?";
	}
}

const char *nat_type_filtering(int type)
{
	switch (type) {
	case NAT_DEFAULT:
	case NAT_SYMMETRIC:
		return "address-and-port-dependent filtering (only the destination's replies come in)";
	case NAT_FULLCONE:
		return "endpoint-independent filtering for UDP (any outside host may send to a mapped port)";
	default:
		return "?";
	}
}

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

/* The rules of a NAT out of WAN side w of type `type` (with the full
 * cone's map and chain), in chains and maps that exist. */
static void nat_rules(struct strbuf *t, const char *w, int type)
{
	line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to tcp dport map @fwd_tcp", w);
	line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to udp dport map @fwd_udp", w);
	if (type == NAT_FULLCONE) {
		line(t, "add map " NFT_TABLE " cone_udp { type inet_service : ipv4_addr . inet_service; "
		     "flags dynamic,timeout; timeout " NFT_CONE_TIMEOUT "; }");
		line(t, "add rule " NFT_TABLE " prerouting iifname \"%s\" dnat ip to udp dport map @cone_udp", w);
	}
	line(t, "add rule " NFT_TABLE " postrouting meta nfproto ipv4 oifname \"%s\" masquerade%s", w,
	     type == NAT_SYMMETRIC ? " random" : "");
	if (type == NAT_FULLCONE) {
		line(t, "add chain " NFT_TABLE " cone_learn { type filter hook postrouting priority srcnat + 10; policy accept; }");
		line(t, "add rule " NFT_TABLE " cone_learn meta nfproto ipv4 oifname \"%s\" meta l4proto udp "
		     "ct status snat update @cone_udp { udp sport : ct original ip saddr . ct original proto-src }", w);
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
	nat_rules(t, op->ifname, op->nat);
}

/* A NAT of type `from` rebuilt in place, in one batch, for WAN side to_w
 * and type `to`; the forwards' maps stay. */
static void nat_set(struct strbuf *t, int from, const char *to_w, int to)
{
	for (int i = 0; base_chains[i]; i++)
		line(t, "flush chain " NFT_TABLE " %s", base_chains[i]);
	if (from == NAT_FULLCONE) {
		line(t, "flush chain " NFT_TABLE " cone_learn");
		line(t, "delete chain " NFT_TABLE " cone_learn");
		line(t, "delete map " NFT_TABLE " cone_udp");
	}
	nat_rules(t, to_w, to);
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
			nat_set(&t, op->nat, op->was_if, op->was_nat);
		else
			nat_set(&t, op->was_nat, op->ifname, op->nat);
		return sb_take(&t);
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		fwd_element(&t, op, (op->kind == OP_FWD_ADD) != undo);
		return sb_take(&t);
	default:
		return NULL;
	}
}
