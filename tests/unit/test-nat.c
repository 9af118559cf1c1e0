/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-nat.c: nat, forward, del nat/forward and nft, without a kernel: the
 * plans and their nft text, the WAN side chosen, bad input, the model and
 * journal, the views, and the conntrack mapping of a NATed entry. */
#include <linux/netfilter/nf_conntrack_common.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "core/ctmap.h"
#include "core/record.h"
#include "core/strbuf.h"
#include "helpers.h"
#include "core/model.h"
#include "core/nft-text.h"
#include "unit.h"

/* Seed 002: a WAN switch, two routers each with a LAN host, a WAN server.
 * r1 has no default route; r2's goes to the server. */
#define SEED002 "switch wan; router r1 r2; node h1 h2 s1; " \
	"cable r1 wan 172.16.0.1/24; cable r2 wan 172.16.0.2/24; cable s1 wan 172.16.0.100/24; " \
	"cable h1 r1 10.1.0.1/24 10.1.0.254/24; cable h2 r2 10.2.0.1/24 10.2.0.254/24; " \
	"route h1 default via 10.1.0.254; route h2 default via 10.2.0.254; " \
	"route r2 default via 172.16.0.100"

/* Plan `src`; return its explain text (NULL, with the error shown, if the
 * plan failed). */
static char *planned(struct session *s, const char *src)
{
	struct plan p;
	struct nerr err;
	char *text = NULL;

	int rc = plan_of(s, src, &p, &err);
	CHECK(rc == 0, "'%s' plans%s%s", src, rc ? ": " : "", rc ? err.msg : "");
	if (rc == 0)
		text = plan_text(&p);
	plan_free(&p);
	return text;
}

static void plans(struct session *s, const char *src, const char *want)
{
	char *got = planned(s, src);

	if (got)
		CHECK_STR(got, want, "'%s' plans the right steps", src);
	free(got);
}

static void plans_with(struct session *s, const char *src, const char *part)
{
	char *got = planned(s, src);

	CHECK(got && strstr(got, part), "'%s' plans the expected lines", src);
	if (got && !strstr(got, part))
		printf("#   got:\n%s", got);
	free(got);
}

static void plans_without(struct session *s, const char *src, const char *part)
{
	char *got = planned(s, src);

	CHECK(got && !strstr(got, part), "'%s' plans nothing with '%s'", src, part);
	free(got);
}

static const struct bad bad[] = {
	{ "nat r1", 1, "'r1' has no default route, so its WAN side is unknown; name it: nat r1 out IF (its interfaces: eth0, eth1)" },
	{ "nat h1 out eth7", 3, "'eth7': h1 has no interface eth7 (it has: eth0, x, z)" },
	{ "nat r1 type cone", 3, "'cone': no such NAT type; expected full-cone, restricted-cone, port-restricted, symmetric or cgnat" },
	{ "nat r1 out", 3, "out needs an interface after it" },
	{ "nat r1 type", 3, "type needs a type" },
	{ "nat r1 out eth0 out eth0", 4, "'out' given twice" },
	{ "nat r1 via eth0", 2, "'via': expected out IF, type T, timeout T, mapping M" },
	{ "nat r2 mapping full", 3, "'full': expected endpoint-independent (ei), address-dependent (ad) or address-and-port-dependent (apd)" },
	{ "nat r2 filtering", 3, "filtering needs ei, ad or apd after it" },
	{ "nat r2 ports fixed", 3, "'fixed': expected preserve (the inside port, when it is free) or random" },
	{ "nat r2 hairpin yes", 3, "'yes': expected on or off" },
	{ "nat r2 hairpin on hairpin off", 4, "'hairpin' given twice" },
	{ "nat r2 mapping ei filtering apd", 1, "'r2' has NAT out of eth0, type port-restricted, timeout 120s, already: nothing to change" },
	{ "nat wan", 1, "'wan' is a switch" },
	{ "nat host", 1, "netsh leaves the host's own firewall alone" },
	{ "nat r9", 1, "'r9': no such node" },
	{ "nat r3", 1, "its default routes leave by eth0 and eth1, so its WAN side is ambiguous" },
	{ "nat r4", 1, "'r4' has no interfaces, so no WAN side" },
	{ "nat r5", 1, "netsh cannot quote its interface name 'a\"b' in an nft rule" },
	{ "nat r2", 1, "'r2' already has NAT out of eth0 (type port-restricted); nat r2 type T, out IF, timeout T or a behaviour word changes it, del nat r2 removes it" },
	{ "nat r2 type port-restricted", 1, "'r2' has NAT out of eth0, type port-restricted, timeout 120s, already: nothing to change" },
	{ "nat r1 flush", 1, "'r1' has no NAT to flush" },
	{ "forward r1 tcp 80 to h1", 1, "'r1' has no NAT to forward through; nat r1 first" },
	{ "forward host tcp 80 to h1", 1, "forward on a router of the lab that has NAT (nat ROUTER, then forward ROUTER ...)" },
	{ "forward r2 sctp 80 to h2", 2, "'sctp': expected tcp or udp" },
	{ "forward r2 tcp 0 to h2", 3, "'0': a port is 1 to 65535" },
	{ "forward r2 tcp 65536 to h2", 3, "'65536': a port is 1 to 65535" },
	{ "forward r2 tcp http to h2", 3, "'http': expected a port number (1 to 65535)" },
	{ "forward r2 tcp 80 into h2", 4, "'into': expected to DEST[:PORT]" },
	{ "forward r2 tcp 80 to", 5, "to needs a destination after it" },
	{ "forward r2 tcp 80 to 8.8.8.8", 5, "'8.8.8.8': no node of the lab has this address" },
	{ "forward r2 tcp 80 to 8.8.8.8:80", 5, "'8.8.8.8': no node of the lab has this address" },
	{ "forward r2 tcp 80 to h2:99999", 5, "'h2:99999': a port is 1 to 65535" },
	{ "forward r2 tcp 80 to fd00::1", 5, "forward goes to an IPv4 address" },
	{ "forward r2 tcp 80 to 10.2.0.254", 5, "'10.2.0.254' is r2 itself; forward to a host behind it" },
	{ "forward r2 tcp 80 to banana", 5, "'banana': not an IPv4 or IPv6 address; expected a node (host, wan" },
	{ "forward r2 tcp 80 to h4", 5, "'h4': h4 has no IPv4 address to forward to" },
	{ "forward r2 tcp 8080 to h1", 3, "'8080': r2 already forwards tcp 8080 to 10.2.0.1:80; del forward r2 tcp 8080 first" },
	{ "forward r2 tcp", 3, "too few arguments" },
	{ "del nat r1", 2, "'r1' has no NAT made by netsh" },
	{ "del nat", 2, "usage: del nat NODE" },
	{ "del forward r2 tcp 9090", 4, "'9090': r2 forwards no tcp port 9090 (it forwards: tcp 8080)" },
	{ "del forward r2 icmp 1", 3, "'icmp': expected tcp or udp" },
	{ "del forward r2 tcp", 4, "usage: del forward NODE tcp|udp PORT" },
	{ "nft host 'list ruleset'", 1, "netsh leaves the host's own firewall alone" },
	{ "nft r9 'list ruleset'", 1, "'r9': no such node" },
	{ "nft r1", 2, "too few arguments" },
};

/* The lab the bad inputs run against: seed 002 and some odd corners. */
#define BAD_LAB SEED002 "; " \
	"router r3 r4 r5; cable r3 h1:x 192.168.3.1/24 192.168.3.2/24; " \
	"cable r3 h2:y fd00:3::1/64 fd00:3::2/64; " \
	"route r3 default via 192.168.3.2; route r3 default via fd00:3::2; " \
	"cable 'r5:a\"b' h1:z 192.168.5.1/24 192.168.5.2/24; route r5 default via 192.168.5.2; " \
	"node h4; cable h4 r2; " \
	"nat r2; forward r2 tcp 8080 to h2:80"

static void bad_input(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		check_bad(BAD_LAB, &bad[i]);
}

static void planning(void)
{
	struct session *s = pure();

	setup(s, SEED002);
	/* r2's WAN side is where its default route leaves: eth0. */
	plans(s, "nat r2",
	      "ip netns exec r2 nft 'create table inet netsh { comment \"made by netsh: del nat r2 removes it\"; }'\n"
	      "ip netns exec r2 nft 'add chain inet netsh prerouting { type nat hook prerouting priority dstnat; policy accept; }'\n"
	      "ip netns exec r2 nft 'add chain inet netsh postrouting { type nat hook postrouting priority srcnat; policy accept; }'\n"
	      "ip netns exec r2 nft 'add chain inet netsh forward { type filter hook forward priority filter; policy accept; }'\n"
	      "ip netns exec r2 nft 'add chain inet netsh input { type filter hook input priority filter; policy accept; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh fwd_tcp { type inet_service : ipv4_addr . inet_service; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh fwd_udp { type inet_service : ipv4_addr . inet_service; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh cone_tcp { type inet_service : ipv4_addr . inet_service; flags dynamic,timeout; timeout 120s; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh cone_udp { type inet_service : ipv4_addr . inet_service; flags dynamic,timeout; timeout 120s; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh ei_tcp { type ipv4_addr . inet_service : inet_service; flags dynamic,timeout; timeout 120s; }'\n"
	      "ip netns exec r2 nft 'add map inet netsh ei_udp { type ipv4_addr . inet_service : inet_service; flags dynamic,timeout; timeout 120s; }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh prerouting iifname \"eth0\" dnat ip to tcp dport map @fwd_tcp'\n"
	      "ip netns exec r2 nft 'add rule inet netsh prerouting iifname \"eth0\" dnat ip to udp dport map @fwd_udp'\n"
	      "ip netns exec r2 nft 'add rule inet netsh postrouting oifname \"eth0\" meta l4proto tcp masquerade to :ip saddr . tcp sport map @ei_tcp'\n"
	      "ip netns exec r2 nft 'add rule inet netsh postrouting meta nfproto ipv4 oifname \"eth0\" meta l4proto tcp tcp sport @cone_tcp masquerade random'\n"
	      "ip netns exec r2 nft 'add rule inet netsh postrouting oifname \"eth0\" meta l4proto udp masquerade to :ip saddr . udp sport map @ei_udp'\n"
	      "ip netns exec r2 nft 'add rule inet netsh postrouting meta nfproto ipv4 oifname \"eth0\" meta l4proto udp udp sport @cone_udp masquerade random'\n"
	      "ip netns exec r2 nft 'add rule inet netsh postrouting meta nfproto ipv4 oifname \"eth0\" masquerade'\n"
	      "ip netns exec r2 nft 'add chain inet netsh learn { type filter hook postrouting priority srcnat + 10; policy accept; }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh learn meta nfproto ipv4 oifname \"eth0\" meta l4proto tcp ct status snat update @cone_tcp { tcp sport : ct original ip saddr . ct original proto-src }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh learn meta nfproto ipv4 oifname \"eth0\" meta l4proto udp ct status snat update @cone_udp { udp sport : ct original ip saddr . ct original proto-src }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh learn meta nfproto ipv4 oifname \"eth0\" meta l4proto tcp ct status snat update @ei_tcp { ct original ip saddr . ct original proto-src : tcp sport }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh learn meta nfproto ipv4 oifname \"eth0\" meta l4proto udp ct status snat update @ei_udp { ct original ip saddr . ct original proto-src : udp sport }'\n"
	      "ip netns exec r2 nft 'add rule inet netsh forward iifname \"eth0\" ct state established,related accept'\n"
	      "ip netns exec r2 nft 'add rule inet netsh forward iifname \"eth0\" ct status dnat accept'\n"
	      "ip netns exec r2 nft 'add rule inet netsh forward iifname \"eth0\" drop'\n"
	      "ip netns exec r2 nft 'add rule inet netsh input iifname \"eth0\" ct state established,related accept'\n"
	      "ip netns exec r2 nft 'add rule inet netsh input iifname \"eth0\" ct status dnat accept'\n"
	      "ip netns exec r2 nft 'add rule inet netsh input iifname \"eth0\" icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, nd-redirect } accept'\n"
	      "ip netns exec r2 nft 'add rule inet netsh input iifname \"eth0\" drop'\n"
	      "ip netns exec r2 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=120 net.netfilter.nf_conntrack_udp_timeout_stream=120\n");
	plans_with(s, "nat r1 out eth0", "oifname \"eth0\" masquerade'\n");
	plans_with(s, "nat r1 out eth1", "oifname \"eth1\" masquerade'\n");
	plans_with(s, "nat r2 type symmetric", "oifname \"eth0\" masquerade random'\n");
	plans_without(s, "nat r2 type symmetric", "cone");
	plans_without(s, "nat r2", "forwarding");
	plans_with(s, "nat r2 type full-cone",
		   "ip netns exec r2 nft 'add rule inet netsh prerouting iifname \"eth0\" dnat ip to udp dport map @cone_udp'\n");
	/* A plain node forwards while it has NAT. */
	plans_with(s, "nat h1 out eth0",
		   "ip netns exec h1 sysctl -qw net.ipv4.conf.all.forwarding=1 net.ipv6.conf.all.forwarding=1\n"
		   "ip netns exec h1 nft 'create table inet netsh");

	setup(s, "nat r2; nat r1 out eth0 type full-cone");
	plans(s, "forward r2 tcp 8080 to h2:80",
	      "ip netns exec r2 nft 'add element inet netsh fwd_tcp { 8080 : 10.2.0.1 . 80 }'\n");
	plans(s, "forward r2 udp 51820 to 10.2.0.1",
	      "ip netns exec r2 nft 'add element inet netsh fwd_udp { 51820 : 10.2.0.1 . 51820 }'\n");
	setup(s, "forward r2 tcp 8080 to h2:80; forward r2 udp 53 to h2");
	plans(s, "del forward r2 tcp 8080",
	      "ip netns exec r2 nft 'delete element inet netsh fwd_tcp { 8080 }'\n");
	plans(s, "del nat r2",
	      "ip netns exec r2 nft 'delete element inet netsh fwd_udp { 53 }'\n"
	      "ip netns exec r2 nft 'delete element inet netsh fwd_tcp { 8080 }'\n"
	      "ip netns exec r2 nft 'delete table inet netsh'\n"
	      "ip netns exec r2 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=30 net.netfilter.nf_conntrack_udp_timeout_stream=120\n");
	setup(s, "del nat r1; nat h1 out eth0");
	plans(s, "del nat h1", "ip netns exec h1 nft 'delete table inet netsh'\n"
	      "ip netns exec h1 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=30 net.netfilter.nf_conntrack_udp_timeout_stream=120\n"
	      "ip netns exec h1 sysctl -qw net.ipv4.conf.all.forwarding=0 net.ipv6.conf.all.forwarding=0\n");

	/* The views: inline and show. */
	char *t = model_text(s->model);
	CHECK(strstr(t, "r2 (router)\n  eth0   UP   peer wan:r2  172.16.0.2/24\n") &&
	      strstr(t, "  route default via 172.16.0.100\n  nat out eth0, type port-restricted\n"
		     "  forward tcp 8080 -> 10.2.0.1:80\n  forward udp 53 -> 10.2.0.1:53\n"),
	      "show lists the NAT and its forwards");
	if (!strstr(t, "nat out eth0, type port-restricted"))
		printf("#   got:\n%s", t);
	free(t);
	fflush(s->out);
	rewind(s->out);
	char line[512];
	bool seen = false;
	while (fgets(line, sizeof(line), s->out))
		seen |= strcmp(line, "h1       + nat out eth0, type port-restricted\n") == 0;
	CHECK(seen, "the inline view shows the new NAT");

	/* Rebuild: model_to_plan has the NAT and the forwards; the journal
	 * round-trips them; applying them gives the same model. */
	struct plan p;
	plan_init(&p);
	model_to_plan(s->model, &p);
	size_t nat = 0, fwd = 0;
	int bad_rt = 0, bad_apply = 0;
	struct model *copy = model_new();
	for (size_t i = 0; i < p.nops; i++) {
		struct strbuf b = STRBUF_INIT;
		struct nerr err;
		struct op back;
		nat += p.ops[i].kind == OP_NAT_ADD;
		fwd += p.ops[i].kind == OP_FWD_ADD;
		record_write(&p.ops[i], &b);
		bad_rt += record_read(b.s, b.len - 1, &back, &err) < 0 ||
			  memcmp(&back, &p.ops[i], sizeof(back)) != 0;
		bad_apply += model_apply(copy, &p.ops[i]) < 0;
		sb_free(&b);
	}
	CHECK(nat == 2 && fwd == 2, "model_to_plan rebuilds 2 NATs and 2 forwards (got %zu, %zu)", nat, fwd);
	CHECK(bad_rt == 0, "every rebuilt op round-trips through the journal");
	char *a = model_text(s->model), *b = model_text(copy);
	CHECK(bad_apply == 0 && strcmp(a, b) == 0, "the rebuilt model is the same, NAT and forwards too");
	free(a);
	free(b);
	model_free(copy);
	plan_free(&p);

	/* The model refuses what does not fit. */
	struct op op = { .kind = OP_FWD_ADD, .proto = IPPROTO_TCP, .port = 1, .dport = 1 };
	strcpy(op.node, "r1");
	CHECK(model_apply(s->model, &op) < 0, "a forward on a node without NAT is refused");
	op.kind = OP_NAT_ADD;
	strcpy(op.node, "r2");
	CHECK(model_apply(s->model, &op) < 0, "a second NAT on a node is refused");
	strcpy(op.node, "wan");
	CHECK(model_apply(s->model, &op) < 0, "NAT on a switch is refused");
	op.kind = OP_NAT_DEL;
	strcpy(op.node, "r1");
	CHECK(model_apply(s->model, &op) < 0, "removing a NAT that is not there is refused");

	/* Deleting a NAT node takes its NAT with it. */
	setup(s, "del r2");
	t = model_text(s->model);
	CHECK(!strstr(t, "forward tcp 8080"), "del r2 takes its NAT and forwards along");
	free(t);
	pure_close(s);
}

static void journal(void)
{
	struct op op;

	struct nerr err;
#define READ(line) record_read(line, strlen(line), &op, &err)
	CHECK(READ("fwd_add node=r1 kind=router proto=udp port=53 to=10.1.0.1/32 dport=5353") == 0 &&
	      op.kind == OP_FWD_ADD && op.proto == IPPROTO_UDP && op.port == 53 && op.dport == 5353,
	      "a forward record reads");
	CHECK(READ("nat_add node=r1 kind=router wan=eth0 type=full-cone") == 0 &&
	      op.kind == OP_NAT_ADD && op.nat == NAT_FULLCONE && strcmp(op.ifname, "eth0") == 0,
	      "a NAT record reads");
	CHECK(READ("nat_add node=r1 kind=router wan=eth0") == 0 && op.nat == NAT_DEFAULT,
	      "a NAT record without a type is of the default type");
	CHECK(READ("nat_add node=r1 kind=router wan=eth0 type=cone") < 0 &&
	      strstr(err.msg, "'cone'"), "an unknown NAT type is refused");
	CHECK(READ("fwd_add node=r1 kind=router proto=sctp port=53") < 0,
	      "an unknown protocol is refused");
	CHECK(READ("nat_add node=r1 kind=router wan") < 0, "a field without a value is refused");
#undef READ

	/* Each nft op's undo is its inverse. */
	struct op fa = { .kind = OP_FWD_ADD, .proto = IPPROTO_TCP, .port = 8080, .dport = 80 };
	inet_parse("10.1.0.1", false, &fa.addr, &(const char *){ NULL });
	char *t = nft_op_text(&fa, true);
	CHECK_STR(t, "delete element inet netsh fwd_tcp { 8080 }\n", "undoing a forward deletes its element");
	free(t);
	fa.kind = OP_FWD_DEL;
	t = nft_op_text(&fa, true);
	CHECK_STR(t, "add element inet netsh fwd_tcp { 8080 : 10.1.0.1 . 80 }\n", "undoing del forward adds it back");
	free(t);
	struct op na = { .kind = OP_NAT_ADD, .nat = NAT_SYMMETRIC };
	strcpy(na.node, "r1");
	strcpy(na.ifname, "eth0");
	t = nft_op_text(&na, true);
	CHECK_STR(t, "delete table inet netsh\n", "undoing nat deletes netsh's table");
	free(t);
	na.kind = OP_NAT_DEL;
	t = nft_op_text(&na, true);
	CHECK(t && strstr(t, "create table inet netsh") && strstr(t, "masquerade random"),
	      "undoing del nat builds the same NAT again");
	free(t);
	na.kind = OP_ROUTE_ADD;
	CHECK(nft_op_text(&na, false) == NULL, "a route is not nftables'");

	CHECK(nft_ifname_ok("eth0") && nft_ifname_ok("wan-1.2") && !nft_ifname_ok("a\"b") &&
	      !nft_ifname_ok("a'b") && !nft_ifname_ok("eth*") && !nft_ifname_ok(""),
	      "interface names that cannot be quoted in nft are refused");
}

static struct inet ip(const char *s)
{
	struct inet a;
	const char *why;

	inet_parse(s, false, &a, &why);
	return a;
}

static void conntrack(void)
{
	struct ct_tuple o = { ip("10.1.0.1"), ip("172.16.0.11"), 5000, 7000 };
	struct ct_tuple r = { ip("172.16.0.11"), ip("172.16.0.1"), 7000, 41000 };
	struct ct_mapping m;
	char buf[256];

	CHECK(!ct_mapping_of(IPPROTO_UDP, IPS_CONFIRMED, &o, &r, &m), "an entry without NAT is no mapping");
	CHECK(ct_mapping_of(IPPROTO_UDP, IPS_CONFIRMED | IPS_SRC_NAT, &o, &r, &m) && !m.inbound,
	      "a masqueraded entry is a mapping");
	m.timeout = 29;
	ct_mapping_fmt(&m, buf, sizeof(buf));
	CHECK_STR(buf, "udp  10.1.0.1:5000 -> 172.16.0.1:41000 -> 172.16.0.11:7000, 29s left",
		  "inside -> outside -> remote");

	struct ct_tuple fo = { ip("172.16.0.100"), ip("172.16.0.1"), 43210, 8080 };
	struct ct_tuple fr = { ip("10.1.0.1"), ip("172.16.0.100"), 80, 43210 };
	CHECK(ct_mapping_of(IPPROTO_TCP, IPS_DST_NAT, &fo, &fr, &m) && m.inbound,
	      "a forwarded entry is an inbound mapping");
	snprintf(m.state, sizeof(m.state), "ESTABLISHED");
	m.timeout = 431999;
	ct_mapping_fmt(&m, buf, sizeof(buf));
	CHECK_STR(buf, "tcp  10.1.0.1:80 -> 172.16.0.1:8080 -> 172.16.0.100:43210  (from outside)  ESTABLISHED, 431999s left",
		  "a forward reads inside -> outside -> remote too");

	struct ct_tuple io = { ip("10.1.0.1"), ip("172.16.0.11"), 0, 0 };
	struct ct_tuple ir = { ip("172.16.0.11"), ip("172.16.0.1"), 0, 0 };
	CHECK(ct_mapping_of(IPPROTO_ICMP, IPS_SRC_NAT, &io, &ir, &m), "a masqueraded ping is a mapping");
	m.timeout = 30;
	ct_mapping_fmt(&m, buf, sizeof(buf));
	CHECK_STR(buf, "icmp 10.1.0.1 -> 172.16.0.1 -> 172.16.0.11, 30s left", "ICMP without ports");
}

/* The behaviours' names: presets, the nearest preset with what differs,
 * and every mix read back from its name. */
static void names(void)
{
	int valid = 0, back = 0;

	CHECK(NAT_DEFAULT == 0, "port-restricted packs to 0, so journals that leave it out read right");
	CHECK_STR(nat_type_name(NAT_DEFAULT), "port-restricted", "the default is port-restricted");
	CHECK(nat_type_parse("default") == NAT_DEFAULT, "\"default\" is still read");
	CHECK_STR(nat_type_name(NAT_TYPE(NAT_EI, NAT_APD, NAT_HAIRPIN)), "port-restricted+hairpin",
		  "a preset with hairpinning added");
	CHECK_STR(nat_type_name(NAT_TYPE(NAT_AD, NAT_AD, NAT_RANDOM)), "restricted-cone+mapping-ad+random",
		  "an address-dependent mapping is named from the nearest preset");
	CHECK(NAT_MAPPING(NAT_SYMMETRIC) == NAT_APD && NAT_FILTERING(NAT_RESTRICTED) == NAT_AD &&
	      NAT_FILTERING(NAT_CGNAT) == NAT_EI && (NAT_CGNAT & NAT_HAIRPIN),
	      "the presets unpack to their behaviours");
	for (int t = 0; t < 0x40; t++) {
		if (!nat_type_valid(t))
			continue;
		valid++;
		back += nat_type_parse(nat_type_name(t)) == t;
	}
	CHECK(valid == 36 && back == 36, "all 36 mixes have a name that reads back (%d, %d)", valid, back);
	CHECK(nat_dep_parse("apd") == NAT_APD && nat_dep_parse("address-dependent") == NAT_AD &&
	      nat_dep_parse("cone") < 0, "mapping and filtering values, short and long");
}

/* What each behaviour puts in the rules. */
static void rules(void)
{
	struct op na = { .kind = OP_NAT_ADD, .nat = NAT_RESTRICTED, .timeout = 300 };
	char *t;

	strcpy(na.node, "r1");
	strcpy(na.ifname, "eth0");
	t = nft_op_text(&na, false);
	CHECK(t && strstr(t, "dnat ip to ip saddr . udp dport map @rc_udp") &&
	      strstr(t, "update @rc_udp { ip daddr . udp sport") && strstr(t, "timeout 300s") &&
	      !strstr(t, "dnat ip to udp dport map @cone_udp") && !strstr(t, "fib daddr"),
	      "restricted-cone lets in what comes from addresses a mapping sent to");
	free(t);
	na.nat = NAT_TYPE(NAT_AD, NAT_APD, NAT_HAIRPIN);
	t = nft_op_text(&na, false);
	CHECK(t && strstr(t, "masquerade to :ip saddr . udp sport . ip daddr map @ad_udp") &&
	      strstr(t, "fib daddr type local dnat ip to udp dport map @cone_udp") &&
	      strstr(t, "snat ip to ct original ip daddr\n") && !strstr(t, "@ei_udp"),
	      "address-dependent mapping with hairpinning");
	free(t);
	na.nat = NAT_SYMMETRIC;
	t = nft_op_text(&na, false);
	CHECK(t && !strstr(t, "add map inet netsh cone_udp") && !strstr(t, "learn") &&
	      strstr(t, "masquerade random"), "symmetric learns nothing: every flow is a new mapping");
	free(t);
	na.kind = OP_NAT_SET;
	na.was_nat = NAT_FULLCONE;
	t = nft_op_text(&na, false);
	CHECK(t && strstr(t, "delete chain inet netsh learn") && strstr(t, "delete map inet netsh ei_udp") &&
	      strstr(t, "delete map inet netsh cone_udp") && !strstr(t, "delete map inet netsh rc_udp"),
	      "a change deletes exactly the learnt maps of the old type");
	free(t);
}

int main(void)
{
	names();
	rules();
	bad_input();
	planning();
	journal();
	conntrack();
	return unit_done();
}
