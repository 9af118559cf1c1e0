#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A NAT step the kernel refuses leaves nothing half-made: no record, the
# node's forwarding as it was, a table that is not netsh's left alone; and
# the NAT is part of the journal (another netsh sees it).
. "$TESTLIB"

command -v nft >/dev/null || skip "nft(8) is needed to check the rules"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; node gw h1 s1; cable gw wan 172.16.0.1/24;
	cable s1 wan 172.16.0.11/24; cable h1 gw 10.1.0.1/24 10.1.0.254/24;
	route h1 default via 10.1.0.254; route gw default via 172.16.0.11'
fwd() { ip netns exec gw cat /proc/sys/net/ipv4/conf/all/forwarding; }
[ "$(fwd)" = 0 ] || fail "a plain node forwards from the start"

# A table of that name that this lab did not make: nat fails, names it,
# leaves it and its content alone, and gw's forwarding stays off.
ip netns exec gw nft 'add table inet netsh; add chain inet netsh mine'
expect_fail_msg "gw: setting up NAT out of eth0 \(type port-restricted\): Error: .*File exists" netsh -c 'nat gw'
expect_fail_msg "gw already has a table inet netsh that this lab did not record" netsh -c 'nat gw'
ip netns exec gw nft list chain inet netsh mine >/dev/null || fail "the foreign table was changed"
[ "$(ip netns exec gw nft list table inet netsh | grep -c chain)" = 1 ] || fail "a half-made NAT was left"
[ "$(fwd)" = 0 ] || fail "forwarding was left on after the failed nat"
netsh -c show | grep -q 'nat out' && fail "the failed nat was recorded"
ok "a refused nat leaves nothing half-made"

# With the table gone, nat on a plain node turns forwarding on; del nat off.
ip netns exec gw nft delete table inet netsh
expect_ok netsh -c 'nat gw; forward gw udp 53 to h1'
[ "$(fwd)" = 1 ] || fail "nat did not make gw forward"
expect_ok netsh -c 'h1 ping -c1 -W2 s1'
# The NAT is in the journal: a later netsh sees it and rebuilds it with
# model_to_plan's ops when the journal is compacted.
out=$(netsh -c show)
echo "$out" | grep -q '^  nat out eth0, type port-restricted$' || fail "the NAT is not remembered: $out"
echo "$out" | grep -q '^  forward udp 53 -> 10.1.0.1:53$' || fail "the forward is not remembered: $out"
grep -q '^nat_add node=gw kind=node wan=eth0 timeout=120$' /run/netsh/default/journal || fail "no nat_add record: $(grep nat_add /run/netsh/default/journal)"
grep -q '^fwd_add node=gw kind=node proto=udp port=53 to=10.1.0.1/32 dport=53$' /run/netsh/default/journal ||
	{ cat /run/netsh/default/journal; fail "no fwd_add record"; }

# A forward the kernel refuses (its map removed behind netsh's back) is not
# recorded.
ip netns exec gw nft delete map inet netsh fwd_tcp 2>/dev/null ||
	{ ip netns exec gw nft flush chain inet netsh prerouting; ip netns exec gw nft delete map inet netsh fwd_tcp; }
expect_fail_msg "gw: adding forward tcp 80 to 10.1.0.1:80: Error: .*No such file or directory" netsh -c 'forward gw tcp 80 to h1'
netsh -c show | grep -q 'forward tcp 80' && fail "the refused forward was recorded"
ok "a refused forward is not recorded"

expect_ok netsh -c 'del nat gw'
[ "$(fwd)" = 0 ] || fail "del nat left a plain node forwarding"
ip netns exec gw nft list tables | grep -q netsh && fail "del nat left netsh's table"
ok "del nat turns a plain node's forwarding back off"
