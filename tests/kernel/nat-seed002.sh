#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Seed 002 as written: a WAN bridge (ns2, 172.16.0.100 on its bridge), two
# NAT routers (ns1, ns3) each with a LAN host (ns4, ns5), default routes.
# A LAN host's TCP connection reaches the WAN from the NAT's WAN address; the
# WAN cannot reach a LAN host's private address; after `forward` the NAT's
# WAN port reaches the LAN server; del nat leaves the node's other rules;
# explain's nft lines, run by sh, build the same NAT.
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
command -v nft >/dev/null || skip "nft(8) is needed to check the rules"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -c 'switch ns2; router ns1 ns3; node ns4 ns5;
	cable ns1 ns2 172.16.0.1/24; cable ns3 ns2 172.16.0.3/24; addr ns2 172.16.0.100/24;
	cable ns4 ns1 10.1.0.1/24 10.1.0.254/24; cable ns5 ns3 10.2.0.1/24 10.2.0.254/24;
	route ns4 default via 10.1.0.254; route ns5 default via 10.2.0.254'

# The WAN knows where the private ranges are, so only the NAT's filter can
# stop it: before nat, WAN -> LAN works (the routers just forward).
ip -n ns2 route add 10.1.0.0/24 via 172.16.0.1
ip -n ns2 route add 10.2.0.0/24 via 172.16.0.3
spawn ip netns exec ns4 "$PROBE" serve 80
spawn ip netns exec ns2 "$PROBE" serve 1234
wait_for 3 sh -c "ip netns exec ns4 ss -ltn | grep -q ':80 '" || fail "the LAN server did not start"
wait_for 3 sh -c "ip netns exec ns2 ss -ltn | grep -q ':1234 '" || fail "the WAN server did not start"
out=$(ip netns exec ns2 "$PROBE" connect -w 2 10.1.0.1:80) || fail "before nat, WAN -> LAN fails: $out"
ok "before nat the router forwards WAN -> LAN ($out)"

# ns1 has no default route: its WAN side is named. ns3's default route
# leaves by its WAN side, which nat then finds by itself.
expect_fail_msg "'ns1' has no default route, so its WAN side is unknown; name it: nat ns1 out IF \(its interfaces: eth0, eth1\)" \
	netsh -c 'nat ns1'
expect_ok netsh -c 'nat ns1 out eth0'
expect_ok netsh -c 'route ns3 default via 172.16.0.100; nat ns3'
netsh -c show | grep -q '^  nat out eth0, type port-restricted$' || fail "show does not list the NAT"

# LAN -> WAN: the server sees the NAT's WAN address.
out=$(ip netns exec ns4 "$PROBE" connect 172.16.0.100:1234) || fail "ns4 cannot reach the WAN server"
echo "$out"
echo "$out" | grep -Eq 'saw 172\.16\.0\.1:[0-9]+$' || fail "ns4's connection did not come from ns1's WAN address: $out"
out=$(ip netns exec ns5 "$PROBE" connect 172.16.0.100:1234) || fail "ns5 cannot reach the WAN server"
echo "$out" | grep -Eq 'saw 172\.16\.0\.3:[0-9]+$' || fail "ns5's connection did not come from ns3's WAN address: $out"
ok "LAN -> WAN arrives from the NAT's WAN address"
expect_ok netsh -c 'ns4 ping -c1 -W2 ns2'

# show ns1: the NAT in words and the live mapping of that connection.
out=$(netsh -c 'show ns1') || fail "show ns1 failed"
echo "$out" | sed -n '/^nat:/,$p'
echo "$out" | grep -q 'IPv4 leaving by eth0 goes out as 172.16.0.1' || fail "show ns1 does not say what the NAT does"
echo "$out" | grep -q 'type port-restricted: endpoint-independent mapping' || fail "show ns1 does not give the NAT type"
echo "$out" | grep -Eq '^  tcp  10\.1\.0\.1:[0-9]+ -> 172\.16\.0\.1:[0-9]+ -> 172\.16\.0\.100:1234' ||
	fail "show ns1 does not show the mapping inside -> outside -> remote"
ok "show ns1 shows the NAT and its conntrack mappings"

# WAN -> LAN private address: dropped now.
expect_fail ip netns exec ns2 "$PROBE" connect -w 2 10.1.0.1:80
ok "the WAN cannot reach a LAN host's private address"

# Port forwarding: the NAT's WAN port 8080 reaches ns4's server on 80, and
# ns4 sees the real remote (no source NAT on the way in).
expect_ok netsh -c 'forward ns1 tcp 8080 to ns4:80'
out=$(ip netns exec ns2 "$PROBE" connect 172.16.0.1:8080) || fail "the forward does not reach ns4"
echo "$out" | grep -Eq 'saw 172\.16\.0\.100:[0-9]+$' || fail "ns4 did not see the remote's address: $out"
ok "after forward, the NAT's WAN port reaches the LAN server ($out)"
expect_fail ip netns exec ns2 "$PROBE" connect -w 2 10.1.0.1:80
ok "the private address stays closed"
out=$(netsh -c 'show ns1')
echo "$out" | grep -Eq '^  tcp  10\.1\.0\.1:80 -> 172\.16\.0\.1:8080 -> 172\.16\.0\.100:[0-9]+  \(from outside\)' ||
	fail "show ns1 does not show the forwarded connection: $out"

# Two LANs behind two NATs: ns4 reaches ns5 through ns3's UDP forward, and
# ns5 sees ns1's WAN address.
spawn ip netns exec ns5 "$PROBE" echo 5000
expect_ok netsh -c 'forward ns3 udp 5000 to 10.2.0.1'
out=$(ip netns exec ns4 "$PROBE" probe 172.16.0.3:5000) || fail "ns4 cannot reach ns5 through ns3's forward: $out"
echo "$out" | grep -Eq 'saw 172\.16\.0\.1:[0-9]+$' || fail "ns5 did not see ns1's WAN address: $out"
ok "LAN to LAN across both NATs ($out)"

# The rules are in netsh's own table; the node's other tables stay.
expect_ok netsh -c "nft ns1 'add table ip mine; add chain ip mine in { type filter hook input priority 0; }'"
ip netns exec ns1 nft list tables
expect_ok netsh -c 'del forward ns1 tcp 8080'
expect_fail ip netns exec ns2 "$PROBE" connect -w 2 172.16.0.1:8080
ok "del forward closes the port"
expect_ok netsh -c 'del nat ns1'
tables=$(ip netns exec ns1 nft list tables)
[ "$tables" = "table ip mine" ] || fail "del nat left '$tables', want only the user's table ip mine"
ok "del nat removes netsh's table and leaves the user's"
netsh -c show | grep -A4 '^ns1 ' | grep -q nat && fail "show still lists ns1's NAT"
out=$(ip netns exec ns2 "$PROBE" connect -w 2 10.1.0.1:80) || fail "after del nat, ns1 does not forward WAN -> LAN: $out"
ok "after del nat ns1 is a plain router again"
ip netns exec ns3 nft list table inet netsh >/dev/null || fail "ns3's NAT went too"
expect_ok netsh -c destroy

# explain's nft lines are valid input: the dry-run plan of the same lab, run
# by sh, builds a NAT that behaves the same.
PLAN=$(mktemp)
trap 'cleanup_pids; rm -f "$PLAN"' EXIT
netsh -n -q -c 'switch ns2; router ns1; node ns4;
	cable ns1 ns2 172.16.0.1/24; addr ns2 172.16.0.100/24;
	cable ns4 ns1 10.1.0.1/24 10.1.0.254/24; route ns4 default via 10.1.0.254;
	nat ns1 out eth0; forward ns1 tcp 8080 to ns4:80' > "$PLAN" ||
	fail "netsh -n failed"
grep -q "^ip netns exec ns1 nft 'add rule inet netsh postrouting meta nfproto ipv4 oifname \"eth0\" masquerade'$" "$PLAN" ||
	fail "the dry run has no masquerade line"
sh -e "$PLAN" || fail "explain's commands do not run"
ip -n ns2 route add 10.1.0.0/24 via 172.16.0.1
spawn ip netns exec ns2 "$PROBE" serve 1234
spawn ip netns exec ns4 "$PROBE" serve 80
wait_for 3 sh -c "ip netns exec ns2 ss -ltn | grep -q ':1234 '" || fail "the WAN server did not start"
wait_for 3 sh -c "ip netns exec ns4 ss -ltn | grep -q ':80 '" || fail "the LAN server did not start"
out=$(ip netns exec ns4 "$PROBE" connect 172.16.0.100:1234) || fail "explain's NAT does not pass LAN -> WAN"
echo "$out" | grep -Eq 'saw 172\.16\.0\.1:[0-9]+$' || fail "explain's NAT does not masquerade: $out"
expect_fail ip netns exec ns2 "$PROBE" connect -w 2 10.1.0.1:80
ip netns exec ns2 "$PROBE" connect 172.16.0.1:8080 || fail "explain's forward does not work"
ok "explain's nft commands build the same NAT"
