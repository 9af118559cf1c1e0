#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Bad NAT input on the kernel: status 1, the token and the reason named (nft's
# own error text for nft), and the lab unchanged: model, rules, other nodes.
. "$TESTLIB"

command -v nft >/dev/null || skip "nft(8) is needed to check the rules"
ip netns add nftprobe || fail "cannot add a namespace"
ip netns exec nftprobe nft add table inet t 2>/dev/null || skip "no nftables in this kernel"
ip netns del nftprobe

expect_ok netsh -q -c 'switch wan; router r1 r2; node h1 s1;
	cable r1 wan 172.16.0.1/24; cable s1 wan 172.16.0.11/24; cable h1 r1 10.1.0.1/24 10.1.0.254/24;
	cable r2 h1 10.9.0.1/24 10.9.0.2/24'
# What a user would look at: the lab, and every node's ruleset.
snap() {
	netsh -c show
	for n in wan r1 r2 h1 s1; do echo "== $n"; ip netns exec "$n" nft list ruleset; done
}

before=$(snap)
# nat on a node with no WAN side: the candidates are named.
expect_fail_msg "^netsh: nat: 'r1' has no default route, so its WAN side is unknown; name it: nat r1 out IF \(its interfaces: eth0, eth1\)" \
	netsh -c 'nat r1'
# An unknown interface.
expect_fail_msg "^netsh: nat: 'eth9': r1 has no interface eth9 \(it has: eth0, eth1\)" netsh -c 'nat r1 out eth9'
expect_fail_msg "'cone': no such NAT type; expected full-cone, restricted-cone, port-restricted, symmetric or cgnat" netsh -c 'nat r1 out eth0 type cone'
# No default route at all.
expect_fail_msg "'r2' has no default route" netsh -c 'nat r2'
expect_fail_msg "forward: 'r1' has no NAT to forward through; nat r1 first" netsh -c 'forward r1 tcp 80 to h1'
after=$(snap)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); fail "a refused nat changed the lab"; }
ok "refused nat commands change nothing"

# Ambiguous: an IPv4 and an IPv6 default route leaving by different
# interfaces; nat names both and the candidates.
expect_ok netsh -q -c 'addr r2:eth0 fd09::1/64; addr h1:eth1 fd09::2/64; route r2 default via fd09::2;
	cable r2 wan 172.16.0.2/24; route r2 default via 172.16.0.11'
before=$(snap)
expect_fail_msg "^netsh: nat: 'r2': its default routes leave by eth0 and eth1, so its WAN side is ambiguous; name it: nat r2 out IF \(eth0, eth1\)" \
	netsh -c 'nat r2'
after=$(snap)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); fail "the ambiguous nat changed the lab"; }
ok "nat on a node whose default routes leave by two interfaces names them"

expect_ok netsh -q -c 'nat r1 out eth0; forward r1 tcp 8080 to h1:80'
ip netns exec r1 nft add table ip mine
before=$(snap)
# forward to an address outside the lab.
expect_fail_msg "^netsh: forward: '8\.8\.8\.8': no node of the lab has this address" \
	netsh -c 'forward r1 tcp 80 to 8.8.8.8'
expect_fail_msg "'10\.1\.0\.254' is r1 itself" netsh -c 'forward r1 tcp 80 to 10.1.0.254:80'
expect_fail_msg "'8080': r1 already forwards tcp 8080 to 10\.1\.0\.1:80" netsh -c 'forward r1 tcp 8080 to h1'
expect_fail_msg "'r1' already has NAT out of eth0 \(type port-restricted\); nat r1 type T, out IF, timeout T or a behaviour word changes it" netsh -c 'nat r1'
expect_fail_msg "'9090': r1 forwards no tcp port 9090 \(it forwards: tcp 8080\)" netsh -c 'del forward r1 tcp 9090'
expect_fail_msg "'h1' has no NAT made by netsh" netsh -c 'del nat h1'
# Malformed nft text: nft's own error, nothing changes, later commands not run.
expect_fail_msg "^netsh: nft: r1: Error: syntax error" netsh -c "nft r1 'add table ip x; add rule ip x c ip saddr'; node zz"
ns_exists zz && fail "a command after the failed nft ran"
expect_fail_msg "^netsh: nft: r1: Error: unknown chain hook" netsh -c "nft r1 'add table ip x; add chain ip x c { type filter hook nowhere priority 0; }'"
# Valid syntax that the kernel refuses halfway: the batch is atomic, so
# table ip y (first) is not made either.
expect_fail_msg "nft: r1: Error: .*No such file or directory" netsh -c "nft r1 'add table ip y; add chain ip nosuch c'"
expect_fail_msg "host's own firewall" netsh -c "nft host 'list ruleset'"
after=$(snap)
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after"); fail "bad input changed the lab"; }
ok "bad NAT input changes nothing and names the token"

# nft's output is shown; the user's rules are the user's (not recorded).
out=$(netsh -c "nft r1 'list table ip mine'") || fail "nft list failed"
[ "$out" = "$(printf 'table ip mine {\n}')" ] || fail "nft output not shown as nft prints it: '$out'"
expect_ok netsh -q -c "nft r1 'add table ip x'"
ip netns exec r1 nft list table ip x >/dev/null || fail "nft did not add table ip x"
netsh -c show | grep -q 'ip x' && fail "the user's nft rules went into the lab's record"
# A user who removes netsh's table is warned.
out=$(netsh -c "nft r1 'delete table inet netsh'" 2>&1) || fail "nft delete failed"
echo "$out" | grep -q "warning: r1: netsh's table inet netsh is gone" || fail "no warning: $out"
netsh -c 'show r1' | grep -q 'warning: table inet netsh is missing' || fail "show does not tell the table is missing"
# del nat still cleans the record up, and nat builds it again.
expect_ok netsh -c 'del nat r1'
expect_ok netsh -c 'nat r1 out eth0'
ip netns exec r1 nft list table inet netsh >/dev/null || fail "nat did not rebuild the table"
ok "nft runs the user's own rules; netsh's table can be rebuilt"
