#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# natcheck, the built-in RFC 5780 classifier, on every NAT preset, on a mix
# of behaviour words and on a chain (a home NAT behind a carrier-grade
# NAT): what it measures must be what the type says, doc/nat.md's table of
# the presets must be what it measures, and it must leave the lab as it
# was. Then the mapping lifetime, and the errors.
. "$TESTLIB"

top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; switch lan; router r1 cgn; node h1 h2 s1
	cable cgn wan 172.16.0.1/24; cable s1 wan 172.16.0.11/24
	cable r1 cgn 100.64.0.2/24 100.64.0.1/24; route r1 default via 100.64.0.1
	cable r1 lan 10.1.0.254/24; cable h1 lan 10.1.0.1/24; cable h2 lan 10.1.0.2/24
	route h1 default via 10.1.0.254; route h2 default via 10.1.0.254
	route cgn default via 172.16.0.11; route s1 default via 172.16.0.1'

addrs_routes() {
	for ns in $(ip netns list | awk '{ print $1 }' | sort); do
		echo "== $ns"; ip -n "$ns" -br addr | awk '{ out = $1; for (i = 3; i <= NF; i++) if ($i !~ /^fe80::/) out = out " " $i; print out }' | sort; ip -n "$ns" route | sort
	done
}
before=$(addrs_routes)

# check TYPE-WORDS MAPPING FILTERING HAIRPIN PRESERVATION: nat r1 with the
# words, natcheck h1, and what it must measure.
check() {
	expect_ok netsh -q -c "nat r1 out eth0 $1"
	out=$(netsh -c 'natcheck h1') || fail "natcheck h1 with $1 failed: $out"
	echo "$out"
	echo "$out" | grep -qx "  mapping            $2" || fail "$1: mapping is not $2"
	echo "$out" | grep -qx "  filtering          $3" || fail "$1: filtering is not $3"
	echo "$out" | grep -qx "  hairpinning        $4" || fail "$1: hairpinning is not $4"
	echo "$out" | grep -qx "  port preservation  $5" || fail "$1: port preservation is not $5"
	echo "$out" | grep -q "^  as r1's type" || fail "$1: natcheck does not agree with the type"
	expect_ok netsh -q -c 'del nat r1'
}

# The presets, as doc/nat.md's table gives them.
rows=$(sed -n '/^<!-- natcheck table -->$/,/^<!-- end -->$/p' "$top/doc/nat.md" | grep '^| [a-z-]* |' | grep -v '^| type |')
[ "$(echo "$rows" | wc -l)" = 5 ] || fail "doc/nat.md's natcheck table does not list the five presets: $rows"
while IFS='|' read -r _ type mapping filtering hairpin preserve _; do
	check "type $(echo $type)" "$(echo $mapping)" "$(echo $filtering)" "$(echo $hairpin)" "$(echo $preserve)"
done <<< "$rows"
ok "natcheck measures every preset as doc/nat.md's table says"

check "type port-restricted mapping ad ports random hairpin on" address-dependent \
	address-and-port-dependent yes no
ok "behaviour words change what a preset does"

[ "$(addrs_routes)" = "$before" ] || fail "natcheck left the lab changed: $(diff <(echo "$before") <(addrs_routes))"
ip -n cgn addr | grep -q 198.51.100 && fail "the probe addresses are still on cgn"
netsh -c 'show cgn' | grep -q 198.51.100 && fail "the record still has the probe addresses"
ok "natcheck leaves the lab as it was"

# A home NAT behind a carrier-grade NAT (NAT444, shared address space).
expect_ok netsh -q -c 'nat r1 out eth0; nat cgn type cgnat'
out=$(netsh -c 'natcheck h1') || fail "natcheck through the chain failed: $out"
echo "$out"
echo "$out" | grep -q '^natcheck h1: through r1 (port-restricted), cgn (cgnat) to probes at 198\.51\.100\.1 and 198\.51\.100\.2, ports 3478 and 3479, on s1$' ||
	fail "the chain's path is not r1, cgn to s1"
echo "$out" | grep -qx '  mapped address     172\.16\.0\.1:[0-9]* (inside port [0-9]*)' ||
	fail "the mapping is not the CGN's outside address"
echo "$out" | grep -qx '  mapping            endpoint-independent' || fail "chain: mapping"
echo "$out" | grep -qx '  filtering          address-and-port-dependent' || fail "chain: the home NAT's filtering"
expect_ok netsh -q -c 'nat r1 type full-cone'
out=$(netsh -c 'natcheck h1') || fail "natcheck through the chain failed: $out"
echo "$out"
echo "$out" | grep -qx '  filtering          endpoint-independent' || fail "chain of full cones: filtering"
echo "$out" | grep -qx '  hairpinning        yes' || fail "the CGN does not hairpin back to the home NAT"
ok "natcheck through a home NAT behind a CGN: the chain's behaviour as a whole (s1's default route back to cgn ends the walk)"

# A second home LAN behind the CGN that reuses h1's subnet and gateway:
# natcheck h3 follows h3's own links, to r2.
expect_ok netsh -q -c 'router r2; node h3; switch lan2
	cable r2 cgn 100.64.1.2/24 100.64.1.1/24; route r2 default via 100.64.1.1
	cable r2 lan2 10.1.0.254/24; cable h3 lan2 10.1.0.1/24; route h3 default via 10.1.0.254
	nat r2 type symmetric'
out=$(netsh -c 'natcheck h3') || fail "natcheck h3: $out"
echo "$out"
echo "$out" | grep -q '^natcheck h3: through r2 (symmetric), cgn (cgnat) to probes' ||
	fail "natcheck h3 did not follow h3's own gateway (the same address as h1's)"
echo "$out" | grep -qx '  mapping            address-and-port-dependent' || fail "h3's mapping is r2's"
expect_ok netsh -q -c 'del h3; del r2; del lan2'
ok "natcheck follows the node's own links when two LANs share a subnet"

# How long an idle mapping lasts.
expect_ok netsh -q -c 'nat r1 timeout 3s; nat cgn timeout 3s'
out=$(netsh -c 'natcheck h1 lifetime') || fail "natcheck lifetime failed: $out"
echo "$out"
echo "$out" | grep -Eqx '  mapping lifetime   at least [23] s, less than [35] s' ||
	fail "with timeout 3s the mapping lifetime is not about 3 s"
ok "natcheck h1 lifetime measures the NAT's timeout"

expect_fail_msg "natcheck: 'cgn': its IPv4 default route crosses no NAT" netsh -c 'natcheck cgn'
expect_fail_msg "natcheck: 'lone' has no IPv4 default route via a gateway" netsh -c 'node lone; natcheck lone'
expect_fail_msg "natcheck: 'cgn', a NAT on the way, has no IPv4 default route via a node of the lab beyond it" \
	netsh -c 'natcheck s1'	# s1's default route leads back through cgn to itself
expect_fail_msg "natcheck: 'wan' is a switch" netsh -c 'natcheck wan'
expect_fail_msg "natcheck: 'liftime': expected lifetime \(or nothing\); did you mean lifetime\?" netsh -c 'natcheck h1 liftime'
expect_fail_msg "natcheck: 'h9': no such node" netsh -c 'natcheck h9'
expect_ok netsh -q -c 'del nat cgn'
expect_fail_msg "natcheck: 'r1', a NAT on the way, has no IPv4 default route via a node of the lab" \
	netsh -c 'del route r1 default; natcheck h1'
ok "natcheck's errors name the node and why"
expect_ok netsh -q -c destroy
