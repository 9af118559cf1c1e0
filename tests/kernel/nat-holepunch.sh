#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NAT traversal, as a tester of STUN, ICE or a WireGuard mesh meets it.
# First the exact sequence that broke `default`: a WAN host's datagram to
# the NAT's own address, at a port an inside host will use, came in on the
# router's input path, and its conntrack entry then took the tuple of the
# inside host's later mapping (which got a new port: no longer
# endpoint-independent). Then UDP hole punching between two LAN hosts
# behind two NATs, through a rendezvous server on the WAN, for every pair
# of types: it must work exactly for the pairs RFC 4787 says can punch
# through (both sides endpoint-independent mappings, or one symmetric side
# and the other filtering by address at most: full cone or restricted cone).
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; router r1 r2; node h1 h2 s1 s2
	cable r1 wan 172.16.0.1/24; cable r2 wan 172.16.0.2/24
	cable s1 wan 172.16.0.11/24; cable s2 wan 172.16.0.12/24
	cable h1 r1 10.1.0.1/24 10.1.0.254/24; route h1 default via 10.1.0.254
	cable h2 r2 10.2.0.1/24 10.2.0.254/24; route h2 default via 10.2.0.254
	route r1 default via 172.16.0.11; route r2 default via 172.16.0.11'
spawn ip netns exec s1 "$PROBE" echo 7000
spawn ip netns exec s2 "$PROBE" echo 7000
spawn ip netns exec s1 "$PROBE" rendezvous 3478
wait_for 3 sh -c "ip netns exec s1 ss -lun | grep -q ':3478 '" || fail "the rendezvous server did not start"
wait_for 3 sh -c "ip netns exec s2 ss -lun | grep -q ':7000 '" || fail "s2's server did not start"

# The unsolicited datagram first, then the inside host's two mappings.
expect_ok netsh -q -c 'nat r1'
ip netns exec s1 "$PROBE" send -p 7000 172.16.0.1:4000 "knock"
out=$(ip netns exec h1 "$PROBE" probe -p 4000 172.16.0.11:7000 172.16.0.12:7000) ||
	fail "the inside host's probe failed: $out"
echo "$out"
p1=$(echo "$out" | sed -n 's/^172\.16\.0\.11:7000 saw 172\.16\.0\.1:\([0-9]*\)$/\1/p')
p2=$(echo "$out" | sed -n 's/^172\.16\.0\.12:7000 saw 172\.16\.0\.1:\([0-9]*\)$/\1/p')
[ -n "$p1" ] && [ "$p1" = "$p2" ] ||
	fail "after an unsolicited datagram the two servers saw ports '$p1' and '$p2': not endpoint-independent"
[ "$p1" = 4000 ] || fail "the inside port 4000 was not kept (got $p1)"
ok "an unsolicited datagram to the NAT's address leaves the mapping endpoint-independent"
out=$(ip netns exec s1 ping -c1 -W1 172.16.0.1 2>&1) && fail "the NAT router answers pings from the WAN: $out"
ok "from the WAN side only replies come in, to the router itself too"
ip netns exec h1 ping -c1 -W2 172.16.0.11 >/dev/null || fail "the inside host cannot ping out"
ip netns exec r1 ping -c1 -W2 172.16.0.11 >/dev/null || fail "the router cannot ping out (its replies must come in)"
ok "replies still come in: pings from inside and from the router itself"
expect_ok netsh -q -c 'del nat r1'

# Hole punching for every pair of types: "ok" where it must connect.
port=5100
punch() {	# TYPE1 TYPE2 WANT
	port=$((port + 1))
	expect_ok netsh -q -c "nat r1 type $1; nat r2 type $2"
	ip netns exec h1 "$PROBE" punch -p $port -t 3 172.16.0.11:3478 > "$LOG.1" 2>&1 &
	local a=$!
	ip netns exec h2 "$PROBE" punch -p $port -t 3 172.16.0.11:3478 > "$LOG.2" 2>&1
	local rc2=$? rc1=0
	wait $a || rc1=$?
	local got=fail
	[ $rc1 = 0 ] && [ $rc2 = 0 ] && got=ok
	printf '%-15s %-15s %s (h1: %s; h2: %s)\n' "$1" "$2" "$got" \
		"$(tr '\n' ' ' < "$LOG.1")" "$(tr '\n' ' ' < "$LOG.2")"
	expect_ok netsh -q -c 'del nat r1; del nat r2'
	[ "$got" = "$3" ] || fail "hole punching $1 <-> $2: $got, RFC 4787 says $3"
}
LOG=$(mktemp)
trap 'cleanup_pids; rm -f "$LOG" "$LOG.1" "$LOG.2"' EXIT
punch port-restricted port-restricted ok
punch port-restricted full-cone ok
punch full-cone full-cone ok
punch restricted-cone restricted-cone ok
punch full-cone symmetric ok
punch restricted-cone symmetric ok
punch cgnat symmetric ok
punch port-restricted symmetric fail
punch symmetric symmetric fail
ok "hole punching connects exactly the pairs of NAT types that can"
expect_ok netsh -q -c destroy
