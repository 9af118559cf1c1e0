#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# key=value arguments reach the script: one file makes labs of any size.
. "$TESTLIB"
top=$(cd "$(dirname "$TESTLIB")/../.." && pwd)

expect_ok netsh -q "$top/labs/chain.lab" n=5 keep=true
out=$(netsh -q -c show | head -n 1)
[ "$out" = "5 nodes, 4 cables" ] || fail "chain n=5 made: $out"
for i in 1 2 3 4 5; do ns_exists "c$i" || fail "no namespace c$i"; done
ns_exists c6 && fail "a sixth node"
ok "chain n=5 keep=true makes 5 routers and keeps them"
expect_ok netsh -q -c destroy

expect_ok netsh -q "$top/labs/star.lab" n=3 keep=true
out=$(netsh -q -c show | head -n 1)
[ "$out" = "4 nodes, 3 cables" ] || fail "star n=3 made: $out"
ok "star n=3 makes 3 nodes and the switch"
expect_ok netsh -q -c destroy

expect_ok netsh -q "$top/labs/tree.lab" n=7 k=3 keep=true
out=$(netsh -q -c show | head -n 1)
[ "$out" = "7 nodes, 6 cables" ] || fail "tree n=7 made: $out"
ok "tree n=7 k=3"
expect_ok netsh -q -c destroy

expect_fail_msg "^netsh: 'n': lab arguments are key=value \(as n=10\)$" \
	netsh -q "$top/labs/chain.lab" n
expect_fail_msg "chain.lab:[0-9]+: n must be an integer from 2 to 65535, not 1|^netsh: n must be an integer from 2 to 65535, not 1" \
	netsh -q "$top/labs/chain.lab" n=1
expect_fail_msg "n must be an integer from 2 to 65535, not many" \
	netsh -q "$top/labs/chain.lab" n=many
[ -z "$(ip netns list)" ] || fail "a refused lab built something"
ok "bad parameters are refused with the lab's message"
