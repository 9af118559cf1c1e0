#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A lab is extended across two netsh runs; the second sees the first's nodes,
# kinds and cables.
. "$TESTLIB"

expect_ok netsh -c 'router r1; node h1'
expect_ok netsh -c 'cable h1 r1 subnet 10.0.1.0/30'
out=$(netsh -c show) || fail "show failed"
echo "$out"
echo "$out" | grep -q '^r1 (router)' || fail "r1 is not remembered as a router"
echo "$out" | grep -q 'eth0   UP   peer r1:eth0  10.0.1.1/30' || fail "the cable is not remembered"
expect_ok netsh -c 'h1 ping -c1 -W2 r1'
[ "$(ip netns exec r1 cat /proc/sys/net/ipv4/conf/all/forwarding)" = 1 ] || fail "r1 does not forward"
expect_fail_msg "'h1': a node of that name already exists" netsh -c 'node h1'
ok "the lab persists across invocations"
# Default interface names continue from what the first run made.
expect_ok netsh -c 'node h2; cable h2 r1'
ip -n r1 link show eth1 >/dev/null || fail "r1's second cable is not eth1"
ok "names continue across runs"

# A journal of netsh 0.1 (version 1, positional fields) is refused by name,
# and the lab it describes is left as it is.
old=/run/old/lab
mkdir -p "$old"
printf 'netsh-journal 1\nns_add node x - - - - - 0 0 0 7 9 0 0\n' >"$old/journal"
expect_fail_msg "journal version 1.*remove its namespaces" \
	env NETSH_STATE_DIR=/run/old "$NETSH" -L lab -c show
ok "an old journal is refused, naming its version"
