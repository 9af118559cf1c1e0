#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Nodes are real named namespaces: ip netns exec works on them from anywhere.
. "$TESTLIB"

expect_ok netsh -c 'node n1 n2; cable n1 n2 10.1.0.1/24 10.1.0.2/24; addr n1:eth0 fd00::1/64'
out=$(ip netns exec n1 ip -br addr show eth0)
echo "$out"
echo "$out" | grep -q 'UP' || fail "eth0 is not up"
echo "$out" | grep -q '10.1.0.1/24' || fail "10.1.0.1/24 missing"
echo "$out" | grep -q 'fd00::1/64' || fail "fd00::1/64 missing"
ip netns exec n1 ip -br link show lo | grep -q UNKNOWN || fail "lo is not up in n1"
ok "ip netns exec n1 ip -br addr shows what netsh made"
# exec runs inside the node; a failing program fails the command.
expect_ok netsh -c 'exec n2 ip -br addr show eth0' 
expect_fail_msg "'false' exited with status 1" netsh -c 'n1 false'
expect_fail_msg "'no-such-program': command not found" netsh -c 'n1 no-such-program'
ok "exec reports a program's failure"
