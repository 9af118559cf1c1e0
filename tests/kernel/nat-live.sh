#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A NAT changed on a live lab: nat NODE type T (or out IF) rebuilds its
# rules in place, keeps its forwards and flushes its mappings, so new
# flows follow the new behaviour at once; nat NODE flush and del nat flush
# them too.
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; router r1; node h1 s1 s2
	cable r1 wan 172.16.0.1/24; cable s1 wan 172.16.0.11/24; cable s2 wan 172.16.0.12/24
	cable h1 r1 10.1.0.1/24 10.1.0.254/24; route h1 default via 10.1.0.254
	route r1 default via 172.16.0.11'
spawn ip netns exec s1 "$PROBE" echo 7000
spawn ip netns exec s2 "$PROBE" echo 7000
wait_for 3 sh -c "ip netns exec s2 ss -lun | grep -q ':7000 '" || fail "s2's server did not start"

ports() {	# LPORT: "P1 P2", the outside ports s1 and s2 saw
	local out
	out=$(ip netns exec h1 "$PROBE" probe -p "$1" 172.16.0.11:7000 172.16.0.12:7000) ||
		fail "probe from port $1: $out"
	echo "$out" | sed -n 's/^172\.16\.0\.1[12]:7000 saw 172\.16\.0\.1:\([0-9]*\)$/\1/p' | tr '\n' ' '
}
mappings() { netsh -c 'show r1' | sed -n '/^mappings/,/^programs/p'; }

expect_ok netsh -q -c 'nat r1; forward r1 udp 9000 to h1'
set -- $(ports 5000)
[ "$1" = "$2" ] || fail "default: s1 and s2 saw ports $1 and $2"
mappings | grep -q '10.1.0.1:5000 -> 172.16.0.1:5000' || fail "no mapping listed: $(mappings)"

out=$(netsh -x -c 'nat r1 type symmetric') || fail "nat r1 type symmetric: $out"
echo "$out"
echo "$out" | grep -qx "ip netns exec r1 nft 'flush chain inet netsh postrouting'" ||
	fail "explain does not show the rules rebuilt: $out"
echo "$out" | grep -qx 'r1       ~ nat out eth0, type symmetric' || fail "the view: $out"
ip netns exec r1 nft list table inet netsh | grep -q 'masquerade random' || fail "no masquerade random"
mappings | grep -q 'none now' || fail "the change did not flush the mappings: $(mappings)"
set -- $(ports 5001)
[ "$1" != "$2" ] || fail "symmetric after the change: both servers saw port $1"
ip netns exec r1 nft list map inet netsh fwd_udp | grep -q '9000 : 10.1.0.1 . 9000' ||
	fail "the forward was lost in the change"
netsh -c 'show r1' | grep -q 'type symmetric:' || fail "a new netsh does not see the new type"
ok "nat r1 type symmetric changes a live NAT: new ports per destination, forwards kept, mappings flushed"

expect_ok netsh -q -c 'nat r1 type full-cone'
ip netns exec r1 nft list table inet netsh | grep -q cone_udp || fail "full-cone has no learnt map"
expect_ok netsh -q -c 'nat r1 type default'
ip netns exec r1 nft list table inet netsh | grep -q 'dnat ip to udp dport map @cone_udp' &&
	fail "default kept the full cone's filter (mapped ports open to all)"
set -- $(ports 5002)
[ "$1" = "$2" ] || fail "default again: ports $1 and $2"
ok "full-cone and back to default: the full cone's filter comes and goes"

mappings | grep -q '10.1.0.1:5002' || fail "no mapping to flush: $(mappings)"
expect_ok netsh -q -c 'nat r1 flush'
mappings | grep -q 'none now' || fail "nat r1 flush left mappings: $(mappings)"
ok "nat NODE flush forgets the mappings"

ports 5003 >/dev/null
expect_ok netsh -q -c 'del nat r1; nat r1'
mappings | grep -q 'none now' || fail "del nat left mappings that a new NAT shows: $(mappings)"
ok "del nat flushes the mappings too"

# Mapping lifetime (RFC 4787 REQ-5: at least 2 minutes by default).
expect_ok netsh -q -c 'nat r1 flush'
ports 5010 >/dev/null
left=$(mappings | sed -n 's/.*10\.1\.0\.1:5010 .*, \([0-9]*\)s left$/\1/p' | head -1)
[ -n "$left" ] && [ "$left" -gt 100 ] || fail "after one exchange the mapping has ${left:-no} seconds left, not about 120: $(mappings)"
netsh -c 'show r1' | grep -q 'a UDP mapping lasts 120s after its last packet' || fail "show does not say the lifetime"
ok "a UDP mapping lasts 2 minutes after one exchange ($left s left)"
out=$(netsh -x -c 'nat r1 timeout 3s') || fail "nat r1 timeout 3s: $out"
echo "$out" | grep -q 'sysctl -qw net.netfilter.nf_conntrack_udp_timeout=3 net.netfilter.nf_conntrack_udp_timeout_stream=3' ||
	fail "explain does not show the lifetime: $out"
ports 5011 >/dev/null
mappings | grep -q '10.1.0.1:5011 ' || fail "no mapping for port 5011"
sleep 4
mappings | grep -q '10.1.0.1:5011 ' && fail "the mapping outlived its 3 s: $(mappings)"
ok "nat NODE timeout 3s: the mapping is gone after 3 s"
expect_ok netsh -q -c 'nat r1 timeout 120s'

expect_fail_msg "nat: 'r1' has NAT out of eth0, type port-restricted, timeout 120s, already: nothing to change" \
	netsh -c 'nat r1 type default'
expect_fail_msg "nat: 'r1' already has NAT out of eth0 \(type port-restricted\); nat r1 type T, out IF, timeout T or a behaviour word changes it" \
	netsh -c 'nat r1'
expect_fail_msg "nat: 'h1' has no NAT to flush" netsh -c 'nat h1 flush'
expect_fail_msg "nat: 'flush': expected out IF, type T, timeout T, mapping M" netsh -c 'nat r1 flush now'
expect_fail_msg "nat: '2ms': expected a time from 1s to 24h" netsh -c 'nat r1 timeout 2ms'
ok "bad input names the token"
expect_ok netsh -q -c destroy
