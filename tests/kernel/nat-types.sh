#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# NAT types, measured (RFC 4787): from ONE inside UDP socket, send to two WAN
# servers and compare the source ports they saw; then a third WAN host (and
# the first server from another port) sends unsolicited UDP to the mapped
# port.
#   default    same port (endpoint-independent mapping), unsolicited dropped
#   symmetric  different ports (address-and-port-dependent mapping), dropped
#   full-cone  same port, unsolicited delivered (endpoint-independent filtering)
. "$TESTLIB"

PROBE=$(dirname "$NETSH")/tests/nat/natprobe
[ -x "$PROBE" ] || { echo "ERROR: $PROBE not built" >&2; exit 99; }
command -v nft >/dev/null || skip "nft(8) is needed to check the rules"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; router r1; node h1 s1 s2 s3;
	cable r1 wan 172.16.0.1/24; cable s1 wan 172.16.0.11/24;
	cable s2 wan 172.16.0.12/24; cable s3 wan 172.16.0.13/24;
	cable h1 r1 10.1.0.1/24 10.1.0.254/24; route h1 default via 10.1.0.254;
	route r1 default via 172.16.0.11'
spawn ip netns exec s1 "$PROBE" echo 7000
spawn ip netns exec s2 "$PROBE" echo 7000
wait_for 3 sh -c "ip netns exec s1 ss -lun | grep -q ':7000 '" || fail "s1's server did not start"
wait_for 3 sh -c "ip netns exec s2 ss -lun | grep -q ':7000 '" || fail "s2's server did not start"

LOG=$(mktemp)
trap 'cleanup_pids; rm -f "$LOG"' EXIT

# measure TYPE LPORT: sets P1, P2 (the outside ports s1 and s2 saw) and
# UNSOLICITED (how many unsolicited datagrams reached the inside socket).
measure() {
	expect_ok netsh -c "nat r1 type $1"
	: > "$LOG"
	ip netns exec h1 "$PROBE" probe -p "$2" -l 3 172.16.0.11:7000 172.16.0.12:7000 > "$LOG" &
	probe=$!
	wait_for 5 grep -q '^listening' "$LOG" || { kill "$probe"; cat "$LOG"; fail "the probe got no answers"; }
	P1=$(sed -n 's/^172\.16\.0\.11:7000 saw 172\.16\.0\.1:\([0-9]*\)$/\1/p' "$LOG")
	P2=$(sed -n 's/^172\.16\.0\.12:7000 saw 172\.16\.0\.1:\([0-9]*\)$/\1/p' "$LOG")
	if [ -z "$P1" ] || [ -z "$P2" ]; then cat "$LOG"; fail "type $1: a server saw no NAT address"; fi
	# Unsolicited: from a third host, and from s1 but another port.
	ip netns exec s3 "$PROBE" send -p 9000 "172.16.0.1:$P1" "from-s3"
	ip netns exec s1 "$PROBE" send -p 7001 "172.16.0.1:$P1" "from-s1-7001"
	wait "$probe" || { cat "$LOG"; fail "type $1: the probe failed"; }
	cat "$LOG"
	UNSOLICITED=$(grep -c '^unsolicited from' "$LOG")
	echo "type $1: inside 10.1.0.1:$2 -> s1 saw port $P1, s2 saw port $P2; $UNSOLICITED unsolicited delivered"
	netsh -c 'show r1' | sed -n '/^nat:/,$p'
	expect_ok netsh -q -c 'del nat r1'
}

measure default 5000
[ "$P1" = "$P2" ] || fail "default: the two servers saw different ports ($P1, $P2): not endpoint-independent"
[ "$P1" = 5000 ] || fail "default: the inside port 5000 was not kept (got $P1)"
[ "$UNSOLICITED" = 0 ] || fail "default: unsolicited UDP reached the inside host"
ok "default: endpoint-independent mapping, address-and-port-dependent filtering"

measure symmetric 5001
[ "$P1" != "$P2" ] || fail "symmetric: both servers saw port $P1: not a new port per destination"
[ "$UNSOLICITED" = 0 ] || fail "symmetric: unsolicited UDP reached the inside host"
ok "symmetric: a new outside port for each destination, unsolicited dropped"

measure full-cone 5002
[ "$P1" = "$P2" ] || fail "full-cone: the two servers saw different ports ($P1, $P2)"
grep -q '^unsolicited from 172\.16\.0\.13:9000: from-s3$' "$LOG" ||
	fail "full-cone: UDP from a third host did not reach the inside host"
grep -q '^unsolicited from 172\.16\.0\.11:7001: from-s1-7001$' "$LOG" ||
	fail "full-cone: UDP from another port of s1 did not reach the inside host"
ok "full-cone: endpoint-independent mapping and filtering"

# The inside host can answer the third host through the same mapping.
spawn ip netns exec s3 "$PROBE" echo 7003
wait_for 3 sh -c "ip netns exec s3 ss -lun | grep -q ':7003 '" || fail "s3's server did not start"
expect_ok netsh -q -c 'nat r1 type full-cone'
out=$(ip netns exec h1 "$PROBE" probe -p 5003 172.16.0.11:7000 172.16.0.13:7003) || fail "probe failed: $out"
echo "$out"
[ "$(echo "$out" | sed 's/.*:\([0-9]*\)$/\1/' | sort -u | wc -l)" = 1 ] ||
	fail "full-cone: s1 and s3 saw different ports"
ok "full-cone keeps one mapping for every destination"
expect_ok netsh -q -c 'del nat r1'

# TCP: h1 connects out from port P and, sharing that port, listens (as TCP
# hole punching does); s3, which h1 never talked to, connects to r1:P.
# Only the full cone lets it in.
command -v python3 >/dev/null || skip "python3 is needed for the TCP listener (scripts/setup installs it)"
spawn ip netns exec s1 "$PROBE" serve 7000
wait_for 3 sh -c "ip netns exec s1 ss -ltn | grep -q ':7000 '" || fail "s1's TCP server did not start"
tcp_in() {	# TYPE PORT: prints what h1's listener heard
	expect_ok netsh -q -c "nat r1 type $1"
	ip netns exec h1 timeout 5 python3 -c "
import socket
def sock():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    s.bind(('0.0.0.0', $2))
    return s
out = sock(); out.connect(('172.16.0.11', 7000))
lis = sock(); lis.listen(); lis.settimeout(2)
print('listening', flush=True)
try:
    c, a = lis.accept(); print('accepted from %s' % a[0])
except OSError:
    print('nothing came in')" > "$LOG" &
	local py=$!
	wait_for 3 grep -q listening "$LOG" || fail "h1's TCP listener did not start"
	ip netns exec s3 "$PROBE" connect -w 2 "172.16.0.1:$2" >/dev/null 2>&1
	wait $py
	cat "$LOG"
	expect_ok netsh -q -c 'del nat r1'
}
tcp_in full-cone 6001
grep -q '^accepted from 172\.16\.0\.13$' "$LOG" || fail "full-cone: a TCP connection from s3 did not reach h1's listener"
tcp_in port-restricted 6002
grep -q '^nothing came in$' "$LOG" || fail "port-restricted: a TCP connection from s3 came in"
tcp_in restricted-cone 6003
grep -q '^nothing came in$' "$LOG" || fail "restricted-cone: a TCP connection from another address came in"
ok "TCP: full-cone lets a connection from any host in to a mapped port; the others do not"
expect_ok netsh -q -c destroy
