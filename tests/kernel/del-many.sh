#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# del of a node with many cables: the cuts go to the kernel as one request
# (a switch's ports from their far side, a router's cables from its own),
# each proven first; a cable gone by hand is counted as cut, one changed by
# hand stops the command with nothing deleted and nothing left marked.
. "$TESTLIB"

# hosts N SWITCH NET: cables h1..hN to SWITCH, addresses NET.1..NET.N/24.
cables() {
	for i in $(seq 1 "$1"); do printf '; cable h%d %s %s.%d/24' "$i" "$2" "$3" "$i"; done
}
# no_eth0 N: no host h1..hN has an eth0 left.
no_eth0() {
	for i in $(seq 1 "$1"); do
		ip -n "h$i" -o link show eth0 >/dev/null 2>&1 && return 1
	done
	return 0
}
# no_drift: show marks nothing as changed outside netsh.
no_drift() {
	out=$(netsh -c show) || fail "show failed: $out"
	! echo "$out" | grep -q '!' || fail "show marks drift: $(echo "$out" | grep '!')"
}

hosts=$(for i in $(seq 1 20); do printf ' h%d' "$i"; done)
expect_ok netsh -q -c "switch sw; node$hosts$(cables 20 sw 10.5.0)"
expect_ok netsh -q -c 'router r0 r1 r2 r3; cable r0 r1 subnet 10.9.1.0/30
cable r0 r2 subnet 10.9.2.0/30; cable r0 r3 subnet 10.9.3.0/30; cable r0 sw 10.5.0.254/24'
expect_ok netsh -c 'h3 ping -c1 -W2 10.5.0.254'

# The test holds each deleted namespace open (a descriptor of its own), so
# what del does not cut itself is still there to be seen afterwards.
exec 8</run/netns/sw
expect_ok netsh -q -c 'del sw'
ns_exists sw && fail "del left sw's namespace"
no_eth0 20 || fail "a host kept its cable to sw"
ip -n r0 -o link show eth3 >/dev/null 2>&1 && fail "r0 kept its cable to sw"
[ "$(ip -n r0 -br link | awk '$1 != "lo"' | wc -l)" -eq 3 ] ||
	fail "r0 lost a cable that was not sw's: $(ip -n r0 -br link)"
no_drift
exec 8<&-
ok "del of a switch cuts its 21 ports, and nothing else"

exec 8</run/netns/r0
expect_ok netsh -q -c 'del r0'
for r in r1 r2 r3; do
	ip -n "$r" -o link show eth0 >/dev/null 2>&1 && fail "$r kept its cable to r0"
done
exec 8<&-
no_drift
ok "del of a router cuts its three cables"

# A port deleted by hand: the others are cut one at a time.
expect_ok netsh -q -c "switch sw2$(cables 20 sw2 10.6.0)"
ip -n h7 link del eth0
expect_ok netsh -q -c 'del sw2'
ns_exists sw2 && fail "del left sw2's namespace"
no_eth0 20 || fail "a host kept its cable to sw2"
no_drift
ok "a cable already gone is counted as cut; the others are cut"

# A host's end replaced by hand is not netsh's: del stops, names it, and
# every cable it had cut is made again, with its address.
expect_ok netsh -q -c "switch sw3$(cables 20 sw3 10.7.0)"
ip -n h9 link del eth0
ip -n h9 link add eth0 type veth peer name other0
expect_fail_msg "h9: eth0 is not the link netsh created" netsh -q -c 'del sw3'
ns_exists sw3 || fail "sw3 was deleted though one of its cables could not be"
for i in $(seq 1 20); do
	[ "$i" -eq 9 ] && continue
	ip -n "h$i" -o addr show eth0 | grep -q "10\.7\.0\.$i/24" ||
		fail "h$i:eth0 was not made again with its address"
done
ip -n sw3 -o link | grep -E ' group [0-9]+ ' && fail "a port of sw3 is left in a device group"
[ "$(ip -n sw3 -o link show master br0 | wc -l)" -eq 19 ] ||
	fail "sw3 does not have its 19 ports back: $(ip -n sw3 -br link)"
expect_ok netsh -c 'h3 ping -c1 -W2 10.7.0.20'
ok "a cable changed by hand stops del; the cables cut are made again"
