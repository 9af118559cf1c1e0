/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-plan.c: the kernel operations each command plans. */
#include <sys/socket.h>

#include "helpers.h"
#include "unit.h"

/* Plan `src` and compare its explain text. */
static void plans(struct session *s, const char *src, const char *want)
{
	struct plan p;
	struct nerr err;

	int rc = plan_of(s, src, &p, &err);
	CHECK(rc == 0, "'%s' plans%s%s", src, rc ? ": " : "", rc ? err.msg : "");
	if (rc == 0) {
		char *got = plan_text(&p);
		CHECK_STR(got, want, "'%s' plans the right steps", src);
		free(got);
	}
	plan_free(&p);
}

/* Add a link_del of node:ifname whose far end is on peer. */
static void link_del(struct plan *p, const char *node, const char *peer)
{
	struct op *op = plan_add(p, OP_LINK_DEL, node);

	snprintf(op->ifname, sizeof(op->ifname), "eth0");
	snprintf(op->peer, sizeof(op->peer), "%s", peer);
	snprintf(op->peer_if, sizeof(op->peer_if), "%s", peer[0] ? node : "");
}

/* Which link deletions the kernel is handed as one request. */
static void link_del_runs(void)
{
	struct plan p;
	bool far;

	plan_init(&p);
	link_del(&p, "h1", "sw");	/* a switch's ports, cut from the hosts */
	link_del(&p, "h2", "sw");
	link_del(&p, "h3", "sw");
	plan_add(&p, OP_NS_DEL, "sw");
	CHECK(plan_link_del_run(&p, 0, &far) == 3 && far && plan_link_del_run(&p, 1, &far) == 2 &&
	      plan_link_del_run(&p, 3, &far) == 1,
	      "cables whose far ends share a namespace are one run, up to the next op");
	plan_free(&p);
	link_del(&p, "r1", "a");	/* a router's cables */
	link_del(&p, "r1", "b");
	link_del(&p, "r2", "b");
	CHECK(plan_link_del_run(&p, 0, &far) == 2 && !far && plan_link_del_run(&p, 1, &far) == 2 && far,
	      "cables of one node are one run, and so are cables to one node");
	plan_free(&p);
	link_del(&p, "host", "a");
	link_del(&p, "host", "b");
	link_del(&p, "c", "host");
	link_del(&p, "d", "host");
	link_del(&p, "e", "");
	link_del(&p, "e", "");
	size_t alone = 0;
	for (size_t i = 0; i < p.nops; i++)
		alone += plan_link_del_run(&p, i, &far) == 1;
	CHECK(alone == p.nops, "the host's links, and links without a recorded far end, go alone");
	plan_free(&p);
}

int main(void)
{
	struct session *s = pure();

	link_del_runs();

	plans(s, "node ns1 ns2", "ip netns add ns1\nip -n ns1 link set dev lo up\n"
	      "ip netns exec ns1 sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n"
				 "ip netns add ns2\nip -n ns2 link set dev lo up\n"
	      "ip netns exec ns2 sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n");
	plans(s, "router r1",
	      "ip netns add r1\nip -n r1 link set dev lo up\n"
	      "ip netns exec r1 sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n"
	      "ip netns exec r1 sysctl -qw net.ipv4.conf.all.forwarding=1 net.ipv6.conf.all.forwarding=1\n");
	plans(s, "switch wan", "ip netns add wan\nip -n wan link set dev lo up\n"
	      "ip netns exec wan sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n"
	      "ip -n wan link add name br0 type bridge\n"
	      "ip netns exec wan sysctl -qw net.ipv6.conf.default.disable_ipv6=1\n"
	      "ip -n wan link set dev br0 up\n");
	setup(s, "node ns1 ns2 ns3; router r1; switch wan");

	plans(s, "cable ns1 ns2",
	      "ip -n ns1 link add name eth0 up type veth peer name eth0 netns ns2\n"
	      "ip -n ns2 link set dev eth0 up\n");
	plans(s, "cable ns1:in ns2:out 10.0.0.1/24 10.0.0.2/24",
	      "ip -n ns1 link add name in up type veth peer name out netns ns2\n"
	      "ip -n ns2 link set dev out up\n"
	      "ip -n ns1 addr add 10.0.0.1/24 dev in\n"
	      "ip -n ns2 addr add 10.0.0.2/24 dev out\n");
	plans(s, "cable ns1 r1 subnet 10.0.12.0/30",
	      "ip -n ns1 link add name eth0 up type veth peer name eth0 netns r1\n"
	      "ip -n r1 link set dev eth0 up\n"
	      "ip -n ns1 addr add 10.0.12.1/30 dev eth0\n"
	      "ip -n r1 addr add 10.0.12.2/30 dev eth0\n");
	plans(s, "cable ns1 r1 subnet 10.0.12.0/31",
	      "ip -n ns1 link add name eth0 up type veth peer name eth0 netns r1\n"
	      "ip -n r1 link set dev eth0 up\n"
	      "ip -n ns1 addr add 10.0.12.0/31 dev eth0\n"
	      "ip -n r1 addr add 10.0.12.1/31 dev eth0\n");
	plans(s, "cable ns3 wan 10.1.0.3/24",
	      "ip -n ns3 link add name eth0 up type veth peer name ns3 netns wan\n"
	      "ip -n wan link set dev ns3 master br0\n"
	      "ip -n wan link set dev ns3 up\n"
	      "ip -n ns3 addr add 10.1.0.3/24 dev eth0\n");
	plans(s, "cable host ns1 192.168.0.101/24 192.168.0.102/24",
	      "ip link add name ns1 up type veth peer name eth0 netns ns1\n"
	      "ip -n ns1 link set dev eth0 up\n"
	      "ip addr add 192.168.0.101/24 dev ns1\n"
	      "ip -n ns1 addr add 192.168.0.102/24 dev eth0\n");

	setup(s, "cable ns1 r1 10.0.1.2/24 10.0.1.1/24; cable r1 ns2 fd00:2::1/64 fd00:2::2/64");
	plans(s, "cable ns1 ns2", "ip -n ns1 link add name eth1 up type veth peer name eth1 netns ns2\n"
				  "ip -n ns2 link set dev eth1 up\n");
	plans(s, "route ns1 default via 10.0.1.1", "ip -n ns1 route replace default via 10.0.1.1 proto static\n");
	plans(s, "route ns2 default via fd00:2::1", "ip -n ns2 -6 route replace default via fd00:2::1 proto static\n");
	plans(s, "route ns1 10.0.9.0/24 via 10.0.1.1 dev eth0",
	      "ip -n ns1 route replace 10.0.9.0/24 via 10.0.1.1 dev eth0 proto static\n");
	plans(s, "route ns1 10.0.2.0 dev eth0", "ip -n ns1 route replace 10.0.2.0/32 dev eth0 proto static\n");
	plans(s, "addr wan 10.1.0.100/24", "ip -n wan addr add 10.1.0.100/24 dev br0\n");
	plans(s, "down ns1 r1", "ip -n ns1 link set dev eth0 down\nip -n r1 link set dev eth0 down\n");

	setup(s, "route ns1 default via 10.0.1.1; down ns1:eth0");
	plans(s, "up ns1:eth0", "ip -n ns1 link set dev eth0 up\n"
				"ip -n ns1 route replace default via 10.0.1.1 proto static\n");
	plans(s, "del cable ns1 r1",
	      "ip -n ns1 route del default via 10.0.1.1\n"
	      "ip -n ns1 addr del 10.0.1.2/24 dev eth0\n"
	      "ip -n r1 addr del 10.0.1.1/24 dev eth0\n"
	      "ip -n ns1 link del dev eth0\n");
	plans(s, "del r1",
	      "ip -n ns1 route del default via 10.0.1.1\n"
	      "ip -n ns1 addr del 10.0.1.2/24 dev eth0\n"
	      "ip -n ns2 addr del fd00:2::2/64 dev eth0\n"
	      "ip -n r1 link del dev eth0\n"
	      "ip -n r1 link del dev eth1\n"
	      "ip netns del r1\n");
	plans(s, "nat r1 out eth0 type symmetric",
	      "ip netns exec r1 nft 'create table inet netsh { comment \"made by netsh: del nat r1 removes it\"; }'\n"
	      "ip netns exec r1 nft 'add chain inet netsh prerouting { type nat hook prerouting priority dstnat; policy accept; }'\n"
	      "ip netns exec r1 nft 'add chain inet netsh postrouting { type nat hook postrouting priority srcnat; policy accept; }'\n"
	      "ip netns exec r1 nft 'add chain inet netsh forward { type filter hook forward priority filter; policy accept; }'\n"
	      "ip netns exec r1 nft 'add chain inet netsh input { type filter hook input priority filter; policy accept; }'\n"
	      "ip netns exec r1 nft 'add map inet netsh fwd_tcp { type inet_service : ipv4_addr . inet_service; }'\n"
	      "ip netns exec r1 nft 'add map inet netsh fwd_udp { type inet_service : ipv4_addr . inet_service; }'\n"
	      "ip netns exec r1 nft 'add rule inet netsh prerouting iifname \"eth0\" dnat ip to tcp dport map @fwd_tcp'\n"
	      "ip netns exec r1 nft 'add rule inet netsh prerouting iifname \"eth0\" dnat ip to udp dport map @fwd_udp'\n"
	      "ip netns exec r1 nft 'add rule inet netsh postrouting meta nfproto ipv4 oifname \"eth0\" masquerade random'\n"
	      "ip netns exec r1 nft 'add rule inet netsh forward iifname \"eth0\" ct state established,related accept'\n"
	      "ip netns exec r1 nft 'add rule inet netsh forward iifname \"eth0\" ct status dnat accept'\n"
	      "ip netns exec r1 nft 'add rule inet netsh forward iifname \"eth0\" drop'\n"
	      "ip netns exec r1 nft 'add rule inet netsh input iifname \"eth0\" ct state established,related accept'\n"
	      "ip netns exec r1 nft 'add rule inet netsh input iifname \"eth0\" ct status dnat accept'\n"
	      "ip netns exec r1 nft 'add rule inet netsh input iifname \"eth0\" icmpv6 type { nd-neighbor-solicit, nd-neighbor-advert, nd-router-advert, nd-redirect } accept'\n"
	      "ip netns exec r1 nft 'add rule inet netsh input iifname \"eth0\" drop'\n"
	      "ip netns exec r1 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=120 net.netfilter.nf_conntrack_udp_timeout_stream=120\n");
	setup(s, "nat r1 out eth0");
	plans(s, "forward r1 udp 5353 to ns1:53",
	      "ip netns exec r1 nft 'add element inet netsh fwd_udp { 5353 : 10.0.1.2 . 53 }'\n");
	plans(s, "del nat r1", "ip netns exec r1 nft 'delete table inet netsh'\n"
	      "ip netns exec r1 sysctl -qw net.netfilter.nf_conntrack_udp_timeout=30 net.netfilter.nf_conntrack_udp_timeout_stream=120\n");
	plans(s, "impair ns1 r1 rate 10mbit",
	      "tc -n ns1 qdisc replace dev eth0 root tbf rate 10mbit burst 25000b limit 87500b\n"
	      "tc -n r1 qdisc replace dev eth0 root tbf rate 10mbit burst 25000b limit 87500b\n");
	plans(s, "impair ns1>r1 delay 40ms jitter 5ms loss 0.5% rate 1.5gbit",
	      "tc -n ns1 qdisc replace dev eth0 root handle 1: netem delay 40ms 5ms loss 0.5%\n"
	      "tc -n ns1 qdisc replace dev eth0 parent 1: handle 10: tbf rate 1.5gbit burst 3750000b limit 13125000b\n");
	setup(s, "impair ns1 r1 delay 1.5s rate 64kbit");
	plans(s, "impair ns1>r1 delay 0 jitter 250us",
	      "tc -n ns1 qdisc replace dev eth0 root handle 1: netem delay 0us 250us\n"
	      "tc -n ns1 qdisc replace dev eth0 parent 1: handle 10: tbf rate 64kbit burst 16384b limit 16784b\n");
	plans(s, "del impair r1>ns1", "tc -n r1 qdisc del dev eth0 root\n");
	plans(s, "destroy", "ip netns del ns1\nip netns del ns2\nip netns del ns3\n"
			    "ip netns del r1\nip netns del wan\n");
	pure_close(s);
	return unit_done();
}
