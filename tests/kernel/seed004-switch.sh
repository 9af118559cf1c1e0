#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Seed 004: two nodes on a switch ping each other; the bridge has both ports;
# an address on the bridge makes the switch a host on the segment.
. "$TESTLIB"

expect_ok netsh -c 'switch br1; node ns1 ns2; cable ns1 br1 10.0.0.1/24; cable ns2 br1 10.0.0.2/24'
expect_ok netsh -c 'ns1 ping -c1 -W2 ns2'
ports=$(ip -n br1 -o link show master br0 | awk -F': ' '{print $2}' | cut -d@ -f1 | sort | tr '\n' ' ')
[ "$ports" = "ns1 ns2 " ] || fail "bridge ports are '$ports', want 'ns1 ns2 '"
ok "the bridge has both ports"
expect_ok netsh -c 'addr br1 10.0.0.100/24'
expect_ok netsh -c 'exec br1 ping -c1 -W2 10.0.0.1'
expect_ok netsh -c 'ns2 ping -c1 -W2 br1'
ok "the bridge's address reaches both nodes"
